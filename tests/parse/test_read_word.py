"""A Word file read as plan text: automatic list numbers written out, tables as task lines (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

import workplan as wp
from workplan.parse._sources import read_source

docx = pytest.importorskip("docx")


def test_list_numbers_per_level_and_a_task_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("长春市教育局2020年工作要点", 0)
    document.add_paragraph("一、推进冰雪运动")
    document.add_paragraph("深化百万学子上冰雪行动。", style="List Number")
    document.add_paragraph("子项甲。", style="List Number 2")
    document.add_paragraph("子项乙。", style="List Number 2")
    document.add_paragraph("加强校园安全。", style="List Number")
    document.add_paragraph("要点。", style="List Bullet")
    document.add_paragraph("   ")
    table = document.add_table(rows=2, cols=3)
    cells = [["序号", "重点任务", "牵头单位"], ["3", "完善教师培训体系", "市教育局"]]
    for row, texts in zip(table.rows, cells):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert read_source(path) == (
        "长春市教育局2020年工作要点\n"
        "一、推进冰雪运动\n"
        "1.深化百万学子上冰雪行动。\n"
        "1.子项甲。\n"
        "2.子项乙。\n"
        "2.加强校园安全。\n"
        "要点。\n"
        "3.完善教师培训体系\n"
        "牵头单位:市教育局\n"
    )
    plan = wp.parse_file(path)
    assert [task.number for task in plan.goals[0].tasks] == [1, 2, 3]


def test_a_line_break_inside_a_paragraph_starts_a_new_line(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、推进冰雪运动")
    paragraph = document.add_paragraph()
    paragraph.add_run("1.深化行动。").add_break()
    paragraph.add_run("新增特色校80所。")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    assert read_source(path) == "一、推进冰雪运动\n1.深化行动。\n新增特色校80所。\n"


def test_a_word_file_without_text_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(wp.FileFormatError) as raised:
        read_source(path)
    assert str(path) in str(raised.value)
