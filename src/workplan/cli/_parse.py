"""``workplan parse FILE``: plan text in, JSON or YAML out, diagnostics on request."""

from __future__ import annotations

import argparse
import re
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
        "--encoding",
        help="the text's encoding (default: UTF-8, else GB18030; anything else is refused, not guessed)",
    )
    parser.add_argument(
        "--diagnostics", action="store_true", help="print what the parser noticed to standard error"
    )
    parser.set_defaults(func=run)


_MOJIBAKE = re.compile("[\x00\ue000-\uf8ff]")


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Plan text from bytes: UTF-8 (BOM allowed), else GB18030, as the library reads files.

    Anything else is refused with a `LoadError` rather than decoded into mojibake;
    ``encoding`` names another encoding (UTF-16, Big5) and is then used strictly.
    """
    from .._errors import LoadError

    if encoding is not None:
        try:
            return data.decode(encoding)
        except LookupError:
            raise LoadError(f"unknown encoding {encoding!r}", file=name) from None
        except UnicodeDecodeError as error:
            raise LoadError(f"not {encoding} text: {error.reason} at byte {error.start}", file=name) from None
    hint = "give --encoding if it is another encoding"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as error:
            raise LoadError(
                f"neither UTF-8 nor GB18030 text ({error.reason} at byte {error.start}); {hint}", file=name
            ) from None
        # Big5 and UTF-16 bytes often decode as GB18030 too, into private-use characters or NULs.
        odd = _MOJIBAKE.search(text)
        if odd is not None:
            raise LoadError(
                f"decodes as GB18030 only into U+{ord(odd.group()):04X} at character {odd.start()}, "
                f"so it is probably another encoding (Big5, UTF-16); {hint}",
                file=name,
            ) from None
    if "\x00" in text:
        raise LoadError(f"holds NUL characters: binary data or UTF-16; {hint}", file=name)
    return text


def run(args: argparse.Namespace) -> int:
    from .._errors import LoadError
    from ..io import dump, dumps
    from ..parse import parse_with_diagnostics

    if args.file == "-":
        stream = getattr(sys.stdin, "buffer", None)  # a text stream without bytes (tests) is text already
        text = sys.stdin.read() if stream is None else decode(stream.read(), "<stdin>", args.encoding)
    else:
        path = Path(args.file)
        if not path.is_file():
            raise LoadError("no such file", file=args.file)
        text = decode(path.read_bytes(), args.file, args.encoding)
    result = parse_with_diagnostics(text, year=args.year, issuer=args.issuer)
    if args.diagnostics:
        for diagnostic in result.diagnostics:
            print(diagnostic.format(text), file=sys.stderr)
        print(f"{len(result.diagnostics)} diagnostics", file=sys.stderr)
    if args.output and args.output != "-":
        from ._common import prepare_output

        dump(result.plan, prepare_output(args.output))
    else:
        print(dumps(result.plan))
    return 0
