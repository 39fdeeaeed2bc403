"""Argument parsing and dispatch for the ``workplan`` command.

Each subcommand lives in its own module with ``add_parser(subparsers)``, which
registers the command and sets ``func(args) -> int`` as its handler.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._errors import WorkplanError, WriteError
from .._version import __version__

__all__ = ["main"]


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="workplan",
        description="Government work plans (工作要点) as typed, queryable, diffable data. "
        "Wherever a PLAN is expected, give a file (.json, .yaml, .txt, .xlsx) or a shipped dataset name; "
        "parse, check, query, show and export take several, and globs, folders and - (standard input).",
    )
    parser.add_argument("--version", action="version", version=f"workplan {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Imported here, not at the top, so that `workplan --version` loads none of them.
    from . import _check, _continuity, _datasets, _diff, _export, _parse, _query, _report, _show, _timeline
    from ._output import add_global_options

    for command_module in (  # in the order `workplan --help` lists them
        _show,
        _parse,
        _datasets,
        _check,
        _query,
        _diff,
        _continuity,
        _timeline,
        _export,
        _report,
    ):
        command_module.add_parser(subparsers)

    add_global_options(parser, top=True)
    for command in subparsers.choices.values():
        add_global_options(command, top=False)
    return parser


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
    parser = build_parser()
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
