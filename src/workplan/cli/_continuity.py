"""``workplan continuity OLD NEW``: what the new plan does with each of last year's commitments."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import load_plan, write_output
from ._diff import threshold_argument

SERIES_FORMATS = ("text", "md", "json", "csv")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "continuity",
        help="last year's documents, targets and tasks: continued, progressed, changed or dropped",
    )
    parser.add_argument("old", metavar="OLD", help="last period's plan: a file or a dataset name")
    parser.add_argument("new", metavar="NEW", help="this period's plan: a file or a dataset name")
    parser.add_argument(
        "-f", "--format", choices=SERIES_FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    threshold_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..compare import DEFAULT_THRESHOLD, continuity

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    table = continuity(load_plan(args.old), load_plan(args.new), threshold=threshold)
    write_output(table.render(args.format), args.output)
    return 0
