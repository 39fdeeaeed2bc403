"""``workplan check PLAN``: run the consistency rules; exit 1 when there is an error."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import load_plan, write_output


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a plan for consistency (exit 1 on errors)",
        description="Run the consistency rules. --select and --ignore take rule-code prefixes "
        "(WP3, WP301), comma-separated or repeated; they override [tool.workplan] in pyproject.toml.",
    )
    parser.add_argument("plan", metavar="PLAN", help="a plan file or a dataset name")
    parser.add_argument("--select", type=_codes, action="extend", help="only these rule-code prefixes")
    parser.add_argument("--ignore", type=_codes, action="extend", help="skip these rule-code prefixes")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text", help="default: text")
    parser.add_argument("--smart", action="store_true", help="print the SMART summary per task as well")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument("--config", metavar="PYPROJECT", help="read [tool.workplan] from this file")
    parser.add_argument(
        "--plugins", action="store_true", help="also run third-party rules from workplan.rules entry points"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="stop a third-party rule after this long (default: 5)",
    )
    parser.add_argument("-o", "--output", help="write to this file instead of standard output")
    parser.set_defaults(func=run)


def _smart_text(table: Any) -> str:
    lines = ["path\tS\tM\tA\tT\tscore\ttitle"]
    for row in table:
        marks = ["✓" if row[key] else "✗" for key in ("specific", "measurable", "assignable", "time_bound")]
        lines.append("\t".join([row["path"], *marks, f"{row['score']}/4", row["title"]]))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..checks import all_rules, check, load_config, load_plugins, smart

    if args.list_rules:
        load_plugins()
        lines = [
            f"{r.code}\t{r.name}\t{r.severity.value}{'' if r.default else ' (off by default)'}\t{r.summary}"
            for r in all_rules()
        ]
        write_output("\n".join(lines) + "\n", args.output)
        return 0
    config = load_config(args.config)
    select = args.select if args.select is not None else config.select
    ignore = [*config.ignore, *(args.ignore or ())]
    plan = load_plan(args.plan)
    report = check(plan, select=select, ignore=ignore, plugins=args.plugins, timeout=args.timeout)
    for finding in report:
        if finding.code == "WP001":
            print(f"workplan check: warning: {finding.message}", file=sys.stderr)
    if args.format == "json":
        text = report.to_json()
    elif args.format == "github":
        from pathlib import Path

        text = report.format_github(args.plan if Path(args.plan).is_file() else None)
    else:
        text = report.format_text()
    if args.smart:
        table = smart(plan)
        text += ("\n" + _smart_text(table)) if args.format == "text" else ""
        if args.format == "json":
            import json

            text = json.dumps(
                {"findings": report.to_records(), "smart": table.to_records()}, ensure_ascii=False, indent=2
            )
    write_output(text, args.output)
    return 1 if report.errors else 0
