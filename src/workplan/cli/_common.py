"""Helpers shared by subcommands."""

from __future__ import annotations

from pathlib import Path

from .._errors import LoadError
from ..model import Plan

__all__ = ["load_plan", "prepare_output", "write_output"]


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


def write_output(text: str, output: str | None) -> None:
    """Print ``text``, or write it atomically to ``output`` when given."""
    if output is None or output == "-":
        print(text, end="" if text.endswith("\n") else "\n")
        return
    from ..io import write_atomic

    write_atomic(prepare_output(output), text)
