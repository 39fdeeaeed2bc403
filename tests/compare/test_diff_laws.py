"""Laws of `wp.diff` on generated plans."""

from __future__ import annotations

import random

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workplan as wp
from workplan.compare import Change, ChangeKind
from workplan.model import Plan
from workplan.testing import mutate, synthetic_plan
from workplan.testing import plans as _plans


def plans() -> st.SearchStrategy[Plan]:
    # Smaller than the defaults: generating plans costs far more than diffing them.
    return _plans(max_goals=3, max_tasks=3, max_measures=3, max_owners=4, max_documents=3)


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[Plan, Plan]:
    """A plan and a realistic edit of it (most items kept), or an unrelated plan."""
    plan = draw(plans())
    if draw(st.booleans()):
        return plan, draw(plans())
    return plan, mutate(plan, seed=draw(st.integers(0, 1000)), rate=draw(st.sampled_from((0.1, 0.3, 0.6))))


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


@given(edited_pairs())
def test_swapping_mirrors_paths_exist_and_the_result_is_deterministic(pair: tuple[Plan, Plan]) -> None:
    a, b = pair
    forward = wp.diff(a, b)
    backward = wp.diff(b, a)
    assert sorted(map(_key, (change.mirrored() for change in forward))) == sorted(map(_key, backward))
    _paths_exist(forward)
    _paths_exist(backward)
    assert wp.diff(a, b).changes == forward.changes


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


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(150, 900),
    st.integers(0, 10_000),
    st.sampled_from(({}, {"reword": 0.3, "move": 0.1, "churn": 0.1})),
)
def test_large_plans_align_as_mirrors(measures: int, seed: int, edit: dict[str, float]) -> None:
    """Past the sizes of the small generated plans: IDF samples, blocked candidates, both ways alike."""
    a = synthetic_plan(measures, seed=seed)
    b = mutate(a, seed=seed + 1, **edit)  # type: ignore[arg-type]
    forward, backward = wp.diff(a, b), wp.diff(b, a)
    assert sorted(
        (match.level, match.old_path, match.new_path, round(match.score, 9)) for match in forward.matches
    ) == sorted(
        (match.level, match.new_path, match.old_path, round(match.score, 9)) for match in backward.matches
    )
    assert sorted(map(_key, (change.mirrored() for change in forward))) == sorted(map(_key, backward))
