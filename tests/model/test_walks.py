"""Paths, walks, inheritance and memos: what the model hands to every layer above it."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workplan.model import (
    Deadline,
    Due,
    Goal,
    Measure,
    MemoKey,
    NodePath,
    OwnerRef,
    OwnerRole,
    Plan,
    Recurrence,
    Task,
    dues,
    effective_deadline,
    effective_due,
    effective_owners,
    inherit_due,
    memo,
    path_to_goal,
    path_to_measure,
    path_to_target,
    path_to_task,
    plan_due,
    walk_goals,
    walk_measures,
    walk_targets,
    walk_tasks,
)
from workplan.testing import plans

numbers = st.integers(1, 10_000)


@given(numbers, numbers, numbers, numbers)
def test_builders_print_what_node_path_reads(goal: int, task: int, measure: int, target: int) -> None:
    goal_path = path_to_goal(goal)
    task_path = path_to_task(goal_path, task)
    measure_path = path_to_measure(task_path, measure)
    target_path = path_to_target(measure_path, target)
    assert NodePath.parse(goal_path) == NodePath(goal=goal)
    assert NodePath.parse(task_path) == NodePath(goal=goal, task=task)
    assert NodePath.parse(measure_path) == NodePath(goal=goal, task=task, measure=measure)
    assert NodePath.parse(target_path) == NodePath(goal=goal, task=task, measure=measure, target=target)
    assert target_path == f"g{goal}/t{task}/m{measure}/q{target}"


@given(plans())
def test_walks_give_the_paths_and_parents_of_plan_walk(plan: Plan) -> None:
    walked = {kind: [(path, node) for path, node in plan.nodes(kind)] for kind in ("goal", "task", "measure")}
    walked["target"] = list(plan.nodes("target"))
    assert list(walk_goals(plan)) == walked["goal"]
    assert [(path, task) for path, _, task in walk_tasks(plan)] == walked["task"]
    assert [(path, measure) for path, _, measure in walk_measures(plan)] == walked["measure"]
    assert [(path, target) for path, _, target in walk_targets(plan)] == walked["target"]
    for path, goal, task in walk_tasks(plan):
        assert plan.get(str(NodePath.parse(path).parent)) is goal
        assert task in goal.tasks
    for path, task, _measure in walk_measures(plan):
        assert str(NodePath.parse(path)) == path
        assert plan.get(str(NodePath.parse(path).parent)) is task
    for path, measure, _target in walk_targets(plan):
        assert plan.get(str(NodePath.parse(path).parent)) is measure


def test_walks_of_an_empty_plan_are_empty() -> None:
    plan = Plan(title="空", goals=(Goal(number=1, title="无任务"),))
    assert list(walk_goals(plan)) == [("g1", plan.goals[0])]
    assert list(walk_tasks(plan)) == list(walk_measures(plan)) == list(walk_targets(plan)) == []


LEAD = OwnerRef(owner="o1")
SUPPORT = OwnerRef(owner="o2", role=OwnerRole.SUPPORT)
JUNE = Deadline(text="6月底前", end=dt.date(2020, 6, 30))
TERM = Deadline(text="每学期", recurrence=Recurrence.SEMESTER)
FROM_MAY = Deadline(text="5月起", start=dt.date(2020, 5, 1))


def test_a_measure_naming_no_owner_has_its_tasks() -> None:
    named = Measure(text="a", owners=(SUPPORT,))
    unnamed = Measure(text="b")
    task = Task(number=1, title="t", owners=(LEAD,), measures=(named, unnamed))
    assert effective_owners(task, named) == (SUPPORT,)
    assert effective_owners(task, unnamed) == (LEAD,)
    assert effective_owners(task) == (LEAD,)
    assert effective_owners(attrs.evolve(task, owners=()), unnamed) == ()


def test_a_measure_without_a_deadline_has_its_tasks_then_the_plan_year() -> None:
    task = Task(number=1, title="t", deadline=JUNE)
    assert effective_deadline(task, Measure(text="a")) is JUNE
    assert effective_deadline(task, Measure(text="a", deadline=TERM)) is TERM
    assert effective_deadline(Task(number=1, title="t"), Measure(text="a")) is None


@pytest.mark.parametrize(
    ("task_deadline", "measure_deadline", "expected"),
    [
        (None, None, Due(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020年")),
        (JUNE, None, Due(None, dt.date(2020, 6, 30), "6月底前")),
        (None, JUNE, Due(None, dt.date(2020, 6, 30), "6月底前")),
        (JUNE, TERM, Due(None, dt.date(2020, 6, 30), "每学期")),  # undated: the task's dates, its wording
        (None, FROM_MAY, Due(dt.date(2020, 5, 1), dt.date(2020, 12, 31), "5月起")),  # ends when the year does
    ],
)
def test_effective_due(
    task_deadline: Deadline | None, measure_deadline: Deadline | None, expected: Due
) -> None:
    measure = Measure(text="m", deadline=measure_deadline)
    task = Task(number=3, title="t", deadline=task_deadline, measures=(measure,))
    plan = Plan(title="p", year=2020, goals=(Goal(number=1, title="g", tasks=(task,)),))
    assert effective_due(plan, task, measure) == expected
    assert dues(plan)["g1/t3/m1"] == expected
    assert dues(plan)["g1"] == plan_due(plan)


def test_without_a_year_nothing_is_dated() -> None:
    plan = Plan(title="p")
    assert plan_due(plan) == Due(None, None, "")
    assert inherit_due(TERM, plan_due(plan)) == Due(None, None, "")
    assert inherit_due(JUNE, plan_due(plan)) == Due(None, dt.date(2020, 6, 30), "6月底前")


@given(plans())
def test_dues_agree_with_effective_due(plan: Plan) -> None:
    table = dues(plan)
    for path, task, measure in walk_measures(plan):
        assert table[path] == effective_due(plan, task, measure)
    for path, _, _ in walk_targets(plan):
        assert table[path] == table[str(NodePath.parse(path).parent)]


COUNT: MemoKey[list[int]] = MemoKey("tests.count")


def test_memo_builds_once_per_plan_and_not_after_a_failure() -> None:
    plan, other = Plan(title="a"), Plan(title="b")
    calls: list[str] = []

    def build(built_for: Plan) -> list[int]:
        calls.append(built_for.title)
        return [len(calls)]

    first = memo(plan, COUNT, build)
    assert memo(plan, COUNT, build) is first
    assert memo(other, COUNT, build) == [2]
    assert calls == ["a", "b"]
    assert attrs.evolve(plan)._cache == {}  # a changed copy starts with no indexes

    def fail(_: Plan) -> list[int]:
        raise RuntimeError("broken")

    fresh = Plan(title="c")
    with pytest.raises(RuntimeError):
        memo(fresh, COUNT, fail)
    assert COUNT not in fresh._cache
    assert memo(fresh, COUNT, build) == [3]
    assert repr(COUNT) == "MemoKey('tests.count')"
