"""`table_lines`: a 任务分解表 read as tasks with label lines, any other table row by row (issue 12)."""

from __future__ import annotations

from workplan.parse._sources import table_lines


def test_a_task_breakdown_table_becomes_tasks_measures_and_label_lines() -> None:
    rows = [
        ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "备注"],
        ["一、推进冰雪运动"] * 7,  # merged across: a goal heading
        ["1", "深化冰雪行动", "新增特色校80所", "市体育局", "市公安局", "6月底前", "重点"],
        ["1", "深化冰雪行动", "举办冰雪节", "市体育局", "市文旅局", "12月底前", ""],
        ["(二)", "加强校园安全", "安保覆盖率100%", "市公安局", "", "全年", ""],
        ["", "", "", "", "", "", ""],
    ]
    assert table_lines(rows) == [
        "一、推进冰雪运动",
        "1.深化冰雪行动",
        "新增特色校80所(备注:重点)",
        "举办冰雪节",
        "牵头单位:市体育局",
        "责任单位:市公安局、市文旅局",
        "完成时限:6月底前、12月底前",
        "2.加强校园安全",
        "安保覆盖率100%(序号:(二))",
        "牵头单位:市公安局",
        "完成时限:全年",
    ]


def test_a_goal_column_numbers_its_goals_unless_they_are_numbered() -> None:
    rows = [
        ["目标", "序号", "重点任务", "具体措施", "牵头单位"],
        ["健全体系", "1", "1.任务一", "措施甲", "甲局"],
        ["健全体系", "2", "任务二", "", "乙局"],
        ["2.优化结构", "3", "任务三", "措施丙", " 丙局 "],
    ]
    assert table_lines(rows) == [
        "一、健全体系",
        "1.任务一",
        "措施甲",
        "牵头单位:甲局",
        "2.任务二",
        "牵头单位:乙局",
        "2.优化结构",
        "3.任务三",
        "措施丙",
        "牵头单位:丙局",
    ]


def test_measures_alone_are_numbered_in_turn_and_a_lone_responsible_unit_leads() -> None:
    rows = [
        ["目标任务", "工作措施", "责任单位"],
        ["推进学校建设", "新建学校2所", "市教育局"],
        ["推进学校建设", "改扩建学校5所", "市发改委"],
    ]
    assert table_lines(rows) == [
        "1.新建学校2所(目标任务:推进学校建设)",
        "牵头单位:市教育局",
        "2.改扩建学校5所(目标任务:推进学校建设)",
        "牵头单位:市发改委",
    ]


def test_another_table_is_read_row_by_row_without_repeats() -> None:
    assert table_lines([["甲", "甲", "乙"], ["丙\n丁", "", "戊"]]) == ["甲 乙", "丙 丁 戊"]
    assert table_lines([["", " "]]) == []
    # one known column is not a task breakdown
    assert table_lines([["重点任务", "说明"], ["任务", "甲"]]) == ["重点任务 说明", "任务 甲"]


def test_headers_are_read_without_their_spaces_and_need_no_owner_column() -> None:
    assert table_lines([["序 号", "重点 任务"], ["1", "任务甲"], ["2", "任务乙"]]) == ["1.任务甲", "2.任务乙"]


def test_a_responsible_unit_beside_a_lead_stays_a_support() -> None:
    rows = [["序号", "重点任务", "牵头单位", "责任单位"], ["1", "任务甲", "甲局", "乙局"]]
    assert table_lines(rows) == ["1.任务甲", "牵头单位:甲局", "责任单位:乙局"]


PASTED = (
    "某区教育局2024年重点工作任务分解表\n"
    "序号\t重点任务\t具体措施\t牵头单位\t责任单位\t完成时限\n"
    "1\t推进学前教育普及普惠\t新建公办幼儿园3所\t基础教育科\t计划财务科\t2024年12月\n"
    "\t\t完善普惠性幼儿园扶持政策\t\t\t\n"  # the merged task cell is empty below its first row
    "2\t加强教师队伍建设\t实施强师工程\t人事科\t教师进修学校\t6月底前\n"
)


def test_a_breakdown_table_pasted_with_tabs_is_read_as_the_table() -> None:
    import workplan as wp
    from workplan.parse._sources import tab_tables

    assert tab_tables(PASTED).splitlines()[1:4] == [
        "1.推进学前教育普及普惠",
        "新建公办幼儿园3所",
        "完善普惠性幼儿园扶持政策",
    ]
    plan = wp.parse_text(PASTED)
    tasks = [task for _, task in plan.nodes("task")]
    assert [task.title for task in tasks] == ["推进学前教育普及普惠", "加强教师队伍建设"]
    assert [len(task.measures) for task in tasks] == [2, 1]
    assert [plan.owner(ref.owner).name for ref in tasks[0].owners] == ["基础教育科", "计划财务科"]
    assert [task.deadline.text if task.deadline else None for task in tasks] == ["2024年12月", "6月底前"]


def test_tabs_outside_a_breakdown_table_are_left_alone() -> None:
    from workplan.parse._sources import tab_tables

    text = "一、目标\n1.任务。\t开展工作。\n名称\t数量\n学校\t3\n"
    assert tab_tables(text) == text
