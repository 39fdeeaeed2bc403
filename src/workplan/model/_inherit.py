"""The inheritance rules: which owners and which deadline apply to a task, measure or target.

A plan states owners and deadlines once, high up, and lets the work below
inherit them. These functions are the rules, written once; queries, checks,
tables and the graph ask them rather than repeating them.

- **Owners.** A measure that names no owner has its task's; a target has its
  measure's. A task has its own (and, when it names none, the plan's issuer
  owns it by default: no `OwnerRef` stands for that).
- **Deadlines.** A measure without a deadline has its task's, and a task
  without one is due within the plan's year: `effective_deadline` gives the
  stated `Deadline` that applies (None: the plan's year). `effective_due`
  resolves that to dates: a deadline with no dates (每学期) keeps its wording but
  takes the dates it falls back on, and one with a start and no end ends when
  the fallback ends.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from ._memo import MemoKey, memo
from ._nodes import Deadline, Measure, OwnerRef, Task

if TYPE_CHECKING:
    from ._plan import Plan

__all__ = [
    "Due",
    "dues",
    "effective_deadline",
    "effective_due",
    "effective_owners",
    "inherit_due",
    "plan_due",
]


class Due(NamedTuple):
    """When a task, measure or target is due after inheritance: dates and the wording they come from."""

    start: dt.date | None
    """First day, where known."""
    end: dt.date | None
    """Last day, where known."""
    text: str
    """The wording of the deadline that applies (``2020年`` for the plan's year; empty without one)."""


def effective_owners(task: Task, measure: Measure | None = None) -> tuple[OwnerRef, ...]:
    """The owners of ``measure`` (or of ``task`` alone): its own, or else its task's.

    A target's owners are its measure's: ``effective_owners(task, measure)``.
    """
    if measure is not None and measure.owners:
        return measure.owners
    return task.owners


def effective_deadline(task: Task, measure: Measure | None = None) -> Deadline | None:
    """The stated deadline that applies to ``measure`` (or ``task``): its own, else its task's.

    None means the work is due within the plan's year; `effective_due` gives the dates.
    """
    if measure is not None and measure.deadline is not None:
        return measure.deadline
    return task.deadline


def plan_due(plan: Plan) -> Due:
    """The plan's own period: its year, 1 January to 31 December; no dates when it has no year."""
    if plan.year is None:
        return Due(None, None, "")
    return Due(dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31), f"{plan.year}年")


def inherit_due(deadline: Deadline | None, fallback: Due) -> Due:
    """The `Due` of a node whose own deadline is ``deadline`` and whose parent's is ``fallback``.

    No deadline: the fallback. A deadline without dates (每学期): its wording with
    the fallback's dates. A dated one: its dates, ending when the fallback ends
    if it states no end.
    """
    if deadline is None:
        return fallback
    start, end = deadline.start, deadline.end
    if start is None and end is None:
        return fallback if fallback.end is None else Due(fallback.start, fallback.end, deadline.text)
    return Due(start, end if end is not None else fallback.end, deadline.text)


def effective_due(plan: Plan, task: Task, measure: Measure | None = None) -> Due:
    """When ``measure`` (or ``task`` alone) is due after inheritance from its task and the plan's year.

    A target is due when its measure is. For every node of a plan at once, use
    the memoised `dues`.
    """
    due = inherit_due(task.deadline, plan_due(plan))
    return due if measure is None else inherit_due(measure.deadline, due)


DUES: MemoKey[dict[str, Due]] = MemoKey("model.dues")


def dues(plan: Plan) -> dict[str, Due]:
    """The `Due` of every goal, task, measure and target, by path id; built once and kept on the plan.

    Where two nodes share a path (`check()` reports it), the first one's applies.
    Treat the result as read-only: it is shared.
    """
    return memo(plan, DUES, _build_dues)


def _build_dues(plan: Plan) -> dict[str, Due]:
    found: dict[str, Due] = {}
    default = plan_due(plan)
    for goal in plan.goals:
        goal_path = f"g{goal.number}"
        found.setdefault(goal_path, default)
        for task in goal.tasks:
            task_path = f"{goal_path}/t{task.number}"
            task_due = inherit_due(task.deadline, default)
            found.setdefault(task_path, task_due)
            for m_index, measure in enumerate(task.measures, 1):
                measure_path = f"{task_path}/m{m_index}"
                measure_due = inherit_due(measure.deadline, task_due)
                found.setdefault(measure_path, measure_due)
                for q_index in range(1, len(measure.targets) + 1):
                    found.setdefault(f"{measure_path}/q{q_index}", measure_due)
    return found
