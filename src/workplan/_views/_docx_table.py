"""Word tables for people: the helpers of the plan document, and a 新旧对照表 (revision table) builder.

The plan document (`workplan.io.docx_bytes`) sets the house style: Chinese fonts
through ``w:eastAsia`` with fallbacks, bold 黑体 headers repeated on every page,
rows kept whole, A4 landscape sections. This module re-exports those helpers and
adds what a side-by-side revision table needs: runs marked as inserted
(underlined) or deleted (struck through), and the three-column table
原文 / 修改后 / 修改说明.

```python
from workplan._views._docx_table import new_document, revision_table

old = [("新增学位", ""), ("2000", "deleted"), ("个", "")]
new = [("新增学位", ""), ("3000", "inserted"), ("个", "")]
document = new_document()
revision_table(document, [(old, new, "指标变化"), ([], [("新建公办幼儿园3所", "inserted")], "新增")])
assert len(document.tables) == 1
```

A cell given as an empty list stays empty (an added item has no 原文).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..io import (
    BODY_FONT,
    HEADING_FONT,
    add_table,
    landscape_section,
    set_run_font,
    xml_text,
)

__all__ = [
    "REVISION_HEADER",
    "Piece",
    "add_marked_runs",
    "add_table",
    "landscape_section",
    "new_document",
    "revision_table",
    "set_run_font",
]

Piece = tuple[str, str]
"""A piece of text and its mark: ``""`` (unchanged), ``"inserted"`` or ``"deleted"``."""

REVISION_HEADER = ("原文", "修改后", "修改说明")
"""The columns of a 新旧对照表."""

_REVISION_WIDTHS_MM = (118, 118, 36)  # 272 mm: A4 landscape less its margins


def new_document() -> Any:
    """An empty python-docx document in A4 landscape, 仿宋 body text (the ``office`` extra)."""
    from ..io import python_docx

    docx = python_docx()
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    from docx.enum.section import WD_ORIENT

    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(12.5)
    normal = document.styles["Normal"]
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    return document


def add_marked_runs(paragraph: Any, pieces: Sequence[Piece], size_pt: float = 10.5) -> None:
    """Append ``pieces`` to ``paragraph``: inserted text underlined, deleted text struck through."""
    for text, mark in pieces:
        if mark not in ("", "inserted", "deleted"):
            raise ValueError(f"unknown mark {mark!r}: use '', 'inserted' or 'deleted'")
        run = paragraph.add_run(xml_text(text))
        set_run_font(run, BODY_FONT, size_pt)
        if mark == "inserted":
            run.font.underline = True
        elif mark == "deleted":
            run.font.strike = True


def revision_table(
    document: Any,
    rows: Sequence[tuple[Sequence[Piece], Sequence[Piece], str]],
    *,
    header: Sequence[str] = REVISION_HEADER,
    widths_mm: Sequence[float] = _REVISION_WIDTHS_MM,
) -> Any:
    """A 新旧对照表: one row per (原文 pieces, 修改后 pieces, 修改说明); return the table."""
    table = add_table(document, header, [("", "", note) for _, _, note in rows], widths_mm)
    for row, (old, new, _) in zip(table.rows[1:], rows, strict=True):
        for cell, pieces in ((row.cells[0], old), (row.cells[1], new)):
            add_marked_runs(cell.paragraphs[0], pieces)
    for cell in table.rows[0].cells:  # the header keeps the house style
        for run in cell.paragraphs[0].runs:
            set_run_font(run, HEADING_FONT, 10.5, bold=True)
    return table
