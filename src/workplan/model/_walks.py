"""Walks: every goal, task, measure or target of a plan, with its path id and its parent.

Each walk yields ``(path, parent, node)`` in document order, so that a loop
has the context it needs without writing the goal → task → measure loop and
the path ids by hand:

| walk | yields |
|---|---|
| `walk_goals` | ``(path, goal)`` |
| `walk_tasks` | ``(path, goal, task)`` |
| `walk_measures` | ``(path, task, measure)`` |
| `walk_targets` | ``(path, measure, target)`` |

A loop that needs more than one level (a task, then its measures) takes the
upper walk and builds the lower paths with `path_to_measure` and
`path_to_target`. The walks build ids with the spelling of `._paths` (a test
compares them with ``str(NodePath(...))``) but inline, since they are the hot
loop of every index: each path is one string concatenation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ._nodes import Goal, Measure, Target, Task

if TYPE_CHECKING:
    from ._plan import Plan

__all__ = ["walk_goals", "walk_measures", "walk_targets", "walk_tasks"]


def walk_goals(plan: Plan) -> Iterator[tuple[str, Goal]]:
    """Each goal with its path: ``("g2", goal)``."""
    for goal in plan.goals:
        yield f"g{goal.number}", goal


def walk_tasks(plan: Plan) -> Iterator[tuple[str, Goal, Task]]:
    """Each task with its path and goal: ``("g2/t7", goal, task)``."""
    for goal in plan.goals:
        prefix = f"g{goal.number}/t"
        for task in goal.tasks:
            yield f"{prefix}{task.number}", goal, task


def walk_measures(plan: Plan) -> Iterator[tuple[str, Task, Measure]]:
    """Each measure with its path and task: ``("g2/t7/m3", task, measure)``."""
    for goal in plan.goals:
        goal_prefix = f"g{goal.number}/t"
        for task in goal.tasks:
            prefix = f"{goal_prefix}{task.number}/m"
            for index, measure in enumerate(task.measures, 1):
                yield f"{prefix}{index}", task, measure


def walk_targets(plan: Plan) -> Iterator[tuple[str, Measure, Target]]:
    """Each target with its path and measure: ``("g2/t7/m3/q1", measure, target)``."""
    for goal in plan.goals:
        goal_prefix = f"g{goal.number}/t"
        for task in goal.tasks:
            task_prefix = f"{goal_prefix}{task.number}/m"
            for m_index, measure in enumerate(task.measures, 1):
                if measure.targets:
                    prefix = f"{task_prefix}{m_index}/q"
                    for index, target in enumerate(measure.targets, 1):
                        yield f"{prefix}{index}", measure, target
