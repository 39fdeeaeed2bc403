"""``workplan diff OLD NEW``: what changed between two plans."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import load_plan, write_output


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff", help="compare two plans: added, removed, reworded, moved, targets, ..."
    )
    parser.add_argument("old", metavar="OLD", help="the earlier plan: a file or a dataset name")
    parser.add_argument("new", metavar="NEW", help="the later plan: a file or a dataset name")
    parser.add_argument(
        "-f",
        "--format",
        choices=("text", "md", "html", "json"),
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    threshold_argument(parser)
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help="exit with 1 when the plans differ and 0 when they do not, as `git diff --exit-code`",
    )
    parser.set_defaults(func=run)


def threshold_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--threshold`` option shared by diff, continuity and timeline."""
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=None,
        help="evidence score (0..1] an aligned goal or task needs (default 0.5)",
    )


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    from ..compare import DEFAULT_THRESHOLD, diff

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    delta = diff(load_plan(args.old), load_plan(args.new), threshold=threshold)
    write_output(delta.render(args.format), args.output)
    return 1 if args.exit_code and delta else 0
