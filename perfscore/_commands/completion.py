"""``perfscore completion bash|zsh|fish``: print a shell completion script.

The script is generated from the same argparse tree that parses the command line, so
it always knows every command, option and format choice; pack arguments complete to
the pack ids of ``perfscore packs`` as well as to files. Install it once:

* bash: ``perfscore completion bash > ~/.local/share/bash-completion/completions/perfscore``
* zsh: ``eval "$(perfscore completion zsh)"`` in ~/.zshrc
* fish: ``perfscore completion fish > ~/.config/fish/completions/perfscore.fish``

Why not argcomplete or click: argcomplete would add a run-time dependency (or leave
a plain ``pip install`` without completion) and runs Python on every Tab; click or
typer would mean rewriting every command. Static scripts from the argparse tree need
neither, start instantly, and are tested by running bash on them.
"""

from __future__ import annotations

import argparse

from perfscore._commands import EXIT_OK, CommandIO

NAME = "completion"
HELP = "print a shell completion script (bash, zsh or fish)"
PACK_METAVARS = frozenset({"PACK", "OTHER_PACK", "OLD", "NEW", "PATH"})
DIR_METAVARS = frozenset({"DIR", "FIGURES_DIR_OR_CSV"})
PACK_IDS = "perfscore packs --format ids 2>/dev/null"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The shell."""
    parser.add_argument("shell", metavar="SHELL", choices=("bash", "zsh", "fish"))


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Print the script for the shell asked for."""
    from perfscore.cli import _parser  # noqa: PLC0415 - the tree is the CLI's own

    tree = _parser("en")
    script = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}[args.shell](tree)
    io.out.write(script)
    return EXIT_OK


def _kind(action: argparse.Action) -> str:
    """How a value of ``action`` completes: ``none``, ``words``, ``pack``, ``dir`` or ``file``."""
    if action.nargs == 0:
        return "none"
    if action.choices is not None:
        return "words"
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    if metavar in PACK_METAVARS:
        return "pack"
    if metavar in DIR_METAVARS and action.option_strings:
        return "dir"
    if metavar in {"INDICATOR", "N", "SEED"} or action.type is int:
        return "none"
    return "file"


def _words(action: argparse.Action) -> str:
    return " ".join(str(choice) for choice in action.choices or ())


def _subcommands(tree: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in tree._actions:  # noqa: SLF001 - argparse offers no public walk of its tree
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.option_strings and a.help != argparse.SUPPRESS]  # noqa: SLF001


def _positionals(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        a
        for a in parser._actions  # noqa: SLF001
        if not a.option_strings and not isinstance(a, argparse._SubParsersAction)  # noqa: SLF001
    ]


def _bash_value(kind: str, action: argparse.Action) -> str:
    """The bash statements that fill COMPREPLY for a value of this kind (empty: the shell's file default)."""
    if kind == "words":
        return f'COMPREPLY=($(compgen -W "{_words(action)}" -- "$cur"))'
    if kind == "pack":
        ids = f'$(compgen -W "$({PACK_IDS})" -- "$cur")'
        return f'compopt -o filenames 2>/dev/null; COMPREPLY=({ids} $(compgen -f -- "$cur"))'
    if kind == "dir":
        return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur"))'
    return "COMPREPLY=()"


def _bash_command(name: str, parser: argparse.ArgumentParser) -> list[str]:
    """The ``case`` branch of one command: option values, option names, then positionals by position."""
    options = _options(parser)
    label = name or '""'
    lines = [f"        {label})", '            case "$prev" in']
    for action in options:
        kind = _kind(action)
        if kind != "none":
            lines.append(f"                {'|'.join(action.option_strings)}) {_bash_value(kind, action)}; return;;")
    lines.append("            esac")
    names = " ".join(s for a in options for s in a.option_strings)
    lines.append(f'            if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "{names}" -- "$cur")); return; fi')
    if not name:
        lines.append('            COMPREPLY=($(compgen -W "$commands" -- "$cur")); return;;')
        return lines
    lines.append('            case "$npos" in')
    positionals = _positionals(parser)
    for index, action in enumerate(positionals):
        last = index == len(positionals) - 1 and action.nargs in {"+", "*"}
        lines.append(f"                {index}{'|*' if last else ''}) {_bash_value(_kind(action), action)};;")
    lines.extend(["            esac", "            return;;"])
    return lines


def bash_script(tree: argparse.ArgumentParser) -> str:
    """A bash completion function for ``perfscore`` (plain ``compgen``: no bash-completion package needed)."""
    subcommands = _subcommands(tree)
    takes_value = [s for a in _options(tree) if _kind(a) != "none" for s in a.option_strings]
    per_command_value = sorted(
        {s for p in subcommands.values() for a in _options(p) if _kind(a) != "none" for s in a.option_strings}
    )
    lines = [
        "# bash completion for perfscore, generated by `perfscore completion bash`",
        "_perfscore() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        f'    local commands="{" ".join(subcommands)}"',
        '    local cmd="" npos=0 i word',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        word="${COMP_WORDS[i]}"',
        '        case "$word" in',
        f"            {'|'.join(takes_value) or '--'}) [[ -z $cmd ]] && ((i++));;",
        f"            {'|'.join(per_command_value) or '--'}) [[ -n $cmd ]] && ((i++));;",
        "            -) [[ -n $cmd ]] && ((npos++));;",  # '-' is standard input: a positional
        "            -*) ;;",
        '            *) if [[ -z $cmd ]]; then cmd="$word"; else ((npos++)); fi;;',
        "        esac",
        "    done",
        '    case "$cmd" in',
    ]
    lines.extend(_bash_command("", tree))
    for name, parser in subcommands.items():
        lines.extend(_bash_command(name, parser))
    lines.extend(["    esac", "}", "complete -o bashdefault -o default -F _perfscore perfscore", ""])
    return "\n".join(lines)


def zsh_script(tree: argparse.ArgumentParser) -> str:
    """Zsh runs the bash function through its bashcompinit layer, so both shells complete the same way."""
    return "\n".join(
        [
            "# zsh completion for perfscore, generated by `perfscore completion zsh`; in ~/.zshrc:",
            '#   eval "$(perfscore completion zsh)"',
            "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }",
            "autoload -U +X bashcompinit && bashcompinit",
            bash_script(tree),
        ]
    )


def _fish_quote(text: str | None) -> str:
    """``text``'s first line as a single-quoted fish string."""
    first = (text or "").splitlines()[0] if text else ""
    return "'" + first.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish_script(tree: argparse.ArgumentParser) -> str:
    """The fish ``complete`` lines: commands, then each command's options and positionals."""
    lines = ["# fish completion for perfscore, generated by `perfscore completion fish`", "complete -c perfscore -e"]
    lines.extend(_fish_option("__fish_use_subcommand", action) for action in _options(tree))
    for name, parser in _subcommands(tree).items():
        summary = _fish_quote(_summary(tree, name))
        lines.append(f"complete -c perfscore -f -n '__fish_use_subcommand' -a {name} -d {summary}")
        condition = f"__fish_seen_subcommand_from {name}"
        lines.extend(_fish_option(condition, action) for action in _options(parser))
        positionals = _positionals(parser)
        if any(_kind(action) == "pack" for action in positionals):
            lines.append(f"complete -c perfscore -n '{condition}' -a '({PACK_IDS})'")
        lines.extend(
            f"complete -c perfscore -f -n '{condition}' -a '{_words(action)}'"
            for action in positionals
            if _kind(action) == "words"
        )
    return "\n".join(lines) + "\n"


def _summary(tree: argparse.ArgumentParser, name: str) -> str | None:
    for action in tree._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for choice in action._choices_actions:  # noqa: SLF001
                if choice.dest == name:
                    return choice.help
    return None


def _fish_option(condition: str, action: argparse.Action) -> str:
    flags = " ".join(f"-l {s[2:]}" if s.startswith("--") else f"-s {s[1:]}" for s in action.option_strings)
    kind = _kind(action)
    value = {
        "none": "",
        "words": f" -x -a '{_words(action)}'",
        "pack": f" -r -a '({PACK_IDS})'",
        "dir": " -x -a '(__fish_complete_directories)'",
        "file": " -r -F",
    }[kind]
    return f"complete -c perfscore -n '{condition}' {flags}{value} -d {_fish_quote(action.help)}"
