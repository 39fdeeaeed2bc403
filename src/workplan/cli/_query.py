"""``workplan query PLAN``: select nodes by kind, owner, text, path, deadline, target and document."""

from __future__ import annotations

import argparse
import csv
import io
from typing import Any

from ..query import KINDS, Query
from ._common import load_plan, write_output

_TEXT_WIDTH = 60


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "query",
        help="select goals, tasks, measures, targets, owners or documents",
        description="Select nodes of a plan; filters combine with AND. Prints them in document order.",
    )
    parser.add_argument("plan", metavar="PLAN", help="a plan file or a dataset name")
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
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table", help="default: table")
    parser.add_argument("-o", "--output", help="write to this file instead of standard output")
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


def render(query: Query, form: str) -> str:
    """The selection as a table, JSON or CSV."""
    records = query.to_records()
    if form == "json":
        return query.to_json()
    columns: list[str] = []
    for record in records:
        columns.extend(key for key in record if key not in columns)
    if form == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return buffer.getvalue()
    shown = [column for column in ("path", "kind", "text", "owners", "due") if column in columns]
    lines = ["\t".join(shown)]
    lines.extend("\t".join(_cell(record.get(column)) for column in shown) for record in records)
    lines.append(f"({len(records)} {'match' if len(records) == 1 else 'matches'})")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    plan = load_plan(args.plan)
    write_output(render(select(plan.query(), args), args.format), args.output)
    return 0
