"""``workplan continuity OLD NEW``: what the new plan does with each of last year's commitments."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import load_plan, write_output
from ._diff import series_arguments, threshold_of


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "continuity",
        help="last year's documents, targets and tasks: continued, progressed, changed or dropped",
    )
    parser.add_argument("old", metavar="OLD", help="last period's plan: a file or a dataset name")
    parser.add_argument("new", metavar="NEW", help="this period's plan: a file or a dataset name")
    series_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..compare import continuity

    threshold = threshold_of(args)
    table = continuity(load_plan(args.old), load_plan(args.new), threshold=threshold)
    write_output(table.render(args.format), args.output)
    return 0
