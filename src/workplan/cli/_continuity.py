"""``workplan continuity OLD NEW``: what the new plan does with each of last year's commitments."""

from __future__ import annotations

import argparse
from typing import Any

from ._commands import COMMANDS
from ._common import lang_of, load_plan
from ._diff import series_arguments, threshold_of, write_series


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "continuity",
        help=COMMANDS["continuity"].summary,
    )
    parser.add_argument("old", metavar="OLD", help="last period's plan: a file or a dataset name")
    parser.add_argument("new", metavar="NEW", help="this period's plan: a file or a dataset name")
    series_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..compare import continuity

    threshold = threshold_of(args)
    table = continuity(load_plan(args.old), load_plan(args.new), threshold=threshold)
    write_series(table.render(args.format, lang_of(args)), args)
    return 0
