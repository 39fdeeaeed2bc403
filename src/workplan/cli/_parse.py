"""``workplan parse PLAN...``: plan text in, JSON or YAML out, diagnostics on request.

One input prints JSON (or writes ``-o FILE``). Many inputs (files, globs, folders) write one
JSON file per input into ``-o OUTDIR``, or print one plan per line with ``-f jsonl``.
``--jobs N`` parses in N processes; results still come in input order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import attrs

from ._commands import COMMANDS
from ._common import lang_argument, lang_of
from ._inputs import PlanInput, expand, read_text
from ._output import Progress, console_logging, ordered_map, process_pool, quiet, report_failure


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "parse",
        help=COMMANDS["parse"].summary,
        description="Parse plan texts. PLAN is a file, a glob, a folder (its .txt, .json, .yaml, .xlsx "
        "files) or - for standard input; give several. With several inputs, -o names a folder that "
        "gets one NAME.json per input, or -f jsonl prints one plan per line.",
    )
    parser.add_argument("file", metavar="PLAN", nargs="+", help="text files, globs, folders, or - for stdin")
    parser.add_argument(
        "-o", "--output", help="write here: a .json/.yaml/.yml file for one input, a folder for several"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("json", "jsonl"),
        default="json",
        help="standard output: json (default) or jsonl",
    )
    parser.add_argument("-j", "--jobs", type=int, default=1, help="parse in this many processes (default 1)")
    parser.add_argument("--year", type=int, help="the plan year, when the text does not say it")
    parser.add_argument("--issuer", help="the issuing body, when the text does not say it")
    parser.add_argument(
        "--encoding",
        help="the text's encoding (default: UTF-8, else GB18030; anything else is refused, not guessed)",
    )
    parser.add_argument(
        "--diagnostics", action="store_true", help="print what the parser noticed to standard error"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) when the text holds no numbered plan, instead of guessing one",
    )
    lang_argument(parser)
    parser.set_defaults(func=run)


@attrs.frozen(kw_only=True)
class _Job:
    item: PlanInput
    text: str | None  # standard input, read by the parent
    output: str | None  # a file to write, or None to return the text
    form: str  # json or jsonl, for text returned
    options: dict[str, Any]
    diagnostics: bool
    encoding: str | None = None
    lang: str = "zh"


@attrs.frozen(kw_only=True)
class _Result:
    name: str
    error: str | None = None
    text: str | None = None
    written: str | None = None
    notes: tuple[str, ...] = ()
    chars: int = 0
    no_plan: bool = False  # strict parsing found no plan: exit 1, not an input failure


def _parse_one(job: _Job) -> _Result:
    """Parse (or load) one input; never raises for a bad input (a process-pool worker)."""
    from .._errors import ParseError
    from .._views._labels import label
    from ..io import dump, dumps, plan_json
    from ..parse import Diagnostic, parse_with_diagnostics
    from ._common import prepare_output
    from ._inputs import load_input
    from ._output import describe

    item = job.item
    try:
        notes: tuple[str, ...] = ()
        if item.kind in ("file", "stdin") and (item.kind == "stdin" or item.path.suffix.lower() == ".txt"):
            text = job.text if job.text is not None else read_text(item, job.encoding)
            result = parse_with_diagnostics(text, **job.options)
            plan = result.plan
            if job.diagnostics:
                notes = (
                    *(d.format(text, job.lang) for d in result.diagnostics),
                    label("diagnostics_count", job.lang, count=len(result.diagnostics)),
                )
        else:
            plan = load_input(item)
        chars = len(plan.source or "")
        if job.output is not None:
            dump(plan, prepare_output(job.output))
            return _Result(name=item.name, written=job.output, notes=notes, chars=chars)
        body = plan_json(plan) if job.form == "jsonl" else dumps(plan)
        return _Result(name=item.name, text=body, notes=notes, chars=chars)
    except ParseError as error:
        notes = ()
        if job.diagnostics:
            notes = tuple(
                d.format(error.text, job.lang) for d in error.diagnostics if isinstance(d, Diagnostic)
            )
        return _Result(name=item.name, error=error.message, notes=notes, no_plan=True)
    except Exception as error:  # one bad input must not stop the batch
        return _Result(name=item.name, error=describe(error))


def _out_names(items: list[PlanInput], folder: Path) -> list[str]:
    """One ``NAME.json`` per input inside ``folder``; a repeated name gets ``-2``, ``-3``…"""
    used: set[str] = set()
    names = []
    for item in items:
        stem = "stdin" if item.kind == "stdin" else Path(item.name).stem
        candidate, n = f"{stem}.json", 1
        while candidate in used:
            n += 1
            candidate = f"{stem}-{n}.json"
        used.add(candidate)
        names.append(str(folder / candidate))
    return names


def run(args: argparse.Namespace) -> int:
    from .._errors import ArgumentError

    with console_logging(args):
        items = expand(args.file)
        many = len(items) > 1 or any(Path(word).is_dir() or word != items[0].name for word in args.file)
        outputs: list[str | None] = [None] * len(items)
        if args.output and args.output != "-":
            target = Path(args.output)
            if many or target.is_dir() or args.output.endswith(("/", "\\")):
                target.mkdir(parents=True, exist_ok=True)
                outputs = list(_out_names(items, target))
            else:
                outputs = [args.output]
        elif many and args.format == "json":
            raise ArgumentError("several inputs: give -o OUTDIR (one JSON file each) or -f jsonl")
        stdin_text = None
        if any(item.kind == "stdin" for item in items):
            stdin_text = read_text(PlanInput(name="-", kind="stdin"), args.encoding)
        options: dict[str, Any] = {
            key: value for key, value in (("year", args.year), ("issuer", args.issuer)) if value is not None
        }
        options["strict"] = args.strict
        jobs = [
            _Job(
                item=item,
                text=stdin_text if item.kind == "stdin" else None,
                output=output,
                form=args.format,
                options=options,
                diagnostics=args.diagnostics,
                encoding=args.encoding,
                lang=lang_of(args),
            )
            for item, output in zip(items, outputs)
        ]
        return _run_jobs(jobs, args, many)


def _run_jobs(jobs: list[_Job], args: argparse.Namespace, many: bool) -> int:
    progress = Progress(len(jobs), "parse", enabled=not quiet(args))
    failed = no_plan = 0
    executor = process_pool(args.jobs) if len(jobs) > 1 else None
    try:
        for result in ordered_map(_parse_one, jobs, executor, window=4 * max(args.jobs, 1)):
            progress.step(result.error is None)
            if result.error is not None:
                for note in result.notes:
                    print(f"{result.name}: {note}" if many else note, file=sys.stderr)
                no_plan += result.no_plan
                failed += not result.no_plan
                report_failure("parse", result.name, result.error)
                continue
            for note in result.notes:
                print(f"{result.name}: {note}" if many else note, file=sys.stderr)
            if result.text is not None:
                print(result.text)
            elif many and not quiet(args) and not progress.enabled:
                print(result.written, file=sys.stderr)
    finally:
        progress.close()
        if executor is not None:
            executor.shutdown()
    if failed and many:
        print(f"workplan parse: {failed} of {len(jobs)} inputs failed", file=sys.stderr)
    return 2 if failed else 1 if no_plan else 0
