"""The patterns of issue 11, one assertion each, on the golden texts in tests/parse/golden/."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import workplan as wp
from workplan.model import DocumentRelation, OwnerRole, Plan, Recurrence
from workplan.parse import ParseResult, parse_with_diagnostics

GOLDEN = Path(__file__).parent / "golden"


def _result(name: str) -> ParseResult:
    return parse_with_diagnostics((GOLDEN / f"{name}.txt").read_text("utf-8"))


def _owners(plan: Plan) -> list[tuple[str, str, OwnerRole]]:
    return [
        (plan.owner(ref.owner).name, ref.text, ref.role)
        for _, measure in plan.nodes("measure")
        for ref in measure.owners
    ]


def _relations(plan: Plan) -> dict[str, DocumentRelation]:
    return {
        plan.document(ref.document).title: ref.relation
        for _, measure in plan.nodes("measure")
        for ref in measure.documents
    }


def test_news_wrapper_is_stripped_and_items_are_tasks() -> None:
    result = _result("news_wrapped")
    plan = result.plan
    assert (plan.title, plan.issuer, plan.year) == ("教育部2022年工作要点", "教育部", 2022)
    assert plan.preamble.startswith("2022年是")
    assert [t.title for t in plan.goals[0].tasks] == ["加强党的全面领导", "推进教育改革", "扩大优质资源"]
    assert {d.code for d in result.diagnostics} >= {"P306"}
    assert [(t.metric, t.value, t.unit) for _, t in plan.nodes("target")] == [
        ("普惠性学位", Decimal(100), "万个")
    ]
    assert "WP002" in {f.code for f in wp.check(plan)}


def test_prose_without_headings_keeps_paragraphs_and_targets() -> None:
    result = _result("prose")
    plan = result.plan
    assert (plan.title, plan.issuer, plan.year) == ("某县教育局2023年工作计划", "某县教育局", 2023)
    assert plan.preamble.startswith("2023年全县教育工作的总体思路是")
    assert len(plan.goals) == 1 and len(plan.goals[0].tasks) == 2
    assert [(t.metric, t.value) for _, t in plan.nodes("target")] == [
        ("公办幼儿园", Decimal(3)),
        ("学前三年毛入园率", Decimal(92)),
        ("薄弱学校改造", Decimal(10)),
    ]
    with pytest.raises(wp.ParseError) as raised:
        wp.parse_text((GOLDEN / "prose.txt").read_text("utf-8"), strict=True)
    assert any(d.code == "P306" for d in raised.value.diagnostics)


def test_joint_issuers_chinese_date_and_split_notice_title() -> None:
    plan = _result("joint_issuers").plan
    assert plan.title == "吉林省教育厅2016年工作要点"
    assert plan.issuers == ("吉林省教育厅", "中共吉林省高校工作委员会")
    assert plan.issuer == "吉林省教育厅"
    assert plan.issued == dt.date(2016, 3, 1)
    assert plan.doc_number == "吉教联〔2016〕5号"


def test_document_issuers_context_and_resources_never_lead() -> None:
    plan = _result("joint_issuers").plan
    owners = _owners(plan)
    assert all(name != "教育部" for name, _, _ in owners)  # the issuer of a document
    assert ("吉林省政府", "省政府", OwnerRole.OVERSIGHT) in owners  # 按照省委、省政府部署
    assert ("中共中央党校", "中央党校", OwnerRole.SUPPORT) in owners  # 利用…资源
    assert owners[-1] == ("吉林省应急管理厅", "省应急管理厅", OwnerRole.SUPPORT)  # 从…专家库中
    assert plan.document("关于加强高校基层党组织建设的意见").issuer == "中组部、教育部党组"


def test_two_line_title_periods_rates_and_relations() -> None:
    result = _result("two_line_title")
    plan = result.plan
    assert (plan.title, plan.issuer, plan.year) == ("昆山市2017年教育工作意见", "昆山市", 2017)
    deadlines = [m.deadline for _, m in plan.nodes("measure") if m.deadline is not None]
    assert [(d.text, d.end, d.recurrence) for d in deadlines] == [
        ("年底前", dt.date(2017, 12, 31), None),
        ("每学期", None, Recurrence.SEMESTER),
    ]  # no (2017-2030), no 未来三年, no 每人每年
    periods = {d.title: d.period for d in plan.documents if d.period is not None}
    assert periods["昆山市中小学布局规划"].end == dt.date(2030, 12, 31)
    assert periods["昆山市学前教育发展行动计划(2017-2020)"].start == dt.date(2017, 1, 1)
    relations = _relations(plan)
    assert relations["昆山市学前教育管理办法"] is DocumentRelation.DRAFTS  # 颁布实施
    assert relations["昆山市教育督导规定"] is DocumentRelation.DRAFTS  # 报请…出台
    assert any(d.code == "P307" for d in result.diagnostics)  # the page marker
    assert all("- 2 -" not in m.text for _, m in plan.nodes("measure"))


def test_metric_names_are_clean_and_enumerations_carry_their_subject() -> None:
    result = _result("two_line_title")
    targets = [(t.metric, t.value, t.unit) for _, t in result.plan.nodes("target")]
    assert ("年度巩固率(小学)", Decimal(100), "%") in targets
    assert ("年度巩固率(初中)", Decimal(98), "%") in targets
    assert ("年度巩固率(高中)", Decimal(95), "%") in targets
    assert ("高等教育毛入学率", Decimal(60), "%") in targets
    assert ("高中阶段招生规模", Decimal(2), "万人") in targets
    assert ("双师型教师培养培训实践基地", Decimal(10), "个") in targets  # the default measure word
    assert any(d.code == "P105" for d in result.diagnostics)


def test_lead_sentence_tasks() -> None:
    result = _result("lead_sentences")
    plan = result.plan
    assert [[t.title for t in g.tasks] for g in plan.goals] == [
        ["建好一流专业", "建强一流课程"],
        ["推进新工科再深化", "打造高水平教学团队"],
    ]
    assert any(d.code == "P302" for d in result.diagnostics)  # the goal's introduction


def test_relative_names_resolve_in_the_issuers_city() -> None:
    plan = _result("suizhou_relative").plan
    names = {owner.name for owner in plan.owners}
    assert {"随州市应急管理局", "随州市公安局", "随州市消防救援支队", "随州市教育局", "随州市财政局"} <= names
    assert not any(name.startswith("长春") for name in names)
    owners = _owners(plan)
    assert ("随州市消防救援支队", "市消防救援支队", OwnerRole.PARTNER) in owners  # ends at 支队
    assert ("随州市疾控中心", "市疾控中心", OwnerRole.SUPPORT) in owners  # 依托
    assert all(role is not OwnerRole.LEAD for name, _, role in owners if name == "随州市政府")


def test_relative_names_without_a_known_city_stay_relative() -> None:
    plan = wp.parse_text("一、目标\n1.任务。联合市教育局开展工作。")
    owner = plan.owner("市教育局")
    assert owner.relative and owner.jurisdiction is None


@pytest.mark.parametrize(
    ("header", "title", "issuers", "year"),
    [
        ("吉林省教育厅2022 年工作要点", "吉林省教育厅2022年工作要点", ("吉林省教育厅",), 2022),
        ("【转发】教育部2021年工作要点", "教育部2021年工作要点", ("教育部",), 2021),
        ("某市教育局2020年工作安排", "某市教育局2020年工作安排", ("某市教育局",), 2020),
        ("某区教育局2020年工作思路", "某区教育局2020年工作思路", ("某区教育局",), 2020),
        # a notice without 《》 and no title line of its own
        (
            "某区教育和体育局关于印发2023年教育工作要点的通知",
            "2023年教育工作要点",
            ("某区教育和体育局",),
            2023,
        ),
        # the issuer on a line of its own above a title that starts with the year
        ("某市教育局\n2023年工作要点", "某市教育局2023年工作要点", ("某市教育局",), 2023),
        # the year in Chinese numerals
        ("某市教育局二〇二四年工作要点", "某市教育局二〇二四年工作要点", ("某市教育局",), 2024),
        # the plan as the second part of a report
        (
            "第一部分 2023年工作回顾\n2023年,全市教育系统稳步发展。\n第二部分 2024年工作要点",
            "2024年工作要点",
            (),
            2024,
        ),
        # the notice's 现将《…》印发 names the plan in full
        (
            "某市教育局关于印发2024年工作要点的通知\n现将《某市教育局2024年工作要点》印发给你们。",
            "某市教育局2024年工作要点",
            ("某市教育局",),
            2024,
        ),
    ],
)
def test_titles(header: str, title: str, issuers: tuple[str, ...], year: int) -> None:
    plan = wp.parse_text(f"{header}\n一、目标\n1.任务。")
    assert (plan.title, plan.issuers, plan.year) == (title, issuers, year)


def test_year_from_text_and_bracketed_document_number() -> None:
    result = parse_with_diagnostics(
        "某市教育局工作要点\n某教发【2022】3号\n"
        "2022 年是关键之年,全市教育系统要坚持稳中求进工作总基调。\n一、目标\n1.任务。"
    )
    assert result.plan.year == 2022 and result.plan.doc_number == "某教发【2022】3号"
    assert any(d.code == "P305" for d in result.diagnostics)


def test_input_size_limit() -> None:
    with pytest.raises(wp.ParseError, match="30 characters"):
        wp.parse_text("一" * 30, max_chars=20)


def test_a_lead_line_always_wins() -> None:
    text = "某区人民政府2024年重点工作任务分解方案\n一、目标\n"
    text += "1.推进改革。支持区财政局推进改革。\n牵头单位:区教育局\n"
    plan = wp.parse_text(text)
    measure_roles = [r.role for _, m in plan.nodes("measure") for r in m.owners]
    assert measure_roles == [OwnerRole.SUPPORT]
    assert [r.role for g in plan.goals for t in g.tasks for r in t.owners] == [OwnerRole.LEAD]


def _task_owners(text: str) -> list[list[tuple[str, OwnerRole]]]:
    plan = wp.parse_text("XX省教育厅2024年工作要点\n一、加强党的建设\n" + text)
    names = {owner.id: owner.name for owner in plan.owners}
    return [[(names[ref.owner], ref.role) for ref in task.owners] for _, task in plan.nodes("task")]


@pytest.mark.parametrize(
    ("line", "owners"),
    [
        (
            "1.加强理论学习。组织全覆盖培训。(人事处牵头,教师工作处、财务处配合)",
            [("人事处", OwnerRole.LEAD), ("教师工作处", OwnerRole.SUPPORT), ("财务处", OwnerRole.SUPPORT)],
        ),
        ("1.加强理论学习。组织全覆盖培训。(基础教育处负责)", [("基础教育处", OwnerRole.LEAD)]),
        (
            "1.加强理论学习。组织全覆盖培训。(人事处、教师工作处负责)",
            [("人事处", OwnerRole.LEAD), ("教师工作处", OwnerRole.SUPPORT)],
        ),
        (
            "1.加强理论学习。组织全覆盖培训。(牵头处室:基础教育处;配合处室:发展规划处)",
            [("基础教育处", OwnerRole.LEAD), ("发展规划处", OwnerRole.SUPPORT)],
        ),
        ("1.加强理论学习。组织全覆盖培训。【责任处室:职业教育处】", [("职业教育处", OwnerRole.LEAD)]),
    ],
)
def test_a_closing_assignment_names_the_owners_and_leaves_no_stray_measure(
    line: str, owners: list[tuple[str, OwnerRole]]
) -> None:
    plan = wp.parse_text("XX省教育厅2024年工作要点\n一、加强党的建设\n" + line + "\n")
    assert _task_owners(line + "\n") == [owners]
    task = next(task for _, task in plan.nodes("task"))
    assert [measure.text for measure in task.measures] == ["组织全覆盖培训。"]


@pytest.mark.parametrize(
    "line",
    [
        "1.加强理论学习。组织全覆盖培训。(试行)",
        "1.加强理论学习。组织全覆盖培训。(具体方案另行制定,各地负责落实)",
        "1.加强理论学习。组织全覆盖培训。(2024-2026年)",
    ],
)
def test_a_bracket_that_is_not_an_assignment_stays_text(line: str) -> None:
    plan = wp.parse_text("XX省教育厅2024年工作要点\n一、加强党的建设\n" + line + "\n")
    task = next(task for _, task in plan.nodes("task"))
    assert task.owners == ()
    assert "".join(measure.text for measure in task.measures).endswith(line[line.index("(") :])


@pytest.mark.parametrize(
    ("measure", "target"),
    [
        ("近视率较上年下降0.5个百分点。", ("近视率", "0.5", "个百分点", "decrease", "exact")),
        (
            "高中阶段毛入学率比2023年提高2个百分点。",
            ("高中阶段毛入学率", "2", "个百分点", "increase", "exact"),
        ),
        ("控制大班额比例在1%以内。", ("大班额比例", "1", "%", "level", "at_most")),
        ("保持义务教育巩固率在99%以上。", ("义务教育巩固率", "99", "%", "level", "at_least")),
    ],
)
def test_percentage_points_comparisons_and_bounds(measure: str, target: tuple[str, ...]) -> None:
    plan = wp.parse_text("一、目标\n1.提高质量。" + measure + "\n")
    found = [
        (t.metric, str(t.value), t.unit, t.kind.value, t.qualifier.value) for _, t in plan.nodes("target")
    ]
    assert found == [target]


def test_a_level_after_a_change_names_the_same_metric() -> None:
    plan = wp.parse_text("一、目标\n1.提高比例。优质高中学位占比提高3个百分点,达到70%。\n")
    metrics = [t.metric for _, t in plan.nodes("target")]
    assert metrics[0] == "优质高中学位占比" and metrics[1].startswith("优质高中学位占比")
    assert "提高" not in metrics[1]


@pytest.mark.parametrize(
    ("sentence", "owners"),
    [
        ("联合市发改委开展调研。", [("市发改委", OwnerRole.PARTNER)]),
        ("联合市委宣传部开展宣传。", [("市委宣传部", OwnerRole.PARTNER)]),
        ("联合团市委、市妇联开展活动。", [("团市委", OwnerRole.PARTNER), ("市妇联", OwnerRole.PARTNER)]),
        ("与市残联合作,开展送教上门。", [("市残联", OwnerRole.PARTNER)]),
        (
            "由市教育局牵头,市财政局、市人社局配合,完善机制。",
            [("市教育局", OwnerRole.LEAD), ("市财政局", OwnerRole.SUPPORT), ("市人社局", OwnerRole.SUPPORT)],
        ),
        # another city's body, named in full, is not cut to the relative alias the gazetteer knows
        ("联合苏州市公安局开展活动。", [("苏州市公安局", OwnerRole.PARTNER)]),
        ("联合无锡市教育局开展交流。", [("无锡市教育局", OwnerRole.PARTNER)]),
        ("与南京师范大学合作。", [("南京师范大学", OwnerRole.PARTNER)]),
        ("按照市委、市政府部署,推进改革。", [("市委", OwnerRole.OVERSIGHT), ("市政府", OwnerRole.OVERSIGHT)]),
        # 来宾 (guests) is not the city 来宾市, nor 委托 a committee
        ("组织来宾参观学校。", []),
        ("落实市委托管制度。", []),
    ],
)
def test_owner_names_of_any_issuer(sentence: str, owners: list[tuple[str, OwnerRole]]) -> None:
    plan = wp.parse_text("某局2024年工作要点\n一、目标\n1.任务。" + sentence + "\n")
    found = [
        (plan.owner(ref.owner).name, ref.role)
        for _, measure in plan.nodes("measure")
        for ref in measure.owners
    ]
    assert found == owners


def test_a_verb_before_a_relative_name_is_not_a_place() -> None:
    plan = wp.parse_text(
        "某局2024年工作要点\n一、目标\n1.任务。切实发挥市委教育工委作用,做好市委交办工作。\n"
    )
    assert not any(owner.name.startswith(("切实", "做好")) for owner in plan.owners)


def test_a_goal_paragraph_with_its_work_inline_is_titled_by_its_first_sentence() -> None:
    plan = wp.parse_text(
        "某局2024年工作要点\n一、加强党的建设。一是强化理论武装;二是加强组织建设。\n二、推进教育改革。\n"
    )
    assert [goal.title for goal in plan.goals] == ["加强党的建设", "推进教育改革"]
    task = plan.goals[0].tasks[0]
    assert task.title == "加强党的建设"
    assert [measure.text for measure in task.measures] == ["一是强化理论武装;", "二是加强组织建设。"]


def test_decimal_numbered_tasks_under_numbered_goals() -> None:
    text = (
        "某局2024年工作要点\n1.加强党的建设\n1.1 强化理论武装。组织专题学习。\n1.2 加强组织建设。\n"
        "2.推进改革\n2.1 深化评价改革。\n"
    )
    plan = wp.parse_text(text)
    assert [(goal.title, [task.title for task in goal.tasks]) for goal in plan.goals] == [
        ("加强党的建设", ["强化理论武装", "加强组织建设"]),
        ("推进改革", ["深化评价改革"]),
    ]
    # a decimal amount at the start of a line is not a heading
    plan = wp.parse_text("一、目标\n1.推进工作。开展培训。\n1.5万元用于培训。\n2.加强管理。\n")
    assert [task.title for _, task in plan.nodes("task")] == ["推进工作", "加强管理"]


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("9月份开展教师节表彰活动。", ("9月份", dt.date(2024, 9, 1), dt.date(2024, 9, 30))),
        ("3月中旬召开全市教育工作会议。", ("3月中旬", dt.date(2024, 3, 11), dt.date(2024, 3, 20))),
        ("2023年9月份启动。", ("2023年9月份", dt.date(2023, 9, 1), dt.date(2023, 9, 30))),
    ],
)
def test_a_month_is_a_deadline(sentence: str, deadline: tuple[str, dt.date, dt.date]) -> None:
    plan = wp.parse_text("某市教育局2024年工作要点\n一、目标\n1.任务。" + sentence + "\n")
    found = [m.deadline for _, m in plan.nodes("measure") if m.deadline is not None]
    assert [(d.text, d.start, d.end) for d in found] == [deadline]


def test_joint_issuers_summed_up_issue_the_document_and_own_nothing() -> None:
    plan = wp.parse_text(
        "某市教育局2024年工作要点\n一、目标\n1.任务。贯彻落实教育部等六部门《关于加强科学教育的意见》。\n"
    )
    assert [document.issuer for document in plan.documents] == ["教育部等六部门"]
    assert all(not measure.owners for _, measure in plan.nodes("measure"))
