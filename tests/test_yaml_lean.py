"""The lean YAML reader (issue 13, B4r) builds what the located reader builds, or gives up.

:func:`perfscore._yaml.lean.lean_document` reads a batch folder's figures files without
marks. It must give exactly the located reader's values whenever it answers, and give up
(None) on everything the located reader checks or reports, so that reader can say where.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from perfscore._core.diagnostics import FiguresError, PerfscoreError
from perfscore._yaml.lean import lean_document
from perfscore._yaml.source import ReadLimits, parse_document

ROOT = Path(__file__).resolve().parent.parent
_FILES = sorted(
    path
    for folder in ("examples", "rules", "bench", "tests/corpus")
    for path in (ROOT / folder).rglob("*.yaml")
    if ".venv" not in path.parts
)
_WORDS = ["true", "yes", "No", "off", "y", "null", "~", "", "1.5", "-2", "+3", ".5", "0x1F", "074", "1_000", "1:30"]
_WORDS += ["2021-01-01", "=", "中文", "97.87%", "18,009.98", "1e3", "0.000", "-0", "12345678901234567890"]


def _located(text: str, limits: ReadLimits | None = None) -> object:
    kwargs = {"limits": limits} if limits is not None else {}
    return parse_document(text, name="f.yaml", error_type=FiguresError, **kwargs).data


@pytest.mark.parametrize("path", _FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_project_reads_the_same(path: Path) -> None:
    """Each pack, figures file and corpus file: the same values, or the lean reader gives up."""
    text = path.read_text(encoding="utf-8")
    found = lean_document(text, name=str(path))
    if found is not None:
        assert found.data == _located(text)
        assert found.name == str(path)
        assert not found.value_marks
        assert not found.key_marks


def test_the_project_files_are_mostly_read_lean() -> None:
    """Plain files are the lean reader's to read (else it would be no faster)."""
    taken = [lean_document(path.read_text(encoding="utf-8"), name="f") is not None for path in _FILES]
    assert sum(taken) >= len(taken) * 3 // 4


_SCALARS = st.sampled_from(_WORDS) | st.text(max_size=8) | st.integers() | st.booleans() | st.none()
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(_WORDS) | st.text(max_size=5), inner),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_DATA, st.sampled_from([None, True, False]))
def test_dumped_data_reads_the_same(data: object, flow: bool | None) -> None:  # noqa: FBT001
    """Any data PyYAML writes (block or flow) reads the same both ways, or the lean reader gives up."""
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    found = lean_document(text, name="f.yaml")
    try:
        expected = _located(text)
    except PerfscoreError:
        assert found is None
        return
    if found is not None:
        assert found.data == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_WORDS)), min_size=1, max_size=6))
def test_plain_words_read_the_same(pairs: list[tuple[str, str]]) -> None:
    """Plain keys and values as people type them (bools, nulls, odd numbers) read the same, or lean gives up."""
    text = "\n".join(f"k{i}{key}: {value}" for i, (key, value) in enumerate(pairs)) + "\n"
    text += "list:\n" + "".join(f"  - {value}\n" for _, value in pairs)
    found = lean_document(text, name="f.yaml")
    try:
        expected = _located(text)
    except PerfscoreError:
        assert found is None
        return
    if found is not None:
        assert found.data == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchor and alias
        "base: &b {x: 1}\nc:\n  <<: *b\n",  # merge key
        "a: !!python/object:os.system x\n",  # a tag the located reader refuses
        "a: !!str 5\n",  # any tag
        "a: 1\na: 2\n",  # duplicate key
        "a: 1\n---\nb: 2\n",  # a second document
        "",  # no document
        "# only a comment\n",
        "a: 1.0e+400\n",  # a number out of range
        "a: .nan\n",  # not finite
        "a: [1, 2\n",  # a syntax error
        "a:\n\tb: 1\n",  # a tab
        "? [1, 2]\n: x\n",  # a list as a key
        "? {a: 1}\n: x\n",  # a mapping as a key
        "<<: {a: 1}\n",
    ],
)
def test_what_the_located_reader_must_see_is_left_to_it(text: str) -> None:
    """Anything beyond plain data, and every problem, goes to the located reader."""
    assert lean_document(text, name="f.yaml") is None


def test_too_deep_is_left_to_the_located_reader() -> None:
    """Nesting past the limit is the located reader's to report (with its place)."""
    text = "a: " + "[" * 10 + "]" * 10 + "\n"
    assert lean_document(text, name="f.yaml", limits=ReadLimits(max_depth=5)) is None
    assert lean_document(text, name="f.yaml", limits=ReadLimits(max_depth=64)) is not None


@pytest.mark.parametrize(
    "text",
    ["2021: x\ntrue: y\n~: z\n", "a: {b: [1, 2.50, '3', yes, null]}\n", "- 1\n- [a, {b: c}]\n", "just text\n"],
)
def test_odd_but_plain_documents_read_the_same(text: str) -> None:
    """Number, bool and null keys (kept as written), nested flow collections and a bare scalar."""
    found = lean_document(text, name="f.yaml")
    assert found is not None
    assert found.data == _located(text)


def test_remembered_scalars_read_as_the_first_time() -> None:
    """Plain scalars kept between documents (keys, words, numbers) give the located reader's values again."""
    words = [word for word in _WORDS if lean_document(f"k: {word}\n", name="w.yaml") is not None]
    text = "\n".join(f"k{index}: {word}" for index, word in enumerate(words)) + "\n"
    first = lean_document(text, name="a.yaml")
    second = lean_document(text, name="b.yaml")  # every typed scalar now comes from what the first read kept
    assert first is not None
    assert second is not None
    assert first.data == second.data == _located(text)
    assert [type(value) for value in first.data.values()] == [type(value) for value in second.data.values()]
