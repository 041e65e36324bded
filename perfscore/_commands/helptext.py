"""Help that reads well in a terminal, in the language asked for.

The command modules write their help once, in English, and their module docstring
doubles as the command's description. Before the parser is used this module:

* strips the reStructuredText/Sphinx markup docstrings carry (````x````, ``:mod:`x```),
  which would otherwise leak into ``--help``;
* gives every positional argument a help line (a shared wording for PACK, FIGURES …);
* makes ``md`` the one name of the Markdown format everywhere, ``markdown`` an alias;
* with ``--lang zh`` (or a Chinese locale), replaces the help and descriptions by their
  Chinese text from :mod:`perfscore._commands.helpzh`, and argparse's own headings.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import NoReturn

from perfscore._commands.helpzh import DESCRIPTIONS_ZH, HELP_ZH, POSITIONAL_ZH
from perfscore._core.diagnostics import Lang

ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`~?([^`<]*?)(?:\s*<[^>]*>)?`")
LITERAL = re.compile(r"``(.+?)``", re.DOTALL)  # a literal may wrap onto the next line
POSITIONAL_EN = {
    "PACK": "a rule pack: a .yaml file, a pack id (see `perfscore packs`), or - for standard input",
    "FIGURES": "a department's figures file (.yaml), or - for standard input",
    "OTHER_PACK": "a second rule pack (file or id)",
    "OLD": "the earlier rule pack (file or id)",
    "NEW": "the later rule pack (file or id)",
    "SHELL": "the shell: bash, zsh or fish",
}
FORMAT_ALIASES = {"markdown": "md"}
DEST_EN = {"format": "output format"}


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's layout with its one fixed English word, "usage:", in Chinese."""

    def add_usage(
        self, usage: str | None, actions: Iterable[argparse.Action], groups: Iterable[object], prefix: str | None = None
    ) -> None:
        """The usage line, headed 用法."""
        super().add_usage(usage, actions, groups, prefix or "用法：")  # type: ignore[arg-type]


ERRORS_ZH = (
    (re.compile(r"the following arguments are required: (.*)"), "缺少必需的参数：{0}"),
    (re.compile(r"argument (.*?): invalid choice: (.*) \(choose from (.*)\)"), "参数 {0}：无效的选项 {1}（可选：{2}）"),
    (re.compile(r"argument (.*?): expected one argument"), "参数 {0}：需要一个值"),
    (re.compile(r"argument (.*?): invalid (?:int|float) value: (.*)"), "参数 {0}：不是数字：{1}"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese (``--lang zh``); an unknown message stays as argparse wrote it."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error in Chinese; exit 2 as argparse does."""
        for pattern, chinese in ERRORS_ZH:
            found = pattern.fullmatch(message)
            if found:
                message = chinese.format(*found.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n")


def plain_text(text: str | None) -> str | None:
    """``text`` without reStructuredText markup: ``:func:`~a.b``` → ``b``, ````x```` → ``x``."""
    if text is None:
        return None
    text = ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1] if "~" in m.group(0) else m.group(1), text)
    return LITERAL.sub(r"\1", text).replace("::\n", ":\n")


def wanted_lang(argv: Sequence[str]) -> Lang | None:
    """The ``--lang`` given on the command line, looked up before parsing so help can follow it."""
    for index, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in {"zh", "en"}:
            return "zh" if value == "zh" else "en"
    return None


def commands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """The parser itself (named ``""``) and each subcommand's parser, by name."""
    yield "", parser
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public walk of its tree
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            yield from ((name, sub) for name, sub in action.choices.items())


def canonical_format(value: str) -> str:
    """``markdown`` → ``md``; every other format name as given."""
    return FORMAT_ALIASES.get(value, value)


def localize(parser: argparse.ArgumentParser, lang: Lang) -> None:
    """Clean, complete and (for ``zh``) translate the help of the whole tree, in place."""
    for name, command in commands(parser):
        command.formatter_class = ChineseHelpFormatter if lang == "zh" else argparse.RawDescriptionHelpFormatter
        command.description = plain_text(command.description)
        if lang == "zh":
            command.description = DESCRIPTIONS_ZH.get(name, command.description)
            command._positionals.title = "位置参数"  # noqa: SLF001 - argparse's headings are English only
            command._optionals.title = "选项"  # noqa: SLF001
        for action in command._actions:  # noqa: SLF001
            _fix_action(name, action, lang)


def _fix_action(command: str, action: argparse.Action, lang: Lang) -> None:
    if action.dest == "format" and action.choices is not None:
        action.choices = [canonical_format(str(choice)) for choice in action.choices]
        if "md" in action.choices:
            action.type = canonical_format
    if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
        for choice in action._choices_actions:  # noqa: SLF001
            choice.help = plain_text(choice.help)
            if lang == "zh":
                choice.help = HELP_ZH.get((choice.dest, ""), choice.help)
        return
    metavar = action.metavar if isinstance(action.metavar, str) else None
    if not action.option_strings and not action.help:
        action.help = POSITIONAL_EN.get(metavar or "", (metavar or action.dest).lower())
    if action.option_strings and action.help is None:
        action.help = DEST_EN.get(action.dest)
    action.help = plain_text(action.help)
    if lang == "zh" and action.help != argparse.SUPPRESS:
        action.help = _chinese(command, action, metavar)


def _chinese(command: str, action: argparse.Action, metavar: str | None) -> str | None:
    """The Chinese help of ``action`` (its English help when the table has none)."""
    if isinstance(action, argparse._HelpAction):  # noqa: SLF001
        return "显示此帮助并退出"
    if isinstance(action, argparse._VersionAction):  # noqa: SLF001
        return "显示版本号并退出"
    if (command, action.dest) in HELP_ZH:
        return HELP_ZH[(command, action.dest)]
    if not action.option_strings and (metavar or "") in POSITIONAL_ZH:
        return POSITIONAL_ZH[metavar or ""]
    return action.help
