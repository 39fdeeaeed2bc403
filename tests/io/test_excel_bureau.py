"""Reading the bureau's own tables: header aliases, merged cells, no 编号, targets and deadlines from
the text by the parser's extractors, other columns kept and written back."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import workplan as wp
from workplan.io._excel import read_excel, write_excel

sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
from bureau_tables import TABLES


@pytest.fixture(params=sorted(TABLES))
def table(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / f"{request.param}.xlsx"
    TABLES[request.param](path)
    return request.param, path


def _owners(plan: wp.Plan, refs: tuple[wp.OwnerRef, ...]) -> list[tuple[str, str]]:
    names = {owner.id: owner.name for owner in plan.owners}
    return [(names[ref.owner], ref.role.value) for ref in refs]


def test_merged_table(tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    TABLES["merged"](path)
    plan = read_excel(path)
    assert plan.title == "朝阳区教育局2021年工作要点任务分解表"
    assert plan.year == 2021
    assert [goal.title for goal in plan.goals] == [""]  # a table without goal rows: one goal
    first, second = plan.goals[0].tasks
    assert (first.number, first.title, len(first.measures)) == (1, "扩大学前教育资源", 2)
    assert (second.number, second.title, len(second.measures)) == (2, "推进义务教育优质均衡", 3)
    # 牵头单位 merged down over both measures holds for each of them; 配合单位 is support
    one, two = first.measures
    assert _owners(plan, one.owners) == [("计财科", "lead"), ("基建办", "support"), ("各街道", "support")]
    assert _owners(plan, two.owners) == [("计财科", "lead"), ("民办教育科", "support")]
    # targets and deadlines from the text, by the parser
    assert [(t.value, t.unit) for t in one.targets] == [(Decimal(5), "所"), (Decimal(2000), "个")]
    assert one.deadline == wp.Deadline(text="2021年8月底前", end=dt.date(2021, 8, 31))
    assert two.deadline is not None and two.deadline.end == dt.date(2021, 12, 31)
    assert second.measures[1].deadline is not None and second.measures[1].deadline.recurrence is not None
    # unknown columns kept: 责任领导 merged down, 备注 where filled
    assert one.extra == (("责任领导", "王副局长"),)
    assert two.extra == (("责任领导", "王副局长"), ("备注", "需区财政支持"))
    assert "g1/t1/m1" in plan.query().measures().due_before(dt.date(2021, 8, 31)).paths()  # queries find it


def test_sections_table(tmp_path: Path) -> None:
    path = tmp_path / "sections.xlsx"
    TABLES["sections"](path)
    plan = read_excel(path)
    assert [(goal.number, goal.title) for goal in plan.goals] == [
        (1, "全面加强党的建设"),
        (2, "推动教育高质量发展"),
    ]
    task = plan.goals[0].tasks[0]
    assert task.title == "加强基层党组织建设"
    assert _owners(plan, task.owners) == [("组织人事处", "lead")]  # 责任处室 is the lead here
    assert task.deadline == wp.Deadline(text="全年")
    done = task.measures[0]
    assert _owners(plan, done.owners) == [("组织人事处", "lead"), ("机关党委", "support")]
    assert done.deadline is not None and done.deadline.end == dt.date(2022, 6, 30)
    assert done.extra == (("进展情况", "已完成"),)
    assert [(t.value, t.unit) for t in task.measures[1].targets] == [(Decimal(300), "人次")]
    later = plan.goals[1].tasks[0]
    assert later.number == 2
    assert later.measures[0].deadline is not None and later.measures[0].deadline.end == dt.date(2022, 9, 30)


def test_flat_table(tmp_path: Path) -> None:
    path = tmp_path / "flat.xlsx"
    TABLES["flat"](path)
    plan = read_excel(path)
    assert plan.title == "某县教育局2023年重点工作责任清单"
    tasks = plan.goals[0].tasks
    assert [(t.number, t.title, len(t.measures)) for t in tasks] == [
        (1, "教师队伍建设", 2),
        (2, "校园安全", 1),
    ]
    assert _owners(plan, tasks[0].measures[0].owners) == [("人事股", "lead"), ("各学校", "support")]
    assert tasks[0].measures[1].extra == (("备注", "与进修学校合办"),)
    assert tasks[0].measures[0].deadline == wp.Deadline(text="2023年7月底前", end=dt.date(2023, 7, 31))
    assert [(t.value, t.unit) for t in tasks[1].measures[0].targets] == [(Decimal(4), "次")]


def test_bureau_tables_round_trip_with_their_extra_columns(table: tuple[str, Path], tmp_path: Path) -> None:
    name, path = table
    plan = read_excel(path)
    again_path = tmp_path / f"{name}-again.xlsx"
    write_excel(plan, again_path)
    header = [cell.value for cell in openpyxl.load_workbook(again_path)["任务分解表"][2]]
    for extra in {key for _, node in plan.nodes("measure") for key, _ in node.extra}:
        assert extra in header
    assert read_excel(again_path) == plan


def test_a_row_that_cannot_be_read_names_its_place(tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    TABLES["merged"](path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.append([None, None, None, "教育局"])  # an owner with no task, measure or target
    book.save(path)
    with pytest.raises(wp.ExcelError, match="无法判断") as caught:
        read_excel(path)
    assert (caught.value.sheet, caught.value.row) == ("分解表", 8)
