"""``workplan parse FILE``: plan text in, JSON or YAML out, diagnostics on request."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("parse", help="parse a plan's text (工作要点) into JSON or YAML")
    parser.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("-o", "--output", help="write here (.json, .yaml or .yml) instead of printing JSON")
    parser.add_argument("--year", type=int, help="the plan year, when the text does not say it")
    parser.add_argument("--issuer", help="the issuing body, when the text does not say it")
    parser.add_argument(
        "--diagnostics", action="store_true", help="print what the parser noticed to standard error"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) when the text holds no numbered plan, instead of guessing one",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .._errors import LoadError, ParseError
    from ..io import dump, dumps
    from ..parse import Diagnostic, parse_with_diagnostics

    if args.file == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.file)
        if not path.is_file():
            raise LoadError(f"no such file: {args.file!r}", "$")
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
    try:
        result = parse_with_diagnostics(text, year=args.year, issuer=args.issuer, strict=args.strict)
    except ParseError as error:
        if args.diagnostics:
            for diagnostic in error.diagnostics:
                if isinstance(diagnostic, Diagnostic):
                    print(diagnostic.format(text), file=sys.stderr)
        print(f"workplan parse: {error.message}", file=sys.stderr)
        return 1
    if args.diagnostics:
        for diagnostic in result.diagnostics:
            print(diagnostic.format(text), file=sys.stderr)
        print(f"{len(result.diagnostics)} diagnostics", file=sys.stderr)
    if args.output and args.output != "-":
        dump(result.plan, args.output)
    else:
        print(dumps(result.plan))
    return 0
