"""One home for bilingual text (issue 10): no module outside ``perfscore/_text`` writes its own Chinese.

The words live in ``perfscore/_text`` (the catalogue, ``problems``, ``names``, ``phrases``,
``labels`` …) and a rule kind's phrases in its record in ``rules/kinds.py``; code elsewhere says
*which* text with a key and fills in values. The sign that a module broke this is a string
literal (plain or f-string) given as a ``*_zh`` value — ``problem_zh=f"…"`` in a call, or
``reason, reason_zh = "…", "…"`` before one. This test reads every module's syntax tree for that.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections.abc import Iterator

from conftest import ROOT

PACKAGE = ROOT / "perfscore"
HOMES = ("perfscore/_text/", "perfscore/rules/kinds.py")

# Modules whose inline Chinese has not moved yet because other work owns them at the moment.
# Shrink this list as they move; a module that no longer needs its entry fails the test below.
NOT_YET_MOVED: frozenset[str] = frozenset()  # every module has moved its words to perfscore/_text


def _words(node: ast.AST) -> bool:
    """Whether ``node`` is text written in place: a literal or f-string with a non-ASCII character.

    Also when chosen (``"少" if short else "多"``), paired (``"bad", "不好"``), joined with ``+``,
    or used as a method's object (``"、".join(…)``); a call such as ``problem("key")`` is not.
    """
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and not node.value.isascii()
    parts: list[ast.expr] = []
    if isinstance(node, ast.JoinedStr):
        parts = node.values
    elif isinstance(node, ast.Tuple | ast.List):
        parts = node.elts
    elif isinstance(node, ast.IfExp):
        parts = [node.body, node.orelse]
    elif isinstance(node, ast.BinOp):
        parts = [node.left, node.right]
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        parts = [node.func.value]
    return any(_words(part) for part in parts)


def _names(target: ast.AST) -> Iterator[str]:
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, ast.Tuple | ast.List):
        for item in target.elts:
            yield from _names(item)


def inline_chinese(source: str) -> list[tuple[int, str]]:
    """(line, name) of every ``*_zh`` keyword or assigned name whose value is written inline."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            found.extend(
                (word.value.lineno, word.arg)
                for word in node.keywords
                if word.arg and word.arg.endswith("_zh") and _words(word.value)
            )
        elif isinstance(node, ast.Assign) and _words(node.value):
            names = [name for target in node.targets for name in _names(target) if name.endswith("_zh")]
            found.extend((node.lineno, name) for name in names)
    return found


def _modules() -> dict[str, str]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        shown = path.relative_to(ROOT).as_posix()
        if not shown.startswith(HOMES):
            found[shown] = path.read_text(encoding="utf-8")
    return found


def test_no_module_outside_the_text_home_writes_chinese_inline() -> None:
    """Outside ``_text`` and ``rules/kinds.py`` (and the listed not-yet-moved modules), no inline ``*_zh`` text."""
    offenders = {
        f"{name}:{line} {word}"
        for name, source in _modules().items()
        if name not in NOT_YET_MOVED
        for line, word in inline_chinese(source)
    }
    assert not offenders, sorted(offenders)


def test_the_not_yet_moved_list_only_names_modules_that_still_need_it() -> None:
    """Each allow-listed module exists and still has inline text, so the list shrinks as work lands."""
    modules = _modules()
    stale = {name for name in NOT_YET_MOVED if name not in modules or not inline_chinese(modules[name])}
    assert not stale, sorted(stale)


def test_the_check_sees_the_shapes_it_forbids() -> None:
    """A keyword, an f-string, a conditional and a paired assignment are caught; a value by name is not."""
    caught = inline_chinese(
        "report(problem='x', problem_zh='不对')\n"
        "report(problem_zh=f'{x} 不对')\n"
        "report(direction_zh='少' if short else '多')\n"
        "reason, reason_zh = 'bad', '不好'\n"
        "zh, en = problem('key')\n"
        "report(problem=en, problem_zh=zh)\n"
    )
    assert sorted(caught) == [(1, "problem_zh"), (2, "problem_zh"), (3, "direction_zh"), (4, "reason_zh")]


def foreign_words(source: str) -> list[int]:
    """Lines of string literals (plain or in f-strings) holding a non-ASCII letter, docstrings aside.

    In the formula package every message is named by key, so such a literal can only be a
    message written in place — ``self.fail(column, "bad", "不对")`` — which this finds wherever
    it is passed. Maths signs (``×``, ``≥``) are notation, not words, and stay allowed.
    """
    tree = ast.parse(source)
    docstrings = {
        id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and any(not char.isascii() and unicodedata.category(char).startswith("L") for char in node.value)
    )


def test_the_formula_package_names_every_message_by_key() -> None:
    """No module of ``perfscore/expression`` writes Chinese (or any non-English words) in a literal."""
    offenders = {
        f"{name}:{line}"
        for name, source in _modules().items()
        if name.startswith("perfscore/expression/")
        for line in foreign_words(source)
    }
    assert not offenders, sorted(offenders)


def test_the_formula_check_sees_positional_messages() -> None:
    """Messages passed by position to ``fail``/``.at`` are caught; docstrings, signs and keys are not."""
    caught = foreign_words(
        '"""公式：说明文字可以写中文。"""\n'
        'raise self.fail(index, "write 0.5", "请写 0.5")\n'
        'raise ExpressionError.at(1, ("bad", f"{x} 不对"), label=label)\n'
        'SIGNS = {"×": "*", "≥": ">="}\n'
        'raise self.fail(1, problem("formula.empty"))\n'
        'WORDS = ("不好", "bad")\n'
    )
    assert caught == [2, 3, 6]


def _keys_used(source: str) -> Iterator[str]:
    """The keys a module names with ``problem("…")``, ``named("…")`` or ``Problem.named("…")``.

    A key built with an f-string (``named(f"expect.{kind}")``) is yielded as its prefix and ``*``.
    """
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if called not in {"problem", "named"}:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield first.value
        elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
            yield f"{first.values[0].value}*"
        elif isinstance(first, ast.IfExp):
            yield from (item.value for item in (first.body, first.orelse) if isinstance(item, ast.Constant))


def _strings(source: str) -> Iterator[str]:
    """Every string constant in ``source`` as a regex, and each f-string as one (``{kind}`` matching anything)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield re.escape(node.value)
        elif isinstance(node, ast.JoinedStr):
            parts = [re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in node.values]
            yield "".join(parts)


def test_every_key_the_code_names_is_in_a_table_and_every_entry_is_used() -> None:
    """The code and the tables agree: no key names missing words, and no words are left unused."""
    from perfscore._text.names import NAMES  # noqa: PLC0415 - the tables under test
    from perfscore._text.problems import PROBLEMS  # noqa: PLC0415

    known = set(PROBLEMS) | set(NAMES)
    named = {key for source in _modules().values() for key in _keys_used(source)}
    missing = {key for key in named if not key.endswith("*") and key not in known}
    assert not missing, sorted(missing)
    keyish = {text for source in _modules().values() for text in _strings(source) if "\\." in text}
    unused = {key for key in known if not any(re.fullmatch(pattern, key) for pattern in keyish)}
    assert not unused, sorted(unused)


def test_a_named_expectation_and_coverage_kind_each_have_words() -> None:
    """The keys built from a kind (``expect.{kind}``, ``coverage.{kind}``) exist for every kind there is."""
    from perfscore._packs.coverage import KINDS  # noqa: PLC0415 - the kinds the summary counts
    from perfscore._packs.testcases import Expectation  # noqa: PLC0415
    from perfscore._text.names import NAMES  # noqa: PLC0415

    for kind in ("score", "total", "grade", "grades_possible", "level", "partial"):
        what = Expectation(kind=kind, node_id="1.1", value="x").describe()
        assert all(what), kind
    assert {f"coverage.{kind}" for kind in KINDS} <= set(NAMES)


def test_every_name_has_both_languages_and_the_same_placeholders() -> None:
    """The names table is (zh, en) like the problems table; each pair names the same values."""
    import string  # noqa: PLC0415 - only this test parses templates

    from perfscore._text.names import NAMES, SHAPES  # noqa: PLC0415 - the tables under test

    def fields(template: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(template) if field}

    for key, (zh, en) in {**NAMES, **SHAPES}.items():
        assert zh.strip(), key
        assert en.strip(), key
        assert fields(zh) == fields(en), key
