"""Argument parsing and dispatch for the ``workplan`` command.

Each subcommand lives in its own module with ``add_parser(subparsers)``, which
registers the command and sets ``func(args) -> int`` as its handler.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .._errors import WorkplanError
from .._version import __version__

__all__ = ["main"]

# Subcommand modules, in the order `workplan --help` lists them.
_COMMANDS: list[str] = [
    "workplan.cli._show",
    "workplan.cli._parse",
    "workplan.cli._datasets",
    "workplan.cli._check",
    "workplan.cli._query",
    "workplan.cli._diff",
    "workplan.cli._continuity",
    "workplan.cli._timeline",
    "workplan.cli._export",
    "workplan.cli._report",
]


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
    for module_name in _COMMANDS:
        importlib.import_module(module_name).add_parser(subparsers)
    from ._output import add_global_options

    add_global_options(parser, top=True)
    for command in subparsers.choices.values():
        add_global_options(command, top=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for usage and input errors)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except WorkplanError as error:
        print(f"workplan {args.command}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `workplan show x | head`
        return 0
