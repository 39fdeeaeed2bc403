"""``workplan diff OLD NEW`` (or ``--series P1 P2 P3…``): what changed between plans."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ._commands import COMMANDS
from ._common import (
    encoding_argument,
    encoding_of,
    lang_argument,
    lang_of,
    load_plan,
    prepare_output,
    write_output,
)
from ._output import jsonl

if TYPE_CHECKING:
    from ..compare import PlanDiff
    from ..model import Plan


SERIES_FORMATS = ("text", "md", "json", "csv")
"""The formats of continuity tables and timelines."""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("diff", help=COMMANDS["diff"].summary)
    parser.add_argument("old", metavar="OLD", nargs="?", help="the earlier plan: a file or a dataset name")
    parser.add_argument("new", metavar="NEW", nargs="?", help="the later plan: a file or a dataset name")
    parser.add_argument(
        "--series",
        nargs="+",
        metavar="PLAN",
        help="diff each consecutive pair of these plans (files, globs, folders), ordered by year",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("text", "md", "html", "json", "jsonl"),
        default="text",
        help="output format (default: text); jsonl: one diff document per line",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output; a .docx FILE gets the Word 新旧对照表 (office extra)",
    )
    threshold_argument(parser)
    lang_argument(parser)
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


def series_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``continuity`` and ``timeline`` share: -f, -o, --threshold, --lang and --encoding."""
    parser.add_argument(
        "-f", "--format", choices=SERIES_FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    threshold_argument(parser)
    lang_argument(parser)
    encoding_argument(parser)


def write_series(text: str, args: argparse.Namespace) -> None:
    """Write a continuity table or timeline where ``-o`` says; CSV with a BOM unless --encoding says."""
    write_output(text, args.output, encoding=encoding_of(args, csv=args.format == "csv"))


def threshold_of(args: argparse.Namespace) -> float:
    """The ``--threshold`` given, else the library's default (imported only now: it loads the matcher)."""
    from ..compare import DEFAULT_THRESHOLD

    return DEFAULT_THRESHOLD if args.threshold is None else float(args.threshold)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    from .._errors import ArgumentError
    from ..compare import diff

    threshold = threshold_of(args)
    lang = lang_of(args)
    if args.series:
        if args.old or args.new:
            raise ArgumentError("give OLD NEW or --series PLAN..., not both")
        deltas = [diff(old, new, threshold=threshold) for old, new in _consecutive(args.series)]
    elif args.old and args.new:
        deltas = [diff(load_plan(args.old), load_plan(args.new), threshold=threshold)]
    else:
        raise ArgumentError("give two plans (OLD NEW), or --series with two or more")
    if args.output and args.output.lower().endswith(".docx"):
        if len(deltas) != 1:
            raise ArgumentError("a .docx holds one 新旧对照表: give OLD NEW, not --series")
        from .._views._diff_docx import diff_docx

        print(diff_docx(deltas[0], prepare_output(args.output), lang=lang))
        return 1 if args.exit_code and deltas[0] else 0
    write_output(_render(deltas, args.format, series=bool(args.series), lang=lang), args.output)
    return 1 if args.exit_code and any(deltas) else 0


def _consecutive(words: list[str]) -> list[tuple[Plan, Plan]]:
    """The plans named by ``words``, ordered by year (a plan without one keeps its place last)."""
    from .._errors import ArgumentError
    from ._inputs import expand, load_input

    plans = [load_input(item) for item in expand(words)]
    if len(plans) < 2:
        raise ArgumentError(f"--series needs two or more plans, got {len(plans)}")
    ordered = sorted(plans, key=lambda plan: (plan.year is None, plan.year or 0))
    return list(zip(ordered, ordered[1:]))


def _render(deltas: list[PlanDiff], form: str, *, series: bool, lang: str = "zh") -> str:
    if form == "jsonl":
        from .._views._diff import to_json_document

        return "".join(jsonl(to_json_document(delta)) + "\n" for delta in deltas)
    if not series:
        return deltas[0].render(form, lang)
    if form == "json":
        import json

        from .._views._diff import to_json_document

        return json.dumps([to_json_document(d) for d in deltas], ensure_ascii=False, indent=2) + "\n"
    return "\n".join(delta.render(form, lang) for delta in deltas)
