"""Pack tests written in YAML beside the pack: figures in, expected scores out.

A policy author checks a pack the way they check a spreadsheet — "with these figures,
task 3 must come to 13.5 and the grade must be 良" — so tests are data too. The tests
of ``rules/x.yaml`` live in ``rules/x.tests.yaml``::

    pack: baiyun-2021.yaml            # optional: the file name without .tests
    cases:
      - name: 表2 as published
        figures: ../examples/baiyunhu-2021.yaml   # a figures file, or the figures inline
        indicators: {goals: {score: 18}}          # optional: per-indicator figures on top
        amounts: {budget: {executed: 0}}          # optional: amounts on top
        expect:
          scores: {t3: 13.5, plan: 49.5}          # a number, or [low, high] for a range
          total: 96.86
          grade: 优
        tolerance: 0.01                           # optional, default 0

A template pack's tests weight it first (``weights: {id: w, ...}``), as a locality
would. Every problem in a tests file is located in it, like a pack's.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import attrs

from perfscore._core.decimals import ZERO
from perfscore._core.diagnostics import NOWHERE, DiagnosticSink, Location, PackError, PerfscoreError
from perfscore._core.figures import Figures
from perfscore._core.model import Pack
from perfscore._inputs.figures import figures_from_document, load_figures
from perfscore._packs.loader import load_pack
from perfscore._packs.overlay import reweigh
from perfscore._packs.validation import unset_weights, weight_problems
from perfscore._text.names import named
from perfscore._text.problems import problem
from perfscore._yaml.located import Located
from perfscore._yaml.source import SourceDocument, read_document

TESTS_SUFFIX = ".tests.yaml"
TESTS_KEYS = frozenset({"perfscore", "pack", "weights", "tolerance", "cases", "notes"})
CASE_KEYS = frozenset({"name", "figures", "indicators", "amounts", "expect", "tolerance", "note"})
EXPECT_KEYS = frozenset({"scores", "total", "grade", "grades_possible", "levels", "partial"})

Value = Decimal | tuple[Decimal, Decimal] | str | tuple[str, ...] | bool


@attrs.frozen(kw_only=True)
class Expectation:
    """One expected outcome of a case, where it was written, and how messages name it."""

    kind: str  # score | total | grade | grades_possible | level | partial
    node_id: str | None
    value: Value
    location: Location = NOWHERE

    def describe(self) -> tuple[str, str]:
        """How a failure names what was checked, in English and Chinese."""
        zh, en = named(f"expect.{self.kind}", node=self.node_id)
        return en, zh


@attrs.frozen(kw_only=True)
class TestCase:
    """Figures and what scoring them under the pack must give."""

    name: str
    figures: Figures
    expectations: tuple[Expectation, ...]
    tolerance: Decimal = ZERO
    location: Location = NOWHERE


@attrs.frozen(kw_only=True)
class TestSuite:
    """A tests file: the pack it tests (weighted, if a template) and its cases."""

    file: str
    pack: Pack
    cases: tuple[TestCase, ...]


def tests_file_for(pack_path: str) -> str:
    """Where the tests of ``pack_path`` live: ``x.yaml`` → ``x.tests.yaml``."""
    stem = pack_path.removesuffix(".yaml")
    return stem + TESTS_SUFFIX


def pack_file_for(tests_path: str) -> str:
    """The pack a tests file tests by default: ``x.tests.yaml`` → ``x.yaml``."""
    return tests_path[: -len(TESTS_SUFFIX)] + ".yaml"


def load_suite(path: str) -> TestSuite:
    """Read the tests file at ``path`` and the pack it names; raise :class:`PackError` with every problem."""
    doc = read_document(path, error_type=PackError, display_name=path)
    sink = DiagnosticSink()
    root = Located(doc, (), sink, where="the tests file")
    if not root.is_mapping():
        sink.raise_if_errors(PackError)
    root.check_keys(TESTS_KEYS, required=("cases",))
    pack_name = root.text("pack")
    pack_path = os.path.join(os.path.dirname(path), pack_name) if pack_name else pack_file_for(path)
    try:
        pack = load_pack(pack_path)
    except PackError as err:
        sink.extend(err.diagnostics)
        sink.raise_if_errors(PackError)
        raise  # pragma: no cover - the pack's errors were raised just above
    pack = _weighted(pack, root)
    tolerance = root.number("tolerance") or ZERO
    cases = []
    for number, entry in enumerate(root.items("cases"), start=1):
        case = _case(entry, number, pack, tolerance, os.path.dirname(path))
        if case is not None:
            cases.append(case)
    sink.raise_if_errors(PackError)
    return TestSuite(file=path, pack=pack, cases=tuple(cases))


def _weighted(pack: Pack, root: Located) -> Pack:
    """A template pack weighted by the tests file's ``weights:``, validated like an overlay."""
    table = root.mapping("weights", where="weights")
    if not pack.template:
        if table is not None:
            zh, en = problem("weights.not_template", pack=pack.id)
            root.report("VALUE_INVALID", key="weights", problem=en, problem_zh=zh)
        return pack
    if table is None:
        root.report("KEY_MISSING", key="weights", where=f"the tests of the template '{pack.id}'")
        return pack
    children, _ = reweigh(pack.children, table)
    weighted = attrs.evolve(pack, children=children, template=False)
    nodes = list(weighted.walk())
    root.sink.extend(unset_weights(nodes, pack.id))
    root.sink.extend(weight_problems(children, pack.total, top_id=pack.id, top_location=root.location("weights")))
    return weighted


def _case(entry: Located, number: int, pack: Pack, tolerance: Decimal, folder: str) -> TestCase | None:
    entry.where = f"test case {number}"
    if not entry.is_mapping():
        return None
    entry.check_keys(CASE_KEYS, required=("name", "figures", "expect"))
    name = entry.text("name") or f"#{number}"
    figures = _figures(entry, folder)
    expect = entry.mapping("expect", where=f"the expectations of '{name}'")
    expectations = _expectations(expect, pack, name) if expect is not None else ()
    if figures is None:
        return None
    return TestCase(
        name=name,
        figures=figures,
        expectations=expectations,
        tolerance=entry.number("tolerance") or tolerance,
        location=entry.location(),
    )


def _figures(entry: Located, folder: str) -> Figures | None:
    """The case's figures: a file or an inline mapping, with ``indicators``/``amounts`` laid on top."""
    raw = entry.value.get("figures")
    try:
        if isinstance(raw, str):
            path = os.path.normpath(os.path.join(folder, raw))
            if not Path(path).is_file():
                entry.report("FILE_UNREADABLE", key="figures", reason=f"no such file: {path}")
                return None
            base = load_figures(path)
        elif isinstance(raw, dict):
            base = figures_from_document(_subdocument(entry, "figures", raw))
        else:
            entry.wrong_type("figures", "mapping")
            return None
        extra = {key: entry.value[key] for key in ("indicators", "amounts") if entry.has(key)}
        if not extra:
            return base
        on_top = figures_from_document(_subdocument(entry, None, extra))
    except PerfscoreError as err:
        entry.sink.extend(err.diagnostics)
        return None
    return attrs.evolve(
        base,
        indicators={**base.indicators, **on_top.indicators},
        amounts={**base.amounts, **on_top.amounts},
        amount_locations={**base.amount_locations, **on_top.amount_locations},
    )


def _subdocument(entry: Located, key: str | None, data: object) -> SourceDocument:
    """The part of the tests file at ``entry[key]`` as a document of its own, keeping its lines."""
    prefix = entry.path if key is None else (*entry.path, key)
    doc = entry.doc

    def rebased(marks: object) -> dict[tuple[str | int, ...], tuple[int, int]]:
        assert isinstance(marks, dict)  # noqa: S101 - the reader builds plain dicts
        return {path[len(prefix) :]: mark for path, mark in marks.items() if path[: len(prefix)] == prefix}

    return SourceDocument(
        name=doc.name, data=data, value_marks=rebased(doc.value_marks), key_marks=rebased(doc.key_marks)
    )


def _expectations(expect: Located, pack: Pack, name: str) -> tuple[Expectation, ...]:
    expect.check_keys(EXPECT_KEYS)
    found: list[Expectation] = []
    for kind, key in (("score", "scores"), ("level", "levels")):
        table = expect.mapping(key, where=key)
        for node_id in table or ():
            assert table is not None  # noqa: S101 - iterated only when present
            if pack.node(node_id) is None:
                table.report("TEST_UNKNOWN_ID", key=node_id, of_key=True, test=name, id=node_id, pack=pack.id)
                continue
            value = _number_or_range(table, node_id) if kind == "score" else table.text(node_id)
            if value is not None:
                found.append(Expectation(kind=kind, node_id=node_id, value=value, location=table.location(node_id)))
    if expect.has("total"):
        total = _number_or_range(expect, "total")
        if total is not None:
            found.append(Expectation(kind="total", node_id=None, value=total, location=expect.location("total")))
    grade = expect.text("grade")
    if grade is not None:
        found.append(Expectation(kind="grade", node_id=None, value=grade, location=expect.location("grade")))
    if expect.has("grades_possible"):
        grades = expect.text_list("grades_possible")
        location = expect.location("grades_possible")
        found.append(Expectation(kind="grades_possible", node_id=None, value=grades, location=location))
    partial = expect.boolean("partial")
    if partial is not None:
        found.append(Expectation(kind="partial", node_id=None, value=partial, location=expect.location("partial")))
    return tuple(found)


def _number_or_range(owner: Located, key: str) -> Decimal | tuple[Decimal, Decimal] | None:
    raw = owner.value.get(key)
    if isinstance(raw, list):
        node = owner.child(key)
        if len(raw) != 2:  # noqa: PLR2004 - a range has two ends
            owner.wrong_type(key, "number")
            return None
        ends = []
        for index, item in enumerate(raw):
            if isinstance(item, bool) or not isinstance(item, int | Decimal):
                node.wrong_type(index, "number")
                return None
            ends.append(Decimal(item))
        return ends[0], ends[1]
    return owner.number(key, required=True)
