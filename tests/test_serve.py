"""perfscore serve: the JSON API answers what the CLI prints, and refuses what it should (perfscore[serve])."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_cli

import perfscore
from perfscore._serve import handlers
from perfscore._serve.app import create_app
from perfscore._serve.packs import load_served
from perfscore._serve.requests import Limits

testclient = pytest.importorskip("fastapi.testclient")

PACK = "rules/baiyun-2021.yaml"
FIGURES = "examples/baiyunhu-2021.yaml"
REVIEW = "examples/baiyunhu-2021-review.yaml"
TEXT = (EXAMPLES / "baiyunhu-2021.yaml").read_text(encoding="utf-8")


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, as the CLI examples do, so file names match."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def client(here):
    """A client of a server with the bundled packs (baiyun-2021 given on its command line), run from ``here``."""
    del here  # the fixture's work is the change of folder
    return testclient.TestClient(create_app(load_served([PACK])))


def _cli_json(*argv: str) -> str:
    code, out, err = run_cli(*argv)
    assert code == 0, err
    return out


def test_score_answers_byte_for_byte_what_the_cli_prints(client) -> None:
    """POST /score with the figures file's text named by its path is exactly `score --format json`."""
    response = client.post("/score", json={"pack": "baiyun-2021", "figures": TEXT, "source": FIGURES})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == _cli_json("score", PACK, FIGURES, "--format", "json")


def _figures_as_json() -> dict:
    """The JSON form of the Baiyun figures file (numbers as JSON numbers where YAML read them as numbers)."""
    import yaml  # noqa: PLC0415

    return yaml.safe_load(TEXT)


LOCATION = re.compile(r'"(examples/baiyunhu-2021\.yaml|request|posted\.json)(:\d+(:\d+)?)?"')
FIGURES_PLACES = re.compile(r"^(examples/baiyunhu-2021\.yaml|request|posted\.json)(:\d+(:\d+)?)?$")


def _unlocated(value):
    """The JSON with every place in the figures (not in the pack) replaced by a marker."""
    if isinstance(value, dict):
        if value.get("file") is not None and FIGURES_PLACES.match(value["file"]):
            value = {**value, "file": "<figures>", "line": None, "column": None}
        return {key: _unlocated(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unlocated(item) for item in value]
    if isinstance(value, str) and FIGURES_PLACES.match(value):
        return "<figures>"
    return value


def test_score_of_figures_posted_as_json_differs_only_in_locations(client) -> None:
    """Figures posted as a JSON object score the same; their locations point into the request body, under `source`."""
    body = {"pack": "baiyun-2021", "source": "posted.json", "figures": _figures_as_json()}
    response = client.post("/score", content=json.dumps(body, ensure_ascii=False, indent=1).encode())
    assert response.status_code == 200
    cli = _cli_json("score", PACK, FIGURES, "--format", "json")
    assert '"posted.json:' in response.text
    assert _unlocated(response.json()) == _unlocated(json.loads(cli))
    data = response.json()
    plan = next(node for node in data["children"] if node["id"] == "plan")
    assert (plan["score"], plan["weight"]) == (49.5, 50)


def test_review_explain_and_check_mirror_the_cli(client) -> None:
    """POST /review is `review --format json`; /explain carries `explain`'s text; /check is `check --figures`."""
    review_text = (EXAMPLES / "baiyunhu-2021-review.yaml").read_text(encoding="utf-8")
    body = {"pack": "baiyun-2021", "self": TEXT, "review": review_text, "threshold": 0.3}
    response = client.post("/review", json={**body, "self_source": FIGURES, "review_source": REVIEW})
    assert response.status_code == 200
    cli = _cli_json("review", PACK, FIGURES, REVIEW, "--format", "json", "--threshold", "0.3")
    assert response.text == cli
    response = client.post("/review", json={**body, "source": FIGURES})  # one name for both texts
    assert response.json() == json.loads(cli.replace(REVIEW, FIGURES))
    body = {"pack": "baiyun-2021", "figures": TEXT, "source": FIGURES, "indicator": "t3.water_projects"}
    response = client.post("/explain", json=body)
    assert response.status_code == 200
    explained = response.json()
    assert explained["explanation"] + "\n" == _cli_json("explain", PACK, FIGURES, "t3.water_projects")
    assert explained["node"]["score"] == 0.5
    response = client.post("/check", json={"pack": "baiyun-2021", "figures": TEXT})
    assert response.status_code == 200
    assert response.json()["ok"] is True


def test_packs_by_id_with_scheme_schema_and_form(client) -> None:
    """GET /packs lists ids; GET /packs/{id} gives the scheme, the pack JSON Schema and the form's fields."""
    listing = client.get("/packs").json()
    ids = {pack["id"] for pack in listing["packs"]}
    assert {"baiyun-2021", "baiyun-2021-plan", "czb-2020-10-project"} <= ids
    assert "html" in listing["reports"]
    detail = client.get("/packs/baiyun-2021").json()
    assert detail["scheme"]["id"] == "baiyun-2021"
    assert detail["schema"] == json.loads(_cli_json("schema"))
    keys = {field["key"] for item in detail["form"]["indicators"] for field in item["fields"]}
    assert {"t3.water_projects:score", "t4.drug_campaigns:actual"} <= keys
    assert {"budget.executed", "budget.adjusted"} <= set(detail["form"]["amounts"])
    pack = perfscore.load_pack(ROOT / PACK)
    assert [item["id"] for item in detail["form"]["indicators"]] == [node.id for node in pack.indicators()]


def test_packs_only_by_id_never_a_path(client) -> None:
    """A pack named by a path, or an id the server does not have, is SERVE_PACK_UNKNOWN (404)."""
    for name in (PACK, "../rules/baiyun-2021.yaml", "nope"):
        response = client.post("/score", json={"pack": name, "figures": {}})
        assert response.status_code == 404
        assert response.json()["diagnostics"][0]["code"] == "SERVE_PACK_UNKNOWN"
    assert client.get("/packs/nope").status_code == 404


def test_errors_are_diagnostics_in_json(client) -> None:
    """Bad figures give exit 1 with located diagnostics; a bad body exit 2; unknown paths a diagnostic."""
    body = (
        '{"pack": "baiyun-2021", "source": "mine.json",\n'
        ' "figures": {"indicators": {"t4.drug_campaigns": {"actual": "一百场"}}}}'
    )
    response = client.post("/score", content=body.encode())
    assert response.status_code == 422
    data = response.json()
    assert data["exit"] == 1
    problem = data["diagnostics"][0]
    assert (problem["file"], problem["line"]) == ("mine.json", 2)
    assert "Traceback" not in response.text
    for bad in (b"", b"[1, 2]", b'{"pack": "baiyun-2021", "figures": 3}', b'{"pack": "baiyun-2021", "lang": "fr"}'):
        response = client.post("/score", content=bad)
        assert response.status_code == 400, bad
        assert response.json()["exit"] == 2
        assert response.json()["diagnostics"][0]["code"] == "SERVE_REQUEST_INVALID"
    response = client.post("/score", content=b"{not: json: at all")
    assert (response.status_code, response.json()["exit"]) == (400, 2)
    response = client.get("/nothing")
    assert (response.status_code, response.json()["diagnostics"][0]["code"]) == (404, "SERVE_NOT_FOUND")


@pytest.mark.usefixtures("here")
def test_size_and_nesting_limits() -> None:
    """A body over the byte limit is refused (413); nesting deeper than the limit is refused (YAML_DEPTH)."""
    client = testclient.TestClient(create_app(load_served([PACK]), limits=Limits(max_bytes=2000, max_depth=8)))
    response = client.post("/score", json={"pack": "baiyun-2021", "figures": TEXT})
    assert response.status_code == 413
    assert response.json()["diagnostics"][0]["code"] == "SERVE_REQUEST_TOO_LARGE"
    deep = '{"pack": "baiyun-2021", "figures": ' + "[" * 20 + "]" * 20 + "}"
    response = client.post("/score", content=deep.encode())
    assert response.status_code == 400
    assert response.json()["diagnostics"][0]["code"] == "YAML_DEPTH"


@pytest.mark.usefixtures("here")
def test_bearer_token_and_cors() -> None:
    """With a token the API needs it (401 otherwise) but the page does not; CORS headers only when configured."""
    served = load_served([PACK])
    guarded = testclient.TestClient(create_app(served, token="s3cret"))  # noqa: S106 - a test token
    assert guarded.get("/packs").status_code == 401
    assert guarded.get("/packs").json()["diagnostics"][0]["code"] == "SERVE_UNAUTHORIZED"
    assert guarded.get("/packs", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/packs", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert guarded.get("/").status_code == 200
    origin = {"Origin": "https://example.org"}
    plain = testclient.TestClient(create_app(served))
    assert "access-control-allow-origin" not in plain.get("/packs", headers=origin).headers
    allowed = testclient.TestClient(create_app(served, cors=["https://example.org"]))
    assert allowed.get("/packs", headers=origin).headers["access-control-allow-origin"] == "https://example.org"


@pytest.mark.usefixtures("here")
def test_a_bug_is_a_diagnostic_and_slowness_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception is SERVE_INTERNAL (500, no traceback); a slow request SERVE_TIMEOUT (503)."""

    def broken(*_args):
        msg = "boom"
        raise RuntimeError(msg)

    monkeypatch.setattr(handlers, "score_json", broken)
    client = testclient.TestClient(create_app(load_served([PACK])), raise_server_exceptions=False)
    response = client.post("/score", json={"pack": "baiyun-2021", "figures": {}})
    assert (response.status_code, response.json()["diagnostics"][0]["code"]) == (500, "SERVE_INTERNAL")
    assert "Traceback" not in response.text
    assert "boom" not in response.text

    def slow(*_args):
        time.sleep(0.5)
        return "{}"

    monkeypatch.setattr(handlers, "score_json", slow)
    client = testclient.TestClient(create_app(load_served([PACK]), limits=Limits(seconds=0.05)))
    response = client.post("/score", json={"pack": "baiyun-2021", "figures": {}})
    assert (response.status_code, response.json()["diagnostics"][0]["code"]) == (503, "SERVE_TIMEOUT")


def test_figures_download_scores_the_same(client, tmp_path: Path) -> None:
    """POST /figures.yaml gives a figures file that the CLI scores exactly as the API scored the posted figures."""
    figures = _figures_as_json()
    response = client.post("/figures.yaml", json={"pack": "baiyun-2021", "figures": figures})
    assert response.status_code == 200
    assert 'filename="figures.yaml"' in response.headers["content-disposition"]
    path = tmp_path / "figures.yaml"
    path.write_bytes(response.content)
    cli = json.loads(_cli_json("score", PACK, str(path), "--format", "json"))
    api = client.post("/score", json={"pack": "baiyun-2021", "figures": figures}).json()
    assert (cli["range"], cli["grades_possible"]) == (api["range"], api["grades_possible"])
    assert [n["score"] for n in cli["children"]] == [n["score"] for n in api["children"]]


def test_reports_download(client) -> None:
    """POST /report writes the report `perfscore report` writes: HTML, xlsx and docx (the excel and word extras)."""
    response = client.post("/report", json={"pack": "baiyun-2021", "figures": TEXT, "format": "html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "49.5" in response.text
    response = client.post("/report", json={"pack": "baiyun-2021", "figures": TEXT, "format": "xlsx"})
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert "docx" in client.get("/packs").json()["reports"]  # the word extra is part of the test extra
    response = client.post("/report", json={"pack": "baiyun-2021", "figures": TEXT, "format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-type"].endswith("wordprocessingml.document")
    assert response.content[:2] == b"PK"
    response = client.post("/report", json={"pack": "baiyun-2021", "figures": TEXT, "format": "exe"})
    assert response.status_code == 400


def test_openapi_is_generated_and_the_page_is_offline(client) -> None:
    """/openapi.json documents every endpoint; the page and its script load nothing from elsewhere."""
    spec = client.get("/openapi.json").json()
    for path in ("/score", "/explain", "/check", "/review", "/packs", "/packs/{pack_id}"):
        assert path in spec["paths"]
    assert spec["paths"]["/score"]["post"]["requestBody"]["content"]["application/json"]["schema"]["required"] == [
        "pack",
        "figures",
    ]
    page = client.get("/").text
    script = client.get("/static/app.js").text
    for text in (page, script, client.get("/static/app.css").text):
        assert "http://" not in text
        assert "https://" not in text
    assert 'lang="zh-CN"' in page
    assert 'lang="en"' in client.get("/?lang=en").text
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


@pytest.mark.usefixtures("here")
def test_serve_command_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """`perfscore serve` listens on 127.0.0.1:8000 unless told otherwise, with the packs given by id."""
    import uvicorn  # noqa: PLC0415

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options, app=app))
    code, _, err = run_cli("--lang", "en", "serve", PACK)
    assert code == 0, err
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8000)
    assert "baiyun-2021" in err
    code, _, err = run_cli("serve", PACK, PACK, "--no-bundled")
    assert (code, "SERVE_PACK_DUPLICATE" in err) == (2, True)


DOC = ROOT / "docs" / "serve.md"
MARK = re.compile(
    r"^<!-- (file: (?P<file>\S+)|request: (?P<method>GET|POST) (?P<path>\S+)|response: (?P<status>\d+)) -->$"
)


def _marked_blocks(lines: list[str]) -> list[tuple[re.Match[str], int, int]]:
    """Each marked fenced block: its mark and the line indexes of its body."""
    found = []
    for index, line in enumerate(lines):
        match = MARK.match(line)
        if match and index + 1 < len(lines) and lines[index + 1].startswith("```"):
            end = index + 2
            while not lines[end].startswith("```"):
                end += 1
            found.append((match, index + 2, end))
    return found


def test_the_examples_in_docs_serve_run_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each request in docs/serve.md gets the status and the answer shown under it (PERFSCORE_UPDATE_DOCS rewrites)."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    monkeypatch.chdir(tmp_path)
    client = None
    pending = None
    replacements = []
    mismatches = []
    for match, start, end in _marked_blocks(lines):
        body = "\n".join(lines[start:end])
        if match["file"]:
            (tmp_path / match["file"]).write_text(body + "\n", encoding="utf-8")
        elif match["method"]:
            client = client or testclient.TestClient(create_app(load_served(["mini.yaml"], bundled=False)))
            pending = client.request(match["method"], match["path"], content=body.encode())
        else:
            assert pending is not None, "a response block must follow a request block"
            got = pending.text.rstrip("\n")
            replacements.append((start, end, got.splitlines()))
            if got != body or pending.status_code != int(match["status"]):
                mismatches.append(f"expected {match['status']}:\n{body}\ngot {pending.status_code}:\n{got}")
    assert replacements, "docs/serve.md shows no request"
    if os.environ.get("PERFSCORE_UPDATE_DOCS"):
        for start, end, new in reversed(replacements):
            lines[start:end] = new
        DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    assert not mismatches, "\n\n".join(mismatches)
