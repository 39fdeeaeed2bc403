"""Focused rules: numbering, non-targets, documents, owners, deadlines, normalisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from workplan.model import DocumentRelation, OwnerRole, Plan, Qualifier, Recurrence, TargetKind
from workplan.parse import parse_text, parse_with_diagnostics


def _measure_plan(body: str, year: int = 2020) -> Plan:
    return parse_text(f"某局{year}年工作要点\n一、目标\n1.任务。{body}")


def _targets(body: str) -> list[tuple[str, Decimal, str, TargetKind, Qualifier]]:
    plan = _measure_plan(body)
    return [(t.metric, t.value, t.unit, t.kind, t.qualifier) for _, t in plan.nodes("target")]


@pytest.mark.parametrize(
    "body",
    [
        "实施心理健康教育121工程。",
        "严格落实“减负30条”。",
        "形成“4+X”发展模式。",
        "稳妥开展1+X证书试点。",
        "开展3+2五年一贯制培养。",
        "举办第七届时事新闻课主持人选拔赛。",
        "为庆祝建党100周年打下基础。",
        "2020年全面完成。",
        "做好“十四五”规划。",
        "以七个深化、七个提升为重点。",
        "在三县(市)两区实施注册。",
        "增强四个意识,做到两个维护。",
        "落实《三年行动计划(2018-2020年)》。",
        "为715岁残疾儿童提供服务。",
        "实施“五个一工程”。",
    ],
)
def test_not_targets(body: str) -> None:
    assert _targets(body) == []


def test_targets_before_and_after_the_noun() -> None:
    assert _targets("打造100所优质家长学校。") == [
        ("优质家长学校", Decimal(100), "所", TargetKind.INCREASE, Qualifier.EXACT)
    ]
    assert _targets("新增国家级特色学校30所。")[0][:3] == ("国家级特色学校", Decimal(30), "所")


def test_chinese_numerals() -> None:
    assert [t[1:3] for t in _targets("建设三所学校,投入一千二百万元。")] == [
        (Decimal(3), "所"),
        (Decimal(1200), "万元"),
    ]
    assert _targets("按普通学校两倍核拨经费。")[0][1:4] == (Decimal(2), "倍", TargetKind.RATIO)


def test_kinds_and_qualifiers() -> None:
    found = _targets(
        "近视率下降0.5%。生产总值增长6.2%左右。覆盖率达到95%以上。力争新增学校10所。约50个基地。"
    )
    assert [(t[3], t[4]) for t in found] == [
        (TargetKind.DECREASE, Qualifier.EXACT),
        (TargetKind.RATE, Qualifier.APPROX),
        (TargetKind.LEVEL, Qualifier.AT_LEAST),
        (TargetKind.INCREASE, Qualifier.STRIVE),
        (TargetKind.LEVEL, Qualifier.APPROX),
    ]


def test_decimal_is_not_a_task_number() -> None:
    plan = parse_text("一、目标\n1.补助。每人提供1.8万元补助,\n0.5%的学生。\n2.第二项。内容。")
    assert [t.number for t in plan.goals[0].tasks] == [1, 2]


def test_task_numbering_styles() -> None:
    for marker in ("1.", "1、", "1. ", "(一)"):
        second = {"1.": "2.", "1、": "2、", "1. ": "2. ", "(一)": "(二)"}[marker]
        plan = parse_text(f"一、目标\n{marker}甲任务。内容。\n{second}乙任务\n内容。")
        assert [t.title for t in plan.goals[0].tasks] == ["甲任务", "乙任务"], marker


def test_each_goal_picks_its_own_task_level() -> None:
    plan = parse_text("一、甲\n(一)子任务\n1.条目一。\n二、乙\n1.任务一。\n2.任务二。")
    assert [[t.title for t in g.tasks] for g in plan.goals] == [["子任务"], ["任务一", "任务二"]]


def test_a_small_gap_at_line_start_is_still_a_heading() -> None:
    # A task deleted while drafting leaves a gap; the task after it is still a task,
    # the parser says so, and check() reports the gap (WP103).
    result = parse_with_diagnostics("一、甲\n1.任务一。\n2.任务二。\n二、乙\n4.任务四。\n五、丁\n5.任务五。")
    assert [[t.number for t in g.tasks] for g in result.plan.goals] == [[1, 2], [4], [5]]
    assert [g.number for g in result.plan.goals] == [1, 2, 5]
    gaps = [d.message for d in result.diagnostics if d.code == "P304"]
    assert gaps == [
        "task numbering skips from 2 to 4; read as a task heading",
        "goal numbering skips from 2 to 5; read as a goal heading",
    ]


def test_out_of_sequence_heading_is_body_with_a_diagnostic() -> None:
    result = parse_with_diagnostics("一、目标\n1.任务。内容。\n7.突然的编号。\n2.任务二。")
    assert [t.number for t in result.plan.goals[0].tasks] == [1, 2]
    assert any(d.code == "P301" for d in result.diagnostics)


def test_documents_nested_brackets_and_relations() -> None:
    plan = _measure_plan(
        "贯彻《关于〈某条例〉的实施意见》。制定《关于落实《甲办法》的通知》。修订《某规程》。"
        "做好《某规划(20212025)》编制工作。参照《“双减”工作指南》开展工作。"
    )
    documents = {d.title: d for d in plan.documents}
    assert set(documents) == {
        "关于〈某条例〉的实施意见",
        "关于落实《甲办法》的通知",
        "某规程",
        "某规划(2021-2025)",
        "“双减”工作指南",
    }
    relations = {
        plan.document(r.document).title: r.relation for _, m in plan.nodes("measure") for r in m.documents
    }
    assert relations["关于〈某条例〉的实施意见"] is DocumentRelation.IMPLEMENTS
    assert relations["关于落实《甲办法》的通知"] is DocumentRelation.DRAFTS
    assert relations["某规程"] is DocumentRelation.REVISES
    assert relations["某规划(2021-2025)"] is DocumentRelation.DRAFTS
    assert relations["“双减”工作指南"] is DocumentRelation.CITES


def test_same_title_twice_is_one_document_and_issuers() -> None:
    plan = _measure_plan("落实国务院《甲意见》。继续落实《甲意见》。出台市人大《乙议案》。")
    assert [(d.id, d.title, d.issuer) for d in plan.documents] == [
        ("d1", "甲意见", "国务院"),
        ("d2", "乙议案", "市人大"),
    ]


def test_unbalanced_title_bracket_diagnostic() -> None:
    result = parse_with_diagnostics("一、目标\n1.任务。制定《某办法,完善制度。")
    assert any(d.code == "P201" for d in result.diagnostics)
    assert result.plan.documents == ()


def test_owner_roles_and_aliases() -> None:
    plan = _measure_plan("与长职院合作办学。配合市应急局开展检查。联合汽高专、长春职业技术学院开展培训。")
    refs = [(plan.owner(r.owner).name, r.role) for _, m in plan.nodes("measure") for r in m.owners]
    assert refs == [
        ("长春职业技术学院", OwnerRole.PARTNER),
        ("市应急管理局", OwnerRole.SUPPORT),
        ("长春汽车工业高等专科学校", OwnerRole.PARTNER),
        ("长春职业技术学院", OwnerRole.PARTNER),
    ]
    assert plan.owner("长职院").id == "o1"


def test_deadlines() -> None:
    cases = {
        "年底前完成。": ("年底前", None, dt.date(2020, 12, 31), None),
        "上半年完成。": ("上半年", dt.date(2020, 1, 1), dt.date(2020, 6, 30), None),
        "6月底前完成。": ("6月底前", None, dt.date(2020, 6, 30), None),
        "到2022年完成。": ("到2022年", None, dt.date(2022, 12, 31), None),
        "未来3到5年内建成项目库。": ("未来3到5年", dt.date(2021, 1, 1), dt.date(2025, 12, 31), None),
        "建立未来3到5年项目库。": None,  # the horizon of the library, not a deadline
        "制定完善未来三年发展规划。": None,
        "制定《某实施方案》(2018-2022)。": None,  # the document's period
        "下发《某专项规划(2017-2035)》。": None,
        "每人每年提供1.8万元。": None,  # a rate, not a recurrence
        "每学期开展一次。": ("每学期", None, None, Recurrence.SEMESTER),
        "每年开展一次。": ("每年", None, None, Recurrence.YEARLY),
        "开展工作。": None,
    }
    for body, expected in cases.items():
        deadline = _measure_plan(body).goals[0].tasks[0].measures[0].deadline
        if expected is None:
            assert deadline is None, body
        else:
            assert deadline is not None, body
            assert (deadline.text, deadline.start, deadline.end, deadline.recurrence) == expected, body


def test_lost_separator_diagnostics() -> None:
    result = parse_with_diagnostics("一、目标\n1.任务。建立未来35年项目库。落实《规划(20172035)》。")
    assert {d.code for d in result.diagnostics} >= {"P102", "P103"}


def test_dates_in_header() -> None:
    plan = parse_text("某局\n2020415\n\n某局2020年工作要点\n一、目标\n1.任务。")
    assert plan.issued == dt.date(2020, 4, 15)
    plan = parse_text("某局\n2015年3月10日\n某局2015年工作要点\n一、目标\n1.任务。")
    assert plan.issued == dt.date(2015, 3, 10)


def test_full_width_punctuation_and_spans() -> None:
    text = "某局2020年工作要点\n一、目标\n１．任务。新增学校１０所，建立基地２个。"
    plan = parse_text(text)
    measure = plan.goals[0].tasks[0].measures[0]
    assert measure.text == "新增学校10所,建立基地2个。"  # punctuation normalised in text fields
    assert measure.span is not None
    assert text[measure.span.start : measure.span.end] == "新增学校１０所，建立基地２个。"
    target = measure.targets[0]
    assert target.span is not None and text[target.span.start : target.span.end] == "学校１０所"


def test_page_chrome_removed() -> None:
    text = (
        "您当前的位置:首页 > 信息公开\n时间:2020-04-17 13:49 来源:\n【字体: 打印\n"
        "某局2020年工作要点\n一、目标\n1.任务。内容。\n- 1 -\n2.任务二。内容。"
    )
    plan = parse_text(text)
    assert plan.title == "某局2020年工作要点"
    assert all("- 1 -" not in m.text for _, m in plan.nodes("measure"))


def test_empty_and_headerless_text() -> None:
    assert parse_text("").goals == ()
    result = parse_with_diagnostics("只有一段话,没有编号。")
    assert [[t.title for t in g.tasks] for g in result.plan.goals] == [["只有一段话,没有编号"]]
    assert [d.code for d in result.diagnostics] == ["P306"]
    result = parse_with_diagnostics("某局2020年工作要点")
    assert result.plan.goals == () and result.plan.title == "某局2020年工作要点"


def test_suffix_rule_trims_leading_verbs() -> None:
    plan = _measure_plan("推动长春光华学院建设实训基地。发挥市领导小组办公室职能。引导城区优质学校交流。")
    assert [owner.name for owner in plan.owners if owner.name != plan.issuer] == ["长春光华学院"]


def test_paren_goals_with_numbered_tasks() -> None:
    plan = parse_text("(一)甲方面\n1.任务一。内容。\n2.任务二。内容。\n(二)乙方面\n1.任务三。内容。")
    assert [(g.title, [t.title for t in g.tasks]) for g in plan.goals] == [
        ("甲方面", ["任务一", "任务二"]),
        ("乙方面", ["任务三"]),
    ]


def test_numbered_tasks_only_sit_under_one_untitled_goal() -> None:
    plan = parse_text("某局2020年工作要点\n1.任务一。内容。\n2.任务二。内容。")
    assert [(g.number, g.title, len(g.tasks)) for g in plan.goals] == [(1, "", 2)]


def test_goals_only_hold_one_task_each() -> None:
    plan = parse_text("一、甲方面\n推进工作。加强管理。\n二、乙方面\n完善制度。")
    assert [[(t.number, t.title, len(t.measures)) for t in g.tasks] for g in plan.goals] == [
        [(1, "甲方面", 2)],
        [(2, "乙方面", 1)],
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("--学前三年入园率达到85%。", [("学前三年入园率", Decimal(85), "%")]),
        ("义务教育巩固率稳(wěn)定在98%以上。", [("义务教育巩固率", Decimal(98), "%")]),
        ("高等教育毛入学率达60%。", [("高等教育毛入学率", Decimal(60), "%")]),
        (
            "招生规模本科3000人、专科2000人。",
            [("招生规模(本科)", Decimal(3000), "人"), ("招生规模(专科)", Decimal(2000), "人")],
        ),
        (
            "新建学校2所,改扩建学校5所。",
            [("学校", Decimal(2), "所"), ("学校(改扩建)", Decimal(5), "所")],
        ),
    ],
)
def test_metric_names(body: str, expected: list[tuple[str, Decimal, str]]) -> None:
    plan = _measure_plan(body)
    assert [(t.metric, t.value, t.unit) for _, t in plan.nodes("target")] == expected
