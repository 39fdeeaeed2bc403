"""The Excel task-breakdown table: round trip, readability, edits read back, bad workbooks."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import workplan as wp
from workplan.io._excel import MAIN_SHEET, TABLE_COLUMNS, chinese_numeral, strip_spans
from workplan.testing import plans

openpyxl = pytest.importorskip("openpyxl")

COLUMN = {name: index for index, name in enumerate(TABLE_COLUMNS, 1)}


@pytest.fixture(scope="module")
def plan() -> wp.Plan:
    return wp.datasets.load("changchun-edu-2020")


@pytest.fixture
def written(tmp_path: Path, plan: wp.Plan) -> Path:
    path = tmp_path / "plan.xlsx"
    wp.dump(plan, path)
    return path


def rows_by_id(sheet: object) -> dict[str, int]:
    """Path id -> row number in the main sheet."""
    found = {}
    for row in range(3, sheet.max_row + 1):  # type: ignore[attr-defined]
        value = sheet.cell(row, COLUMN["编号"]).value  # type: ignore[attr-defined]
        if value:
            found[value] = row
    return found


# -- round trip -----------------------------------------------------------------


def test_round_trip_dataset(written: Path, plan: wp.Plan) -> None:
    assert wp.load(written) == strip_spans(plan)


def test_round_trip_keeps_joint_issuers(tmp_path: Path, plan: wp.Plan) -> None:
    joint = attrs.evolve(plan, issuer="吉林省教育厅", issuers=("吉林省教育厅", "中共吉林省高校工作委员会"))
    path = tmp_path / "joint.xlsx"
    wp.dump(joint, path)
    assert wp.load(path) == strip_spans(joint)


def test_round_trip_keeps_source_and_registries(written: Path, plan: wp.Plan) -> None:
    loaded = wp.load(written)
    assert loaded.source == plan.source
    assert loaded.owners == plan.owners
    assert loaded.documents == plan.documents


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=plans())
def test_round_trip_any_plan(tmp_path: Path, generated: wp.Plan) -> None:
    path = tmp_path / "any.xlsx"
    wp.dump(generated, path)
    assert wp.load(path) == strip_spans(generated)


def test_round_trip_synthetic(tmp_path: Path) -> None:
    from workplan.testing import synthetic_plan

    generated = synthetic_plan(400)
    path = tmp_path / "synthetic.xlsx"
    wp.dump(generated, path)
    assert wp.load(path) == generated


@pytest.mark.parametrize(
    ("number", "numeral"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (23, "二十三")]
)
def test_chinese_numerals(number: int, numeral: str) -> None:
    assert chinese_numeral(number) == numeral


# -- readability ------------------------------------------------------------------


def test_sheet_is_readable(written: Path, plan: wp.Plan) -> None:
    book = openpyxl.load_workbook(written)
    assert book.sheetnames[0] == MAIN_SHEET
    sheet = book[MAIN_SHEET]
    assert [cell.value for cell in sheet[2]] == list(TABLE_COLUMNS)
    header = sheet.cell(2, 1)
    assert header.font.bold
    assert header.fill.fgColor.rgb.endswith("D9D9D9")
    assert header.font.b and header.font.name == "宋体"
    assert sheet.freeze_panes == "C3"
    assert sheet.column_dimensions["C"].width >= 40
    ids = rows_by_id(sheet)
    measure_row = ids["g1/t1/m1"]
    assert sheet.cell(measure_row, COLUMN["具体措施"]).alignment.wrap_text
    goal_row = ids["g1"]
    assert any(str(merged).startswith(f"B{goal_row}:") for merged in sheet.merged_cells.ranges)
    assert sheet.cell(goal_row, COLUMN["序号"]).value == "一"
    assert sheet.row_dimensions[ids["g1/t1"]].outline_level == 1
    assert sheet.row_dimensions[measure_row].outline_level == 2
    assert book["_workplan"].sheet_state == "hidden"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "decimal"
    assert str(validation.sqref).startswith("E3:")
    assert [cell.value for cell in book["单位"][1]] == ["编号", "名称", "别名"]


def test_sheet_prints(written: Path, plan: wp.Plan) -> None:
    """A4 landscape, one page wide, header on every page, page footer, filter, fitted row heights."""
    book = openpyxl.load_workbook(written)
    sheet = book[MAIN_SHEET]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$2:$2"
    assert "第 &P 页 共 &N 页" in str(sheet.oddFooter.center.text)
    assert sheet.auto_filter.ref.startswith("A2:")
    assert sheet.cell(2, len(TABLE_COLUMNS)).value == "编号"  # the machine id goes last
    assert sheet.cell(3, len(TABLE_COLUMNS)).font.color.rgb.endswith("808080")
    assert sheet.cell(4, 2).font.name == "宋体"
    ids = rows_by_id(sheet)
    long_row = max(ids.values(), key=lambda row: len(str(sheet.cell(row, COLUMN["具体措施"]).value or "")))
    short_row = ids.get("g1/t1/m1/q1", 3)
    assert sheet.row_dimensions[long_row].height > sheet.row_dimensions[short_row].height


def test_a3_english_and_note_columns(tmp_path: Path, plan: wp.Plan) -> None:
    from workplan.io._excel import NOTE_COLUMNS, read_excel, write_excel

    path = tmp_path / "plan.xlsx"
    write_excel(plan, path, lang="en", paper="A3", note_columns=True)
    book = openpyxl.load_workbook(path)
    sheet = book["Tasks"]
    assert sheet.page_setup.paperSize == 8
    header = [cell.value for cell in sheet[2]]
    assert header[:3] == ["No.", "Task", "Measure"]
    assert header[-3:] == [*NOTE_COLUMNS, "ID"]
    assert read_excel(path) == strip_spans(plan)
    # a clerk fills in 进展情况; the column and its text survive the round trip
    sheet.cell(4, len(header) - 2).value = "已完成"
    sheet.cell(5, len(header) - 1).value = "见附件"
    book.save(path)
    again = read_excel(path)
    filled = [node.extra for kind in ("task", "measure") for _, node in again.nodes(kind)]
    assert (("进展情况", "已完成"),) in filled and (("备注", "见附件"),) in filled
    write_excel(again, tmp_path / "again.xlsx")
    assert read_excel(tmp_path / "again.xlsx") == again


# -- edits ------------------------------------------------------------------------


def edit(path: Path, change: object) -> wp.Plan:
    book = openpyxl.load_workbook(path)
    change(book[MAIN_SHEET])  # type: ignore[operator]
    book.save(path)
    return wp.load(path)


def test_changed_owner_is_read_back(written: Path, plan: wp.Plan) -> None:
    def change(sheet: object) -> None:
        row = rows_by_id(sheet)["g1/t1/m1"]
        sheet.cell(row, COLUMN["牵头单位"]).value = "长春市教育局、市财政局"  # type: ignore[attr-defined]
        sheet.cell(row, COLUMN["责任单位"]).value = "中国教育科学研究院(合作)"  # type: ignore[attr-defined]

    loaded = edit(written, change)
    measure = loaded.get("g1/t1/m1")
    assert isinstance(measure, wp.Measure)
    roles = [(loaded.owner(ref.owner).name, ref.role) for ref in measure.owners]
    assert roles == [
        ("长春市教育局", wp.OwnerRole.LEAD),
        ("市财政局", wp.OwnerRole.LEAD),
        ("中国教育科学研究院", wp.OwnerRole.PARTNER),
    ]
    assert loaded.owner("市财政局") not in plan.owners  # a new name joins the registry
    assert len(loaded.owners) == len(plan.owners) + 1


def test_new_row_is_read_back(written: Path, plan: wp.Plan) -> None:
    def change(sheet: object) -> None:
        row = rows_by_id(sheet)["g1/t1/m2"] + 1
        sheet.insert_rows(row, 2)  # type: ignore[attr-defined]
        sheet.cell(row, COLUMN["具体措施"]).value = "新增一条措施。"  # type: ignore[attr-defined]
        sheet.cell(row, COLUMN["完成时限"]).value = "年底前"  # type: ignore[attr-defined]
        sheet.cell(row + 1, COLUMN["量化目标"]).value = "示范校"  # type: ignore[attr-defined]
        sheet.cell(row + 1, COLUMN["目标值"]).value = 12  # type: ignore[attr-defined]
        sheet.cell(row + 1, COLUMN["单位"]).value = "所"  # type: ignore[attr-defined]

    loaded = edit(written, change)
    task = loaded.get("g1/t1")
    assert isinstance(task, wp.Task)
    assert len(task.measures) == len(plan.goals[0].tasks[0].measures) + 1
    added = task.measures[2]
    assert added.text == "新增一条措施。"
    # an edited 完成时限 keeps a date, read by the parser's own extractor
    assert added.deadline == wp.Deadline(text="年底前", end=dt.date(plan.year or 2020, 12, 31))
    assert added.targets == (wp.Target(metric="示范校", value=Decimal(12), unit="所"),)
    assert task.measures[:2] + task.measures[3:] == strip_spans(plan).goals[0].tasks[0].measures


def test_changed_target_value_is_read_back(written: Path, plan: wp.Plan) -> None:
    target_id, target = next(plan.nodes("target"))

    def change(sheet: object) -> None:
        sheet.cell(rows_by_id(sheet)[target_id], COLUMN["目标值"]).value = 12.5  # type: ignore[attr-defined]

    loaded = edit(written, change)
    changed = loaded.get(target_id)
    assert isinstance(changed, wp.Target)
    assert changed.value == Decimal("12.5")
    assert (changed.metric, changed.unit, changed.kind, changed.qualifier) == (
        target.metric,
        target.unit,
        target.kind,
        target.qualifier,
    )
    assert changed.text == ""  # the old wording no longer matches


def test_deleted_row_is_gone(written: Path, plan: wp.Plan) -> None:
    def change(sheet: object) -> None:
        sheet.delete_rows(rows_by_id(sheet)["g1/t1/m1"])  # type: ignore[attr-defined]

    loaded = edit(written, change)
    before = strip_spans(plan).goals[0].tasks[0].measures
    task = loaded.get("g1/t1")
    assert isinstance(task, wp.Task)
    assert task.measures == before[1:]
    rest = strip_spans(plan).goals[0].tasks[1:]
    assert loaded.goals[0].tasks[1:] == rest


def test_hand_made_table_without_hidden_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(list(TABLE_COLUMNS))
    sheet.append(["一", "提高教育质量"])
    sheet.append([1, "推进冰雪运动", None, None, None, None, "市教育局", "市体育局", "年底前"])
    sheet.append([None, None, "新增冰雪特色校80所。"])
    sheet.append([None, None, None, "冰雪特色校", "80", "所"])
    path = tmp_path / "hand.xlsx"
    book.save(path)
    loaded = wp.load(path)
    assert loaded.counts() == {
        "goal": 1,
        "task": 1,
        "measure": 1,
        "target": 1,
        "owner": 2,
        "document": 0,
    }
    assert loaded.goals[0].tasks[0].measures[0].targets[0].value == Decimal(80)
    assert [o.name for o in loaded.owners] == ["市教育局", "市体育局"]


# -- bad workbooks -----------------------------------------------------------------


def test_missing_column(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    book[MAIN_SHEET].cell(2, COLUMN["牵头单位"]).value = "其他"
    book.save(written)
    with pytest.raises(wp.ExcelError) as caught:
        wp.load(written)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == (MAIN_SHEET, 2, "牵头单位")


def test_unknown_path(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    sheet = book[MAIN_SHEET]
    row = rows_by_id(sheet)["g1/t1/m1"]
    sheet.cell(row, COLUMN["编号"]).value = "g1/t1/m99"
    book.save(written)
    with pytest.raises(wp.ExcelError, match="未知编号") as caught:
        wp.load(written)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == (MAIN_SHEET, row, "编号")


def test_malformed_path(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    sheet = book[MAIN_SHEET]
    row = rows_by_id(sheet)["g1/t1"]
    sheet.cell(row, COLUMN["编号"]).value = "task one"
    book.save(written)
    with pytest.raises(wp.ExcelError, match=r"编号 .* 无效") as caught:
        wp.load(written)
    assert (caught.value.row, caught.value.column) == (row, "编号")


def test_non_number_value(written: Path, plan: wp.Plan) -> None:
    target_id, _ = next(plan.nodes("target"))
    book = openpyxl.load_workbook(written)
    sheet = book[MAIN_SHEET]
    row = rows_by_id(sheet)[target_id]
    sheet.cell(row, COLUMN["目标值"]).value = "八十"
    book.save(written)
    with pytest.raises(wp.ExcelError, match="目标值应为数字") as caught:
        wp.load(written)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == (MAIN_SHEET, row, "目标值")
    assert f"row {row}" in str(caught.value)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(wp.ExcelError, match="文件为空"):
        wp.load(path)


def test_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(wp.ExcelError, match="没有表头") as caught:
        wp.load(path)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("Sheet", 1, "重点任务")


def test_not_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("序号,重点任务\n1,x\n", encoding="utf-8")
    with pytest.raises(wp.ExcelError, match=r"不是 \.xlsx 工作簿"):
        wp.load(path)


def test_failed_write_leaves_the_old_file(written: Path, plan: wp.Plan) -> None:
    import attrs

    before = written.read_bytes()
    broken = attrs.evolve(plan, goals=(attrs.evolve(plan.goals[0], title="bad\x01title"),))
    with pytest.raises(wp.ExcelError, match="无法写入"):
        wp.dump(broken, written)
    assert written.read_bytes() == before
    assert sorted(p.name for p in written.parent.iterdir()) == ["plan.xlsx"]


def test_missing_openpyxl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, plan: wp.Plan) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(wp.MissingExtraError, match=r"workplan\[excel\]"):
        wp.dump(plan, tmp_path / "plan.xlsx")
    with pytest.raises(wp.MissingExtraError):
        wp.load(tmp_path / "plan.xlsx")


def test_round_trip_of_a_plan_with_repeated_numbers(tmp_path: Path) -> None:
    """An inconsistent plan (check() reports it) still round-trips, hidden fields included."""
    target = wp.Target(metric="示范校", value=Decimal("2.50"), unit="所", kind=wp.TargetKind.INCREASE)
    task = wp.Task(number=1, title="t", key="k1", measures=(wp.Measure(text="m", targets=(target,)),))
    other = wp.Task(number=1, title="u", key="k2", measures=(wp.Measure(text="n", targets=(target,)),))
    plan = wp.Plan(
        title="repeats",
        goals=(
            wp.Goal(number=1, title="a", tasks=(task, other)),
            wp.Goal(number=1, title="b", tasks=(task,)),
        ),
    )
    path = tmp_path / "repeats.xlsx"
    wp.dump(plan, path)
    assert wp.load(path) == plan


def test_copied_row_is_a_new_item(written: Path, plan: wp.Plan) -> None:
    target_id, target = next(plan.nodes("target"))

    def change(sheet: object) -> None:
        row = rows_by_id(sheet)[target_id]
        sheet.insert_rows(row + 1)  # type: ignore[attr-defined]
        for column in range(1, len(TABLE_COLUMNS) + 1):
            sheet.cell(row + 1, column).value = sheet.cell(row, column).value  # type: ignore[attr-defined]

    loaded = edit(written, change)
    measure = loaded.get(target_id.rpartition("/")[0])
    assert isinstance(measure, wp.Measure)
    copies = [t for t in measure.targets if t.metric == target.metric and t.value == target.value]
    assert len(copies) >= 2
    assert copies[-1] == wp.Target(metric=target.metric, value=target.value, unit=target.unit)


def _ids(plan: wp.Plan) -> list[str]:
    return [node_id for node_id, node in plan.walk() if not isinstance(node, wp.Owner | wp.Document)]


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=plans(), data=st.data())
def test_deleting_a_measure_row(tmp_path: Path, generated: wp.Plan, data: st.DataObject) -> None:
    import attrs

    measures = [node_id for node_id, _ in generated.nodes("measure")]
    assume(measures)
    gone = data.draw(st.sampled_from(measures))
    goal_number, task_number, index = (int(part[1:]) for part in gone.split("/"))
    path = tmp_path / "delete.xlsx"
    wp.dump(generated, path)
    book = openpyxl.load_workbook(path)
    sheet = book[MAIN_SHEET]
    rows = [
        row for node_id, row in rows_by_id(sheet).items() if node_id == gone or node_id.startswith(gone + "/")
    ]
    sheet.delete_rows(min(rows), len(rows))
    book.save(path)

    # The same deletion in the model: later measures move up, dependencies follow them.
    goals = []
    for goal in generated.goals:
        tasks = []
        for task in goal.tasks:
            if (goal.number, task.number) == (goal_number, task_number):
                task = attrs.evolve(task, measures=task.measures[: index - 1] + task.measures[index:])
            tasks.append(task)
        goals.append(attrs.evolve(goal, tasks=tuple(tasks)))
    expected = attrs.evolve(generated, goals=tuple(goals))
    removed = {gone, *(f"{gone}/q{q}" for q in range(1, 10))}
    moved = dict(zip([i for i in _ids(generated) if i not in removed], _ids(expected), strict=True))
    expected = attrs.evolve(
        expected,
        dependencies=tuple(
            attrs.evolve(d, source=moved[d.source], target=moved[d.target])
            for d in generated.dependencies
            if d.source not in removed and d.target not in removed
        ),
    )
    assert wp.load(path) == strip_spans(expected)


def test_value_typed_as_a_percentage(written: Path, plan: wp.Plan) -> None:
    """Excel stores 95% as 0.95 with a percent format; the table means 95."""
    target_id, _ = next(plan.nodes("target"))

    def change(sheet: object) -> None:
        cell = sheet.cell(rows_by_id(sheet)[target_id], COLUMN["目标值"])  # type: ignore[attr-defined]
        cell.value = 0.95
        cell.number_format = "0%"

    changed = edit(written, change).get(target_id)
    assert isinstance(changed, wp.Target)
    assert changed.value == Decimal(95)
    assert str(changed.value) == "95"
