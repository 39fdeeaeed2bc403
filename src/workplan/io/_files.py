"""Plan files, chosen by suffix: .json, .yaml, .txt (parsed), .xlsx, and .graphml/.gexf (write only)."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._errors import LoadError, WriteError
from ..model import Plan
from ._atomic import write_atomic
from ._json import dump_bytes, dumps_yaml, loads, loads_yaml

__all__ = ["dump", "load"]

# suffix -> "module:function"; imported only when a file of that kind is used.
_READERS: dict[str, str] = {
    ".json": "workplan.io._files:_read_json",
    ".yaml": "workplan.io._files:_read_yaml",
    ".yml": "workplan.io._files:_read_yaml",
    ".txt": "workplan.parse:parse_file",
    ".xlsx": "workplan.io._excel:read_excel",
    ".docx": "workplan.parse:parse_file",
    ".doc": "workplan.parse:parse_file",  # refused with the conversion command
    ".html": "workplan.parse:parse_file",
    ".htm": "workplan.parse:parse_file",
    ".pdf": "workplan.parse:parse_file",
}
_WRITERS: dict[str, str] = {
    ".json": "workplan.io._files:_write_json",
    ".yaml": "workplan.io._files:_write_yaml",
    ".yml": "workplan.io._files:_write_yaml",
    ".xlsx": "workplan.io._excel:write_excel",
    ".docx": "workplan.io._docx:write_docx",
    ".graphml": "workplan.io._graphfiles:write_graphml",
    ".gexf": "workplan.io._graphfiles:write_gexf",
}


def _resolve(table: dict[str, str], path: Path, verb: str) -> Callable[..., Any] | None:
    spec = table.get(path.suffix.lower())
    if spec is None:
        return None
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def _unknown_suffix(table: dict[str, str], path: Path, verb: str) -> str:
    kind = path.suffix or "suffix-less"
    return f"cannot {verb} a {kind} file: unknown suffix; use one of {', '.join(sorted(table))}"


def load(path: str | os.PathLike[str]) -> Plan:
    """Read a plan from a file, by its suffix: .json, .yaml, .yml, .txt or .xlsx.

    Every failure is a `LoadError` that names the file: a missing or unreadable
    file, an unknown suffix, or content that is not a plan (with its JSON path).
    """
    file = Path(path)
    reader = _resolve(_READERS, file, "read")
    if reader is None:
        raise LoadError(_unknown_suffix(_READERS, file, "read"), file=str(file))
    try:
        return reader(file)  # type: ignore[no-any-return]
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
    writer = _resolve(_WRITERS, file, "write")
    if writer is None:
        raise WriteError(_unknown_suffix(_WRITERS, file, "write"), file=str(file))
    writer(plan, file)


def _read_json(path: Path) -> Plan:
    return loads(path.read_bytes())


def _read_yaml(path: Path) -> Plan:
    return loads_yaml(path.read_bytes())


def _write_json(plan: Plan, path: Path) -> None:
    write_atomic(path, dump_bytes(plan))


def _write_yaml(plan: Plan, path: Path) -> None:
    write_atomic(path, dumps_yaml(plan))
