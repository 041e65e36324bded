"""The 技术附录 (technical appendix) that ``--audit`` adds to a report.

Officials read names, sentences and numbers; pack authors and auditors also need the
machinery: which pack file and version scored the figures, every diagnostic with its
code and file:line:col, indicator ids, how each score was computed, the rules as the
pack states them, and the raw changes an overlay made. Those live here, apart from
the report proper, in HTML and in Markdown. It is on by default for Markdown (the
authors' format) and off for HTML, Word and Excel (the officials' formats).
"""

from __future__ import annotations

from html import escape

from perfscore._core.diagnostics import Diagnostic
from perfscore._files.cellsafe import markdown_text
from perfscore._text.labels import word
from perfscore.reports.view import ReportView, where_text

TITLE = {"zh": "技术附录", "en": "Technical appendix"}
_RULES = {"zh": "评分规则（规则包原文）", "en": "Scoring rules (as the pack states them)"}
_IDS = {"zh": "指标编号", "en": "Indicator ids"}
AUDIT_DEFAULT = frozenset({"md", "json"})


def audit_default(fmt: str) -> bool:
    """Whether a report in ``fmt`` carries the appendix unless told otherwise (md, json: yes)."""
    return fmt in AUDIT_DEFAULT


def _meta(view: ReportView) -> list[tuple[str, str]]:
    card, lang = view.card, view.lang
    rows = [(word("pack", lang), f"{card.pack_id} v{card.pack_version}"), (word("source", lang), str(view.pack.source))]
    if card.figures_file:
        rows.append((word("figures", lang), card.figures_file))
    return rows


def _diagnostics(view: ReportView) -> list[tuple[str, tuple[Diagnostic, ...]]]:
    lang = view.lang
    return [
        (word("reconcile", lang), view.reconciliation),
        (f"{word('warnings', lang)} ({len(view.warnings)})", view.warnings),
        (f"{word('notes', lang)} ({len(view.notes)})", view.notes),
    ]


def audit_html(view: ReportView) -> str:
    """The appendix as an HTML ``<section>`` (inside the report's ``.perfscore`` block)."""
    lang = view.lang
    out = [f'<section class="audit"><h2 class="break">{escape(TITLE[lang])}</h2><table class="meta">']
    out += [f"<tr><td>{escape(key)}</td><td>{escape(value)}</td></tr>" for key, value in _meta(view)]
    out.append("</table>")
    for title, items in _diagnostics(view):
        out.append(f"<h3>{escape(title)}</h3>")
        if not items:
            out.append(f"<p>{escape(word('none', lang))}</p>")
            continue
        out.append('<ul class="diagnostics">')
        for item in items:
            where = where_text(item)
            place = f' <span class="where">{escape(where)}</span>' if where else ""
            out.append(f'<li data-code="{item.code}"><code>{item.code}</code> {escape(item.message(lang))}{place}</li>')
        out.append("</ul>")
    out.append(f"<h3>{escape(_IDS[lang])} · {escape(_RULES[lang])}</h3><table><thead><tr>")
    out += [f"<th>{escape(word(key, lang))}</th>" for key in ("id", "indicator", "rule", "how")]
    out.append("</tr></thead><tbody>")
    for result in view.card.indicators():
        rule = view.pack.node(result.id)
        shown = repr(getattr(rule, "rule", "")) if rule is not None else ""
        out.append(
            f"<tr><td><code>{escape(result.id)}</code></td><td>{escape(result.name)}</td>"
            f"<td><code>{escape(shown)}</code></td><td>{escape(view.explanation(result))}</td></tr>"
        )
    out.append("</tbody></table>")
    out += _assumptions_html(view)
    out.append("</section>")
    return "".join(out)


def _assumptions_html(view: ReportView) -> list[str]:
    lang = view.lang
    out = [f"<h3>{escape(word('assumptions', lang))}</h3><ul>"]
    out += [
        f"<li><strong>{escape(use.assumption.id)}</strong> — {escape(word('used_by', lang))}: "
        f"<code>{escape('、'.join(use.used_by) or '—')}</code></li>"
        for use in view.assumptions
    ]
    out.append("</ul>")
    if view.adjustments:
        out.append(f"<h3>{escape(word('adjustments', lang))}</h3><ul>")
        for item in view.adjustments:
            changes = "；".join(f"{field}: {old} → {new}" for field, old, new in item.changes)
            out.append(f"<li>{escape(word(item.op, lang))} <code>{escape(item.id)}</code>: {escape(changes)}</li>")
        out.append("</ul>")
    return out


def audit_markdown(view: ReportView) -> list[str]:
    """The appendix as Markdown lines."""
    lang = view.lang
    out = ["", f"## {TITLE[lang]}", ""]
    out += [f"- {key}: {markdown_text(value)}" for key, value in _meta(view)]  # fields escaped (issue 12)
    for title, items in _diagnostics(view):
        out += ["", f"### {title}", ""]
        if not items:
            out.append(f"- {word('none', lang)}")
        for item in items:
            where = where_text(item)
            suffix = f" ({markdown_text(where)})" if where else ""
            out.append(f"- `{item.code}` {markdown_text(item.message(lang))}{suffix}")
    out += ["", f"### {_IDS[lang]} · {_RULES[lang]}", ""]
    for result in view.card.indicators():
        rule = view.pack.node(result.id)
        shown = repr(getattr(rule, "rule", "")) if rule is not None else ""
        explained = markdown_text(view.explanation(result))
        out.append(f"- {markdown_text(result.id)} {markdown_text(result.name)}: {markdown_text(shown)} — {explained}")
    out += ["", f"### {word('assumptions', lang)}", ""]
    out += [
        f"- **{markdown_text(use.assumption.id)}** {word('used_by', lang)}: "
        f"{markdown_text('、'.join(use.used_by)) or '—'}"
        for use in view.assumptions
    ]
    if view.adjustments:
        out += ["", f"### {word('adjustments', lang)}", ""]
        for change in view.adjustments:
            changes = "；".join(f"{field}: {old} → {new}" for field, old, new in change.changes)
            out.append(f"- {word(change.op, lang)} {markdown_text(change.id)}: {markdown_text(changes)}")
    return out
