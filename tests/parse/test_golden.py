"""Golden files: tests/parse/golden/NAME.txt beside NAME.expected.json.

Regenerate with ``WORKPLAN_REGEN=1 pytest tests/parse/test_golden.py`` and review every diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from workplan.io import unstructure_plan
from workplan.model import DocumentRelation, OwnerRole, Plan, Qualifier, Recurrence, TargetKind
from workplan.parse import parse_file, parse_with_diagnostics

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("WORKPLAN_REGEN") == "1"


def _snapshot(path: Path) -> dict[str, object]:
    result = parse_with_diagnostics(path.read_text("utf-8"))
    plan = unstructure_plan(result.plan)
    plan.pop("source", None)  # the .txt beside it is the source
    return {
        "plan": plan,
        "diagnostics": [
            {"code": d.code, "message": d.message, "span": [d.span.start, d.span.end] if d.span else None}
            for d in result.diagnostics
        ],
    }


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    expected_path = path.with_suffix(".expected.json")
    actual = _snapshot(path)
    if REGEN or not expected_path.exists():
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", "utf-8")
        if not REGEN:
            pytest.fail(f"wrote missing {expected_path.name}; review it and run again")
    assert actual == json.loads(expected_path.read_text("utf-8"))


def _targets(plan: Plan) -> list[tuple[str, Decimal, str, TargetKind, Qualifier]]:
    return [(t.metric, t.value, t.unit, t.kind, t.qualifier) for _, t in plan.nodes("target")]


def test_traditional_characters_are_simplified() -> None:
    pytest.importorskip("opencc")
    plan = parse_file(GOLDEN / "traditional.txt")
    assert plan.title == "长春市教育局2021年工作要点"
    assert plan.issued == dt.date(2021, 3, 5)
    assert [g.title for g in plan.goals] == ["推进教育现代化", "办好人民满意的教育"]
    assert ("公办幼儿园", Decimal(20), "所", TargetKind.INCREASE, Qualifier.APPROX) in _targets(plan)
    assert plan.document("义务教育学校管理标准").issuer == "教育部"
    source = plan.source
    assert source is not None
    title = plan.goals[0].tasks[0].measures[0]
    assert (
        title.span is not None
        and source[title.span.start : title.span.end] == "制定《長春市教育現代化實施方案》。"
    )


def test_nested_paren_tasks_and_numbered_items() -> None:
    plan = parse_file(GOLDEN / "nested.txt")
    assert [len(goal.tasks) for goal in plan.goals] == [2, 2]
    assert [task.title for task in plan.goals[1].tasks] == ["推动义务教育优质均衡发展", "办好学前教育"]
    measures = plan.goals[1].tasks[0].measures
    assert measures[0].text.startswith("新建学校2所")  # the 1. item marker is not part of the measure
    assert ("义务教育巩固率", Decimal(99), "%", TargetKind.LEVEL, Qualifier.AT_LEAST) in _targets(plan)
    assert any(t.kind is TargetKind.RATIO and t.value == 2 for t in measures[1].targets)
    support = measures[1].owners[0]
    assert (plan.owner(support.owner).name, support.role) == ("县财政局", OwnerRole.SUPPORT)


def test_no_line_breaks() -> None:
    plan = parse_file(GOLDEN / "nobreaks.txt")
    assert plan.title == "某市教育局2018年工作要点"
    assert [task.number for goal in plan.goals for task in goal.tasks] == [1, 2, 3, 4]
    assert ("资助", Decimal("0.3"), "万元", TargetKind.LEVEL, Qualifier.EXACT) in _targets(plan)


def test_task_breakdown_with_deadlines() -> None:
    plan = parse_file(GOLDEN / "breakdown.txt")
    assert plan.doc_number == "某政发〔2024〕3号"
    tasks = [task for goal in plan.goals for task in goal.tasks]
    assert tasks[0].deadline is not None and tasks[0].deadline.end == dt.date(2024, 12, 31)
    assert tasks[1].deadline is not None and (tasks[1].deadline.text, tasks[1].deadline.end) == ("全年", None)
    assert tasks[2].deadline is not None and tasks[2].deadline.end == dt.date(2024, 9, 30)
    assert tasks[3].deadline is not None and tasks[3].deadline.end == dt.date(2024, 6, 30)
    inline = [(plan.owner(r.owner).name, r.role) for r in tasks[2].owners]
    assert inline[0] == ("区教育局", OwnerRole.LEAD)
    assert all(role is OwnerRole.SUPPORT for _, role in inline[1:])
    no_lead_line = [(plan.owner(r.owner).name, r.role) for r in tasks[3].owners]
    assert no_lead_line == [("区住房和城乡建设局", OwnerRole.LEAD), ("区财政局", OwnerRole.SUPPORT)]
    assert all("各" not in owner.name for owner in plan.owners)


def test_target_and_measure_paragraphs() -> None:
    plan = parse_file(GOLDEN / "subparas.txt")
    task = plan.goals[0].tasks[0]
    assert task.measures[0].text.startswith("学前教育毛入园率达到90%以上")
    relations = {
        plan.document(r.document).title: r.relation for _, m in plan.nodes("measure") for r in m.documents
    }
    assert relations["某省学前教育发展提升行动计划"] is DocumentRelation.DRAFTS
    recurring = [m.deadline.recurrence for _, m in plan.nodes("measure") if m.deadline]
    assert Recurrence.YEARLY in recurring


def test_full_width_and_page_chrome() -> None:
    plan = parse_file(GOLDEN / "fullwidth.txt")
    assert plan.title == "某市教育局2019年工作要点"
    assert [task.title for task in plan.goals[0].tasks] == ["推进考试招生制度改革", "完善教育督导体制"]
    assert all("- 1 -" not in m.text for _, m in plan.nodes("measure"))
    assert _targets(plan)[0][1:3] == (Decimal(12), "个")
    relation = plan.goals[0].tasks[1].measures[0].documents[0].relation
    assert relation is DocumentRelation.REVISES
