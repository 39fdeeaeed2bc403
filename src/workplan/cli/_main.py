"""Argument parsing and dispatch for the ``workplan`` command.

Each subcommand lives in its own module with ``add_parser(subparsers)``, which
registers the command and sets ``func(args) -> int`` as its handler. `COMMANDS`
names them; a run imports only the module of the command it names.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._errors import WorkplanError, WriteError
from .._version import __version__
from ._commands import COMMANDS

__all__ = ["main"]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``command``, only that command's module is imported.

    The other commands are still listed (by their `COMMANDS` summary) so that a
    misspelt name gets argparse's usual "invalid choice" error. Without
    ``command``, every command's module is imported and registered.
    """
    import importlib

    from ._output import add_global_options

    parser = argparse.ArgumentParser(
        prog="workplan",
        description="Government work plans (工作要点) as typed, queryable, diffable data. "
        "Wherever a PLAN is expected, give a file (.json, .yaml, .txt, .xlsx) or a shipped dataset name; "
        "parse, check, query, show and export take several, and globs, folders and - (standard input).",
    )
    parser.add_argument("--version", action="version", version=f"workplan {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, summary) in COMMANDS.items():
        if command is None or name == command:
            importlib.import_module(module, __package__).add_parser(subparsers)
        else:
            subparsers.add_parser(name, help=summary)  # listed in --help; its options load when it is named

    add_global_options(parser, top=True)
    for registered in subparsers.choices.values():
        add_global_options(registered, top=False)
    return parser


def _command_of(arguments: Sequence[str]) -> str:
    """The command named in ``arguments``, or "" for none: the top level takes only flags."""
    return next((argument for argument in arguments if not argument.startswith("-")), "")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    0 success; 1 a failure (a check found errors, a file could not be written);
    2 a usage or input error (a bad option, a missing or malformed plan). Every
    error is one line on standard error that names the file; no traceback.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == ["--version"]:  # answer as argparse would, without importing the subcommands
        print(f"workplan {__version__}")
        raise SystemExit(0)
    # Only the named command's module is imported; `workplan --help` lists them all and imports none.
    parser = build_parser(_command_of(arguments))
    args = parser.parse_args(arguments)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `workplan show x | head`
        return 0
    except (WriteError, OSError) as error:
        print(f"workplan {args.command}: error: {_describe(error)}", file=sys.stderr)
        return 1
    except WorkplanError as error:
        print(f"workplan {args.command}: error: {error}", file=sys.stderr)
        return 2
    except UnicodeEncodeError as error:  # text with a lone surrogate, printed or written as plain text
        print(f"workplan {args.command}: error: cannot write this text: {error.reason}", file=sys.stderr)
        return 1
    except RecursionError:  # a pathological input the library did not catch; still one line
        print(f"workplan {args.command}: error: input nested too deeply", file=sys.stderr)
        return 2


def _describe(error: OSError) -> str:
    if isinstance(error, WorkplanError):
        return str(error)
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"
