"""Reading and writing plans: JSON and YAML text, files by suffix, the JSON Schema.

Also the face of the other formats, for the rest of workplan (the command line, the views):
Excel, Word, GraphML/GEXF/CSV and the SQLite store. Each of these is a small function that
imports its module when called, so ``import workplan.io`` stays light.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._atomic import atomic_path as atomic_path
from ._atomic import write_atomic as write_atomic
from ._converter import SCHEMA_VERSION as SCHEMA_VERSION
from ._converter import structure_plan as structure_plan
from ._converter import unstructure_plan as unstructure_plan
from ._files import dump as dump
from ._files import load as load
from ._files import readable_suffixes as readable_suffixes
from ._fonts import BODY_FONT as BODY_FONT
from ._fonts import HEADING_FONT as HEADING_FONT
from ._json import dumps as dumps
from ._json import dumps_yaml as dumps_yaml
from ._json import loads as loads
from ._json import loads_yaml as loads_yaml
from ._schema import json_schema as json_schema

if TYPE_CHECKING:
    from ..checks import Report
    from ..model import Plan
    from ._sqlite import ChangeRows, PreparedPlan, SqliteStore

__all__ = [
    "BODY_FONT",
    "HEADING_FONT",
    "SCHEMA_VERSION",
    "add_table",
    "atomic_path",
    "diff_rows",
    "docx_bytes",
    "dump",
    "dumps",
    "dumps_yaml",
    "json_schema",
    "landscape_section",
    "load",
    "loads",
    "loads_yaml",
    "open_store",
    "plan_json",
    "prepare",
    "python_docx",
    "read_excel",
    "readable_suffixes",
    "set_run_font",
    "structure_plan",
    "unstructure_plan",
    "write_atomic",
    "write_csv",
    "write_docx",
    "write_excel",
    "write_gexf",
    "write_graphml",
    "xml_text",
]


# -- Excel ------------------------------------------------------------------------


def read_excel(path: str | os.PathLike[str], *, lang: Literal["zh", "en"] = "zh") -> Plan:
    """Read a plan from an .xlsx workbook (the ``excel`` extra); see `workplan.io.load`."""
    from ._excel import read_excel

    return read_excel(path, lang=lang)


def write_excel(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    lang: Literal["zh", "en"] = "zh",
    paper: Literal["A4", "A3"] = "A4",
    note_columns: bool = False,
) -> None:
    """Write a plan as an .xlsx workbook (the ``excel`` extra), atomically."""
    from ._excel import write_excel

    write_excel(plan, path, lang=lang, paper=paper, note_columns=note_columns)


# -- Word -------------------------------------------------------------------------


def docx_bytes(plan: Plan, *, report: Report | None = None, lang: str = "zh") -> bytes:
    """A plan as a Word document in the house style of printed notices (the ``office`` extra).

    ``lang="en"`` writes the labels around the plan's text in English.
    """
    from ._docx import docx_bytes

    return docx_bytes(plan, report=report, lang=lang)


def write_docx(
    plan: Plan, path: str | os.PathLike[str], *, report: Report | None = None, lang: str = "zh"
) -> None:
    """Write `docx_bytes` to ``path``, atomically."""
    from ._docx import write_docx

    write_docx(plan, path, report=report, lang=lang)


def python_docx() -> Any:
    """The ``docx`` module (python-docx), or `MissingExtraError` naming the ``office`` extra."""
    from ._docx import _docx

    return _docx()


def xml_text(text: str) -> str:
    """``text`` with characters XML cannot hold (control characters) shown as U+FFFD, not dropped."""
    from ._docx import xml_text

    return xml_text(text)


def set_run_font(run: Any, font: str, size_pt: float | None = None, *, bold: bool | None = None) -> None:
    """Give ``run`` a Chinese font (``w:eastAsia``) with Times New Roman for Latin text."""
    from ._docx import set_run_font

    set_run_font(run, font, size_pt, bold=bold)


def landscape_section(document: Any) -> Any:
    """Start a new section on a new page, A4 landscape with 12.5 mm margins; return it."""
    from ._docx import landscape_section

    return landscape_section(document)


def add_table(
    document: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[str | Sequence[str]]],
    widths_mm: Sequence[float],
    *,
    size_pt: float = 10.5,
    caption: str | None = None,
) -> Any:
    """A bordered table: a bold 黑体 header repeated on each page, 仿宋 cells, rows kept whole."""
    from ._docx import add_table

    return add_table(document, header, rows, widths_mm, size_pt=size_pt, caption=caption)


# -- graph files ------------------------------------------------------------------


def write_graphml(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write the plan's graph as GraphML, atomically (the ``graph`` extra)."""
    from ._graphfiles import write_graphml

    write_graphml(plan, path)


def write_gexf(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write the plan's graph as GEXF, atomically (the ``graph`` extra)."""
    from ._graphfiles import write_gexf

    write_gexf(plan, path)


def write_csv(plan: Plan, path: str | os.PathLike[str], *, encoding: str = "utf-8-sig") -> tuple[Path, Path]:
    """Write the plan's graph as two CSV files, nodes and edges (UTF-8 with a BOM by default)."""
    from ._graphfiles import write_csv

    return write_csv(plan, path, encoding=encoding)


# -- the SQLite store -------------------------------------------------------------


def prepare(plan: Plan, source: str | None = None) -> PreparedPlan:
    """The rows that store ``plan``; picklable, so a process pool can build them."""
    from ._sqlite import prepare

    return prepare(plan, source)


def plan_json(plan: Plan) -> str:
    """The plan as compact JSON, the text whose SHA-256 is its content hash."""
    from ._sqlite import plan_json

    return plan_json(plan)


def diff_rows(old_json: str, new_json: str) -> ChangeRows:
    """Change and match rows between two stored plans (a top-level function, for process pools)."""
    from ._sqlite import diff_rows

    return diff_rows(old_json, new_json)


def open_store(path: str | os.PathLike[str]) -> AbstractContextManager[SqliteStore]:
    """Open (or create) a SQLite store at ``path`` for one transaction; commit on success."""
    from ._sqlite import open_store

    return open_store(path)
