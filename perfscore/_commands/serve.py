"""``perfscore serve [PACK...]``: the JSON API and the browser form (needs ``perfscore[serve]``).

Serves the bundled packs plus the packs given, by id, on 127.0.0.1:8000 unless told
otherwise. ``GET /packs``, ``GET /packs/{id}``, ``POST /score``, ``/explain``,
``/check``, ``/review`` answer with the CLI's JSON; ``/`` is a form that scores as
figures are typed. A bearer token (``--token``, or the ``PERFSCORE_TOKEN`` environment
variable) guards the API; ``--cors ORIGIN`` allows a web page elsewhere to call it.
See docs/serve.md.
"""

from __future__ import annotations

import argparse
import os

from perfscore._commands import EXIT_OK, CommandIO, require_files

NAME = "serve"
HELP = "serve the JSON API and a scoring form in the browser (perfscore[serve])"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Packs, where to listen, the limits, and who may call."""
    parser.add_argument("packs", nargs="*", metavar="PACK", help="packs to serve besides the bundled ones")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-bundled", action="store_true", help="serve only the packs given")
    parser.add_argument("--token", default=None, help="require 'Authorization: Bearer TOKEN' (or set PERFSCORE_TOKEN)")
    parser.add_argument(
        "--cors", action="append", default=[], metavar="ORIGIN", help="allow calls from this web origin"
    )
    parser.add_argument("--max-bytes", type=int, default=1024 * 1024, help="largest request body (default 1 MiB)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a request may take (default 10)")


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Load the packs, build the app, and run uvicorn until interrupted."""
    from perfscore._serve.app import create_app  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._serve.packs import load_served  # noqa: PLC0415
    from perfscore._serve.requests import Limits  # noqa: PLC0415
    from perfscore.extras import require  # noqa: PLC0415

    uvicorn = require("uvicorn", extra="serve", feature="perfscore serve")
    require_files(args.packs)
    served = load_served(args.packs, bundled=not args.no_bundled)
    token = args.token or os.environ.get("PERFSCORE_TOKEN") or None
    limits = Limits(max_bytes=args.max_bytes, seconds=args.timeout)
    app = create_app(served, lang=io.explicit_lang or "zh", token=token, cors=args.cors, limits=limits)
    ids = ", ".join(served) or "—"
    if io.lang == "zh":
        io.err.write(f"perfscore serve：http://{args.host}:{args.port}/ （规则包：{ids}）\n")
    else:
        io.err.write(f"perfscore serve: http://{args.host}:{args.port}/ (packs: {ids})\n")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", limit_concurrency=64, timeout_keep_alive=5)
    return EXIT_OK
