"""PLAN arguments: files, globs, folders, ``-`` (standard input) and shipped dataset names.

`expand` turns the words of the command line into `PlanInput`s in a stable order; a word
that names nothing becomes an input that fails when loaded, so it is reported by name with
the others instead of stopping the batch. `load_input` and `read_text` run in worker
processes too, so everything here is picklable.
"""

from __future__ import annotations

import glob
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

import attrs

from .._errors import LoadError
from ..model import Plan

__all__ = ["FOLDER_SUFFIXES", "PlanInput", "expand", "load_input", "read_text"]

FOLDER_SUFFIXES: tuple[str, ...] = (".txt", ".json", ".yaml", ".yml", ".xlsx")
"""What a folder contributes; office formats join when this version can read them."""

_OFFICE_SUFFIXES = (".docx", ".html", ".htm", ".pdf")


def _folder_suffixes() -> tuple[str, ...]:
    """The plan suffixes a folder contributes: the core ones plus readable office formats."""
    from ..io import readable_suffixes

    readers = readable_suffixes()
    return FOLDER_SUFFIXES + tuple(suffix for suffix in _OFFICE_SUFFIXES if suffix in readers)


@attrs.frozen(kw_only=True)
class PlanInput:
    """One plan named on the command line."""

    name: str
    """How reports name it: the path as found, ``-`` for standard input, or the dataset name."""
    kind: Literal["file", "stdin", "dataset", "missing"]
    """Where it comes from; ``missing`` fails when loaded, with ``problem``."""
    problem: str = ""
    """Why a ``missing`` input cannot be read."""

    @property
    def path(self) -> Path:
        """The file (for ``file`` inputs)."""
        return Path(self.name)


def _is_glob(word: str) -> bool:
    return any(character in word for character in "*?[")


def expand(words: Iterable[str]) -> list[PlanInput]:
    """The inputs the words name, in order: a folder's plan files sorted, a glob's matches sorted.

    Each file appears once, where first named. ``-`` may appear once.
    """
    from .. import datasets

    found: list[PlanInput] = []
    seen: set[str] = set()

    def add(item: PlanInput) -> None:
        key = str(Path(item.name).resolve()) if item.kind == "file" else f"{item.kind}:{item.name}"
        if key not in seen:
            seen.add(key)
            found.append(item)

    suffixes: tuple[str, ...] | None = None
    for word in words:
        path = Path(word)
        if word == "-":
            add(PlanInput(name="-", kind="stdin"))
        elif path.is_dir():
            suffixes = suffixes or _folder_suffixes()
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
            if not files:
                add(
                    PlanInput(
                        name=word, kind="missing", problem=f"no plan files ({', '.join(suffixes)}) in folder"
                    )
                )
            for file in files:
                add(PlanInput(name=str(file), kind="file"))
        elif path.is_file():
            add(PlanInput(name=word, kind="file"))
        elif _is_glob(word):
            matches = sorted(match for match in glob.glob(word, recursive=True) if Path(match).is_file())
            if not matches:
                add(PlanInput(name=word, kind="missing", problem="the pattern matches no file"))
            for match in matches:
                add(PlanInput(name=match, kind="file"))
        elif word in datasets.names():
            add(PlanInput(name=word, kind="dataset"))
        else:
            known = ", ".join(datasets.names())
            add(PlanInput(name=word, kind="missing", problem=f"no such file or dataset (datasets: {known})"))
    return found


def read_text(item: PlanInput, encoding: str | None = None) -> str:
    """The text of a ``file`` or ``stdin`` input, decoded by `decode`."""
    if item.kind == "stdin":
        stream = getattr(sys.stdin, "buffer", None)  # a text stream without bytes (tests) is text already
        if stream is None:
            return sys.stdin.read()
        return decode(stream.read(), "<stdin>", encoding)
    if item.kind == "file":
        return decode(item.path.read_bytes(), item.name, encoding)
    raise LoadError("not a text input", file=item.name)


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


def load_input(item: PlanInput) -> Plan:
    """The plan an input names: a file by its suffix, a dataset, or standard input (JSON or text)."""
    from .. import datasets
    from ..io import load, loads

    if item.kind == "missing":
        raise LoadError(item.problem, file=item.name)
    if item.kind == "dataset":
        return datasets.load(item.name)
    if item.kind == "stdin":
        text = read_text(item)
        if text.lstrip().startswith("{"):
            return loads(text)
        from ..parse import parse_text

        return parse_text(text)
    return load(item.path)


def names(items: Iterable[PlanInput]) -> Iterator[str]:
    """The display names of ``items``."""
    return (item.name for item in items)
