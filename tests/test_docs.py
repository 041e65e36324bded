"""The documentation is executed: every marked example in docs/*.md runs and prints what the page shows."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import ROOT
from docrunner import blocks, python_blocks, run_doc, run_python

from perfscore._packs.loader import PACK_KEYS
from perfscore._packs.tree import GROUP_KEYS, INDICATOR_KEYS
from perfscore._text.catalogue import CODES
from perfscore._text.errordocs import errors_page, undocumented
from perfscore.rules.kinds import DEFAULT_REGISTRY

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_examples_in_the_docs_run_as_shown(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `$ perfscore ...` line of a page prints exactly the output shown under it."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS", "PERFSCORE_PATH"):
        monkeypatch.delenv(name, raising=False)
    mismatches = run_doc(page, tmp_path, ROOT, update=bool(os.environ.get("PERFSCORE_UPDATE_DOCS")))
    assert not mismatches, "\n\n".join(
        f"$ {m.command}\n--- expected\n{m.expected}\n--- got\n{m.got}" for m in mismatches
    )


PYTHON_PAGES = [page for page in [ROOT / "README.md", *PAGES] if "```python" in page.read_text(encoding="utf-8")]


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=[page.name for page in PYTHON_PAGES])
def test_python_examples_run_as_written(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python block of README.md and docs/ runs, in order, and prints what its output block shows."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS", "PERFSCORE_PATH"):
        monkeypatch.delenv(name, raising=False)
    mismatches = run_python(page, tmp_path, ROOT, update=bool(os.environ.get("PERFSCORE_UPDATE_DOCS")))
    assert not mismatches, "\n\n".join(f"{m.command}\n--- expected\n{m.expected}\n--- got\n{m.got}" for m in mismatches)


def test_the_python_pages_are_all_found() -> None:
    """README.md and the pages known to teach the API have python blocks the test runs."""
    names = {page.name for page in PYTHON_PAGES}
    assert {"README.md", "batch.md", "reports.md", "speed.md"} <= names
    for page in PYTHON_PAGES:
        assert python_blocks(page.read_text(encoding="utf-8").splitlines()), page.name


def test_the_pages_that_teach_have_examples() -> None:
    """The tutorial and the reference carry executed examples (a page cannot silently stop running them)."""
    for name in ("tutorial.md", "reference.md", "packs.md"):
        lines = (DOCS / name).read_text(encoding="utf-8").splitlines()
        assert any(block.file is None for block in blocks(lines)), name


def test_reference_covers_every_rule_kind_with_an_example() -> None:
    """docs/reference.md has a section per rule kind, each with a pack, figures and a command run."""
    text = (DOCS / "reference.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)
    for kind in DEFAULT_REGISTRY.names():
        section = next((s for s in sections if s.startswith(f"`{kind}`")), None)
        assert section is not None, f"no section for rule kind {kind}"
        assert f"<!-- file: ref/{kind}.yaml -->" in section, kind
        assert "<!-- run" in section, kind
        for option in DEFAULT_REGISTRY.kinds[kind].options:
            assert f"`{option}`" in section, f"{kind}: option {option} not described"


def test_reference_covers_every_pack_key() -> None:
    """Every key a pack, group or indicator may have is described (as `key`) in docs/reference.md."""
    text = (DOCS / "reference.md").read_text(encoding="utf-8")
    missing = sorted(key for key in PACK_KEYS | GROUP_KEYS | INDICATOR_KEYS if f"`{key}`" not in text)
    assert missing == []


def test_error_catalogue_is_complete_and_current() -> None:
    """docs/errors.md is generated from the catalogue, lists every code, and every code says how to fix it."""
    assert undocumented() == []
    page = (DOCS / "errors.md").read_text(encoding="utf-8")
    assert page == errors_page(), "regenerate with: python -m perfscore._text.errordocs > docs/errors.md"
    assert all(f"### `{code}`" in page for code in CODES)
