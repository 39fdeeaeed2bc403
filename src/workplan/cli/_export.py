"""``workplan export PLAN --format FORMAT -o FILE``: a plan as another file format.

``workplan export PLAN... --sqlite plans.db`` adds many plans (files, globs, folders) to one
SQLite store, with the changes between consecutive years of each issuer (see docs/batch.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._errors import ArgumentError
from ._commands import COMMANDS
from ._common import encoding_argument, encoding_of, lang_argument, lang_of, load_plan, prepare_output

FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "xlsx", "docx", "json", "yaml")
"""The formats ``workplan export`` writes."""

_SUFFIXES = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".docx": "docx",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help=COMMANDS["export"].summary,
        description="Write a plan in another format. The format follows from --format or the "
        "output's suffix. CSV writes two files: FILE.nodes.csv and FILE.edges.csv for FILE.csv, "
        "or nodes.csv and edges.csv inside a folder, in UTF-8 with a BOM (--encoding to change it). "
        "--lang sets the language of the labels in .docx and .xlsx files.",
    )
    parser.add_argument("plan", metavar="PLAN", nargs="+", help="plan files, globs, folders or dataset names")
    parser.add_argument("--format", "-f", choices=FORMATS, help="the format (default: from the suffix)")
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write (one plan)")
    parser.add_argument(
        "--sqlite", metavar="DB", help="add the plans to this SQLite store (created when missing)"
    )
    parser.add_argument("-j", "--jobs", type=int, default=1, help="read and diff in this many processes")
    lang_argument(parser)
    encoding_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ._output import console_logging

    with console_logging(args, eager=True):
        if args.sqlite:
            return run_sqlite(args)
        if args.output is None:
            raise ArgumentError("give -o FILE (or --sqlite DB)")
        if len(args.plan) > 1:
            raise ArgumentError("several plans go into one --sqlite DB; other formats take one PLAN")
        return _run_one(args)


def _prepare_one(item: Any) -> tuple[str, str | None, Any]:
    """(name, error, prepared rows) for one input (a process-pool worker)."""
    from ..io import prepare
    from ._inputs import load_input
    from ._output import describe

    try:
        return item.name, None, prepare(load_input(item), item.name)
    except Exception as error:  # one bad input must not stop the batch
        return item.name, describe(error), None


def _diff_pair(pair: tuple[str, str]) -> Any:
    from ..io import diff_rows

    return diff_rows(*pair)


def run_sqlite(args: argparse.Namespace) -> int:
    """Add every input to the store in one transaction; then the changes of each new pair."""
    import sys

    from ..io import open_store
    from ._inputs import expand
    from ._output import Progress, ordered_map, process_pool, quiet, report_failure

    items = expand(args.plan)
    window = 4 * max(args.jobs, 1)
    executor = process_pool(args.jobs)
    added = skipped = failed = 0
    try:
        with open_store(args.sqlite) as store:
            progress = Progress(len(items), "export", enabled=not quiet(args))
            for name, error, prepared in ordered_map(_prepare_one, items, executor, window=window):
                progress.step(error is None)
                if error is not None:
                    failed += 1
                    report_failure("export", name, error)
                elif store.add(prepared) is None:
                    skipped += 1
                else:
                    added += 1
            progress.close()
            diffs = store.diff_pending(lambda pairs: ordered_map(_diff_pair, pairs, executor, window=window))
    finally:
        if executor is not None:
            executor.shutdown()
    if not quiet(args):
        from .._views._labels import label

        lang = lang_of(args)
        line = label("store_summary", lang, db=args.sqlite, added=added, skipped=skipped, diffs=diffs)
        print(line + (label("store_failed", lang, failed=failed) if failed else ""), file=sys.stderr)
    return 2 if failed else 0


def _run_one(args: argparse.Namespace) -> int:
    output = Path(args.output)
    chosen = args.format or _SUFFIXES.get(output.suffix.lower())
    if chosen is None:
        raise ArgumentError(
            f"cannot tell the format of {output.name!r}; give --format ({', '.join(FORMATS)})"
        )
    plan = load_plan(args.plan[0])
    written = export(
        plan, chosen, prepare_output(output), lang=lang_of(args), encoding=encoding_of(args, csv=True)
    )
    for path in written:
        print(path)
    return 0


def export(
    plan: Any, chosen: str, output: Path, *, lang: str = "zh", encoding: str = "utf-8-sig"
) -> list[Path]:
    """Write ``plan`` to ``output`` in format ``chosen``; return the files written.

    ``lang`` is the language of the labels in Word and Excel files; ``encoding`` that of CSV files.
    """
    from ..io import write_atomic, write_csv, write_gexf, write_graphml

    if chosen == "graphml":
        write_graphml(plan, output)
    elif chosen == "gexf":
        write_gexf(plan, output)
    elif chosen == "csv":
        return list(write_csv(plan, output, encoding=encoding))
    elif chosen == "xlsx":
        from .._views._labels import check_lang
        from ..io import write_excel

        write_excel(plan, output, lang=check_lang(lang))
    elif chosen == "docx":
        from ..io import write_docx

        write_docx(plan, output, lang=lang)
    elif chosen == "json":
        from ..io import dumps

        write_atomic(output, dumps(plan) + "\n")
    else:
        from ..io import dumps_yaml

        write_atomic(output, dumps_yaml(plan))
    return [output]
