"""Laws of `wp.diff` on generated plans."""

from __future__ import annotations

import random

import attrs
from hypothesis import given
from hypothesis import strategies as st

import workplan as wp
from workplan.diff import Change, ChangeKind
from workplan.model import Plan
from workplan.testing import plans


def _key(change: Change) -> tuple[object, ...]:
    return (
        change.kind.value,
        change.old_path,
        change.new_path,
        repr(change.old),
        repr(change.new),
        change.subject,
        change.direction,
        change.delta,
    )


def _paths_exist(delta: wp.PlanDiff) -> None:
    for change in delta:
        assert change.old_path is None or change.old_path in delta.old, change
        assert change.new_path is None or change.new_path in delta.new, change


@given(plans())
def test_a_plan_has_no_changes_against_itself(plan: Plan) -> None:
    assert list(wp.diff(plan, plan)) == []


@given(plans(), plans())
def test_swapping_the_plans_mirrors_the_changes(a: Plan, b: Plan) -> None:
    forward = wp.diff(a, b)
    backward = wp.diff(b, a)
    assert sorted(map(_key, (change.mirrored() for change in forward))) == sorted(map(_key, backward))


@given(plans(), plans())
def test_every_path_exists_in_its_plan_and_the_result_is_deterministic(a: Plan, b: Plan) -> None:
    delta = wp.diff(a, b)
    _paths_exist(delta)
    assert wp.diff(a, b).changes == delta.changes


@given(plans(), st.randoms(use_true_random=False))
def test_shuffling_task_numbers_gives_only_renumbered(plan: Plan, rng: random.Random) -> None:
    tasks = [task for goal in plan.goals for task in goal.tasks]
    numbers = [task.number for task in tasks]
    shuffled = numbers[:]
    rng.shuffle(shuffled)
    mapping = dict(zip(numbers, shuffled, strict=True))
    renumbered = attrs.evolve(
        plan,
        goals=tuple(
            attrs.evolve(
                goal, tasks=tuple(attrs.evolve(task, number=mapping[task.number]) for task in goal.tasks)
            )
            for goal in plan.goals
        ),
    )
    delta = wp.diff(plan, renumbered)
    assert {change.kind for change in delta} <= {ChangeKind.RENUMBERED}
    assert len(delta) == sum(number != mapping[number] for number in numbers)
    _paths_exist(delta)
