"""``workplan query PLAN...``: select nodes by kind, owner, text, path, deadline, target and document.

Over several plans (files, globs, folders) every row gets a ``plan`` column (field in JSON).
"""

from __future__ import annotations

import argparse
import csv
import io
from typing import Any

from ..query import KINDS, Query
from ._commands import COMMANDS
from ._common import encoding_argument, encoding_of, lang_argument, lang_of, write_output
from ._inputs import PlanInput, expand, load_input
from ._output import Progress, console_logging, ordered_map, process_pool, quiet, report_failure

_TEXT_WIDTH = 60


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "query",
        help=COMMANDS["query"].summary,
        description="Select nodes of a plan; filters combine with AND. Prints them in document order.",
    )
    parser.add_argument("plan", metavar="PLAN", nargs="+", help="plan files, globs, folders or dataset names")
    parser.add_argument("--kind", choices=KINDS, action="append", help="node kind; repeat for several")
    parser.add_argument("--owner", help="owner id, name, alias or part of a name (公安局)")
    parser.add_argument("--role", choices=("lead", "support", "partner", "oversight"), help="with --owner")
    parser.add_argument("--text", help="wording contains this text")
    parser.add_argument("--regex", action="store_true", help="treat --text as a regular expression")
    parser.add_argument("--under", metavar="PATH", help="inside this goal or task (g2, g2/t7)")
    parser.add_argument("--due-before", metavar="DATE", help="due on or before YYYY-MM-DD or MM-DD")
    parser.add_argument("--due-after", metavar="DATE", help="due on or after YYYY-MM-DD or MM-DD")
    parser.add_argument("--unit", help="targets (and what holds them) in this unit")
    parser.add_argument("--relation", choices=("drafts", "implements", "revises", "cites"), help="documents")
    parser.add_argument(
        "-f", "--format", choices=("table", "json", "jsonl", "csv"), default="table", help="default: table"
    )
    parser.add_argument("-j", "--jobs", type=int, default=1, help="query in this many processes (default 1)")
    parser.add_argument("-o", "--output", help="write to this file instead of standard output")
    lang_argument(parser)
    encoding_argument(parser)
    parser.set_defaults(func=run)


def select(query: Query, args: argparse.Namespace) -> Query:
    """Apply the command line's filters to ``query``."""
    if args.kind:
        query = query.kind(*args.kind)
    if args.under:
        query = query.under(args.under)
    if args.owner:
        query = query.owned_by(args.owner, args.role)
    if args.text:
        query = query.text(args.text, regex=args.regex)
    if args.due_before or args.due_after:
        query = query.due_between(args.due_after, args.due_before)
    if args.unit:
        query = query.where_target(unit=args.unit)
    if args.relation:
        query = query.related(args.relation)
    return query


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= _TEXT_WIDTH else text[: _TEXT_WIDTH - 1] + "…"


def render(query: Query, form: str, lang: str = "zh") -> str:
    """The selection as a table (labels in ``lang``), JSON, JSON Lines or CSV."""
    if form == "json":
        return query.to_json()
    return render_records(query.to_records(), form, lang)


_TABLE_LABELS = {
    "plan": "plan",
    "path": "path",
    "kind": "kind",
    "text": "text",
    "owners": "owners_col",
    "due": "due",
}
"""The columns of the table format and their catalogue keys (the column names stay in JSON and CSV)."""


def render_records(records: list[dict[str, Any]], form: str, lang: str = "zh") -> str:
    """Records (of one plan or, with a ``plan`` field, of several) as a table, JSON, JSON Lines or CSV.

    The table is for people: its header, the node kinds and the count are in ``lang``.
    """
    if form == "json":
        from .._views._tables import records_to_json

        return records_to_json(records, indent=2)
    if form == "jsonl":
        from .._views._tables import records_to_json

        return "".join(records_to_json([record], indent=None)[1:-1] + "\n" for record in records)
    columns: list[str] = []
    for record in records:
        columns.extend(key for key in record if key not in columns)
    if form == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return buffer.getvalue()
    from .._views._labels import label

    shown = [column for column in _TABLE_LABELS if column in columns]
    lines = ["\t".join(label(_TABLE_LABELS[column], lang) for column in shown)]
    kinds = {"goal", "task", "measure", "target", "owner", "document"}
    lines.extend(
        "\t".join(
            label(record[column], lang)
            if column == "kind" and record.get(column) in kinds
            else _cell(record.get(column))
            for column in shown
        )
        for record in records
    )
    lines.append(label("matches", lang, n=len(records), s="" if len(records) == 1 else "es"))
    return "\n".join(lines) + "\n"


def _query_one(
    job: tuple[PlanInput, argparse.Namespace, bool],
) -> tuple[str, str | None, list[dict[str, Any]]]:
    """(name, error, records) for one plan (a process-pool worker)."""
    from ._output import describe

    item, args, many = job
    try:
        plan = load_input(item)
        records = select(plan.query(), args).to_records()
    except Exception as error:  # one bad input must not stop the batch
        return item.name, describe(error), []
    if many:
        records = [{"plan": item.name, **record} for record in records]
    return item.name, None, records


def run(args: argparse.Namespace) -> int:
    with console_logging(args):
        items = expand(args.plan)
        many = len(items) > 1
        settings = argparse.Namespace(**{k: v for k, v in vars(args).items() if k != "func"})
        jobs = [(item, settings, many) for item in items]
        streaming = args.format == "jsonl" and args.output in (None, "-")
        lang = lang_of(args)
        found: list[dict[str, Any]] = []
        failed = 0
        progress = Progress(len(jobs), "query", enabled=not quiet(args))
        executor = process_pool(args.jobs) if len(jobs) > 1 else None
        try:
            for name, error, records in ordered_map(_query_one, jobs, executor, window=4 * max(args.jobs, 1)):
                progress.step(error is None)
                if error is not None:
                    failed += 1
                    report_failure("query", name, error)
                elif streaming:
                    print(render_records(records, "jsonl"), end="", flush=True)
                else:
                    found.extend(records)
        finally:
            progress.close()
            if executor is not None:
                executor.shutdown()
        if not streaming and (found or not failed):
            encoding = encoding_of(args, csv=args.format == "csv")
            write_output(render_records(found, args.format, lang), args.output, encoding=encoding)
        return 2 if failed else 0
