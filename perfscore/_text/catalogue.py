"""The catalogue of diagnostic codes, with messages in English and Chinese.

Codes are stable: scripts, CI jobs and the error-catalogue docs depend on them. A
message template names its parameters in braces; a missing parameter shows as
``{name}`` rather than failing, so a diagnostic can always be printed.

Each code belongs to one table (files and YAML, pack structure, figures, scoring);
the tables are plain tuples so that docs and tests can walk them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from perfscore._core.severity import Lang, Severity
from perfscore._text.suggest import DID_YOU_MEAN

if TYPE_CHECKING:
    from collections.abc import Iterable

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO


@attrs.frozen(kw_only=True)
class CodeInfo:
    """One diagnostic code: its severity, its message and hint in both languages."""

    code: str
    severity: Severity
    en: str
    zh: str
    hint_en: str = ""
    hint_zh: str = ""


def _c(code: str, severity: Severity, en: str, zh: str, hint_en: str = "", hint_zh: str = "") -> CodeInfo:
    return CodeInfo(code=code, severity=severity, en=en, zh=zh, hint_en=hint_en, hint_zh=hint_zh)


FILE_CODES: tuple[CodeInfo, ...] = (
    _c(
        "FILE_UNREADABLE",
        E,
        "cannot read the file: {reason}",
        "无法读取文件：{reason_zh}",
        "check the path and the permissions",
        "请检查路径与读取权限",
    ),
    _c(
        "FILE_TOO_LARGE",
        E,
        "the file is {size} bytes, above the limit of {limit} bytes",
        "文件大小为 {size} 字节，超过上限 {limit} 字节",
        "packs and figures files are small; split the file or raise the limit on purpose",
        "规则包和数据文件通常很小；请拆分文件，或有意识地调高上限",
    ),
    _c(
        "FILE_ENCODING",
        E,
        "the file is not valid {encoding} text ({detail})",
        "文件不是有效的 {encoding} 文本（{detail_zh}）",
        "save the file as UTF-8, or declare its encoding on the first line: '# encoding: gbk'",
        "请另存为 UTF-8，或在第一行声明编码：'# encoding: gbk'",
    ),
    _c(
        "YAML_EMPTY",
        E,
        "the file holds no YAML document",
        "文件中没有 YAML 内容",
        "a pack or figures file is a YAML mapping, e.g. 'id: my-pack'",
        "规则包或数据文件应为 YAML 映射，例如 'id: my-pack'",
    ),
    _c(
        "YAML_SYNTAX",
        E,
        "YAML syntax error: {problem}",
        "YAML 语法错误：{problem_zh}",
        "check indentation and quoting near this line",
        "请检查该行附近的缩进与引号",
    ),
    _c(
        "YAML_TAB",
        E,
        "a tab character is used for indentation",
        "缩进中使用了制表符（Tab）",
        "YAML indents with spaces only; replace the tabs with spaces",
        "YAML 只能用空格缩进，请把 Tab 替换为空格",
    ),
    _c(
        "YAML_MULTIPLE_DOCUMENTS",
        E,
        "the file holds more than one YAML document",
        "文件中包含多个 YAML 文档",
        "remove the '---' separators: one file, one document",
        "请删除 '---' 分隔符：一个文件只放一个文档",
    ),
    _c(
        "YAML_DUPLICATE_KEY",
        E,
        "duplicate key '{key}' (first written on line {first_line})",
        "重复的键 '{key}'（首次出现在第 {first_line} 行）",
        "a key may appear once per mapping; YAML would silently keep only the last one",
        "同一映射中的键只能出现一次；否则 YAML 会静默保留最后一个",
    ),
    _c(
        "YAML_TAG",
        E,
        "the tag '{tag}' is not allowed: packs and figures are data, not code",
        "不允许使用标签 '{tag}'：规则包与数据文件只是数据，不是代码",
        "remove the tag; write plain values",
        "请删除该标签，直接写值",
    ),
    _c(
        "YAML_ALIAS_LIMIT",
        E,
        "aliases expand to more than {limit} values (is this a YAML bomb?)",
        "别名展开后超过 {limit} 个值（疑似 YAML 炸弹）",
        "use fewer aliases, or write the repeated parts out",
        "请减少别名的使用，或直接写出重复内容",
    ),
    _c(
        "YAML_DEPTH",
        E,
        "values are nested more than {limit} levels deep",
        "嵌套层级超过 {limit} 层",
        "flatten the structure",
        "请减少嵌套层级",
    ),
    _c(
        "YAML_KEY_TYPE",
        E,
        "a mapping key must be text or a number, not {type}",
        "映射的键必须是文本或数字，而不是 {type}",
    ),
    _c(
        "NUMBER_NOT_FINITE",
        E,
        "'{text}' is not a finite number",
        "'{text}' 不是有限数值",
        "write an ordinary decimal number such as 97.87",
        "请写普通的十进制数，例如 97.87",
    ),
    _c(
        "NUMBER_OUT_OF_RANGE",
        E,
        "'{text}' is outside the range perfscore accepts ({limit})",
        "'{text}' 超出可接受的数值范围（{limit}）",
    ),
)

PACK_CODES: tuple[CodeInfo, ...] = (
    _c("TYPE_MISMATCH", E, "'{key}' must be {kind}", "'{key}' 应为{kind_zh}"),
    _c(
        "KEY_UNKNOWN",
        E,
        "unknown key '{key}' in {where}",
        "{where}中有未知的键 '{key}'",
        "allowed keys: {allowed}",
        "可用的键：{allowed}",
    ),
    _c("KEY_MISSING", E, "'{key}' is required in {where}", "{where}缺少必填的键 '{key}'"),
    _c("VALUE_INVALID", E, "'{key}' has an invalid value: {problem}", "'{key}' 的值无效：{problem_zh}"),
    _c(
        "ID_INVALID",
        E,
        "'{id}' is not a valid id",
        "'{id}' 不是有效的编号",
        "ids use letters, digits, '_', '-' and '.', and start with a letter or digit",
        "编号由字母、数字、'_'、'-'、'.' 组成，以字母或数字开头",
    ),
    _c(
        "ID_DUPLICATE",
        E,
        "the id '{id}' is used twice (first at {first})",
        "编号 '{id}' 重复（首次出现在 {first}）",
        "every group and indicator needs its own id",
        "每个分组和指标都需要唯一的编号",
    ),
    _c("WEIGHT_INVALID", E, "the weight of '{id}' must be a number above 0", "'{id}' 的权重（分值）必须是大于 0 的数"),
    _c(
        "WEIGHT_SUM",
        E,
        "the weights under '{id}' add up to {sum}, not {want} ({direction} by {difference})",
        "'{id}' 下各项权重之和为 {sum}，而不是 {want}（{direction_zh} {difference}）",
        "change the weights so they add up to the parent's points",
        "请调整权重，使其之和等于上级分值",
    ),
    _c("GROUP_EMPTY", E, "the group '{id}' has no indicators", "分组 '{id}' 下没有指标"),
    _c(
        "RULE_UNKNOWN",
        E,
        "unknown rule kind '{kind}'",
        "未知的评分规则 '{kind}'",
        "known kinds: {known}",
        "可用的规则：{known}",
    ),
    _c("RULE_OPTION", E, "rule '{kind}': {problem}", "规则 '{kind}'：{problem_zh}"),
    _c(
        "RULE_TARGET_MISSING",
        E,
        "rule '{kind}' needs a target (指标值)",
        "规则 '{kind}' 需要指标值",
        "write 'target: \"≥95%\"' on the indicator, or 'target: figures' to read it from each department's figures",
        "在指标上写 'target: \"≥95%\"'，或写 'target: figures' 从各单位数据读取",
    ),
    _c(
        "RULE_NOT_INFERRED",
        E,
        "no rule is named and none follows from the target '{target}'",
        "未指定评分规则，且无法从指标值 '{target}' 推断",
        "name one with 'rule: positive' (or reverse, equal, qualitative, ...)",
        "请用 'rule: positive'（或 reverse、equal、qualitative 等）指定规则",
    ),
    _c(
        "TARGET_UNPARSEABLE",
        E,
        "cannot read the target '{text}': {problem}",
        "无法解析指标值 '{text}'：{problem_zh}",
        "write it as tables do: '≥95%', '≤202.6万元', '=8个', '2天以内', or a label",
        "请按表格写法填写：'≥95%'、'≤202.6万元'、'=8个'、'2天以内'，或文字等级",
    ),
    _c("BANDS_INVALID", E, "band table of '{id}': {problem}", "'{id}' 的分档表：{problem_zh}"),
    _c("GRADES_INVALID", E, "grade bands: {problem}", "等级划分：{problem_zh}"),
    _c("LEVELS_INVALID", E, "qualitative levels: {problem}", "定性等级：{problem_zh}"),
    _c(
        "EXPRESSION_INVALID",
        E,
        "formula of '{id}': {problem}",
        "'{id}' 的公式：{problem_zh}",
        "formulas use numbers (95% too), figure names, + - * /, comparisons, and/or/not, true/false, "
        "min, max, abs, round(x, n), clamp(x, low, high) and if(condition, then, else)",
        "公式可使用数字（含 95%）、数据名、+ - * /、比较运算、and/or/not、true/false、"
        "min、max、abs、round(x, n)、clamp(x, 下限, 上限) 和 if(条件, 甲, 乙)",
    ),
    _c(
        "ASSUMPTION_UNKNOWN",
        E,
        "'{id}' refers to the unknown assumption '{name}'",
        "'{id}' 引用了不存在的假设 '{name}'",
    ),
    _c(
        "CITE_UNKNOWN",
        E,
        "'{id}' cites '{name}', which is not among the pack's citations",
        "'{id}' 引用的出处 '{name}' 不在本规则包的 citations 中",
        "add it under 'citations:' or fix the name",
        "请在 citations 中补充，或更正名称",
    ),
    _c(
        "OVERLAY_INDICATORS",
        E,
        "a pack that extends another changes it through 'adjustments', not 'indicators'",
        "继承其他规则包的规则包应通过 adjustments 修改，而不是重写 indicators",
    ),
    _c(
        "PACK_TEMPLATE",
        E,
        "the pack '{id}' is a template (no weights); extend it with weights before scoring",
        "规则包 '{id}' 是模板（未设权重），请先继承并设定权重再评分",
    ),
    _c("EXTENDS_MISSING", E, "the pack extends '{target}', which cannot be read", "规则包继承的 '{target}' 无法读取"),
    _c("EXTENDS_CYCLE", E, "packs extend each other in a cycle: {cycle}", "规则包之间存在循环继承：{cycle}"),
    _c(
        "EXTENDS_ESCAPE",
        E,
        "'{target}' lies outside the pack folder {folder}",
        "'{target}' 位于规则包目录 {folder} 之外",
        "extends may only name packs in the same folder or below it",
        "extends 只能引用同一目录或其子目录中的规则包",
    ),
    _c("ADJUSTMENT_INVALID", E, "adjustment {number}: {problem}", "第 {number} 项调整：{problem_zh}"),
    _c(
        "ADJUSTMENT_UNKNOWN_ID",
        E,
        "adjustment {number} names the unknown id '{id}'",
        "第 {number} 项调整引用了不存在的编号 '{id}'",
    ),
)

FIGURES_CODES: tuple[CodeInfo, ...] = (
    _c(
        "FIGURE_UNKNOWN_INDICATOR",
        E,
        "there is no indicator '{id}' in pack '{pack}'",
        "规则包 '{pack}' 中没有指标 '{id}'",
    ),
    _c("FIGURE_INVALID", E, "'{key}' of '{id}': {problem}", "'{id}' 的 '{key}'：{problem_zh}"),
    _c(
        "FIGURE_NUMBER",
        E,
        "cannot read '{text}' as a number: {problem}",
        "无法把 '{text}' 读作数值：{problem_zh}",
        "write a number, optionally with a unit: 103, 97.87%, 18,009.98, 202.6万元",
        "请填写数值，可带单位：103、97.87%、18,009.98、202.6万元",
    ),
    _c(
        "FIGURE_UNIT",
        E,
        "the unit '{unit}' cannot be compared with the target's unit '{target_unit}'",
        "单位 '{unit}' 与指标值的单位 '{target_unit}' 不一致",
    ),
    _c(
        "FIGURE_SCORE_RANGE",
        E,
        "the score {score} is outside 0–{weight} (the weight of '{id}')",
        "得分 {score} 超出 0–{weight}（'{id}' 的分值）",
    ),
    _c(
        "FIGURE_LEVEL_UNKNOWN",
        E,
        "unknown level '{level}'",
        "未知的评价等级 '{level}'",
        "levels of this pack: {levels}",
        "本规则包的等级：{levels}",
    ),
    _c(
        "FIGURE_OUT_OF_BAND",
        E,
        "the score {score} is outside the band of level '{level}' ({band})",
        "得分 {score} 不在等级 '{level}' 的区间 {band} 内",
        "give a score inside the band, or change the level",
        "请在区间内评分，或改变评价等级",
    ),
    _c(
        "FIGURE_REASON_MISSING",
        E,
        "a manual score or override needs a reason",
        "手工评分或调整得分必须说明理由",
        "add 'reason: ...'",
        "请补充 'reason: ……'",
    ),
    _c(
        "FIGURE_NOT_USED",
        W,
        "'{key}' is not read by the rule of '{id}' ({kind})",
        "'{id}' 的规则（{kind}）不使用 '{key}'",
    ),
    _c("FIGURE_ITEM_UNKNOWN", E, "unknown checklist item '{item}'", "未知的检查项 '{item}'"),
    _c(
        "FIGURE_ATTAINMENT",
        E,
        "'{text}' is neither a number nor a word for met or not met (target {target})",
        "'{text}' 既不是数值，也不是表示达成或未达成的用语（指标值 {target}）",
        "write the number, the target's own text, or one of: {vocabulary}; a pack adds words with "
        "attainment: {{met: [...], not_met: [...]}}; an assessor's score is override: {{score: 8, reason: ...}}",
        "请填写数值、与指标值相同的文字，或下列用语之一：{vocabulary_zh}；规则包可用 attainment: {{met: [...], "
        "not_met: [...]}} 增加用语；评价人给定的得分写作 override: {{score: 8, reason: ...}}",
    ),
    _c(
        "FIGURE_COEFFICIENT",
        E,
        "the coefficient '{text}' of '{id}' must be a share of the weight between 0 and 1 (0%–100%)",
        "'{id}' 的得分系数 '{text}' 应为 0 至 1（0%–100%）之间的比例",
        "write it as printed: coefficient: 100%, coefficient: 0.8",
        "按表中所印填写：coefficient: 100%、coefficient: 0.8",
    ),
)

SCORING_CODES: tuple[CodeInfo, ...] = (
    _c(
        "SUM_MISMATCH",
        W,
        "'{total_name}' is {total} but its parts add up to {sum} (off by {difference}, tolerance {tolerance})",
        "'{total_name}' 为 {total}，但各组成部分之和为 {sum}（相差 {difference}，允许尾差 {tolerance}）",
    ),
    _c(
        "FIGURE_MISSING",
        W,
        "no figure for '{id}' ({needs}); its score lies in {low}–{high}",
        "'{id}' 缺少数据（{needs}）；其得分介于 {low}–{high}",
    ),
    _c(
        "RESULT_PARTIAL",
        W,
        "the result is partial: the total lies in {low}–{high}; grades still possible: {grades}",
        "结果不完整：总分介于 {low}–{high}；仍可能的等级：{grades}",
    ),
    _c(
        "PUBLISHED_MISMATCH",
        W,
        "'{id}': computed {computed}, published {published}",
        "'{id}'：计算得分 {computed}，公布得分 {published}",
    ),
    _c(
        "PUBLISHED_GRADE_CONSISTENT",
        N,
        "the published grade {grade} is possible: it needs {missing} to total {needed}{levels}",
        "公布的等级 {grade} 可以成立：需要 {missing} 合计 {needed}{levels_zh}",
    ),
    _c(
        "PUBLISHED_GRADE_IMPOSSIBLE",
        W,
        "the published grade {grade} cannot follow: the total lies in {low}–{high}",
        "公布的等级 {grade} 不可能成立：总分介于 {low}–{high}",
    ),
    _c(
        "PUBLISHED_RATE_MISMATCH",
        W,
        "'{id}': computed execution rate {computed}, published {published}",
        "'{id}'：计算的预算执行率为 {computed}，公布值为 {published}",
    ),
    _c(
        "PUBLISHED_GRADE_MISMATCH",
        W,
        "the published grade is {grade}, but {computed} follows",
        "公布的等级为 {grade}，但按计算应为 {computed}",
    ),
    _c(
        "FIGURE_PERCENT_AMBIGUOUS",
        W,
        "'{id}': the bare number {value} against the percent target {target} reads as {points} (as written) or "
        "{fraction} (a fraction of 100%); {outcome}",
        "'{id}'：无单位的数值 {value} 对照百分比指标值 {target}，"
        "可读作 {points}（按所写）或 {fraction}（小数表示的百分比）；{outcome_zh}",
        "declare which reading the file means: percent_numbers: fraction (0.95 is 95%) or percent_numbers: points "
        "(0.95 is 0.95%), in the figures file or the pack; or write the percent sign",
        "请声明所指的读法：在数据文件或规则包中写 percent_numbers: fraction（0.95 即 95%）或 percent_numbers: points"
        "（0.95 即 0.95%）；或直接写出百分号",
    ),
    _c(
        "SCORE_COEFFICIENT_DIFFERS",
        W,
        "'{id}': the printed coefficient {coefficient} gives {score}, the rule computes {computed}",
        "'{id}'：所印得分系数 {coefficient} 得 {score} 分，按规则计算为 {computed} 分",
        "the printed score is kept; check the coefficient or the 完成值",
        "以所印得分为准；请核对得分系数或完成值",
    ),
    _c(
        "BUDGET_RATE_MISMATCH",
        W,
        "'{id}': the printed execution rate {printed} does not match the amounts, which give {computed}",
        "'{id}'：所印预算执行率 {printed} 与金额不符，按金额计算为 {computed}",
        "the amounts are used; check the printed rate or the amounts",
        "以金额计算为准；请核对所印执行率或金额",
    ),
    _c(
        "PUBLISHED_TOTAL_IMPOSSIBLE",
        W,
        "the published total {total} cannot follow: the total lies in {low}–{high}",
        "公布的总分 {total} 不可能成立：总分介于 {low}–{high}",
    ),
    _c(
        "SCORE_OVERRIDDEN",
        N,
        "'{id}': computed {computed}, overridden to {score}: {reason}",
        "'{id}'：计算得分 {computed}，调整为 {score}：{reason}",
    ),
    _c(
        "NOT_APPLICABLE",
        N,
        "'{id}' does not apply ({reason}); its {weight} points {to}",
        "'{id}' 不适用（{reason}）；其 {weight} 分{to_zh}",
    ),
    _c(
        "FORMULA_CLAMPED",
        W,
        "'{id}': the formula gave {value}, kept within 0–{weight}",
        "'{id}'：公式结果为 {value}，已限定在 0–{weight}",
    ),
    _c(
        "ASSUMPTION_USED",
        N,
        "assumption {name} is relied on by {id}: {text}",
        "以下指标的评分基于假设 {name}：{id}。{text}",
    ),
    _c(
        "PACK_MISMATCH",
        W,
        "the figures were written for pack '{written_for}', not '{pack}'",
        "该数据文件对应规则包 '{written_for}'，而不是 '{pack}'",
    ),
)

CLI_CODES: tuple[CodeInfo, ...] = (
    _c("USAGE_INDICATOR_UNKNOWN", E, "there is no indicator or group '{id}'", "不存在指标或分组 '{id}'"),
)

AUTHORING_CODES: tuple[CodeInfo, ...] = (
    _c(
        "WEIGHT_UNSET",
        E,
        "'{id}' has no weight: the template '{template}' leaves it to the pack that extends it",
        "'{id}' 未设权重：模板 '{template}' 要求继承它的规则包设定权重",
        "weight it in an adjustment 'weights: {{{id}: …}}', or remove it with 'remove: {id}'",
        "请在调整中用 'weights: {{{id}: …}}' 设定权重，或用 'remove: {id}' 删除",
    ),
    _c(
        "TARGET_DIRECTION",
        W,
        "'{name}' has the target {target} without an operator, read as ≥, "
        "but '{word}' in its name says lower is better",
        "'{name}' 的指标值 {target} 未写比较符，按 ≥ 读取，但名称中的“{word}”表明越低越好",
        "write the operator the table means, e.g. ≤{target}, or rule: reverse",
        "请写出表中所指的比较符，例如 ≤{target}，或写 rule: reverse",
    ),
    _c(
        "BANDS_GAP",
        W,
        "band table of '{id}': values {gap} fall in no band and earn 0",
        "'{id}' 的分档表：数值 {gap} 不在任何一档内，得 0 分",
        "add a band for these values, or widen a neighbouring band",
        "请为这些数值补充一档，或放宽相邻的分档",
    ),
    _c(
        "BANDS_OVERLAP",
        W,
        "band table of '{id}': {first} and {second} overlap; a value in both earns the first one listed",
        "'{id}' 的分档表：{first} 与 {second} 重叠，同属两档的数值按先列出的一档计分",
        "make the edges meet without overlapping, e.g. [80, 90) and [90, 100]",
        "请让分档首尾相接而不重叠，例如 [80, 90) 与 [90, 100]",
    ),
    _c(
        "BANDS_UNREACHABLE",
        W,
        "band table of '{id}': the band {band} can never be reached ({why})",
        "'{id}' 的分档表：分档 {band} 永远不会被采用（{why_zh}）",
        "remove the band or fix its edges",
        "请删除该档或更正其边界",
    ),
    _c(
        "BANDS_ORDER",
        W,
        "band table of '{id}': the bands are not listed in order of their edges ({first} before {second})",
        "'{id}' 的分档表：分档未按边界顺序排列（{first} 在 {second} 之前）",
        "list bands from the highest to the lowest (or the reverse), as the indicator table does",
        "请按从高到低（或从低到高）的顺序列出分档，与指标表一致",
    ),
    _c(
        "LEVELS_UNREACHABLE",
        W,
        "qualitative level {label} {band} holds no score and can never be reached",
        "定性等级 {label} {band} 的区间为空，永远不会被采用",
        "give the level a band that holds at least one score, e.g. [60%, 80%)",
        "请为该等级设定非空的区间，例如 [60%, 80%)",
    ),
    _c(
        "LEVELS_ORDER",
        W,
        "qualitative levels are not listed in order of their bands ({first} before {second})",
        "定性等级未按区间顺序排列（{first} 在 {second} 之前）",
        "list levels from the highest band to the lowest: 达成, 部分达成, 未达成",
        "请按区间从高到低列出等级：达成、部分达成、未达成",
    ),
    _c(
        "GRADES_UNREACHABLE",
        W,
        "the grade {label} {band} holds no total and can never be reached",
        "等级 {label} {band} 的区间为空，任何总分都得不到该等级",
        "give the grade a band that holds at least one total",
        "请为该等级设定非空的区间",
    ),
    _c(
        "FIGURE_NAME_UNKNOWN",
        W,
        "the rule of '{id}' reads '{name}', which no figures file can give an indicator",
        "'{id}' 的规则读取 '{name}'，但数据文件中的指标不能提供该项",
        "indicator figures are {known}, or values.<name>",
        "指标数据项为 {known}，或 values.<名称>",
    ),
    _c(
        "FIGURE_UNREAD",
        N,
        "{file} gives the amount '{name}', which no rule reads",
        "{file} 提供的金额 '{name}' 没有被任何规则读取",
        "remove it, or keep it as context for readers",
        "可删除，或作为说明保留",
    ),
    _c(
        "INDICATOR_UNREACHED",
        W,
        "{file} gives no figures for '{id}' ({kind}); it will be scored as a range",
        "{file} 没有提供 '{id}'（{kind}）的数据，其得分将只是一个区间",
        "add figures for it, or mark it 'not_applicable: <reason>'",
        "请补充数据，或写 'not_applicable: <理由>' 表示不适用",
    ),
    _c(
        "TEST_FAILED",
        E,
        "test '{test}': {what} expected {want}, got {have}",
        "测试 '{test}'：{what_zh} 应为 {want}，实际为 {have}",
        "fix the pack, or the expectation if the pack is right",
        "请修正规则包；若规则包无误，则修正预期值",
    ),
    _c(
        "TEST_UNKNOWN_ID",
        E,
        "test '{test}' expects a score for '{id}', which is not in pack '{pack}'",
        "测试 '{test}' 对 '{id}' 设定了预期得分，但规则包 '{pack}' 中没有该编号",
    ),
    _c(
        "TESTS_MISSING",
        E,
        "no tests for '{pack}': expected them in {file}",
        "'{pack}' 没有测试：应写在 {file} 中",
        "write test cases beside the pack in <pack>.tests.yaml (see docs/tutorial.md)",
        "请在规则包旁的 <规则包>.tests.yaml 中编写测试用例（见 docs/tutorial.md）",
    ),
    _c(
        "COVERAGE_RULE",
        W,
        "no test scored '{id}' ({kind})",
        "没有测试为 '{id}'（{kind}）计分",
        "add a test case whose figures score this indicator",
        "请增加为该指标提供数据的测试用例",
    ),
    _c(
        "COVERAGE_BAND",
        W,
        "no test reached the band {band} of '{id}'",
        "没有测试落入 '{id}' 的分档 {band}",
        "add a test case with a value in this band",
        "请增加数值落在该档内的测试用例",
    ),
    _c(
        "COVERAGE_LEVEL",
        W,
        "no test reached the qualitative level {level} of {scale}",
        "没有测试达到{scale_zh}中的等级 {level}",
        "add a test case with a score or level in this band",
        "请增加评分或等级落在该区间的测试用例",
    ),
    _c(
        "COVERAGE_GRADE",
        W,
        "no test reached the grade {grade} {band}",
        "没有测试得到等级 {grade} {band}",
        "add a test case whose total earns this grade",
        "请增加总分落在该等级的测试用例",
    ),
)

OUTPUT_CODES: tuple[CodeInfo, ...] = (
    _c(
        "EXTRA_MISSING",
        E,
        "{feature} needs the optional package '{package}', which is not installed",
        "{feature}需要可选依赖 '{package}'，但尚未安装",
        "install it with: pip install 'perfscore[{extra}]'",
        "请安装：pip install 'perfscore[{extra}]'",
    ),
    _c(
        "FORMAT_UNKNOWN",
        E,
        "cannot tell the format of '{file}' from its name; expected one of {formats}",
        "无法从文件名判断 '{file}' 的格式；应为 {formats} 之一",
        "name the file with one of those extensions, or give --format",
        "请使用上述扩展名，或指定 --format",
    ),
    _c(
        "OUTPUT_UNWRITABLE",
        E,
        "cannot write '{file}': {reason}",
        "无法写入 '{file}'：{reason_zh}",
        "check that the folder exists and can be written; nothing was written",
        "请检查目录是否存在且可写；未写入任何内容",
    ),
    _c(
        "REPORT_PACK_MISMATCH",
        E,
        "the scorecard was scored under pack '{card_pack}', not '{pack}'",
        "该评分结果来自规则包 '{card_pack}'，而不是 '{pack}'",
        "build the report with the pack that produced the scorecard",
        "请使用产生该评分结果的规则包生成报告",
    ),
    _c(
        "SHEET_UNKNOWN",
        E,
        "the workbook has no sheet '{sheet}'",
        "工作簿中没有工作表 '{sheet}'",
        "sheets: {sheets}",
        "现有工作表：{sheets}",
    ),
)

IMPORT_CODES: tuple[CodeInfo, ...] = (
    _c(
        "IMPORT_GROUP_POINTS",
        W,
        "'{name}' is printed with {points} points, but its indicators add up to {sum}; the pack uses {sum}",
        "'{name}' 印有 {points} 分，但其下指标分值合计为 {sum}；规则包按 {sum} 计",
        "check the weights against the form; the form's own points and its indicators disagree",
        "请核对表中分值：分组所印分值与其下指标分值不一致",
    ),
    _c(
        "IMPORT_TARGET_UNREAD",
        W,
        "cannot read the target '{text}': {problem}; the row is scored by its printed score, as the assessor's",
        "无法读取指标值 '{text}'：{problem_zh}；该行按表中得分（评价人评分）计",
        "rewrite the target in the pack (≥95%, 2天以内, 不少于100场) to let the rules compute the score",
        "请在规则包中改写指标值（≥95%、2天以内、不少于100场），以便按规则计算得分",
    ),
    _c(
        "IMPORT_ROW_UNWEIGHTED",
        W,
        "row {row} '{name}' has neither a weight nor a score; it is left out as a detail row",
        "第 {row} 行 '{name}' 既无分值也无得分，作为明细行（如“其中”）不计入",
        "give it a weight (分值) if it is an indicator of its own",
        "如该行是独立指标，请填写分值",
    ),
    _c(
        "IMPORT_COLUMN_UNUSED",
        W,
        "the column '{column}' is not used by the import",
        "导入未使用 '{column}' 列",
        "check that nothing in it matters for the scores; rename the header to one the import reads "
        "(年度指标值, 实际完成值, 分值, 得分, 得分系数, 指标性质, 单位, 偏差原因) if it does",
        "请确认该列不影响得分；如有影响，请把表头改为导入可识别的名称（年度指标值、实际完成值、分值、得分、得分系数、指标性质、单位、偏差原因）",
    ),
    _c(
        "IMPORT_SCORE_DIFFERS",
        W,
        "row {row} '{name}': printed {printed}, computed {computed} ({why})",
        "第 {row} 行 '{name}'：表中得分 {printed}，计算得分 {computed}（{why}）",
        "the table and the rules disagree: check the row; where the printed score is an assessor's judgement, "
        "record it as override: {{score: …, reason: …}} in the figures",
        "表中得分与规则计算不一致：请核对该行；若表中得分是评价人的判断，"
        "请在数据文件中写 override: {{score: …, reason: …}}",
    ),
    _c(
        "IMPORT_TOTAL_MISMATCH",
        W,
        "the table's total is {total}, but the weights (with the fund row) add up to {sum}; the pack uses {sum}",
        "表中总分为 {total}，但各项分值（含资金执行行）合计为 {sum}；规则包按 {sum} 计",
        "check the weights against the form; the printed scores are still compared one by one",
        "请核对表中分值；各项得分仍逐项比对",
    ),
    _c(
        "IMPORT_TABLE_UNKNOWN",
        E,
        "there is no table '{table}' in the document; it has {count} tables",
        "文档中没有表格 '{table}'；共有 {count} 个表格",
        "choose the table with --table N (1 is the first) or --table WORD (a word of its header row)",
        "请用 --table N（1 表示第一个）或 --table 词语（表头中的文字）选择表格",
    ),
    _c(
        "IMPORT_HEADER_MISSING",
        E,
        "no header row naming indicator levels (一级指标/二级指标/三级指标) and weights (分值/权重) "
        "in the first {rows} rows",
        "前 {rows} 行中没有表头行：应包含指标层级（一级指标/二级指标/三级指标）与分值（分值/权重）",
        "add a header row such as: 一级指标, 二级指标, 三级指标, 指标值, 分值",
        "请加上表头行，例如：一级指标, 二级指标, 三级指标, 指标值, 分值",
    ),
    _c(
        "IMPORT_POINTS_COLUMN_MISSING",
        E,
        "this row names the indicator levels but no row has a 分值 or 权重 column ({cells}): "
        "the form prints no points per indicator, so full marks are unknown",
        "此行列出了指标层级，但没有任何一行含分值或权重列（{cells}）：此表未逐项印出分值，无从得知满分",
        "add a 分值 column with each indicator's points; a printed 得分 alone does not say what full marks are",
        "请加上分值列，逐项填写指标的分值；仅有得分无法知道满分",
    ),
    _c(
        "IMPORT_EMPTY",
        E,
        "the table has no indicator rows below its header",
        "表头以下没有指标行",
        "write one row per indicator below the header row",
        "请在表头行下逐行填写指标",
    ),
    _c(
        "IMPORT_NAME_MISSING",
        E,
        "row {row} has values but no indicator name",
        "第 {row} 行有内容，但没有指标名称",
        "write the indicator's name in a level column, or delete the row",
        "请在指标层级列中填写名称，或删除该行",
    ),
    _c(
        "IMPORT_WEIGHT_MISSING",
        E,
        "the indicator '{name}' has no weight (分值)",
        "指标 '{name}' 没有分值（权重）",
        "write its points in the weight column",
        "请在分值列填写该指标的分值",
    ),
    _c(
        "IMPORT_WEIGHT_INVALID",
        E,
        "cannot read '{text}' as a weight: {problem}",
        "无法把 '{text}' 读作分值：{problem_zh}",
        "write a number above 0, such as 2 or 1.5",
        "请填写大于 0 的数，例如 2 或 1.5",
    ),
    _c(
        "IMPORT_WEIGHT_SUM",
        E,
        "'{name}' is given {want} points, but its indicators add up to {sum}",
        "'{name}' 的分值为 {want}，但其下指标分值之和为 {sum}",
        "correct the group's points or its indicators' points",
        "请更正该分组或其下指标的分值",
    ),
    _c(
        "IMPORT_LEAF_AND_GROUP",
        E,
        "'{name}' is an indicator on row {leaf_row} but has indicators under it on row {row}",
        "'{name}' 在第 {leaf_row} 行是指标，但在第 {row} 行下面又有下级指标",
        "give the indicator on row {leaf_row} a name in the next level column",
        "请在第 {leaf_row} 行的下一级指标列填写指标名称",
    ),
    _c(
        "IMPORT_DUPLICATE",
        E,
        "the indicator '{name}' appears twice (first on row {first_row})",
        "指标 '{name}' 出现两次（首次在第 {first_row} 行）",
        "merged cells continue the row above only in the level columns; give each indicator its own row",
        "合并单元格只在层级列中沿用上一行；每个指标应单独成行",
    ),
    _c(
        "IMPORT_ID_INVALID",
        E,
        "'{id}' in the id column is not a valid id",
        "编号列中的 '{id}' 不是有效的编号",
        "ids use letters, digits, '_', '-' and '.', and start with a letter or digit",
        "编号由字母、数字、'_'、'-'、'.' 组成，以字母或数字开头",
    ),
)

BATCH_CODES: tuple[CodeInfo, ...] = (
    _c(
        "BATCH_COLUMN_UNKNOWN",
        E,
        "the column '{column}' names no figure of pack '{pack}'",
        "列 '{column}' 不对应规则包 '{pack}' 的任何数据",
        "columns: department, year, ID:actual, ID:score, ID:level, ID:reason, amounts:PATH, published:grade "
        "(see docs/batch.md)",
        "可用的列：department、year、指标编号:actual、指标编号:score、指标编号:level、指标编号:reason、"
        "amounts:路径、published:grade（见 docs/batch.md）",
    ),
    _c(
        "BATCH_EMPTY",
        E,
        "'{source}' holds no department to score",
        "'{source}' 中没有可评分的单位",
        "a folder needs .yaml figures files; a table needs a header row and one row per department",
        "目录中应有 .yaml 数据文件；表格应有表头行，每个单位一行",
    ),
)

INPUT_CODES: tuple[CodeInfo, ...] = (
    _c(
        "NUMBER_UNREADABLE",
        E,
        "'{key}' must be a number, and '{text}' cannot be read as one: {problem}",
        "'{key}' 应为数值，无法把 '{text}' 读作数值：{problem_zh}",
        "write digits, such as 60 or 12.5 (full-width digits and separators as in 1,234.5 are read too)",
        "请写数字，例如 60 或 12.5（全角数字及 1,234.5 这样的千分位写法也可以）",
    ),
    _c(
        "SUM_UNIT",
        W,
        "'{part}' ({unit}) cannot be added to '{total_name}' ({total_unit}), so that sum is not checked",
        "'{part}'（{unit}）不能与 '{total_name}'（{total_unit}）相加，因此未核对该合计",
        "write the parts in the total's unit, or in a unit of the same kind (元 and 万元)",
        "请用合计的单位（或同类单位，如 元 与 万元）填写各组成部分",
    ),
)

SPEED_CODES: tuple[CodeInfo, ...] = (
    _c(
        "BATCH_NOT_EXPLAINED",
        E,
        "department {index} was scored without its figures kept, so its scorecard cannot be made",
        "第 {index} 个单位评分时未保留数据，无法生成评分表",
        "score the batch with explain=True (or the department with score_one) to explain it",
        "以 explain=True 评分整批（或用 score_one 评分该单位）后再查看评分说明",
    ),
    _c(
        "COLUMN_RENAME_UNKNOWN",
        E,
        "'{name}' is not a figure the pack '{pack}' reads, so it cannot be renamed",
        "'{name}' 不是规则包 '{pack}' 读取的数据，无法重命名",
        "name one of: {known}",
        "可用的名称：{known}",
    ),
    _c(
        "SENSITIVITY_SPREAD",
        E,
        "--weights must be a share below 100% such as ±20%, not '{text}'",
        "--weights 应为小于 100% 的比例，例如 ±20%，而不是 '{text}'",
        "each weight is multiplied by a factor drawn between 1 − share and 1 + share",
        "每个权重乘以 1 − 比例 与 1 + 比例 之间的随机系数",
    ),
    _c(
        "SENSITIVITY_SAMPLES",
        E,
        "--samples must be a whole number of at least 1, not '{samples}'",
        "--samples 应为不小于 1 的整数，而不是 '{samples}'",
        "give how many perturbed schemes to score, e.g. --samples 1000",
        "请给出要评分的扰动方案个数，例如 --samples 1000",
    ),
)

REVIEW_CODES: tuple[CodeInfo, ...] = (
    _c(
        "REVIEW_NOT_SAME",
        W,
        "the self-evaluation is of {self}, the review of {review}",
        "自评数据为 {self}，复核数据却为 {review}",
        "compare a department's self-evaluation with the review of the same department and year",
        "请用同一单位、同一年度的自评与复核数据比较",
    ),
    _c(
        "REVIEW_UNPAIRED",
        W,
        "'{file}' ({department} {year}) has no {side} file to pair with; it is left out",
        "'{file}'（{department} {year}）没有对应的{side_zh}数据文件，未纳入统计",
        "pairs are matched by the department and year the files give",
        "按数据文件中的 department 与 year 配对",
    ),
    _c(
        "REVIEW_DUPLICATE",
        E,
        "'{file}' and '{other}' are both {department} {year}",
        "'{file}' 与 '{other}' 都是 {department} {year} 的数据",
        "keep one figures file per department and year in each folder",
        "每个目录中每个单位每年只保留一个数据文件",
    ),
    _c(
        "REVIEW_EMPTY",
        E,
        "no self-evaluation in '{self}' pairs with a review in '{review}'",
        "'{self}' 中没有能与 '{review}' 中复核数据配对的自评数据",
        "both folders hold figures files (.yaml) naming the same departments and years",
        "两个目录都应包含数据文件（.yaml），且单位与年度一致",
    ),
    _c(
        "REVIEW_THRESHOLD",
        E,
        "--threshold must be a number of points of at least 0, not '{text}'",
        "--threshold 应为不小于 0 的分数，而不是 '{text}'",
        "e.g. --threshold 1 flags self-scores more than 1 point above the review",
        "例如 --threshold 1 标出自评分高于复核分 1 分以上的指标",
    ),
    _c(
        "OUTPUT_FILE_NEEDED",
        E,
        "--format {format} writes a file: give -o FILE",
        "--format {format} 输出为文件：请用 -o FILE 指定",
        "e.g. -o result.{format}",
        "例如 -o result.{format}",
    ),
    _c(
        "TREND_PACK_UNKNOWN",
        E,
        "no pack given for '{file}' (year {year}; its figures name pack '{pack}'); packs given: {known}",
        "没有适用于 '{file}'（{year} 年，数据文件的 pack 为 '{pack}'）的规则包；已给出：{known}",
        "give the pack whose id the figures file names, or map the year with --pack {year}=PACK",
        "请给出与数据文件 pack 字段同名的规则包，或用 --pack {year}=PACK 指定",
    ),
    _c(
        "TREND_YEAR",
        E,
        "'{file}' {problem}",
        "'{file}' {problem_zh}",
        "a trend needs one figures file per year, each with its 'year:'",
        "趋势分析要求每年一个数据文件，且写明 'year:'",
    ),
    _c(
        "TREND_PACK_SPEC",
        E,
        "--pack must be YEAR=PACK, such as 2021=rules/baiyun-2021.yaml, not '{text}'",
        "--pack 应为 年度=规则包，例如 2021=rules/baiyun-2021.yaml，而不是 '{text}'",
        "give one --pack per year whose figures name another pack or none",
        "数据文件未写 pack 或写了其他规则包的年度，各用一个 --pack 指定",
    ),
    _c(
        "SERVE_PACK_UNKNOWN",
        E,
        "the server has no pack '{pack}'; it serves: {known}",
        "服务中没有规则包 '{pack}'；可用：{known}",
        "GET /packs lists the packs by id; a request names a pack by id, never by path",
        "GET /packs 列出可用规则包的 id；请求只能按 id 指定规则包，不能给出路径",
    ),
    _c(
        "SERVE_PACK_DUPLICATE",
        E,
        "the packs '{file}' and '{other}' both have the id '{pack}'",
        "规则包 '{file}' 与 '{other}' 的 id 都是 '{pack}'",
        "serve one pack per id",
        "每个 id 只能对应一个规则包",
    ),
    _c(
        "SERVE_REQUEST_INVALID",
        E,
        "the request is not what {endpoint} takes: {problem}",
        "请求不符合 {endpoint} 的要求：{problem_zh}",
        "see the OpenAPI description at /openapi.json",
        "请参阅 /openapi.json 中的 OpenAPI 说明",
    ),
    _c(
        "SERVE_REQUEST_TOO_LARGE",
        E,
        "the request {problem}, above the limit of {limit}",
        "请求{problem_zh}，超过上限 {limit}",
        "figures of one department are small; the server's limits are set when it starts",
        "一个单位的数据很小；服务的上限在启动时设定",
    ),
    _c(
        "SERVE_UNAUTHORIZED",
        E,
        "this server needs a bearer token (Authorization: Bearer …)",
        "该服务需要访问令牌（Authorization: Bearer …）",
        "send the token the server was started with (--token or PERFSCORE_TOKEN)",
        "请发送服务启动时设定的令牌（--token 或 PERFSCORE_TOKEN）",
    ),
    _c(
        "SERVE_NOT_FOUND",
        E,
        "there is nothing at '{path}'",
        "'{path}' 不存在",
        "the API: GET /packs, GET /packs/{{id}}, POST /score, /explain, /check, /review, /report, /figures.yaml",
        "接口：GET /packs、GET /packs/{{id}}、POST /score、/explain、/check、/review、/report、/figures.yaml",
    ),
    _c(
        "SERVE_INTERNAL",
        E,
        "the server failed on this request ({kind}); this is a bug in perfscore",
        "服务处理该请求时出错（{kind}）；这是 perfscore 的缺陷",
        "please report it with the request that caused it",
        "请连同引起该错误的请求一起报告",
    ),
    _c(
        "SERVE_TIMEOUT",
        E,
        "the request took longer than {seconds} seconds and was stopped",
        "请求处理超过 {seconds} 秒，已停止",
        "figures of one department score in milliseconds; check the request, or start the server with a longer limit",
        "一个单位的数据评分只需几毫秒；请检查请求，或以更长的时限启动服务",
    ),
)

SAFETY_CODES: tuple[CodeInfo, ...] = (
    _c(
        "TEXT_REPLACED",
        N,
        "{count} character(s) that '{file}' cannot hold safely were replaced",
        "'{file}' 中有 {count} 个无法安全保存的字符已被替换",
        "control characters are written as their visible symbols (ESC as ␛), other unusable ones as �;"
        " text that would start a formula is kept as text (see docs/bad-inputs.md)",
        "控制字符写作可见符号（ESC 写作 ␛），其他无法保存的字符写作 �；"
        "以公式开头的文字按文字保存（见 docs/bad-inputs.md）",
    ),
    _c(
        "SHEET_TOO_LARGE",
        E,
        "the table is too large to read: {what} is {size}, above the limit of {limit}",
        "表格过大，无法读取：{what_zh}为 {size}，超过上限 {limit}",
        "delete the empty rows and columns the sheet still counts as used, or split the table",
        "请删除工作表中仍被计为已使用的空行和空列，或拆分表格",
    ),
    _c(
        "OUTPUT_IS_INPUT",
        E,
        "the output '{file}' is the input '{input}'; writing it would destroy that input",
        "输出文件 '{file}' 就是输入文件 '{input}'；写入会毁掉该输入",
        "write to another file name; nothing was written",
        "请换一个输出文件名；未写入任何内容",
    ),
    _c(
        "BATCH_OUTSIDE",
        E,
        "'{file}' leads outside the folder {folder}, so it is not read",
        "'{file}' 指向目录 {folder} 之外，因此不予读取",
        "copy the figures file into the folder instead of linking to it",
        "请把数据文件复制到该目录中，而不是使用链接",
    ),
    _c(
        "SENSITIVITY_SAMPLES_LIMIT",
        E,
        "--samples {samples} is above the limit of {limit}",
        "--samples {samples} 超过上限 {limit}",
        "a few thousand samples already give stable odds; score in several runs for more",
        "几千个样本已足以得到稳定的概率；如需更多，请分多次运行",
    ),
    _c(
        "TESTS_NONE",
        E,
        "'{paths}' holds no pack and no tests file, so nothing was tested",
        "'{paths}' 中没有规则包，也没有测试文件，因此未运行任何测试",
        "name a pack, a <pack>.tests.yaml file, or a folder that holds them",
        "请指定规则包、<pack>.tests.yaml 测试文件，或包含它们的目录",
    ),
    _c(
        "UNEXPECTED_FAILURE",
        E,
        "perfscore stopped on an unexpected problem ({detail}); {kept}",
        "perfscore 因意外问题而停止（{detail}）；{kept_zh}",
        "this is a bug in perfscore: please report it with the output of PERFSCORE_DEBUG=1",
        "这是 perfscore 的缺陷：请附上 PERFSCORE_DEBUG=1 时的输出报告此问题",
    ),
)

ALL_TABLES: tuple[tuple[str, tuple[CodeInfo, ...]], ...] = (
    ("files and YAML", FILE_CODES),
    ("pack structure", PACK_CODES),
    ("figures", FIGURES_CODES),
    ("scoring", SCORING_CODES),
    ("command line", CLI_CODES),
    ("pack authoring", AUTHORING_CODES),
    ("reports and output files", OUTPUT_CODES),
    ("importing indicator tables", IMPORT_CODES),
    ("batch scoring", BATCH_CODES),
    ("hostile and broken input", INPUT_CODES),
    ("speed and sensitivity", SPEED_CODES),
    ("safe at the edges", SAFETY_CODES),
    ("review, trend and the web service", REVIEW_CODES),
)


def _index(tables: Iterable[tuple[str, tuple[CodeInfo, ...]]]) -> Mapping[str, CodeInfo]:
    index: dict[str, CodeInfo] = {}
    for _, table in tables:
        for info in table:
            if info.code in index:
                msg = f"diagnostic code {info.code} is defined twice"
                raise AssertionError(msg)
            index[info.code] = info
    return index


CODES: Mapping[str, CodeInfo] = _index(ALL_TABLES)


class _Lenient(dict[str, str]):
    """Format parameters where a missing name shows as ``{name}`` instead of failing."""

    def __missing__(self, key: str) -> str:
        if key.endswith("_zh") and key[:-3] in self:
            return self[key[:-3]]  # no Chinese wording given: fall back to the English one
        return "{" + key + "}"


_FORMATTER = string.Formatter()


def _fill(template: str, params: Mapping[str, str]) -> str:
    return _FORMATTER.vformat(template, (), _Lenient(params))


def severity_of(code: str) -> Severity:
    """The catalogue severity of ``code``; raises ``KeyError`` for an unknown code."""
    return CODES[code].severity


def render_message(code: str, params: Mapping[str, str], lang: Lang) -> str:
    """The message for ``code`` in ``lang`` with ``params`` filled in."""
    info = CODES[code]
    return _fill(info.zh if lang == "zh" else info.en, params)


def render_hint(code: str, params: Mapping[str, str], suggestion: str | None, lang: Lang) -> str | None:
    """The hint for ``code`` in ``lang``, led by a "did you mean" suggestion when there is one."""
    info = CODES[code]
    parts = []
    if suggestion:
        parts.append(DID_YOU_MEAN[0 if lang == "zh" else 1].format(suggestion=suggestion))
    template = info.hint_zh if lang == "zh" else info.hint_en
    if template:
        parts.append(_fill(template, params))
    return " ".join(parts) or None
