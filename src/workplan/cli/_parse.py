"""``workplan parse FILE``: plan text in, JSON or YAML out, diagnostics on request."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("parse", help="parse a plan's text (工作要点) into JSON or YAML")
    parser.add_argument(
        "file", metavar="FILE", help="a UTF-8 text file (or .docx, .html, .pdf), or - for standard input"
    )
    parser.add_argument("-o", "--output", help="write here (.json, .yaml or .yml) instead of printing JSON")
    parser.add_argument("--year", type=int, help="the plan year, when the text does not say it")
    parser.add_argument("--issuer", help="the issuing body, when the text does not say it")
    parser.add_argument(
        "--diagnostics", action="store_true", help="print what the parser noticed to standard error"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .._errors import LoadError
    from ..io import dump, dumps
    from ..parse import parse_with_diagnostics

    if args.file == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.file)
        if not path.is_file():
            raise LoadError(f"no such file: {args.file!r}", "$")
        if path.suffix.lower() in (".docx", ".doc", ".html", ".htm", ".pdf"):
            from ..parse._sources import read_source

            text = read_source(path)  # Word, web page, PDF: the text the parser reads
        else:
            data = path.read_bytes()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("gb18030", errors="replace")
    result = parse_with_diagnostics(text, year=args.year, issuer=args.issuer)
    if args.diagnostics:
        for diagnostic in result.diagnostics:
            print(diagnostic.format(text), file=sys.stderr)
        print(f"{len(result.diagnostics)} diagnostics", file=sys.stderr)
    if args.output and args.output != "-":
        dump(result.plan, args.output)
    else:
        print(dumps(result.plan))
    return 0
