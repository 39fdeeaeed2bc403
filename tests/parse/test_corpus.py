"""The five real excerpts in tests/parse/corpus: other years, issuers and numbering styles."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from workplan.model import OwnerRole, Plan, Qualifier, TargetKind
from workplan.parse import parse_file, parse_with_diagnostics

CORPUS = Path(__file__).parent / "corpus"


def _parse(name: str) -> Plan:
    return parse_file(CORPUS / name)


def test_changchun_2019_same_issuer_year_before() -> None:
    plan = _parse("01-changchun-edu-2019.txt")
    assert (plan.title, plan.issuer, plan.year) == ("长春市教育局2019年工作要点", "长春市教育局", 2019)
    assert plan.preamble.startswith("2019年全市教育工作的总体思路是")
    assert [goal.title for goal in plan.goals] == ["以党的十九大和全国教育大会精神为遵循,科学谋划教育工作"]
    assert [task.title for task in plan.goals[0].tasks] == ["全面加强党的领导", "优化教育顶层设计"]
    relations = {
        plan.document(ref.document).title: ref.relation.value
        for _, m in plan.nodes("measure")
        for ref in m.documents
    }
    assert relations == {
        "教育事业发展“十三五”规划": "implements",
        "长春市加快推进教育现代化实施方案": "drafts",
        "长春市规划区中小学校布局专项规划(2017-2035)": "drafts",
    }


def test_changchun_2017_title_on_its_own_line() -> None:
    plan = _parse("02-changchun-edu-2017.txt")
    assert plan.title == "2017年长春教育工作要点"
    assert plan.year == 2017
    assert plan.preamble.count("\n") == 1  # two preamble paragraphs
    tasks = plan.goals[0].tasks
    assert [task.title for task in tasks] == ["高位谋划发展战略", "统筹推进教育领域重大改革"]
    assert tasks[0].measures[0].text.startswith("与科研院所开展合作")
    partner = list(tasks[0].measures[2].owners)
    assert [(plan.owner(r.owner).name, r.role) for r in partner] == [("天津市教育委员会", OwnerRole.PARTNER)]


def test_jilin_2015_no_line_breaks_and_notice_header() -> None:
    plan = _parse("04-jilin-edudept-2015.txt")
    assert plan.title == "吉林省教育厅2015年工作要点"
    assert plan.issuer == "吉林省教育厅"
    assert plan.doc_number == "吉教发[2015]1号"
    assert plan.issued == dt.date(2015, 3, 10)
    assert plan.year == 2015
    assert plan.preamble.startswith("2015年全省教育工作的总体要求是") and plan.preamble.endswith("不懈努力。")
    assert [goal.title for goal in plan.goals] == [
        "深入学习贯彻习近平总书记系列重要讲话精神,全面加强和改进学校党的建设"
    ]
    assert [task.title for task in plan.goals[0].tasks] == [
        "深入学习宣传习近平总书记系列重要讲话精神",
        "不断加强高校党的建设",
    ]
    assert {d.title for d in plan.documents} == {
        "关于坚持和完善普通高等学校党委领导下的校长负责制的实施意见",
        "关于加强基层服务型党组织建设的意见",
    }


def test_moe_2019_target_and_measure_paragraphs() -> None:
    plan = _parse("15-moe-2019.txt")
    assert (plan.title, plan.issuer, plan.year) == ("教育部2019年工作要点", "教育部", 2019)
    assert plan.goals[0].title == "加大投入力度夯实教育发展基础"
    task = plan.goals[0].tasks[0]
    assert task.title == "完善教育经费投入保障机制"
    texts = [measure.text for measure in task.measures]
    assert texts[0] == "健全教育财政投入机制。"  # the 目标任务: label is not part of the measure
    assert "推动各地进一步建立健全生均拨款制度。" in texts
    assert not any(text.startswith(("目标任务", "工作措施")) for text in texts)


def test_lishan_2023_task_breakdown() -> None:
    result = parse_with_diagnostics(
        (CORPUS / "19-anshan-lishan-gov-2023-task-breakdown.txt").read_text("utf-8")
    )
    plan = result.plan
    assert plan.issuer == "立山区人民政府"
    assert plan.year == 2023
    assert plan.issued == dt.date(2023, 3, 28)
    assert plan.doc_number == "鞍立政发〔2023〕2号"
    assert plan.title == "立山区政府2023年重点工作任务分解和责任分工方案"
    tasks = plan.goals[0].tasks
    assert len(tasks) == 7
    owners = [[(plan.owner(r.owner).name, r.role.value, r.text) for r in task.owners] for task in tasks]
    assert owners[0] == [
        ("立山区发展和改革局", "lead", "区发改局"),
        ("立山经济开发区", "support", "立山经济开发区"),
    ]
    assert owners[3] == [
        ("立山区商务局", "lead", "区商务局"),
        ("立山区市场监督管理局", "support", "区市场局"),
    ]
    assert owners[4][0][:2] == ("立山区财政局", "lead")
    assert {name for name, _, _ in owners[4][1:]} == {"立山经济开发区", "立山区税务局"}
    rates = [(t.metric, t.value, t.unit, t.kind, t.qualifier) for _, t in plan.nodes("target")]
    assert rates == [
        ("地区生产总值", Decimal("6.2"), "%", TargetKind.RATE, Qualifier.APPROX),
        ("规模上工业增加值", Decimal("5"), "%", TargetKind.RATE, Qualifier.APPROX),
        ("固定资产投资", Decimal("15"), "%", TargetKind.RATE, Qualifier.APPROX),
        ("社会消费品零售总额", Decimal("9"), "%", TargetKind.RATE, Qualifier.APPROX),
        ("一般公共预算收入", Decimal("8"), "%", TargetKind.RATE, Qualifier.APPROX),
    ]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_spans_point_into_original(path: Path) -> None:
    plan = parse_file(path)
    source = plan.source
    assert source is not None
    for _, measure in plan.nodes("measure"):
        assert measure.span is not None
        assert source[measure.span.start : measure.span.end] == measure.text
