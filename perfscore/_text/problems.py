"""What is wrong, in Chinese and English: one table, (zh, en) with placeholders.

The fragments that diagnostic messages embed as ``{problem}``, ``{reason}`` or ``{detail}``:
a rule's options and target (:mod:`perfscore.rules.options`, the generic YAML builder, the
pack defaults reader), numbers, units and targets as tables write them (``_core``), grade and
level scales, pack files, formulas' limits, files and their encodings. The code says *which*
problem with a key and fills in the values; the words live here, next to the catalogue whose
messages (``RULE_OPTION``, ``VALUE_INVALID``, ``FIGURE_NUMBER``, ``FILE_UNREADABLE`` …) embed them.
What a message is *about* (a target shape, a sheet's limit) is in :mod:`perfscore._text.names`.
"""

from __future__ import annotations

from collections.abc import Mapping

PROBLEMS: Mapping[str, tuple[str, str]] = {
    "option.number": ("{key} 应为数值，而不是 {value!r}", "{key} must be a number, not {value!r}"),
    "option.finite": ("{key} 应为有限数值", "{key} must be a finite number"),
    "option.above_zero": ("{key} 必须大于 0", "{key} must be above 0"),
    "option.not_negative": ("{key} 不能小于 0", "{key} must not be below 0"),
    "option.choice": ("{key} 应为 {allowed_zh}，而不是 '{value}'", "{key} must be {allowed}, not '{value}'"),
    "option.one_of": ("'{value}' 不是 {allowed} 之一", "'{value}' is not one of {allowed}"),
    "target.from_figures": (
        "该规则需要在规则包中写明{need_zh}，不能由数据提供",
        "this rule needs {need} written in the pack, not read from the figures",
    ),
    "target.shape": (
        "指标值 '{text}' 是{got_zh}，该规则需要{need_zh}",
        "the target '{text}' is {got}; this rule needs {need}",
    ),
    "target.not_range": (
        "指标值 '{text}' 不是区间；应写作 90%-100% 或 1-3次",
        "the target '{text}' is not a range; write it as 90%-100% or 1-3次",
    ),
    "target.range_needed": ("需要区间，例如 90%-100%", "a range such as 90%-100% is needed"),
    "bands.fraction": (
        "分档得分比例 {fraction} 应在 0–1 之间",
        "a band earns {fraction} of the weight; it must be within 0–1",
    ),
    "bands.overlap": ("分档 {first} 与 {second} 重叠", "the bands {first} and {second} overlap"),
    "items.worth": (
        "各检查项合计 {worth} 分，与分值 {weight} 不符",
        "the items are worth {worth} points, the weight is {weight}",
    ),
    "parts.worth": (
        "各分项合计 {worth} 分，与分值 {weight} 不符",
        "the parts are worth {worth} points, the weight is {weight}",
    ),
    "figure.number": ("此处应为数值", "a number is expected here"),
    "figure.yes_no": ("'{raw}' 不是“是/否”", "'{raw}' is not yes/no"),
    "figure.count_negative": ("次数不能为负", "a count cannot be negative"),
    "figure.budget_above_zero": ("预算数必须大于 0", "the budget must be above 0"),
    "figure.rate_percent": ("执行率应为百分比，例如 76%", "the execution rate must be a percentage, e.g. 76%"),
    # Not-applicable indicators: where their weight goes (perfscore._core.engine)
    "na.siblings": ("按比例分配给同级指标", "go to its siblings"),
    "na.rescaled": ("不计入，总分按比例折算", "are left out and the total is rescaled"),
    # Pack files: perfscore._packs.loader
    "pack.adjustments": (
        "adjustments 需要配合 'extends: <被继承的规则包>' 使用",
        "adjustments need 'extends: <base pack>'",
    ),
    "pack.format_version": (
        "不支持格式版本 {version}（请用 {supported}）",
        "format version {version} is not supported (use {supported})",
    ),
    "pack.empty": ("不能为空", "it must not be empty"),
    "pack.total": ("满分必须大于 0，而不是 {total}", "the total must be above 0, not {total}"),
    "pack.decimals": ("decimals 应为 0–6", "decimals must be 0–6"),
    # Static checks of bands: perfscore._packs.staticchecks
    "bands.empty": ("区间为空", "it holds no value"),
    "bands.covered": ("其数值已全部落在前面列出的分档内", "the bands listed before it hold all its values"),
    # import-table: perfscore._tableimport
    "import.weight": ("应为大于 0 的分值", "it must be a number of points above 0"),
    "formula.truth": ("公式结果为真/假，而不是数值", "the formula gave true/false, not a number"),
    "deduct.per_point": ("按百分点扣分需要 above 或 below", "a per-point deduction needs 'above' or 'below'"),
    # Numbers as tables write them: perfscore._core.numerals, .units
    "number.empty": ("内容为空", "the text is empty"),
    "number.not_finite": ("NaN 与无穷大不是报表中的数值", "NaN and infinity are not numbers a report can hold"),
    "number.exponent": (
        "不接受科学计数法：表格列宽不足时才会显示为科学计数法，数字已丢失，请写出完整数值",
        (
            "exponent notation is not read: a spreadsheet shows it when a column is too narrow "
            "and the digits are lost; write the number out in full"
        ),
    ),
    "number.chinese_numerals": (
        "不识别中文数字，请写阿拉伯数字（写 3，不写 三）",
        "Chinese numerals are not read; write digits (3, not 三)",
    ),
    "number.groups": (
        "千分位分隔符须三位一组，例如 18,009.98",
        "thousands separators must split the digits into groups of three, as in 18,009.98",
    ),
    "number.too_large": ("数值的绝对值超过 10^15", "the magnitude is above 10^15"),
    "number.too_precise": (
        "有效数字或小数位数超过 {digits} 位",
        "more than {digits} significant digits or decimal places",
    ),
    "number.too_small": (
        "数值的绝对值小于 10^-{digits}：报表中不会有这么小的数（5e-324 这样的浮点数是计算下溢的残余）",
        (
            "the magnitude is below 10^-{digits}: no figure in a report is that small (a float such as 5e-324"
            " is what is left when a computation underflows)"
        ),
    ),
    "number.malformed": (
        "应为十进制数，例如 103、-2.5 或 18,009.98",
        "expected a decimal number such as 103, -2.5 or 18,009.98",
    ),
    "number.too_long": ("内容过长，不可能是数值", "the text is far too long to be a number"),
    "number.truth_value": (
        "yes/no（true/false）是布尔值而不是数值；如为文字请加引号",
        "yes/no (true/false) is a truth value, not a number; quote the value if it is meant as text",
    ),
    "unit.unknown": ("未知的单位“{symbol}”", "unknown unit '{symbol}'"),
    # Targets as tables write them: perfscore._core.targets
    "target.operator_only": ("比较符后应有数值，例如 ≥95%", "an operator needs a number after it, as in ≥95%"),
    "target.two_operators": (
        "出现了两个比较符；只写一个，例如 ≥95%",
        "there are two comparison operators; write one, as in ≥95%",
    ),
    "target.conflict": (
        "数值前的比较符与数值后的用语相互矛盾",
        "the comparison before the number and the phrase after it disagree",
    ),
    "target.range": (
        "区间应写两个界限、不加比较符，例如 90%-100% 或 不低于90%且不高于100%",
        "a range is written with its two bounds and no comparison sign, as in 90%-100% or 不低于90%且不高于100%",
    ),
    "target.range_order": ("区间的下限高于上限", "the lower bound of the range is above its upper bound"),
    "target.range_units": ("区间两个界限的单位不同", "the two bounds of the range have different units"),
    "target.not_a_form": (
        "应为比较符加数值（≥95%、2天以内、不少于100场），或不含数字的文字等级（达成）",
        "expected a comparison and a number (≥95%, 2天以内, 不少于100场) or a label without digits (达成)",
    ),
    # Grade and level scales: perfscore._packs.scales
    "scale.range": ("区间写法应如 [80, 90)：{text}", "{error}"),
    "scale.default_outside": (
        "等级 {label} 的默认分 {default} 不在其区间内",
        "the default {default} of {label} is outside its band",
    ),
    "scale.beyond": ("{label} [{low}, {high}] 超出 {start}–{end}", "{label} [{low}, {high}] goes beyond {start}–{end}"),
    "scale.uncovered": ("{start} 至 {low} 没有覆盖", "nothing covers {start} up to {low}"),
    "scale.gap": (
        "{previous} 与 {label} 之间有空档：{cursor} 至 {low}",
        "gap between {previous} and {label}: {cursor} to {low}",
    ),
    "scale.overlap": ("{previous} 与 {label} 在 {low} 处重叠", "{previous} and {label} overlap at {low}"),
    "scale.top": (
        "最高值 {end} 未被覆盖（最高一档请用 ']' 闭合）",
        "the top value {end} is not covered (close the top band with ']')",
    ),
    # Pack files: perfscore._packs.tree, .overlay, .testcases
    "aggregation.choice": ("'{text}' 应为 points 或 percent", "'{text}' is not 'points' or 'percent'"),
    "adjustment.one_op": (
        "remove、update、add、weights 四者必须且只能写一个",
        "write exactly one of remove, update, add, weights",
    ),
    "weights.not_template": (
        "'{pack}' 不是模板，请在规则包中设定权重",
        "'{pack}' is not a template; weight it in the pack",
    ),
    # Formulas, in perfscore.expression
    "formula.magnitude": ("数值的绝对值超过 {limit}", "a value is larger than {limit} in absolute value"),
    "formula.steps": ("公式求值超过 {limit} 步", "evaluating the formula takes more than {limit} steps"),
    "formula.not_text": ("公式必须是文本", "a formula must be text"),
    "formula.length": (
        "公式长 {length} 个字符，最多允许 {limit} 个",
        "the formula is {length} characters long; at most {limit} are allowed",
    ),
    "formula.depth": ("公式嵌套超过 {limit} 层", "the formula is nested more than {limit} levels deep"),
    "formula.special_digit": ("请用普通数字代替 '{char}'", "write plain digits instead of '{char}'"),
    "formula.character": ("公式中不能使用 {shown}", "{shown} cannot be used in a formula"),
    "formula.leading_point": ("请写 0.5，而不是 .5", "write 0.5 rather than .5"),
    "formula.digits": (
        "数字有 {digits} 位，最多允许 {limit} 位",
        "the number has {digits} digits; at most {limit} are allowed",
    ),
    "formula.number_underscore": ("数字中不能有 '_'：'{bad}'", "write '{bad}' without '_'"),
    "formula.exponent": (
        "不支持科学计数法（'{bad}'），请直接写出数字",
        "exponents ('{bad}') are not supported: write the number out",
    ),
    "formula.base": ("'{bad}'：数字只能用十进制书写", "'{bad}': numbers are written in decimal"),
    "formula.not_number": ("'{bad}' 不是有效的数字", "'{bad}' is not a number"),
    "formula.number_name": ("'{bad}'：数字与名称之间需要写乘号 *", "'{bad}': put * between a number and a name"),
    "formula.name_underscore": ("名称不能以 '_' 开头", "names may not start with '_'"),
    "formula.name_dot": ("名称中的 '.' 后面必须是字母或汉字", "a '.' in a name must be followed by a letter"),
    "formula.python_word": (
        "'{word}' 是 Python 关键字，不属于公式语言",
        "'{word}' is a Python word, not part of the formula language",
    ),
    "formula.empty": ("公式为空", "the formula is empty"),
    "formula.unopened": ("此处的 ')' 没有对应的 '('", "this ')' has no matching '('"),
    "formula.comma": ("',' 只能用于分隔函数的参数", "',' separates the arguments of a function call only"),
    "formula.trailing": (
        "'{text}' 出现在完整的公式之后：前面是否缺少运算符？",
        "'{text}' follows a complete formula: is an operator missing before it?",
    ),
    "formula.chained": (
        "比较不能连写：请写为 'a < b and b < c'",
        "comparisons cannot be chained: write 'a < b and b < c'",
    ),
    "formula.not_brackets": ("此处的 'not ……' 需要加括号", "put 'not ...' in brackets here"),
    "formula.ends": ("公式在应有数值的位置结束了", "the formula ends where a value is expected"),
    "formula.bare_function": ("'{name}' 是函数，请写为 {name}(……)", "'{name}' is a function: write {name}(...)"),
    "formula.unexpected": (
        "此处应为数字、名称或 '('，实际为 '{text}'",
        "expected a number, a name or '(' but found '{text}'",
    ),
    "formula.unclosed": (
        "此处应有 ')' 与第 {column} 列的 '(' 配对",
        "')' expected to close the '(' at column {column}, found {found}",
    ),
    "formula.unknown_function": ("未知函数 '{name}'", "unknown function '{name}'"),
    "formula.arguments": (
        "{name}() 需要 {wanted} 个参数，实际为 {count} 个",
        "{name}() takes {wanted} argument(s), not {count}",
    ),
    "formula.if_branches": (
        "if() 的两个分支必须同为数值或同为真/假值",
        "both branches of if() must be numbers, or both true/false",
    ),
    "formula.round_places": (
        "round() 的位数须为 0 到 {places} 的整数，例如 round(x, 2)",
        "round() keeps a whole number of places from 0 to {places}, written as a number: round(x, 2)",
    ),
    "formula.need_number": ("此处需要数值，而不是真/假值", "this is true/false where a number is needed"),
    "formula.name_need_number": (
        "'{name}' 此处需要数值，而不是真/假值",
        "'{name}' is true/false where a number is needed",
    ),
    "formula.need_truth": (
        "此处需要真/假值（例如比较），而不是数值",
        "this is a number where true/false (e.g. a comparison) is needed",
    ),
    "formula.name_need_truth": (
        "'{name}' 此处需要真/假值（例如比较），而不是数值",
        "'{name}' is a number where true/false (e.g. a comparison) is needed",
    ),
    "formula.mixed_comparison": ("数值不能与真/假值比较", "a number cannot be compared with true/false"),
    "formula.too_large": (
        "结果过大或精度过高，无法精确计算",
        "the result is too large or too precise to compute exactly",
    ),
    "formula.no_value": ("未提供 '{name}' 的值", "no value is given for '{name}'"),
    "formula.value_type": (
        "'{name}' 应为 Decimal 数值或真/假值，而不是 {kind}",
        "'{name}' must be a Decimal or true/false, not {kind}",
    ),
    "formula.value_not_finite": ("'{name}' 的值为 {value}，不是有限数值", "'{name}' is {value}, not a finite number"),
    "formula.division_by_zero": ("除数为零", "division by zero"),
    "formula.clamp": ("clamp() 要求下限 ≤ 上限，但 {low} > {high}", "clamp() needs low ≤ high, but {low} > {high}"),
    # Files: perfscore._yaml, perfscore._files, perfscore.reports
    "file.not_regular": ("它不是普通文件", "it is not a regular file"),
    "file.folder": ("它是目录，不是普通文件", "it is a folder, not a regular file"),
    "file.missing": ("文件不存在", "no such file"),
    "file.missing_pack": (
        "文件不存在，也没有此编号的规则包（perfscore packs 列出所有规则包）",
        "no such file, and no pack with this id (`perfscore packs` lists them)",
    ),
    "file.special": ("它是设备、管道或套接字，不是普通文件", "it is a device, a FIFO or a socket, not a regular file"),
    "file.no_template": ("模板文件夹中没有 report.html.j2", "the template folder has no report.html.j2"),
    "encoding.unsupported": ("不支持声明的编码 '{encoding}'", "the declared encoding '{encoding}' is not supported"),
    "encoding.byte": ("第 {offset} 字节为 {byte}", "byte {byte} at offset {offset}"),
    "yaml.alias": ("别名 *{name} 没有对应的锚点 &{name}", "unknown alias *{name}"),
    # Percentages written as fractions: perfscore._core.readings, perfscore._core.enginereadings
    "percent.same": ("两种读法得分相同（{shown}）", "both readings score {shown}"),
    "percent.range": (
        "在声明读法之前，得分介于 {low} 与 {high} 之间",
        "the score lies between {low} and {high} until the reading is declared",
    ),
    "percent.kept": ("计分时保留两种读法之间的区间", "scoring keeps the range between the two readings"),
    "percent.declared": (
        "'{text}' 不是 points（按所写数值）、fraction（按百分之几的小数）之一",
        "'{text}' is not one of points, fraction",
    ),
    # perfscore trend: which file is which year (perfscore._analysis.trendpacks)
    "trend.no_year": ("没有写 'year:'", "has no 'year:'"),
    "trend.second_file": (
        "是 {year} 年的第二个数据文件（第一个：{first}）",
        "is a second file for {year} (the first: {first})",
    ),
    # perfscore serve: what is wrong with a request (perfscore._serve)
    "serve.body_size": ("正文为 {size} 字节", "body has {size} bytes"),
    "serve.body_empty": ("请求正文为空；请发送 JSON 对象", "the body is empty; send a JSON object"),
    "serve.body_object": ("请求正文应为 JSON 对象", "the body must be a JSON object"),
    "serve.string": ("'{key}' 应为非空字符串", "'{key}' must be a non-empty string"),
    "serve.figures": (
        "'{key}' 应为数据：JSON 对象，或数据文件的文本",
        "'{key}' must be a figures document: a JSON object, or a figures file's text",
    ),
    "serve.figures_object": ("'{key}' 应为 JSON 对象", "'{key}' must be a JSON object"),
    "serve.lang": ('\'lang\' 应为 "zh" 或 "en"', '\'lang\' must be "zh" or "en"'),
    "serve.threshold": ("'threshold' 应为分数", "'threshold' must be a number of points"),
    "serve.format": ("'format' 应为 {formats} 之一", "'format' must be one of {formats}"),
    # Published grades: perfscore._core.reconcile
    "grade.levels": ("；按本规则包的定性区间，即 {names}", "; under the pack's qualitative bands that is {names}"),
}


def problem(name: str, /, **params: object) -> tuple[str, str]:
    """The problem ``name`` with ``params`` filled in: (Chinese, English)."""
    zh, en = PROBLEMS[name]
    return zh.format(**params), en.format(**params)
