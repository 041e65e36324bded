"""The Chinese help of the command line (``--lang zh``), keyed by (command, option dest).

The command modules keep their English help beside the code; this table holds the
Chinese. ``tests/test_cli_conventions.py`` fails when an option or command has no
Chinese here, and names the missing keys.
"""

from __future__ import annotations

DESCRIPTIONS_ZH: dict[str, str] = {
    "": "预算绩效评价方案即代码：规则包、精确评分、有据可查的结果。",
    "check": "perfscore check PACK...：校验规则包；有错误时退出码为 1。\n\n"
    "加载时报告使规则包无法使用的问题（错误），再做静态检查（警告）：分档间的空隙、"
    "不可达的分档和等级、顺序颠倒的分档、读取任何数据文件都没有的数值的规则。"
    "警告时退出码为 0，加 --strict 则为 1。--figures 同时检查数据文件是否与各规则包相符。"
    "--format json|sarif 输出机器可读的结果（SARIF 供 GitHub 代码扫描等使用）。",
    "score": "perfscore score PACK FIGURES：表2 式评分表、Markdown 或 JSON。\n\n"
    "加 --compare OTHER_PACK 时用两个规则包为同一数据评分并并排显示，以查看修订对结果的影响。",
    "explain": "perfscore explain PACK FIGURES INDICATOR：某个指标或分组是如何评分的。",
    "diff": "perfscore diff OLD NEW：两个规则包之间的变化，以及调整所给的理由。",
    "test": "perfscore test PATH...：运行规则包旁的 YAML 测试；--coverage 报告测试未覆盖的部分。\n\n"
    "PATH 可以是规则包（其测试为旁边的 <pack>.tests.yaml）、测试文件或文件夹（其中每个规则包都须有测试）。"
    "全部用例通过（加 --coverage 时还须覆盖每条规则、分档、档次和等级）时退出码为 0，否则为 1。",
    "schema": "perfscore schema：输出规则包的 JSON Schema（供编辑器的 YAML 支持使用）。",
    "report": "perfscore report PACK FIGURES --format html|xlsx|md|docx -o FILE：一个单位一个年度的完整报告。\n\n"
    "报告包括表头、表1 式指标体系、表2 式评分表、总分和等级、扣分及原因、警告和规则包声明的假设。"
    "HTML 文件自包含，可打印为 A4；xlsx 需要 pip install 'perfscore[excel]'，数字为数值、合计为公式；"
    "docx 需要 pip install 'perfscore[word]'，即按白云湖自评报告提纲写成的 Word 自评报告。"
    "给官员的格式（HTML、docx、xlsx）只有名称、句子与数字；--audit 加上技术附录（诊断代码、编号、文件位置与规则，"
    "Markdown 默认附带）。--template DIR 用单位自己的 Jinja2 模板排版 HTML。-o - 写到标准输出。",
    "import-table": "perfscore import-table FILE -o PACK.yaml [--figures FIGURES.yaml]：由打印的自评表生成规则包。\n\n"
    "按自评表的常见格式读取（表头的项目名称、主管部门、项目资金及其执行率与得分，一级/二级/三级指标、指标值、"
    "分值或权重、完成值、得分，合并单元格或空白表示同上），由指标值推断评分规则，像 perfscore check 一样检查后"
    "写出；未使用的列逐一给出警告。加 --figures 时同时写出数据文件（完成值、系数、原因、表上的得分）并立即评分，"
    "逐行指出计算得分与表上得分不同之处。无法读取时什么也不写，列出每个问题的工作表、行与列，退出码为 1。"
    ".xlsx 需要 perfscore[excel]，.docx 需要 perfscore[word]（--table 按编号或表头中的词选择 Word 表格）。",
    "batch": "perfscore batch PACK FIGURES_DIR_OR_CSV -o OUT：为多个单位评分并排名。\n\n"
    "单位来自数据文件夹（每个单位一个 *.yaml）或表格（.csv 或 .xlsx，每行一个单位）。"
    "OUT 中每个单位一行，另有排名和等级分布；格式由扩展名或 --format 决定，-o - 写到标准输出。"
    "数据有误的单位在其行中给出诊断信息，批处理继续；此时退出码为 1。",
    "sensitivity": "perfscore sensitivity PACK FIGURES...：各单位的结果在多大程度上取决于权重和定性判断。\n\n"
    "对权重扰动（各层重新归一）和档内定性判断做蒙特卡洛抽样；给出每个单位总分的范围、各等级的概率，"
    "以及哪些指标的权重或判断最常使其改变等级。",
    "packs": "perfscore packs：可以按编号引用的规则包——内置的，以及搜索路径上的。\n\n"
    "编号是规则包文件名去掉 .yaml。查找顺序（先找到者为准）：--packs DIR 给出的文件夹、"
    "PERFSCORE_PATH 中的文件夹（分隔方式同 PATH）、perfscore 内置的规则包。",
    "completion": "perfscore completion bash|zsh|fish：输出 shell 补全脚本。\n\n"
    "bash：perfscore completion bash > ~/.local/share/bash-completion/completions/perfscore\n"
    'zsh：在 ~/.zshrc 中加入 eval "$(perfscore completion zsh)"\n'
    "fish：perfscore completion fish > ~/.config/fish/completions/perfscore.fish",
}

DESCRIPTIONS_ZH.update(
    {
        "review": "perfscore review PACK SELF REVIEW：自评与财政部门复核的比较。\n\n"
        "SELF 与 REVIEW 是同一单位同一年度、同一规则包下的数据文件：单位自己的，以及复核人的（修改得分、档次或数据，"
        "并附理由加上调整）。显示两边的总分与等级，各分组与指标的自评分、复核分、差额（自评 − 复核）与复核理由，"
        "以及自评高于复核超过 --threshold 分的“多报”。给两个文件夹时按单位与年度配对，并给出统计。"
        "--format html|xlsx 写出文件（-o）。",
        "trend": "perfscore trend PACK_OR_PACKS FIGURES...：一个单位多个年度的变化。\n\n"
        "每年可按各自的规则包版本评分。PACK_OR_PACKS 是规则包文件、规则包文件夹，或以逗号连接的多个规则包。"
        "每个数据文件按 --pack YEAR=PACK 给出的该年规则包评分，否则按其 pack: 字段所指的规则包，"
        "否则（只给了一个规则包时）按该规则包。指标与分组按编号跨规则包对应，以完成比例（得分 ÷ 分值）比较，"
        "权重调整不会造成假的趋势；并列出相邻年度规则包之间的变化。--format html 附图表；xlsx 需要 -o。",
        "serve": "perfscore serve [PACK...]：JSON 接口与浏览器评分表单（需要 perfscore[serve]）。\n\n"
        "默认在 127.0.0.1:8000 上提供内置规则包和给出的规则包。GET /packs、GET /packs/{id}、POST /score、/explain、"
        "/check、/review 返回与命令行相同的 JSON；/ 是边填写边评分的表单。--token（或环境变量 PERFSCORE_TOKEN）"
        "要求 Bearer 令牌；--cors ORIGIN 允许其他网页调用。见 docs/serve.md。",
    }
)

HELP_ZH: dict[tuple[str, str], str] = {
    ("review", ""): "比较自评与财政部门的复核（或两个文件夹中的多对）",
    ("trend", ""): "一个单位多个年度的变化，每年按各自的规则包版本",
    ("serve", ""): "在浏览器中提供 JSON 接口与评分表单（perfscore[serve]）",
    ("batch", "jobs"): "评分使用的进程数（默认：本机的核数）",
    ("batch", "quiet"): "不显示进度条和汇总行",
    ("batch", "verbose"): "列出每个走慢速路径评分的单位及原因",
    ("review", "format"): "输出格式",
    ("review", "threshold"): "自评高于复核超过此分数时标出（默认 0）",
    ("review", "output"): "写入文件 FILE（xlsx 必须）",
    ("trend", "year_packs"): "某一年度的规则包（YEAR=PACK）",
    ("trend", "format"): "输出格式",
    ("trend", "output"): "写入文件 FILE（xlsx 必须）",
    ("serve", "host"): "监听地址（默认 127.0.0.1：仅本机）",
    ("serve", "port"): "监听端口（默认 8000）",
    ("serve", "no_bundled"): "只提供给出的规则包",
    ("serve", "token"): "要求 'Authorization: Bearer TOKEN'（或设置 PERFSCORE_TOKEN）",
    ("serve", "cors"): "允许来自此网页源的调用",
    ("serve", "max_bytes"): "请求体的最大字节数（默认 1 MiB）",
    ("serve", "timeout"): "每个请求可用的秒数（默认 10）",
    ("", "lang"): "消息和帮助的语言（默认：由区域设置决定）",
    ("", "pack_dirs"): "也在此文件夹中按编号查找规则包（先于 PERFSCORE_PATH 和内置规则包；可重复）",
    ("check", ""): "校验规则包（错误），再做静态检查（警告）",
    ("score", ""): "按规则包为一个单位的数据评分（--compare：两个规则包并排）",
    ("explain", ""): "说明某个指标或分组是如何评分的",
    ("diff", ""): "列出两个规则包之间的变化（增删、权重、规则、分档、等级）",
    ("test", ""): "运行规则包旁的 YAML 测试（--coverage：未覆盖的部分）",
    ("schema", ""): "输出规则包的 JSON Schema（另见 docs/perfscore-pack.schema.json）",
    ("report", ""): "写出一个单位一个年度的报告（HTML、xlsx、Markdown 或 Word 自评报告）",
    ("import-table", ""): "由打印的指标表（.xlsx、.csv、.docx）生成规则包（加 --figures 时也生成数据文件）",
    ("batch", ""): "按一个规则包为多个单位评分，排名并统计等级",
    ("sensitivity", ""): "结果对权重和定性判断的敏感程度（蒙特卡洛）",
    ("packs", ""): "列出可按编号引用的规则包（内置、PERFSCORE_PATH、--packs DIR）",
    ("completion", ""): "输出 shell 补全脚本（bash、zsh 或 fish）",
    ("check", "figures"): "同时检查此数据文件是否与各规则包相符",
    ("check", "strict"): "有警告时退出码也为 1",
    ("check", "format"): "输出格式：text（默认）、json，或 SARIF 2.1.0（代码扫描）",
    ("score", "format"): "输出格式",
    ("score", "evidence"): "在表中加入“实现情况”列",
    ("score", "compare"): "同时按此规则包评分并并排显示",
    ("explain", "indicator"): "指标或分组的编号或名称",
    ("diff", "format"): "输出格式",
    ("diff", "figures"): "同时用此数据文件按两个规则包为受影响的小计评分",
    ("test", "paths"): "规则包、<pack>.tests.yaml 测试文件或文件夹",
    ("test", "coverage"): "报告测试未覆盖的规则、分档、档次和等级",
    ("report", "format"): "报告格式（默认：由 -o 的扩展名决定）",
    ("report", "output"): "要写出的报告文件；- 表示标准输出（未指定 --format 时为 Markdown）",
    ("report", "audit"): "加上技术附录（诊断代码、编号、文件位置、规则）；默认：md 附带，html/docx/xlsx 不附带",
    ("report", "template"): "含 report.html.j2（Jinja2）的文件夹，用来排版 HTML 报告",
    ("import-table", "table"): "指标表，.xlsx、.csv 或 .docx",
    ("import-table", "figures"): "同时写出数据文件（取自完成值/得分/系数/原因）",
    ("import-table", "table_choice"): "Word 文档中的表格：编号或表头中的一个词",
    ("import-table", "output"): "要写出的规则包；- 表示标准输出",
    ("import-table", "sheet"): "要读取的工作表（默认：第一个）",
    ("import-table", "pack_id"): "规则包编号（默认：取自输出文件名）",
    ("import-table", "title"): "规则包名称（默认：表格的标题行）",
    ("import-table", "version"): "规则包版本（默认：0.1.0）",
    ("batch", "figures"): "数据文件夹，或 .csv/.xlsx 表格",
    ("batch", "output"): "要写出的文件（.csv .xlsx .json .md）；- 表示标准输出",
    ("batch", "format"): "输出格式（默认：由 -o 的扩展名决定）",
    ("batch", "sheet"): "要读取的工作表（默认：第一个）",
    ("sensitivity", "weights"): "每个权重可变动的幅度（默认 ±20%%）",
    ("sensitivity", "samples"): "抽样次数（默认 1000）",
    ("sensitivity", "seed"): "随机种子：种子相同，报告相同",
    ("sensitivity", "format"): "输出格式",
    ("sensitivity", "engine"): "安装了 NumPy 时使用之（auto）；结果相同",
    ("packs", "format"): "输出格式（ids：仅编号，供 shell 补全）",
    ("completion", "shell"): "shell：bash、zsh 或 fish",
}

POSITIONAL_ZH: dict[str, str] = {
    "PACK": "规则包：.yaml 文件、规则包编号（见 perfscore packs），或 - 表示标准输入",
    "FIGURES": "一个单位的数据文件（.yaml），或 - 表示标准输入",
    "OTHER_PACK": "第二个规则包（文件或编号）",
    "OLD": "较早的规则包（文件或编号）",
    "NEW": "较新的规则包（文件或编号）",
}
