"""Property tests: checking never crashes, findings point at real nodes, SMART covers every task."""

from __future__ import annotations

from hypothesis import given

import workplan as wp
from workplan.checks import all_rules, smart
from workplan.checks._shared import columns
from workplan.model import path_to_measure, walk_measures, walk_targets, walk_tasks
from workplan.testing import mutate, plans, synthetic_plan


@given(plans())
def test_check_never_crashes_and_findings_name_real_nodes(plan: wp.Plan) -> None:
    report = wp.check(plan, select=["WP"])
    known = {rule.code for rule in all_rules()}
    for finding in report:
        assert finding.code in known
        assert finding.path == "" or finding.path in plan
    # generated plans refer only to registered owners and documents, and to existing nodes
    assert not {finding.code for finding in report} & {"WP202", "WP502", "WP603"}
    assert len(smart(plan)) == plan.counts()["task"]


def _expected_columns(plan: wp.Plan) -> dict[str, list[object]]:
    """What the shared walk should hold, by the model's own walks."""
    tasks = list(walk_tasks(plan))
    deadlines: list[tuple[str, object, int]] = []
    for position, (path, _, task) in enumerate(tasks):
        if task.deadline is not None:
            deadlines.append((path, task.deadline, position))
        for index, measure in enumerate(task.measures, 1):
            if measure.deadline is not None:
                deadlines.append((path_to_measure(path, index), measure.deadline, position))
    return {
        "tasks": [task for _, _, task in tasks],
        "task_paths": [path for path, _, _ in tasks],
        "task_owned": [any(m.owners for m in task.measures) for _, _, task in tasks],
        "task_targeted": [any(m.targets for m in task.measures) for _, _, task in tasks],
        "targets": [target for _, _, target in walk_targets(plan)],
        "target_paths": [path for path, _, _ in walk_targets(plan)],
        "deadline_paths": [path for path, _, _ in deadlines],
        "deadlines": [deadline for _, deadline, _ in deadlines],
        "deadline_tasks": [position for _, _, position in deadlines],
        "references": [ref for _, _, measure in walk_measures(plan) for ref in measure.documents],
        "reference_paths": [path for path, _, measure in walk_measures(plan) for _ in measure.documents],
        "owner_ids": [sorted({ref.owner for _, node in plan.walk() for ref in getattr(node, "owners", ())})],
    }


def _held(plan: wp.Plan) -> dict[str, list[object]]:
    walked = columns(plan)
    held: dict[str, list[object]] = {name: list(getattr(walked, name)) for name in _expected_columns(plan)}
    held["owner_ids"] = [sorted(walked.owner_ids)]
    return held


@given(plans())
def test_the_shared_walk_holds_what_the_model_walks_find(plan: wp.Plan) -> None:
    assert _held(plan) == _expected_columns(plan)


def test_the_shared_walk_on_large_and_edited_plans() -> None:
    plan = synthetic_plan(3_000)
    for variant in (plan, mutate(plan, seed=1, rate=0.3)):
        assert _held(variant) == _expected_columns(variant)
