"""Hostile and pathological workbooks: every reproducer of the hardening issue, kept as a regression test.

Formula injection, zip bombs and over-limit sheets, tampered hidden records,
wrong cell types, characters an .xlsx cannot hold, lossy round trips, and
temporary files left behind.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workplan as wp
from workplan.io._excel import MAIN_SHEET, TABLE_COLUMNS, read_excel, strip_spans, write_excel
from workplan.model import Document, Owner
from workplan.testing import plans

COLUMN = {name: index for index, name in enumerate(TABLE_COLUMNS, 1)}


def _rows_by_id(sheet: Any) -> dict[str, int]:
    return {
        str(row[COLUMN["编号"] - 1].value): number
        for number, row in enumerate(sheet.iter_rows(), 1)
        if row[COLUMN["编号"] - 1].value
    }


# -- formula injection ------------------------------------------------------------


def test_formula_text_is_written_as_text(tmp_path: Path) -> None:
    plan = wp.parse_text("一、目标\n1.任务。\n牵头单位:=1+2\n")
    path = tmp_path / "x.xlsx"
    wp.dump(plan, path)
    assert wp.load(path) == strip_spans(plan)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name  # no formula anywhere


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "=HYPERLINK(", " =", "'="])
def test_any_formula_start_round_trips_exactly(tmp_path: Path, start: str) -> None:
    text = f"{start}SUM(A1:A9)"
    plan = wp.parse_text("一、目标\n1.任务。\n做事。\n")
    owner = Owner(id="o1", name=text, aliases=(f"{start}别名",))
    task = attrs.evolve(plan.goals[0].tasks[0], title=text)
    plan = attrs.evolve(
        plan,
        title=text,
        preamble=text,
        owners=(owner,),
        documents=(Document(id="d1", title=text, issuer=text),),
        goals=(attrs.evolve(plan.goals[0], title=text, tasks=(task,)),),
    )
    path = tmp_path / "x.xlsx"
    write_excel(plan, path)
    assert read_excel(path) == strip_spans(plan)


_BROAD = st.lists(
    st.text(
        # lone surrogates and control characters are refused by the writer (see below)
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("=+-@\t\r\n 、,"),
        max_size=4,
    )
    | st.sampled_from(["(合作)", "_x000D_", "一、", "=1+2", "年底前"]),
    max_size=3,
).map("".join)


def _broaden(plan: wp.Plan, draw: Any) -> wp.Plan:
    """Every human text of ``plan`` with broad-alphabet text around it (ids and references kept)."""

    def text(value: str) -> str:
        return str(draw(_BROAD)) + value + str(draw(_BROAD))

    owners = tuple(
        attrs.evolve(o, name=text(o.name), aliases=tuple(text(a) for a in o.aliases)) for o in plan.owners
    )
    documents = tuple(
        attrs.evolve(d, title=text(d.title), issuer=None if d.issuer is None else text(d.issuer))
        for d in plan.documents
    )
    goals = tuple(
        attrs.evolve(
            goal,
            title=text(goal.title),
            tasks=tuple(
                attrs.evolve(
                    task,
                    title=text(task.title),
                    measures=tuple(
                        attrs.evolve(
                            measure,
                            text=text(measure.text),
                            targets=tuple(
                                attrs.evolve(t, metric=text(t.metric), unit=text(t.unit), text=text(t.text))
                                for t in measure.targets
                            ),
                        )
                        for measure in task.measures
                    ),
                )
                for task in goal.tasks
            ),
        )
        for goal in plan.goals
    )
    return attrs.evolve(
        plan,
        title=text(plan.title),
        preamble=text(plan.preamble),
        owners=owners,
        documents=documents,
        goals=goals,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=plans(), data=st.data())
def test_broad_alphabet_plans_round_trip_exactly(tmp_path: Path, generated: wp.Plan, data: Any) -> None:
    plan = _broaden(generated, data.draw)
    path = tmp_path / "any.xlsx"
    write_excel(plan, path)
    assert read_excel(path) == strip_spans(plan)


# -- limits --------------------------------------------------------------------------


def _bomb(path: Path, rows: int) -> None:
    """A small workbook whose one sheet holds ``rows`` identical rows (it compresses ~1000:1)."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{office}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{office}.worksheet+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"><sheets><sheet name="任务分解表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
            )
            block = row * 10_000
            for _ in range(rows // 10_000):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


def test_three_million_rows_fail_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It used to take 80 s and 460 MB; now the count on the zip stream stops it before openpyxl opens
    the workbook (which would parse a sheet without <dimension> in full just to size it)."""
    path = tmp_path / "bomb.xlsx"
    _bomb(path, 3_000_000)
    assert path.stat().st_size < 1_000_000  # small on disk

    def never(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("openpyxl was asked to open the bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(wp.ExcelError, match="max_rows") as caught:
        read_excel(path)
    assert caught.value.sheet == MAIN_SHEET


def test_limits_are_overridable(tmp_path: Path) -> None:
    path = tmp_path / "small.xlsx"
    _bomb(path, 20_000)
    with pytest.raises(wp.ExcelError, match="max_rows") as caught:
        read_excel(path, max_rows=10_000)
    assert caught.value.sheet == MAIN_SHEET
    with pytest.raises(wp.ExcelError, match="max_cells") as caught:
        read_excel(path, max_cells=5_000)
    assert caught.value.sheet == MAIN_SHEET
    with pytest.raises(wp.ExcelError, match="max_uncompressed_bytes") as caught:
        read_excel(path, max_uncompressed_bytes=100_000)
    assert caught.value.sheet == MAIN_SHEET
    with pytest.raises(wp.ExcelError, match="max_uncompressed_bytes") as caught:
        read_excel(path, max_uncompressed_bytes=500)  # before the workbook is even opened


# -- tampering and wrong types ------------------------------------------------------------


@pytest.fixture
def written(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    plan = wp.datasets.load("changchun-edu-2020")
    write_excel(plan, path)
    return path


@pytest.mark.parametrize(
    "record",
    [
        "1",
        "null",
        '["g1"]',
        "[1, {}]",
        '["plan", []]',
        '["plan", {"year": "x"}]',
        '["g1/t1", {"owners": 3}]',
        "{",
    ],
)
def test_tampered_hidden_sheet(written: Path, record: str) -> None:
    book = openpyxl.load_workbook(written)
    hidden = book["_workplan"]
    cell = hidden.cell(2, 2)
    cell.value = record + "\n" + str(cell.value)
    book.save(written)
    caught: wp.ExcelError | None = None
    try:
        plan = read_excel(written)
    except wp.ExcelError as error:
        caught = error
    if caught is not None:
        assert caught.sheet == "_workplan"
    else:  # a damaged record that still parses: the visible cells alone
        assert plan.goals


def test_true_in_task_number(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    sheet = book[MAIN_SHEET]
    row = _rows_by_id(sheet)["g1/t1"]
    sheet.cell(row, COLUMN["序号"]).value = True
    book.save(written)
    with pytest.raises(wp.ExcelError) as caught:
        read_excel(written)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == (MAIN_SHEET, row, "序号")


def test_true_in_a_new_task_row(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    sheet = book[MAIN_SHEET]
    row = sheet.max_row + 1
    sheet.cell(row, COLUMN["序号"]).value = True
    sheet.cell(row, COLUMN["重点任务"]).value = "新任务"
    book.save(written)
    with pytest.raises(wp.ExcelError) as caught:
        read_excel(written)
    assert (caught.value.row, caught.value.column) == (row, "序号")


def test_true_year_is_not_year_one(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    facts = book["计划"]
    row = next(r for r in range(1, facts.max_row + 1) if facts.cell(r, 1).value == "年度")
    facts.cell(row, 2).value = True
    book.save(written)
    with pytest.raises(wp.ExcelError, match="年度") as caught:
        read_excel(written)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("计划", row, "内容")


def test_true_target_value(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    sheet = book[MAIN_SHEET]
    row = next(number for key, number in _rows_by_id(sheet).items() if "/q" in key)
    sheet.cell(row, COLUMN["目标值"]).value = True
    book.save(written)
    with pytest.raises(wp.ExcelError) as caught:
        read_excel(written)
    assert (caught.value.row, caught.value.column) == (row, "目标值")


# -- characters an .xlsx cannot hold -------------------------------------------------------


@pytest.mark.parametrize("bad", ["\udc80", "\x00", "\x1b", "x\ud800"])
def test_unwritable_characters_are_refused_cleanly(tmp_path: Path, bad: str) -> None:
    plan = wp.parse_text(f"一、目标\n1.任务。\n做事{bad}好。\n")
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(wp.ExcelError, match="不能保存的字符") as caught:
        write_excel(plan, path)
    assert (caught.value.sheet, caught.value.column) == (MAIN_SHEET, "具体措施")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.xlsx"]  # no temporary files left


# -- lossy round trips ---------------------------------------------------------------------


def test_padding_separators_empty_issuer_and_long_numbers_survive(tmp_path: Path) -> None:
    plan = wp.parse_text("一、目标\n1.任务。\n新增学校80所。\n")
    owner = Owner(id="o1", name="  市教育局 ", aliases=(" 教育局", "市教委、市教育局"))
    target = attrs.evolve(
        plan.goals[0].tasks[0].measures[0].targets[0], value=Decimal("12345678901234567.891")
    )
    measure = attrs.evolve(
        plan.goals[0].tasks[0].measures[0],
        targets=(target, attrs.evolve(target, value=Decimal("0.1000000000000000055511151231257827"))),
    )
    task = attrs.evolve(plan.goals[0].tasks[0], measures=(measure,))
    plan = attrs.evolve(
        plan,
        issuer="",
        doc_number="",
        owners=(owner,),
        documents=(Document(id="d1", title=" 《意见》 ", issuer=""),),
        goals=(attrs.evolve(plan.goals[0], tasks=(task,)),),
    )
    path = tmp_path / "x.xlsx"
    write_excel(plan, path)
    again = read_excel(path)
    assert again == strip_spans(plan)
    assert again.owners[0].aliases == (" 教育局", "市教委、市教育局")
    assert again.documents[0].issuer == ""
    assert again.issuer == ""
    values = [t.value for t in again.goals[0].tasks[0].measures[0].targets]
    assert values == [Decimal("12345678901234567.891"), Decimal("0.1000000000000000055511151231257827")]


# -- temporary files -----------------------------------------------------------------------


def test_no_temporary_file_outside_the_target_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "tmp"
    elsewhere.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(elsewhere))
    target = tmp_path / "out"
    target.mkdir()
    seen: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def spy(*args: Any, **kwargs: Any) -> Any:
        made = real_mkstemp(*args, **kwargs)
        seen.append(made[1])
        return made

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    write_excel(wp.datasets.load("changchun-edu-2020"), target / "plan.xlsx")
    assert not list(elsewhere.iterdir())  # nothing in the system temp folder (openpyxl's default)
    assert seen and all(Path(name).parent == target for name in seen)
    assert sorted(p.name for p in target.iterdir()) == ["plan.xlsx"]


def test_failed_write_removes_its_scratch_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workplan.io._excel import _write

    def boom(self: Any) -> None:
        raise RuntimeError("killed half way")

    monkeypatch.setattr(_write._Writer, "hidden", boom)
    with pytest.raises(RuntimeError):
        write_excel(wp.datasets.load("changchun-edu-2020"), tmp_path / "plan.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_dates_and_edits_still_read(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    sheet = book[MAIN_SHEET]
    row = _rows_by_id(sheet)["g1/t1/m1"]
    sheet.cell(row, COLUMN["完成时限"]).value = dt.datetime(2020, 9, 30)
    book.save(written)
    measure = read_excel(written).get("g1/t1/m1")
    assert isinstance(measure, wp.Measure)
    assert measure.deadline == wp.Deadline(text="2020-09-30", end=dt.date(2020, 9, 30))
    assert os.path.exists(written)
