"""Load on `perfscore serve`: POST /score of the Baiyun department, over loopback only.

    python bench/serve_load.py                     # 10,000 timed requests (a few minutes)
    python bench/serve_load.py --requests 500      # a quick look

Starts ``perfscore serve rules/baiyun-2021.yaml --no-bundled`` as a child process on
127.0.0.1 (a free port), waits until it answers, sends ``--warmup`` requests, then
``--requests`` timed ones — one keep-alive connection, each request sent when the
previous answer has been read, so the rate is what one client sustains — and stops
the server. Every answer is checked (status 200, the Baiyun total range). Reported:
requests per second, p50/p90/p99/max latency, and the server's resident memory
(VmRSS) after the warm-up, halfway and at the end, so growth over the run shows.
The loop is bounded in count and in time (``--max-seconds``); traffic never leaves
this machine. The last line printed is one JSON object holding every figure.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, by design


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _wait(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/packs")
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            time.sleep(0.1)
    msg = "the server did not start"
    raise SystemExit(msg)


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--max-seconds", type=float, default=900.0, help="stop the loop after this long in any case")
    args = parser.parse_args()
    port = _free_port()
    figures = (ROOT / "examples" / "baiyunhu-2021.yaml").read_text(encoding="utf-8")
    body = json.dumps({"pack": "baiyun-2021", "figures": figures, "source": "examples/baiyunhu-2021.yaml"}).encode()
    command = [sys.executable, "-m", "perfscore", "serve", "rules/baiyun-2021.yaml", "--no-bundled"]
    server = subprocess.Popen([*command, "--host", HOST, "--port", str(port)], cwd=ROOT)  # noqa: S603 - our own CLI
    try:
        _wait(port, 60)
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"content-type": "application/json"}

        def one() -> float:
            start = time.perf_counter()
            connection.request("POST", "/score", body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            took = time.perf_counter() - start
            if response.status != 200 or b'"low": 78.86' not in answer:
                msg = f"unexpected answer {response.status}: {answer[:200]!r}"
                raise SystemExit(msg)
            return took

        for _ in range(args.warmup):
            one()
        memory = {"after_warmup_kib": _rss_kib(server.pid)}
        times: list[float] = []
        began = time.perf_counter()
        for index in range(args.requests):
            times.append(one())
            if index == args.requests // 2:
                memory["halfway_kib"] = _rss_kib(server.pid)
            if time.perf_counter() - began > args.max_seconds:
                break
        elapsed = time.perf_counter() - began
        memory["end_kib"] = _rss_kib(server.pid)
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    ordered = sorted(times)
    result = {
        "what": "POST /score of the Baiyun department, one keep-alive client over loopback",
        "requests": len(times),
        "seconds": round(elapsed, 3),
        "requests_per_second": round(len(times) / elapsed, 1),
        "p50_ms": round(_percentile(ordered, 0.50) * 1000, 2),
        "p90_ms": round(_percentile(ordered, 0.90) * 1000, 2),
        "p99_ms": round(_percentile(ordered, 0.99) * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "rss_kib": memory,
        "rss_growth_after_warmup_kib": memory["end_kib"] - memory["after_warmup_kib"],
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}",
    }
    print(
        f"{result['requests']} requests in {result['seconds']} s: {result['requests_per_second']} requests/s; "
        f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms; server RSS {memory['after_warmup_kib']} → "
        f"{memory.get('halfway_kib')} → {memory['end_kib']} KiB"
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
