"""Every reader is bounded in memory (and finishes) on inputs built to blow up, under ``ulimit -v`` ≈ 1.5 GB.

One child process, its address space capped with ``resource.setrlimit(RLIMIT_AS)``, feeds
each reader an input made to exhaust it — a workbook whose used range is the whole grid, a
sheet that claims gigabytes once unzipped, a 30 MB CSV field, millions of empty rows, a
YAML bomb, nesting 100,000 deep, a file of 300 MB, a billion sensitivity samples — and
prints the codes each was refused with. A reader that tried to build what the input asks
for would die of MemoryError (or be killed) instead of answering; a reader that looped
would hit the subprocess timeout. No speed is asserted here: speed targets live in bench/.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

LIMIT = 1536 * 1024 * 1024  # ulimit -v 1.5 GB

CHILD = textwrap.dedent(
    r"""
    import json, os, struct, sys, zipfile
    import openpyxl
    import perfscore
    from perfscore._files.sheets import read_sheet
    from perfscore.sensitivity import analyse

    def codes(action):
        try:
            action()
        except perfscore.PerfscoreError as err:
            return sorted({item.code for item in err.diagnostics})
        except MemoryError:
            return ["MemoryError"]
        return ["read"]

    def far_workbook():
        book = openpyxl.Workbook()
        book.active["A1"] = "一级指标"
        book.active["XFD1048576"] = "x"
        book.save("far.xlsx")

    def claims_gigabytes():
        with zipfile.ZipFile("bomb.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b" " * 1000)
        data = bytearray(open("bomb.xlsx", "rb").read())
        huge = struct.pack("<I", 3_000_000_000)
        local = data.find(b"PK\x03\x04")
        central = data.find(b"PK\x01\x02")
        data[local + 22 : local + 26] = huge
        data[central + 24 : central + 28] = huge
        open("bomb.xlsx", "wb").write(bytes(data))

    def claims_strings():
        with zipfile.ZipFile("strings.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/sharedStrings.xml", b" " * 1000)
        data = bytearray(open("strings.xlsx", "rb").read())
        huge = struct.pack("<I", 400_000_000)
        local = data.find(b"PK\x03\x04")
        central = data.find(b"PK\x01\x02")
        data[local + 22 : local + 26] = huge
        data[central + 24 : central + 28] = huge
        open("strings.xlsx", "wb").write(bytes(data))

    def sparse(name, size):
        with open(name, "wb") as handle:
            handle.truncate(size)

    results = {}
    far_workbook()
    results["xlsx used range XFD1048576"] = codes(lambda: read_sheet("far.xlsx"))
    claims_gigabytes()
    results["xlsx sheet of 3 GB unzipped"] = codes(lambda: read_sheet("bomb.xlsx"))
    claims_strings()
    results["xlsx shared strings of 400 MB"] = codes(lambda: read_sheet("strings.xlsx"))
    with open("field.csv", "w", encoding="utf-8") as handle:
        handle.write("a,b\nx," + "9" * 30_000_000 + "\n")
    results["CSV field of 30 MB"] = codes(lambda: read_sheet("field.csv"))
    with open("rows.csv", "w", encoding="utf-8") as handle:
        handle.write("a\n" + "\n" * 3_000_000 + "x\n")
    results["CSV value after 3,000,000 empty rows"] = codes(lambda: read_sheet("rows.csv"))
    sparse("huge.csv", 300 * 1024 * 1024)
    results["CSV of 300 MB"] = codes(lambda: read_sheet("huge.csv"))
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 12)]
    results["YAML billion laughs"] = codes(lambda: perfscore.load_pack_text("\n".join(lines) + "\n"))
    deep = "indicators: " + "[" * 100_000 + "]" * 100_000 + "\n"
    results["YAML nested 100,000 deep"] = codes(lambda: perfscore.load_pack_text(deep))
    sparse("huge.yaml", 300 * 1024 * 1024)
    results["YAML of 300 MB"] = codes(lambda: perfscore.load_figures("huge.yaml"))
    pack = perfscore.load_pack(sys.argv[1])
    results["a billion samples"] = codes(lambda: analyse(pack, [], samples=1_000_000_000))
    print(json.dumps(results))
    """
)

EXPECTED = {
    "xlsx used range XFD1048576": ["SHEET_TOO_LARGE"],
    "xlsx sheet of 3 GB unzipped": ["SHEET_TOO_LARGE"],
    "xlsx shared strings of 400 MB": ["SHEET_TOO_LARGE"],
    "CSV field of 30 MB": ["SHEET_TOO_LARGE"],
    "CSV value after 3,000,000 empty rows": ["SHEET_TOO_LARGE"],
    "CSV of 300 MB": ["FILE_TOO_LARGE"],
    "YAML billion laughs": ["YAML_ALIAS_LIMIT"],
    "YAML nested 100,000 deep": ["YAML_DEPTH"],
    "YAML of 300 MB": ["FILE_TOO_LARGE"],
    "a billion samples": ["SENSITIVITY_SAMPLES_LIMIT"],
}


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="needs RLIMIT_AS (Linux)")
def test_readers_refuse_inputs_built_to_blow_up_within_1_5_gb(tmp_path: Path) -> None:
    """Each hostile input gets its located refusal inside a 1.5 GB address space; none runs out of memory."""
    pytest.importorskip("openpyxl", reason="the workbook attacks need perfscore[excel]")
    pack = Path(__file__).resolve().parent.parent / "rules" / "baiyun-2021.yaml"
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CHILD, str(pack)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_cap,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == EXPECTED
