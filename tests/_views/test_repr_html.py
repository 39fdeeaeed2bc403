"""Notebook displays: ``_repr_html_`` of plans, goals, tasks, reports and diffs."""

from __future__ import annotations

import html.parser
from decimal import Decimal

import attrs
import pytest

import workplan as wp
from workplan._views._html import diff_html, plan_html, report_html


class _Checker(html.parser.HTMLParser):
    """Collects text and checks that every element opened is closed, in order."""

    VOID = frozenset({"meta", "br", "img", "hr", "input", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack.pop() == tag, f"</{tag}> closes the wrong element"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def well_formed_text(markup: str) -> str:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == []
    return "".join(checker.text)


@pytest.fixture(scope="module")
def plan() -> wp.Plan:
    return wp.datasets.load("changchun-edu-2020")


def test_plan_html_has_outline_counts_and_targets(plan: wp.Plan) -> None:
    markup = plan._repr_html_()
    text = well_formed_text(markup)
    assert plan.title in text
    counts = plan.counts()
    assert f"{counts['task']} 项任务" in text
    assert f"{counts['target']} 个指标" in text
    english = well_formed_text(plan_html(plan, lang="en"))
    assert f"{counts['task']} tasks" in english
    assert f"{counts['target']} targets" in english
    assert "increase" in english
    for goal in plan.goals:
        assert goal.title in text
    _, target = next(plan.nodes("target"))
    assert target.metric in text
    assert "另有" in text  # the targets table is cut for notebooks
    assert "新增" in text  # enum values by their Chinese names
    assert len(markup) < 60_000


def test_goal_and_task_html(plan: wp.Plan) -> None:
    goal = plan.goals[0]
    text = well_formed_text(goal._repr_html_())
    assert goal.title in text
    assert all(task.title in text for task in goal.tasks)
    task = next(task for goal in plan.goals for task in goal.tasks if any(m.targets for m in task.measures))
    text = well_formed_text(task._repr_html_())
    assert task.title in text
    assert all(measure.text in text for measure in task.measures)


def test_text_is_escaped() -> None:
    plan = wp.Plan(title="<script>alert(1)</script>", goals=(wp.Goal(number=1, title="a & b <i>"),))
    markup = plan._repr_html_()
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    assert "a &amp; b &lt;i&gt;" in markup


def test_report_html_groups_findings_by_severity(plan: wp.Plan) -> None:
    report = wp.check(plan)  # type: ignore[attr-defined]
    text = well_formed_text(report_html(report))
    severities = {finding.severity.value for finding in report.findings}
    labels = {"error": "错误", "warning": "警告", "info": "提示"}
    for severity in severities:
        assert labels[severity] in text
    english = well_formed_text(report_html(report, lang="en"))
    for severity in severities:
        assert {"error": "Errors", "warning": "Warnings", "info": "Info"}[severity] in english
    if report.findings:
        assert report.findings[0].code in text
    if hasattr(type(report), "_repr_html_"):
        assert report._repr_html_() == report_html(report)


def test_diff_html_lists_target_changes_first(plan: wp.Plan) -> None:
    target_id, target = next(plan.nodes("target"))
    measure_id = target_id.rpartition("/")[0]
    goals = list(plan.goals)
    changed = attrs.evolve(target, value=target.value + Decimal(5))
    newer = plan
    for goal_index, goal in enumerate(goals):
        for task_index, task in enumerate(goal.tasks):
            for m_index, measure in enumerate(task.measures, 1):
                if f"g{goal.number}/t{task.number}/m{m_index}" == measure_id:
                    measures = list(task.measures)
                    measures[m_index - 1] = attrs.evolve(
                        measure, targets=tuple(changed if t is target else t for t in measure.targets)
                    )
                    tasks = list(goal.tasks)
                    tasks[task_index] = attrs.evolve(task, measures=tuple(measures))
                    goals[goal_index] = attrs.evolve(goal, tasks=tuple(tasks))
                    newer = attrs.evolve(plan, goals=tuple(goals))
    delta = wp.diff(plan, newer)  # type: ignore[attr-defined]
    text = well_formed_text(diff_html(delta))
    assert "指标变化" in text
    assert str(target.value + 5) in text
    assert "target changed" in well_formed_text(diff_html(delta, lang="en"))
    if hasattr(type(delta), "_repr_html_"):
        assert delta._repr_html_() == diff_html(delta)


def test_continuity_and_timeline_show_themselves_in_chinese(plan: wp.Plan) -> None:
    from pathlib import Path

    from workplan._views._html import continuity_html, timeline_html

    text = (Path(__file__).resolve().parents[2] / "examples" / "changchun-edu-2019-excerpt.txt").read_text(
        encoding="utf-8"
    )
    old = wp.parse_text(text)
    table = wp.continuity(old, plan)
    shown = well_formed_text(table._repr_html_())
    assert "上年承诺的延续情况" in shown and "未再提及" in shown and "制定 → 落实" in shown
    assert "progressed" in well_formed_text(continuity_html(table, "en"))
    line = wp.timeline([old, plan])
    shown = well_formed_text(line._repr_html_())
    assert "逐年脉络" in shown and "2019" in shown and "全面加强党的领导" in shown
    assert "Timeline" in well_formed_text(timeline_html(line, "en"))
