"""Helpers shared by subcommands, and the options several of them take (``--lang``, ``--encoding``)."""

from __future__ import annotations

import argparse
import codecs
import os
from pathlib import Path

from .._errors import LoadError
from ..model import Plan

__all__ = [
    "CSV_ENCODING",
    "LANG_ENV",
    "encoding_argument",
    "encoding_of",
    "lang_argument",
    "lang_of",
    "load_plan",
    "prepare_output",
    "write_output",
]

LANG_ENV = "WORKPLAN_LANG"
"""The environment variable that sets ``--lang`` when the option is not given."""

CSV_ENCODING = "utf-8-sig"
"""The encoding of CSV files the command line writes: UTF-8 with a BOM, which Excel in China reads."""

_LANGUAGES = ("zh", "en")  # the catalogue's (workplan._views._labels.LANGUAGES), not imported here: startup


def lang_argument(parser: argparse.ArgumentParser) -> None:
    """``--lang zh|en``: the language of the labels a person reads (default zh, or ``$WORKPLAN_LANG``)."""
    parser.add_argument(
        "--lang",
        choices=_LANGUAGES,
        default=None,
        help=f"the language of the labels and messages: zh (default) or en; or set {LANG_ENV}",
    )


def lang_of(args: argparse.Namespace) -> str:
    """The ``--lang`` given, else ``$WORKPLAN_LANG``, else ``zh``; an `ArgumentError` for a bad variable."""
    from .._errors import ArgumentError

    given = getattr(args, "lang", None)
    if given:
        return str(given)
    value = os.environ.get(LANG_ENV, "").strip()
    if not value:
        return "zh"
    if value not in _LANGUAGES:
        raise ArgumentError(f"{LANG_ENV}={value!r}: use one of {', '.join(_LANGUAGES)}")
    return value


def _encoding(text: str) -> str:
    try:
        return codecs.lookup(text).name if text else text
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding: {text!r}") from None


def encoding_argument(parser: argparse.ArgumentParser) -> None:
    """``--encoding``: how CSV files are written (default ``utf-8-sig``, UTF-8 with a BOM)."""
    parser.add_argument(
        "--encoding",
        type=_encoding,
        default=None,
        metavar="CODEC",
        help=f"the encoding of CSV written to a file (default {CSV_ENCODING}: UTF-8 with a BOM, "
        "which Excel opens; utf-8 for no BOM, gbk or gb18030 for old software); "
        "other files are UTF-8 unless this is given",
    )


def encoding_of(args: argparse.Namespace, *, csv: bool) -> str:
    """The ``--encoding`` given, else ``utf-8-sig`` for CSV and ``utf-8`` for everything else."""
    given = getattr(args, "encoding", None)
    if given:
        return str(given)
    return CSV_ENCODING if csv else "utf-8"


def load_plan(value: str) -> Plan:
    """A plan from a file path or, when no such file exists, a shipped dataset name."""
    from .. import datasets
    from ..io import load

    path = Path(value)
    if path.exists():
        return load(path)
    if value in datasets.names():
        return datasets.load(value)
    raise LoadError(f"no such file or dataset: {value!r} (datasets: {', '.join(datasets.names())})")


def prepare_output(output: str | Path) -> Path:
    """``output`` as a path, with its folder created when missing: the same for every format."""
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_output(text: str, output: str | None, *, encoding: str = "utf-8") -> None:
    """Print ``text``, or write it atomically to ``output`` (in ``encoding``) when given."""
    if output is None or output == "-":
        print(text, end="" if text.endswith("\n") else "\n")
        return
    from .._errors import WriteError
    from ..io import write_atomic

    try:
        payload = text.encode(encoding)
    except UnicodeEncodeError as error:
        if encoding.startswith("utf"):  # a lone surrogate: the command's own one-line error
            raise
        raise WriteError(
            f"cannot write as {encoding}: {text[error.start : error.end]!r} has no {encoding} code; "
            "use --encoding utf-8-sig",
            file=output,
        ) from None
    write_atomic(prepare_output(output), payload)
