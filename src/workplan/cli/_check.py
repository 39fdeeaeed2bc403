"""``workplan check PLAN...``: run the consistency rules; exit 1 when there is an error.

Several plans (files, globs, folders) are checked one by one, or in ``--jobs N`` processes;
the output names each plan (a ``plan`` field in JSON and JSON Lines). An input that cannot be
read is reported by name, the others still run, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import attrs

from ._commands import COMMANDS
from ._common import lang_argument, lang_of, write_output
from ._inputs import PlanInput, expand
from ._output import (
    Progress,
    colour,
    console_logging,
    jsonl,
    ordered_map,
    process_pool,
    quiet,
    report_failure,
)


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help=COMMANDS["check"].summary,
        description="Run the consistency rules. --select and --ignore take rule-code prefixes "
        "(WP3, WP301), comma-separated or repeated; they override [tool.workplan] in pyproject.toml. "
        "PLAN is a file, glob, folder, dataset name or -; give several. Exit status: 0 clean, "
        "1 findings at the --fail-on level, 2 an input could not be read.",
    )
    parser.add_argument("plan", metavar="PLAN", nargs="*", help="plan files, globs, folders or dataset names")
    parser.add_argument("--select", type=_codes, action="extend", help="only these rule-code prefixes")
    parser.add_argument("--ignore", type=_codes, action="extend", help="skip these rule-code prefixes")
    parser.add_argument(
        "-f", "--format", choices=("text", "json", "jsonl", "github"), default="text", help="default: text"
    )
    parser.add_argument("--smart", action="store_true", help="print the SMART summary per task as well")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit (no PLAN needed)")
    parser.add_argument("--config", metavar="PYPROJECT", help="read [tool.workplan] from this file")
    parser.add_argument(
        "--fail-on", choices=("error", "warning"), default="error", help="exit 1 from this severity up"
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="check in this many processes (default 1)")
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
    lang_argument(parser)
    parser.set_defaults(func=run)


def _smart_text(table: Any, lang: str = "zh") -> str:
    from .._views._labels import label

    lines = [label("smart_header", lang)]
    for row in table:
        marks = ["✓" if row[key] else "✗" for key in ("specific", "measurable", "assignable", "time_bound")]
        lines.append("\t".join([row["path"], *marks, f"{row['score']}/4", row["title"]]))
    return "\n".join(lines) + "\n"


@attrs.frozen(kw_only=True)
class _Job:
    item: PlanInput
    select: Sequence[str] | None
    ignore: Sequence[str]
    form: str
    smart: bool
    many: bool
    plugins: bool = False
    timeout: float | None = 5.0
    lang: str = "zh"


@attrs.frozen(kw_only=True)
class _Result:
    name: str
    error: str | None = None
    text: str = ""
    records: tuple[dict[str, Any], ...] = ()
    notices: tuple[str, ...] = ()
    errors: int = 0
    warnings: int = 0


def _check_one(job: _Job) -> _Result:
    """Load and check one plan; render its part of the output (a process-pool worker)."""
    from ..checks import check, smart
    from ._inputs import load_input
    from ._output import describe

    item = job.item
    try:
        plan = load_input(item)
        report = check(plan, select=job.select, ignore=job.ignore, plugins=job.plugins, timeout=job.timeout)
    except Exception as error:  # one bad input must not stop the batch
        return _Result(name=item.name, error=describe(error))
    notices = tuple(finding.text(job.lang) for finding in report if finding.code == "WP001")
    records = tuple({"plan": item.name, **record} for record in report.to_records())
    if job.form == "jsonl":
        text = "".join(jsonl(record) + "\n" for record in records)
    elif job.form == "json":
        text = report.to_json() if not job.many else ""
        if job.smart:
            table = smart(plan)
            text = json.dumps(
                {"findings": report.to_records(), "smart": table.to_records()}, ensure_ascii=False, indent=2
            )
    elif job.form == "github":
        text = report.format_github(item.name if item.kind == "file" else None, lang=job.lang)
    else:
        text = report.format_text(lang=job.lang)
        if job.smart:
            text += "\n" + _smart_text(smart(plan), job.lang)
    return _Result(
        name=item.name,
        text=text,
        records=records if job.form == "json" and job.many else (),
        notices=notices,
        errors=len(report.errors),
        warnings=len(report.warnings),
    )


def _list_rules(args: argparse.Namespace) -> int:
    from ..checks import all_rules, load_plugins

    load_plugins()
    lines = [
        f"{r.code}\t{r.name}\t{r.severity.value}{'' if r.default else ' (off by default)'}\t{r.summary}"
        for r in all_rules()
    ]
    write_output("\n".join(lines) + "\n", args.output)
    return 0


def run(args: argparse.Namespace) -> int:
    from .._errors import ArgumentError
    from ..checks import load_config

    with console_logging(args, eager=bool(args.plugins)):
        if args.list_rules:
            return _list_rules(args)
        if not args.plan:
            raise ArgumentError("give a PLAN to check (or --list-rules)")
        config = load_config(args.config)
        select = args.select if args.select is not None else config.select
        ignore = [*config.ignore, *(args.ignore or ())]
        items = expand(args.plan)
        many = len(items) > 1
        jobs = [
            _Job(
                item=item,
                select=select,
                ignore=ignore,
                form=args.format,
                smart=args.smart,
                many=many,
                plugins=args.plugins,
                timeout=args.timeout,
                lang=lang_of(args),
            )
            for item in items
        ]
        return _run_jobs(jobs, args, many)


def _run_jobs(jobs: list[_Job], args: argparse.Namespace, many: bool) -> int:
    stream = sys.stdout if args.output in (None, "-") else None
    pieces: list[str] = []
    records: list[dict[str, Any]] = []
    failed = errors = warnings = 0
    progress = Progress(len(jobs), "check", enabled=not quiet(args))
    executor = process_pool(args.jobs) if len(jobs) > 1 else None
    try:
        for result in ordered_map(_check_one, jobs, executor, window=4 * max(args.jobs, 1)):
            progress.step(result.error is None)
            if result.error is not None:
                failed += 1
                report_failure("check", result.name, result.error)
                continue
            errors += result.errors
            warnings += result.warnings
            if not quiet(args):
                for message in result.notices:
                    print(f"workplan check: warning: {result.name}: {message}", file=sys.stderr)
            records.extend(result.records)
            text = result.text
            if many and args.format == "text":
                header = (
                    colour(f"== {result.name} ==", "bold", stream or sys.stderr)
                    if stream
                    else f"== {result.name} =="
                )
                text = f"{header}\n{text}"
            if stream is not None and args.format != "json":
                print(text, end="" if text.endswith("\n") or not text else "\n", flush=True)
            else:
                pieces.append(text)
    finally:
        progress.close()
        if executor is not None:
            executor.shutdown()
    if args.format == "json" and many:
        from .._views._tables import records_to_json

        pieces = [records_to_json(records, indent=2)]
    if pieces:
        text = "".join(piece if piece.endswith("\n") else piece + "\n" for piece in pieces if piece)
        write_output(text, args.output)
    if many and not quiet(args) and args.format == "text":
        from .._views._labels import label

        line = label(
            "plans_checked", lang_of(args), plans=len(jobs), errors=errors, warnings=warnings, failed=failed
        )
        print(line, file=sys.stderr)
    if failed:
        return 2
    if args.exit_zero:
        return 0
    return 1 if errors or (args.fail_on == "warning" and warnings) else 0
