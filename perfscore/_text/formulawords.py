"""What the formula lexer says about a symbol or a word formulas do not take, (Chinese, English).

A pack author who writes ``**``, ``=`` or ``lambda`` in a formula is told what to write
instead; the lexer (:mod:`perfscore.expression._lexer`) looks the refusal up here.
"""

from __future__ import annotations

POWERS = ("不支持乘方运算", "powers are not supported")
TEXT = ("公式中不能使用文本（引号）", "text is not supported in formulas")
REFUSED: dict[str, tuple[str, str]] = {
    "**": POWERS,
    "^": POWERS,
    "=": (
        "比较相等请用 ==（单个 = 表示赋值，公式中不允许）",
        "use == to compare ('=' alone would assign, which formulas cannot do)",
    ),
    ":=": ("公式中不能赋值", "formulas cannot assign values"),
    "!": ("取反请用 not，不等比较请用 !=", "use 'not' to negate, or != to compare"),
    "&&": ("请用 and", "use 'and'"),
    "&": ("请用 and", "use 'and'"),
    "||": ("请用 or", "use 'or'"),
    "|": ("请用 or", "use 'or'"),
    "<>": ("不等于请用 !=", "use != for 'not equal'"),
    "[": ("不支持下标（[ ]）", "subscripts ('[ ]') are not supported"),
    "]": ("不支持下标（[ ]）", "subscripts ('[ ]') are not supported"),
    "{": ("不支持花括号", "braces are not supported"),
    "}": ("不支持花括号", "braces are not supported"),
    ";": ("不允许使用 ';'：公式只能是一个表达式", "';' is not allowed: a formula is one expression"),
    "\\": ("不允许使用反斜杠", "backslashes are not allowed"),
    "%": (
        "'%' 只能紧跟在数字后面，例如 95%（不支持取余运算）",
        "'%' may only follow a number, as in 95% (there is no remainder operator)",
    ),
    "#": ("公式中不能写注释", "comments are not allowed in formulas"),
    **dict.fromkeys("'\"`‘’“”「」『』", TEXT),
}
WORDS: dict[str, tuple[str, str]] = {
    "lambda": ("不支持 lambda：公式中不能定义函数", "'lambda' is not supported: formulas cannot define functions"),
    "import": ("不支持 import：公式中不能导入任何内容", "'import' is not supported: formulas cannot import anything"),
    "else": ("条件选择请写为 if(条件, 甲, 乙)", "write a choice as if(condition, then, else)"),
    "True": ("真/假值请写为小写的 true、false", "write true and false in lower case"),
    "False": ("真/假值请写为小写的 true、false", "write true and false in lower case"),
    "is": ("比较相等请用 ==", "use == to compare"),
    **dict.fromkeys(
        ("for", "in", "while", "async", "await", "yield"),
        ("不支持循环与推导式", "loops and comprehensions are not supported"),
    ),
}
