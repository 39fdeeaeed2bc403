"""Plan files, chosen by suffix: .json, .yaml, .txt (parsed), .xlsx, and .graphml/.gexf (write only).

The suffix tables map to small functions; each imports its format's module when a file of
that kind is used, so an optional extra is needed only for its own format.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .._errors import LoadError, WriteError
from ..model import Plan
from ._atomic import write_atomic
from ._json import dump_bytes, dumps_yaml, loads, loads_yaml

__all__ = ["dump", "load", "readable_suffixes"]

Reader = Callable[[Path], Plan]
Writer = Callable[[Plan, Path], None]


def _read_json(path: Path) -> Plan:
    return loads(path.read_bytes())


def _read_yaml(path: Path) -> Plan:
    return loads_yaml(path.read_bytes())


def _read_xlsx(path: Path) -> Plan:
    from ._excel import read_excel

    return read_excel(path)


def _parse_file(path: Path) -> Plan:
    from ..parse import parse_file

    return parse_file(path)


def _write_json(plan: Plan, path: Path) -> None:
    write_atomic(path, dump_bytes(plan))


def _write_yaml(plan: Plan, path: Path) -> None:
    write_atomic(path, dumps_yaml(plan))


def _write_xlsx(plan: Plan, path: Path) -> None:
    from ._excel import write_excel

    write_excel(plan, path)


def _write_docx(plan: Plan, path: Path) -> None:
    from ._docx import write_docx

    write_docx(plan, path)


def _write_graphml(plan: Plan, path: Path) -> None:
    from ._graphfiles import write_graphml

    write_graphml(plan, path)


def _write_gexf(plan: Plan, path: Path) -> None:
    from ._graphfiles import write_gexf

    write_gexf(plan, path)


_READERS: dict[str, Reader] = {
    ".json": _read_json,
    ".yaml": _read_yaml,
    ".yml": _read_yaml,
    ".txt": _parse_file,
    ".xlsx": _read_xlsx,
    ".docx": _parse_file,
    ".doc": _parse_file,  # refused with the conversion command
    ".html": _parse_file,
    ".htm": _parse_file,
    ".pdf": _parse_file,
}
_WRITERS: dict[str, Writer] = {
    ".json": _write_json,
    ".yaml": _write_yaml,
    ".yml": _write_yaml,
    ".xlsx": _write_xlsx,
    ".docx": _write_docx,
    ".graphml": _write_graphml,
    ".gexf": _write_gexf,
}


def readable_suffixes() -> tuple[str, ...]:
    """The suffixes `load` reads, sorted."""
    return tuple(sorted(_READERS))


def _unknown_suffix(suffixes: list[str], path: Path, verb: str) -> str:
    kind = path.suffix or "suffix-less"
    return f"cannot {verb} a {kind} file: unknown suffix; use one of {', '.join(sorted(suffixes))}"


def load(path: str | os.PathLike[str]) -> Plan:
    """Read a plan from a file, by its suffix: .json, .yaml, .yml, .txt or .xlsx.

    Every failure is a `LoadError` that names the file: a missing or unreadable
    file, an unknown suffix, or content that is not a plan (with its JSON path).
    """
    file = Path(path)
    reader = _READERS.get(file.suffix.lower())
    if reader is None:
        raise LoadError(_unknown_suffix(list(_READERS), file, "read"), file=str(file))
    try:
        return reader(file)
    except LoadError as error:
        if error.file is not None:
            raise
        raise LoadError(error.message, error.where, file=str(file)) from None
    except IsADirectoryError:
        raise LoadError("is a folder, not a plan file", file=str(file)) from None
    except OSError as error:
        raise LoadError(f"cannot read: {error.strerror or error}", file=str(file)) from None


def dump(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write a plan to a file, by its suffix: .json, .yaml, .yml, .xlsx, .graphml or .gexf.

    GraphML and GEXF hold the plan's graph (`Plan.graph`), for Gephi and other
    graph tools; they cannot be loaded back as a plan. The write is atomic: on
    any failure the file is left as it was.
    """
    file = Path(path)
    writer = _WRITERS.get(file.suffix.lower())
    if writer is None:
        raise WriteError(_unknown_suffix(list(_WRITERS), file, "write"), file=str(file))
    writer(plan, file)
