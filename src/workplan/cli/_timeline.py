"""``workplan timeline PLAN PLAN...``: tasks, targets and documents followed through the years."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import load_plan, write_output
from ._continuity import SERIES_FORMATS
from ._diff import threshold_argument


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "timeline", help="follow tasks, targets and documents through plans of several years"
    )
    parser.add_argument(
        "plans", metavar="PLAN", nargs="+", help="the plans, oldest first: files or dataset names"
    )
    parser.add_argument(
        "-f", "--format", choices=SERIES_FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    threshold_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..compare import DEFAULT_THRESHOLD, timeline

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    found = timeline([load_plan(plan) for plan in args.plans], threshold=threshold)
    write_output(found.render(args.format), args.output)
    return 0
