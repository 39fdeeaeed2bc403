"""``workplan timeline PLAN PLAN...``: tasks, targets and documents followed through the years."""

from __future__ import annotations

import argparse
from typing import Any

from ._commands import COMMANDS
from ._common import lang_of, load_plan
from ._diff import series_arguments, threshold_of, write_series


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("timeline", help=COMMANDS["timeline"].summary)
    parser.add_argument(
        "plans", metavar="PLAN", nargs="+", help="the plans, oldest first: files or dataset names"
    )
    series_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..compare import timeline

    threshold = threshold_of(args)
    found = timeline([load_plan(plan) for plan in args.plans], threshold=threshold)
    write_series(found.render(args.format, lang_of(args)), args)
    return 0
