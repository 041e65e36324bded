"""``--template DIR``: an agency's Jinja2 layout of the HTML report, autoescaped; the built-in one is the default."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES, run_cli

import perfscore
from perfscore.reports.template import BUILT_IN

pytest.importorskip("jinja2")

PACK = str(RULES / "baiyun-2021.yaml")
FIGURES = str(EXAMPLES / "baiyunhu-2021.yaml")

LETTERHEAD = """\
{% extends "perfscore/report.html.j2" %}
{% block letterhead %}<div class="letterhead">{{ agency }}白云区财政局 · {{ card.department }}</div>{% endblock %}
{% block closing %}<p class="contact">联系人：{{ "<b>张三</b>" }}</p>{% endblock %}
"""


def test_built_in_template_renders_the_default_report(baiyun_pack, baiyun_card) -> None:
    """The shipped template gives exactly the report perfscore writes without one, so the two cannot drift."""
    default = perfscore.Report(pack=baiyun_pack, card=baiyun_card)
    templated = perfscore.Report(pack=baiyun_pack, card=baiyun_card, template=BUILT_IN)
    assert templated.html() == default.html()
    assert (BUILT_IN / "report.html.j2").is_file()


def test_agency_template_adds_a_letterhead_and_escapes_its_text(tmp_path, baiyun_pack, baiyun_card) -> None:
    """A template extending the built-in one adds a letterhead and a closing; its variables are HTML-escaped."""
    (tmp_path / "report.html.j2").write_text(LETTERHEAD, encoding="utf-8")
    html = perfscore.Report(pack=baiyun_pack, card=baiyun_card, template=tmp_path).html()
    assert '<div class="letterhead">白云区财政局 · 广州市白云区人民政府白云湖街道办事处</div>' in html
    assert "&lt;b&gt;张三&lt;/b&gt;" in html  # autoescape: text never becomes markup
    assert 'data-field="subtotal" data-id="t3"' in html  # the report's own sections are kept
    assert html.index("letterhead") < html.index("总分与等级") < html.index("contact")


def test_report_command_takes_a_template_and_audit(tmp_path) -> None:
    """`perfscore report … --template DIR --audit` writes the templated HTML with the 技术附录."""
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.html.j2").write_text(LETTERHEAD, encoding="utf-8")
    target = tmp_path / "r.html"
    code, _, err = run_cli("report", PACK, FIGURES, "--template", str(tmp_path / "tpl"), "--audit", "-o", str(target))
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    assert "letterhead" in html
    assert "技术附录" in html
    code, _, err = run_cli("report", PACK, FIGURES, "-o", str(tmp_path / "plain.md"), "--no-audit")
    assert code == 0, err
    assert "技术附录" not in (tmp_path / "plain.md").read_text(encoding="utf-8")
    code, _, _ = run_cli("report", PACK, FIGURES, "-o", str(tmp_path / "audited.md"))
    assert "技术附录" in (tmp_path / "audited.md").read_text(encoding="utf-8")


def test_missing_template_is_a_usage_error(tmp_path) -> None:
    """A template folder without report.html.j2 is FILE_UNREADABLE naming the file, exit 2; nothing is written."""
    target = tmp_path / "r.html"
    code, _, err = run_cli("report", PACK, FIGURES, "--template", str(tmp_path), "-o", str(target))
    assert code == 2
    assert "FILE_UNREADABLE" in err
    assert str(Path(tmp_path) / "report.html.j2") in err
    assert not target.exists()
