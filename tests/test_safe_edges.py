"""Safe at the edges (issue 12): writers keep text as text; outputs never destroy inputs; the CLI never loses work.

The property tests write a department whose name and reason are any text a figures file
can carry, through every writer, and read the file back with the reader its audience
uses (openpyxl for xlsx, the csv module, a CommonMark parser, an HTML parser, json):
the text comes back as itself or as its documented replacement
(:mod:`perfscore._files.cellsafe`), never as a formula, markup or a control sequence.
"""

from __future__ import annotations

import csv
import decimal
import functools
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES, run_cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_diagnostic_codes import PACK as MINI

import perfscore
from perfscore._batch.report import batch_row, summarize
from perfscore._batch.write import write_batch
from perfscore._files.atomic import write_text_atomic
from perfscore._files.cellsafe import XLSX_MAX_CELL, clean, csv_text, markdown_text, terminal, xlsx_text
from perfscore._files.outputs import refuse_inputs_as_outputs
from perfscore.cli import SafeStream

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx writers need perfscore[excel]")
markdown_it = pytest.importorskip("markdown_it", reason="the Markdown property reads with markdown-it-py (test extra)")

#: Text a pack or figures file can carry: any character, with the ones writers must watch made likely.
HOSTILE = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(list("=+-@\t\r\n\x1b\x0b\x00\x7f\x85\x9b\ud800<>&\"'`*_[]()#|~$\\!:/;")),
        st.sampled_from(
            ["<!--", "javascript:", "<script>", "](", "\n## ", "_x0041_", "#N/A", "&amp;", "https://x.cn/"]
        ),
    ),
    min_size=1,
    max_size=20,
).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_JSON_REPLACED = re.compile("[\x80-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _card(department: str, reason: str = "ok") -> tuple[perfscore.Pack, perfscore.Scorecard]:
    pack = perfscore.load_pack_text(MINI)
    figures = perfscore.figures_from_mapping(
        {
            "department": department,
            "indicators": {"a": {"actual": "100场"}, "g.q": {"score": 30}, "g.m": {"score": 10, "reason": reason}},
        }
    )
    return pack, perfscore.score(pack, figures)


def _batch(department: str, tmp_path: Path, extension: str) -> Path:
    pack, card = _card(department)
    other = _card("乙街道")[1]
    results = [perfscore.BatchResult(index=0, source="a.yaml", card=card)]
    results.append(perfscore.BatchResult(index=1, source="b.yaml", card=other))
    summary = summarize(pack, [batch_row(result, "en") for result in results])
    out = tmp_path / f"out.{extension}"
    write_batch(summary, str(out))
    return out


def _no_raw_controls(path: Path) -> None:
    """The written bytes are UTF-8 and hold no control character but TAB and LF (nor CR)."""
    text = path.read_bytes().decode("utf-8")
    assert not _CONTROLS.search(text)


# ---- the documented replacements -------------------------------------------------------------


def test_the_replacements_are_visible_and_counted() -> None:
    """ESC, VT and DEL become control pictures, C1 and lone surrogates U+FFFD; TAB and LF stay."""
    assert clean("a\x1bb\x0bc\x7fd\x85e\ud800f\tg\nh\ri") == "a␛b␋c␡d�e�f\tg\nh␍i"
    assert terminal("\x1b]0;x\x07") == "␛]0;x␇"
    assert xlsx_text("x" * (XLSX_MAX_CELL + 5)) == "x" * (XLSX_MAX_CELL - 1) + "…"


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=40))
@example("\ufffe\uffff\x9f\x80\x7f\x00\x1f\t\n\r")
def test_cleaning_replaces_exactly_what_either_rule_names(text: str) -> None:
    """The one-scan shortcut of clean() changes nothing: the same text and count as both replacements."""
    from perfscore._files import cellsafe  # noqa: PLC0415

    expected, first = cellsafe._C0.subn(cellsafe._picture, text)  # noqa: SLF001
    expected, second = cellsafe._OTHER.subn("\ufffd", expected)  # noqa: SLF001
    with cellsafe.tally() as seen:
        assert clean(text) == expected
    assert seen[0] == first + second


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+2", "'=1+2"),
        ("+A1", "'+A1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("＝1", "'＝1"),
        ("-5", "-5"),
        ("95.5%", "95.5%"),
        ("甲", "甲"),
        ("a=1", "a=1"),
    ],
)
def test_csv_cells_get_the_owasp_treatment(text: str, shown: str) -> None:
    """A text that would start a formula gets a leading apostrophe; a plain number does not."""
    assert csv_text(text) == shown


def test_markdown_fields_cannot_make_markup() -> None:
    """Every Markdown and HTML character of a field is escaped; an underscore inside a word is left."""
    assert markdown_text("t2_sports <!-- [x](javascript:1)\n## h") == (
        "t2_sports \\<!-- \\[x\\](javascript:1) \\#\\# h"
    )


# ---- the property: every writer ----------------------------------------------------------------


@SETTINGS
@given(department=HOSTILE)
def test_xlsx_writers_keep_text_as_string_cells(department: str, tmp_path: Path) -> None:
    """Batch and report workbooks hold the text as a string cell: never a formula or an error value."""
    expected = xlsx_text(department)
    book = openpyxl.load_workbook(_batch(department, tmp_path, "xlsx"))
    head = [c.value for c in book["departments"][1]]
    source, name = head.index("source"), head.index("department")
    cell = next(row[name] for row in book["departments"].iter_rows(min_row=2) if row[source].value == "a.yaml")
    # XlsxWriter escapes a literal _xHHHH_ as _x005F_xHHHH_ (OOXML), which Excel undoes and openpyxl does not
    assert cell.value.replace("_x005F_", "_") == expected
    assert cell.data_type == "s"
    assert not any(c.data_type in {"f", "e"} for sheet in book for row in sheet.iter_rows() for c in row)
    pack, card = _card(department, reason=department)
    report = tmp_path / "report.xlsx"
    perfscore.Report(pack=pack, card=card, lang="en").write(report)
    sheet = openpyxl.load_workbook(report).worksheets[2]
    found = next(row[1] for row in sheet.iter_rows() if row[0].value == "Department")
    assert found.value == expected
    assert found.data_type == "s"
    report_book = openpyxl.load_workbook(report)
    assert not any(c.hyperlink for sheet in report_book for row in sheet.iter_rows() for c in row)


@SETTINGS
@given(department=HOSTILE)
def test_csv_writer_keeps_text_as_text(department: str, tmp_path: Path) -> None:
    """The CSV cell reads back as the text, with the OWASP apostrophe when it would start a formula."""
    out = _batch(department, tmp_path, "csv")
    _no_raw_controls(out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {row["source"]: row for row in csv.DictReader(handle)}
    cell = rows["a.yaml"]["department"]
    assert cell == csv_text(department)
    assert not cell.startswith(FORMULA_START) or re.fullmatch(r"[-+]?[\d.]+%?", cell)


@SETTINGS
@given(department=HOSTILE)
def test_json_writer_keeps_text_as_data(department: str, tmp_path: Path) -> None:
    """JSON escapes C0 controls itself; DEL, C1, lone surrogates are replaced; the file has no raw control."""
    out = _batch(department, tmp_path, "json")
    _no_raw_controls(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    found = next(row for row in data["departments"] if row["source"] == "a.yaml")["department"]
    assert found == _JSON_REPLACED.sub("\ufffd", department.replace("\x7f", "␡"))


def _inline_texts(text: str) -> Iterator[tuple[str, str]]:
    """(token type, content) of every inline child a CommonMark + table parser finds."""
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    for token in parser.parse(text):
        yield token.type, ""
        for child in token.children or ():
            yield child.type, child.content


def _markdown_expected(text: str) -> str:
    return " ".join(clean(re.sub(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]", " ", text)).split())


def _markdown_files(department: str, reason: str, tmp_path: Path) -> list[Path]:
    pack, card = _card(department, reason=reason)
    report = tmp_path / "report.md"
    perfscore.Report(pack=pack, card=card, lang="en").write(report)
    return [report, _batch(department, tmp_path, "md")]


def _shape(path: Path) -> list[str]:
    """The token types of a Markdown file (block and inline), in order: its structure, not its text."""
    return [kind for kind, _ in _inline_texts(path.read_text(encoding="utf-8")) if kind not in {"text", "softbreak"}]


@SETTINGS
@given(department=HOSTILE, reason=HOSTILE)
def test_markdown_writers_make_no_markup(department: str, reason: str, tmp_path: Path) -> None:
    """Report and batch Markdown have the structure they have for a plain name, and the name reads back as itself."""
    reference = [_shape(path) for path in _markdown_files("甲", "甲", tmp_path)]
    for path, shape in zip(_markdown_files(department, reason, tmp_path), reference, strict=True):
        _no_raw_controls(path)
        assert _shape(path) == shape
        tokens = list(_inline_texts(path.read_text(encoding="utf-8")))
        texts = " ".join(" ".join(content.split()) for kind, content in tokens if kind == "text")
        expected = _markdown_expected(department)
        assert not expected or expected in texts


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def _html(department: str, tmp_path: Path) -> _Tags:
    pack, card = _card(department, reason=department)
    out = tmp_path / "report.html"
    perfscore.Report(pack=pack, card=card, lang="en").write(out)
    _no_raw_controls(out)
    parsed = _Tags()
    parsed.feed(out.read_text(encoding="utf-8"))
    return parsed


@SETTINGS
@given(department=HOSTILE)
@example(department="'0'")  # a reason the explanation re-quotes (“0”) was shown twice
def test_html_report_makes_no_markup(department: str, tmp_path: Path) -> None:
    """The HTML report has exactly the elements it has for a plain name, and shows the name as text."""
    reference = _html("甲街道", tmp_path).tags
    parsed = _html(department, tmp_path)
    assert parsed.tags == reference
    assert clean(department) in parsed.data


# ---- outputs and atomic writes -----------------------------------------------------------------


def test_atomic_writes_keep_the_mode_follow_links_and_fit_name_max(tmp_path: Path) -> None:
    """A 0600 file stays 0600; a symlink stays a link to the new content; a 250-byte name is written."""
    private = tmp_path / "private.txt"
    private.write_text("old", encoding="utf-8")
    private.chmod(0o600)
    write_text_atomic(private, "new")
    assert (stat.S_IMODE(private.stat().st_mode), private.read_text(encoding="utf-8")) == (0o600, "new")
    link = tmp_path / "link.txt"
    link.symlink_to(private)
    write_text_atomic(link, "through")
    assert link.is_symlink()
    assert private.read_text(encoding="utf-8") == "through"
    long_name = tmp_path / ("n" * 250)
    write_text_atomic(long_name, "x")
    assert sorted(os.listdir(tmp_path)) == sorted(["private.txt", "link.txt", "n" * 250])


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_atomic_writes_refuse_what_is_not_a_regular_file(kind: str, tmp_path: Path) -> None:
    """A FIFO, a folder or a device is refused with OUTPUT_UNWRITABLE and left as it was."""
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target = Path("/dev/null")
    before = os.stat(target)
    with pytest.raises(perfscore.UsageError) as caught:
        write_text_atomic(target, "x")
    assert caught.value.codes == ("OUTPUT_UNWRITABLE",)
    assert (os.stat(target).st_ino, os.stat(target).st_mode) == (before.st_ino, before.st_mode)


def test_an_output_is_an_input_through_links_never_as_the_stream(tmp_path: Path) -> None:
    """Hard links and symlinks are the same file; '-' and a file not yet written are no input."""
    first = tmp_path / "a.csv"
    first.write_text("x", encoding="utf-8")
    other = tmp_path / "b.csv"
    other.write_text("y", encoding="utf-8")
    os.link(first, tmp_path / "hard")
    (tmp_path / "soft").symlink_to(first)

    def clashes(outputs: list[object], inputs: list[object]) -> list[tuple[str, str]]:
        try:
            refuse_inputs_as_outputs(outputs, inputs)  # type: ignore[arg-type]
        except perfscore.UsageError as err:
            return [(dict(item.params)["file"], dict(item.params)["input"]) for item in err.diagnostics]
        return []

    hard, soft = str(tmp_path / "hard"), str(tmp_path / "soft")
    assert clashes([hard], [other, first]) == [(hard, str(first))]  # the first input it is, named as given
    assert clashes([first], [other, soft, hard]) == [(str(first), soft)]
    assert clashes([soft, other, "-", tmp_path / "new.csv"], [first, other]) == [
        (soft, str(first)),
        (str(other), str(other)),
    ]
    assert clashes(["-", tmp_path / "new.csv"], [first, "-"]) == []
    assert clashes([first], [tmp_path / "missing.csv", other]) == []


def test_report_refuses_to_write_over_its_pack(tmp_path: Path) -> None:
    """`report -o PACK` exits 2 with OUTPUT_IS_INPUT and the pack is untouched."""
    pack = tmp_path / "pack.yaml"
    pack.write_text((RULES / "baiyun-2021.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = pack.read_bytes()
    code, _, err = run_cli(
        "--lang", "en", "report", str(pack), str(EXAMPLES / "baiyunhu-2021.yaml"), "--format", "md", "-o", str(pack)
    )
    assert code == 2
    assert _codes(err) == ["OUTPUT_IS_INPUT"]
    assert pack.read_bytes() == before


def _codes(printed: str) -> list[str]:
    """The diagnostic codes a command printed, in order."""
    return re.findall(r"\b([A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+) ", printed)


# ---- the command line --------------------------------------------------------------------------


def _departments(tmp_path: Path, first: str) -> tuple[Path, Path]:
    pack = tmp_path / "pack.yaml"
    pack.write_text(MINI, encoding="utf-8")
    table = tmp_path / "t.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["department", "year", "a", "g.q:score", "g.m:score", "g.m:reason"])
    writer.writerow([first, "2024", "100场", "30", "10", "ok"])
    writer.writerow(["乙街道", "2024", "90场", "27", "8", "ok"])
    table.write_text(buffer.getvalue(), encoding="utf-8")
    return pack, table


def test_a_replaced_character_is_noted(tmp_path: Path) -> None:
    """An ESC in a name is written as ␛ and the batch says so with a TEXT_REPLACED note; every row is kept."""
    pack, table = _departments(tmp_path, "甲\x1b[31m街道")
    out = tmp_path / "out.xlsx"
    code, _, err = run_cli("--lang", "en", "batch", str(pack), str(table), "-o", str(out))
    assert code == 0
    assert _codes(err) == ["TEXT_REPLACED"]
    assert "2 character(s) that" in err  # the name is in the departments and the ranking sheets
    sheet = openpyxl.load_workbook(out)["departments"]
    name = [c.value for c in sheet[1]].index("department")
    values = [row[name].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(values) == sorted(["甲␛[31m街道", "乙街道"])


def test_an_unexpected_failure_keeps_the_scored_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer bug exits 3 with UNEXPECTED_FAILURE, no traceback, and the rows saved to OUT.rescued.json."""
    import perfscore._batch.write as writers  # noqa: PLC0415

    def broken(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writers, "_xlsx", broken)
    pack, table = _departments(tmp_path, "甲街道")
    out = tmp_path / "out.xlsx"
    code, _, err = run_cli("--lang", "en", "batch", str(pack), str(table), "-o", str(out))
    assert code == 3
    assert _codes(err) == ["UNEXPECTED_FAILURE"]
    assert f"was not written; the 2 scored rows were saved to {out}.rescued.json" in err
    assert "Traceback" not in err
    assert "internal error" not in err
    rescued = json.loads(Path(f"{out}.rescued.json").read_text(encoding="utf-8"))
    assert [row["department"] for row in rescued["departments"]] == ["甲街道", "乙街道"]
    assert not out.exists()


def test_an_unexpected_failure_elsewhere_says_nothing_was_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a write, the last resort says what stopped and that nothing was written; 中文 too."""
    from perfscore._commands import check  # noqa: PLC0415

    monkeypatch.setattr(check, "run", lambda *_: 1 / 0)
    code, _, err = run_cli("--lang", "zh", "check", str(RULES / "baiyun-2021.yaml"))
    assert code == 3
    assert _codes(err) == ["UNEXPECTED_FAILURE"]
    assert "ZeroDivisionError" in err
    assert "未写入任何内容" in err


def test_printed_text_cannot_act_on_a_terminal_and_survives_ascii() -> None:
    """The CLI's streams show control characters as symbols and escape what the encoding cannot hold."""
    raw = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    stream = SafeStream(raw)
    stream.write("总分\x1b[2J\n")
    raw.flush()
    assert raw.buffer.getvalue() == b"\\u603b\\u5206\\u241b[2J\n"  # type: ignore[attr-defined]


# ---- the decimal context -----------------------------------------------------------------------


def _everything(pack_path: Path, figures_path: Path) -> tuple[object, ...]:
    """What the public API gives for the Baiyun example: scorecard, texts, batch and vector totals, sensitivity."""
    from perfscore.compiled import compile_pack, score_arrays, score_batch  # noqa: PLC0415
    from perfscore.sensitivity import analyse, departments  # noqa: PLC0415

    pack = perfscore.load_pack(pack_path)
    figures = perfscore.load_figures(figures_path)
    card = perfscore.score(pack, figures)
    records = [{"pos:actual": Decimal("63.77"), "pos:target": 100}]
    simple = perfscore.load_pack_text(_RATIO)
    compiled = compile_pack(simple)
    report = analyse(pack, departments(pack, [("a", card)]), samples=50, seed=3)
    return (
        card,
        card.table(),
        card.explain("t3.water_projects"),
        [d.format("en") for d in card.diagnostics],
        score_batch(compiled, records).totals(),
        score_arrays(compiled, records).totals(),
        report.to_dict(),
        report.text("en"),
        perfscore.Report(pack=pack, card=card).markdown(),
        perfscore.Report(pack=pack, card=card).html(),
    )


_RATIO = """\
id: ratio
title: Ratio
version: "1"
source: t
indicators:
  - {id: pos, name: P, weight: 100, rule: positive, target: figures}
"""


@settings(max_examples=12, deadline=None)
@given(
    prec=st.integers(min_value=1, max_value=8),
    emax=st.integers(min_value=1, max_value=12),
    traps=st.lists(st.sampled_from([decimal.Inexact, decimal.Rounded, decimal.Subnormal, decimal.Underflow])),
    rounding=st.sampled_from([decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_HALF_EVEN]),
)
def test_the_public_api_ignores_the_callers_decimal_context(
    prec: int, emax: int, traps: list[type[decimal.DecimalException]], rounding: str
) -> None:
    """Under any hostile context (tiny prec and Emax, traps on Inexact/Rounded) every result is identical."""
    expected = _baseline()
    with decimal.localcontext() as context:
        context.prec, context.Emax, context.Emin, context.rounding = prec, emax, -emax, rounding
        for trap in traps:
            context.traps[trap] = True
        found = _everything(RULES / "baiyun-2021.yaml", EXAMPLES / "baiyunhu-2021.yaml")
    assert found == expected


@functools.cache
def _baseline() -> tuple[object, ...]:
    return _everything(RULES / "baiyun-2021.yaml", EXAMPLES / "baiyunhu-2021.yaml")


def test_a_bug_in_one_department_does_not_lose_the_others() -> None:
    """score_many turns an unexpected failure in one department into that row's UNEXPECTED_FAILURE."""
    pack = perfscore.load_pack_text(MINI)
    good = {"indicators": {"a": {"actual": "100场"}, "g.q": {"score": 30}, "g.m": {"score": 10, "reason": "ok"}}}

    def broken() -> perfscore.Figures:
        raise KeyError("a bug")

    results = list(perfscore.score_many(pack, [good, ("broken", broken), good]))
    assert [result.ok for result in results] == [True, False, True]
    assert [item.code for item in results[1].errors] == ["UNEXPECTED_FAILURE"]
    assert "KeyError" in results[1].errors[0].format("en")


@SETTINGS
@given(department=HOSTILE, reason=HOSTILE)
def test_word_report_keeps_text_as_text(department: str, reason: str, tmp_path: Path) -> None:
    """The Word report is written whatever the text holds; the name reads back cleaned, never as a field or markup."""
    docx = pytest.importorskip("docx", reason="the Word report needs perfscore[word]")
    pack, card = _card(department, reason=reason)
    out = tmp_path / "report.docx"
    perfscore.Report(pack=pack, card=card, lang="zh").write(out)
    document = docx.Document(str(out))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert document.core_properties.author == clean(department)
    assert any(clean(department).strip() in text for text in texts)
    assert not any(_CONTROLS.search(text.replace("\r", "")) for text in texts)


def test_streaming_workbooks_get_string_cells_too(tmp_path: Path) -> None:
    """cellsafe.append on an openpyxl write-only sheet (a streaming writer) writes text as string cells."""
    from perfscore._files.cellsafe import append  # noqa: PLC0415

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("rows")
    append(sheet, ["=1+2", "#N/A", "甲\x1b", Decimal("1.5"), None])
    book.save(tmp_path / "stream.xlsx")
    cells = next(openpyxl.load_workbook(tmp_path / "stream.xlsx")["rows"].iter_rows())
    assert [(cell.value, cell.data_type) for cell in cells[:4]] == [
        ("=1+2", "s"),
        ("#N/A", "s"),
        ("甲␛", "s"),
        (1.5, "n"),
    ]


def test_ctrl_c_and_a_closed_pipe_show_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """KeyboardInterrupt exits 130 with one line; a reader that closed the pipe ends the command quietly."""
    from perfscore._commands import check  # noqa: PLC0415

    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(check, "run", interrupted)
    code, out, err = run_cli("--lang", "en", "check", str(RULES / "baiyun-2021.yaml"))
    assert (code, out) == (130, "")
    assert err == "perfscore: interrupted; an output not finished was left as it was\n"

    def closed(*_: object) -> int:
        raise BrokenPipeError

    monkeypatch.setattr(check, "run", closed)
    code, _, err = run_cli("--lang", "en", "check", str(RULES / "baiyun-2021.yaml"))
    assert (code, err) == (1, "")


def test_nesting_is_judged_by_perfscore_limit_not_by_the_libyaml_build() -> None:
    """1,500 levels (past libyaml's own 1,000): refused at max_depth by default; read when max_depth allows it."""
    from perfscore._yaml.source import ReadLimits, parse_document  # noqa: PLC0415

    text = "a: " + "[" * 1_500 + "]" * 1_500 + "\n"
    with pytest.raises(perfscore.PackError) as caught:
        parse_document(text, error_type=perfscore.PackError)
    assert caught.value.codes == ("YAML_DEPTH",)
    assert caught.value.diagnostics[0].location.column == 3 + 64  # as "indicators: [[[…" gets column 76
    deep = parse_document(text, error_type=perfscore.PackError, limits=ReadLimits(max_depth=2_000)).data["a"]
    for _ in range(1_499):
        deep = deep[0]
    assert deep == []


@pytest.mark.parametrize("argv", [["--help"], ["import-table", "--help"], ["--lang", "zh", "score", "nope.yaml", "x"]])
def test_an_ascii_only_terminal_never_gets_a_traceback(argv: list[str]) -> None:
    """PYTHONIOENCODING=ascii: help (with Chinese in it) and Chinese messages come out escaped, never as a crash."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "perfscore", *argv], capture_output=True, env=environment, check=False
    )
    assert done.returncode in {0, 2}
    assert b"Traceback" not in done.stderr
    (done.stdout + done.stderr).decode("ascii")
