"""Figures checked against the pack before scoring: written for it, for its indicators, read by its rules.

A figure that nothing reads is the commonest silent mistake in a figures file (a typo in a
key, a score given for a computed indicator); it is reported, never ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

from perfscore._core.diagnostics import DiagnosticSink, diagnostic
from perfscore._core.facts import fact_of
from perfscore._core.figures import Figures, IndicatorFigures
from perfscore._core.model import Group, Indicator, Pack
from perfscore._core.targets import Op
from perfscore._text.suggest import suggest
from perfscore.rules.base import Rule, rule_fact
from perfscore.rules.composite import NotApplicable

_NOT_AN_INDICATOR: frozenset[str] = frozenset({"not an indicator of the pack"})


def check_figures(pack: Pack, figures: Figures, sink: DiagnosticSink) -> None:
    """Report figures the pack cannot use: another pack's figures, unknown indicators, keys no rule reads."""
    if figures.pack_id is not None and figures.pack_id not in {pack.id, pack.extends}:
        sink.add(diagnostic("PACK_MISMATCH", written_for=figures.pack_id, pack=pack.id))
    quiet: Mapping[str, frozenset[str] | None] = fact_of(pack, "quiet_figure_keys", _quiet_keys)
    for indicator_id, entry in figures.indicators.items():
        keys = quiet.get(indicator_id, _NOT_AN_INDICATOR)
        if keys is not _NOT_AN_INDICATOR and (keys is None or keys.issuperset(entry.values)):
            continue  # an indicator of the pack whose every key is read or welcome: nothing to report
        node = pack.node(indicator_id)
        if node is None or isinstance(node, Group):
            sink.add(
                diagnostic(
                    "FIGURE_UNKNOWN_INDICATOR",
                    location=entry.location,
                    path=(indicator_id,),
                    id=indicator_id,
                    pack=pack.id,
                    suggestion=suggest(indicator_id, [node.id for _, node in pack.walk()]),
                )
            )
            continue
        unread = unread_keys(node, entry)
        for key in unread:
            sink.add(
                diagnostic(
                    "FIGURE_NOT_USED",
                    location=entry.location_of(key),
                    path=pack.path_of(indicator_id),
                    key=key,
                    id=indicator_id,
                    kind=node.rule.kind,
                )
            )


def unread_keys(node: Indicator, entry: IndicatorFigures) -> list[str]:
    """The keys of ``entry`` that the indicator's rule never reads (a reason is always welcome)."""
    reads: frozenset[str] = rule_fact(node.rule, "reads", _reads)
    if isinstance(node.rule, NotApplicable):
        return []
    informative = {"reason", "coefficient"}  # the engine reads a 得分系数 for any rule
    if node.target is not None and node.target.op is Op.LABEL:
        informative.add("actual")  # a label target answered in words (完成值 有效 against 有效)
    return [
        key
        for key in entry.values
        if key not in reads
        and key not in informative
        and not (key.startswith("values.") and any(r.startswith("values.") or "." not in r for r in reads))
    ]


def _quiet_keys(pack: Pack) -> dict[str, frozenset[str] | None]:
    """Per indicator, the keys :func:`unread_keys` never reports (None: none it reports), worked out once per pack."""
    found: dict[str, frozenset[str] | None] = {}
    for node in pack.indicators():
        if isinstance(node.rule, NotApplicable):
            found[node.id] = None
            continue
        reads: frozenset[str] = rule_fact(node.rule, "reads", _reads)
        label = node.target is not None and node.target.op is Op.LABEL
        found[node.id] = reads | {"reason", "coefficient"} | ({"actual"} if label else set())
    return found


def _reads(rule: Rule) -> frozenset[str]:
    return rule.reads()
