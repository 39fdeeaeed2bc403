"""Plans in from Word, web pages and PDF, made here the way a bureau makes them, then parsed."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import workplan as wp
from workplan.parse._sources import read_source, table_lines

docx = pytest.importorskip("docx")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(document: Any) -> str:
    """Add a two-level list to the document (一、 then 1.) and return its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(f"{{{W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _numbered(document: Any, text: str, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


@pytest.fixture(scope="module")
def word_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document = docx.Document()
    document.add_paragraph("某市教育局2024年工作要点")
    document.add_paragraph("2024年全市教育工作的总体思路是:坚持立德树人,办好人民满意的教育。")
    num_id = _numbering(document)
    _numbered(document, "加强党的建设,落实全面从严治党", num_id, 0)
    _numbered(document, "深化党建品牌建设", num_id, 1)
    document.add_paragraph("新增党建示范校10所。全面推进基层党组织标准化建设。")
    _numbered(document, "强化师德师风建设", num_id, 1)
    document.add_paragraph("师德培训覆盖率达到100%。")
    _numbered(document, "推进教育优质均衡发展", num_id, 0)
    _numbered(document, "扩大学前教育资源", num_id, 1)
    document.add_paragraph("新建改扩建公办幼儿园15所,新增学位4500个。")
    document.add_paragraph("三、完善教育保障体系")  # typed numbering stays as typed
    table = document.add_table(rows=4, cols=6)
    header = ("序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限")
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        cell.text = name
    rows = (
        ("4", "加强经费保障", "确保一般公共预算教育支出逐年只增不减。", "财务科", "各学校", "2024年12月底前"),
        ("4", "加强经费保障", "新增生均公用经费200元。", "财务科", "各学校", "2024年12月底前"),
        ("5", "改善办学条件", "完成30所学校校舍维修改造。", "基建科", "", "2024年9月底前"),
    )
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    # 序号 and 重点任务 of task 4 merged over its two measures, as bureaus lay them out
    for column in (0, 1):
        top, below = table.cell(1, column), table.cell(2, column)
        below.text = ""
        top.merge(below)
        top.text = rows[0][column]
    path = tmp_path_factory.mktemp("word") / "要点.docx"
    document.save(str(path))
    return path


def test_word_numbering_is_written_out(word_file: Path) -> None:
    text = read_source(word_file)
    lines = text.splitlines()
    assert "一、加强党的建设,落实全面从严治党" in lines
    assert "1.深化党建品牌建设" in lines
    assert "2.强化师德师风建设" in lines
    assert "二、推进教育优质均衡发展" in lines
    assert "1.扩大学前教育资源" in lines  # the second level restarts under a new first-level item
    assert "三、完善教育保障体系" in lines


def test_word_plan_parses(word_file: Path) -> None:
    plan = wp.load(word_file)
    assert plan.title == "某市教育局2024年工作要点"
    assert [goal.title for goal in plan.goals][:2] == ["加强党的建设,落实全面从严治党", "推进教育优质均衡发展"]
    assert len(plan.goals) == 3
    tasks = {task.title: task for goal in plan.goals for task in goal.tasks}
    assert set(tasks) >= {"深化党建品牌建设", "强化师德师风建设", "扩大学前教育资源", "加强经费保障", "改善办学条件"}
    funding = tasks["加强经费保障"]
    assert len(funding.measures) == 2  # the merged task cell keeps both measures on one task
    assert funding.deadline is not None and funding.deadline.text == "2024年12月底前"
    values = {(t.metric, t.value) for _, t in plan.nodes("target")}
    assert ("党建示范校", Decimal(10)) in values
    assert any(value == Decimal(4500) for _, value in values)
    # provenance: spans point into the extracted text, which the plan keeps
    assert plan.source == read_source(word_file)
    for _, target in plan.nodes("target"):
        assert target.span is not None
        assert target.text == plan.source[target.span.start : target.span.end]


def test_table_lines_keep_unknown_tables_row_by_row() -> None:
    assert table_lines([["年份", "经费"], ["2023", "100"]]) == ["年份 经费", "2023 100"]
    lines = table_lines(
        [
            ["序号", "重点任务", "具体措施", "责任处室", "时间节点", "备注"],
            ["1", "办好学前教育", "新增学位2000个", "基教处", "6月底前", "续建"],
        ]
    )
    assert lines == ["1.办好学前教育", "新增学位2000个", "续建", "牵头单位:基教处", "完成时限:6月底前"]


def test_legacy_doc_names_the_conversion(tmp_path: Path) -> None:
    path = tmp_path / "要点.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    with pytest.raises(wp.FileFormatError, match="soffice --headless --convert-to docx") as caught:
        wp.load(path)
    assert str(path) in str(caught.value)


def test_broken_word_file_is_a_workplan_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(wp.FileFormatError, match="broken.docx"):
        wp.load(path)
