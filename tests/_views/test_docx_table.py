"""The 新旧对照表 helpers: marked runs read back from the saved document."""

from __future__ import annotations

from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from workplan._views._docx_table import REVISION_HEADER, add_marked_runs, new_document, revision_table  # noqa: E402


def test_revision_table_marks_edits(tmp_path: Path) -> None:
    document = new_document()
    revision_table(
        document,
        [
            (
                [("新增学位", ""), ("2000", "deleted"), ("个", "")],
                [("新增学位", ""), ("3000", "inserted"), ("个", "")],
                "指标变化",
            ),
            ([], [("新建公办幼儿园3所", "inserted")], "新增"),
        ],
    )
    path = tmp_path / "对照表.docx"
    document.save(str(path))
    table = docx.Document(str(path)).tables[0]
    assert tuple(cell.text for cell in table.rows[0].cells) == REVISION_HEADER
    assert [cell.text for cell in table.rows[1].cells] == ["新增学位2000个", "新增学位3000个", "指标变化"]
    old_runs = [run for run in table.rows[1].cells[0].paragraphs[0].runs if run.text]
    new_runs = [run for run in table.rows[1].cells[1].paragraphs[0].runs if run.text]
    assert [run.font.strike for run in old_runs] == [None, True, None]
    assert [run.font.underline for run in new_runs] == [None, True, None]
    assert table.rows[2].cells[0].text == ""
    section = docx.Document(str(path)).sections[0]
    assert section.page_width > section.page_height


def test_unknown_mark_is_refused() -> None:
    document = new_document()
    with pytest.raises(ValueError, match="unknown mark"):
        add_marked_runs(document.add_paragraph(), [("x", "bold")])
