"""Indexes that queries and checks share, built once per plan and cached on it.

Each lives in ``plan._cache`` under a ``query.`` key; a plan is immutable, so
an index never goes stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from .._util import gc_paused as _bulk
from ..model import Measure, OwnerRef, OwnerRole, Plan, Task
from ..model._plan import Node, kind_of

__all__ = [
    "Assignment",
    "Match",
    "all_matches",
    "due_index",
    "effective_owners",
    "kind_matches",
    "owner_index",
    "owner_matches",
    "selection_kinds",
]


class Match(NamedTuple):
    """A selected node with its path (or registry id) and kind; unpacks as ``path, node, kind``."""

    path: str
    """The path id (``g2/t7/m3``) or registry id (``o4``, ``d12``)."""
    node: Node
    """The model object itself."""
    kind: str
    """``goal``, ``task``, ``measure``, ``target``, ``owner`` or ``document``."""


class Assignment(NamedTuple):
    """One owner's part in a task or measure: the role, and whether the measure inherits it."""

    owner: str
    """The owner's registry id."""
    path: str
    """The task or measure."""
    role: OwnerRole
    """Lead, support, partner or oversight."""
    inherited: bool
    """True for a measure that names no owner and so takes its task's."""


def all_matches(plan: Plan) -> tuple[Match, ...]:
    """Every node of the plan as a `Match`, in document order, then owners, then documents."""
    found: tuple[Match, ...] | None = plan._cache.get("query.all")
    if found is None:
        found = plan._cache["query.all"] = tuple(
            Match(path, node, kind_of(node)) for path, node in plan.walk()
        )
    return found


class _OwnerIndex(NamedTuple):
    paths: dict[tuple[str, OwnerRole | None], set[str]]
    assignments: dict[str, list[Assignment]]
    effective: dict[str, tuple[OwnerRef, ...]]


def owner_index(plan: Plan) -> _OwnerIndex:
    """Which paths each owner works on, by role, with measures inheriting their task's owners.

    ``paths[(owner_id, role)]`` and ``paths[(owner_id, None)]`` hold the goals,
    tasks, measures and targets the owner works on, the documents its measures
    reference, and its own registry id. ``effective[path]`` is the owner refs of
    a task, measure or target after inheritance.
    """
    index: _OwnerIndex | None = plan._cache.get("query.owner_index")
    if index is not None:
        return index
    paths: dict[tuple[str, OwnerRole | None], set[str]] = {}
    assignments: dict[str, list[Assignment]] = {}
    effective: dict[str, tuple[OwnerRef, ...]] = {}

    def add(owner: str, role: OwnerRole, *found: str) -> None:
        for key in ((owner, role), (owner, None)):
            bucket = paths.get(key)
            if bucket is None:
                bucket = paths[key] = {owner}
            bucket.update(found)

    with _bulk():
        _fill_owner_index(plan, add, assignments, effective)
    index = plan._cache["query.owner_index"] = _OwnerIndex(paths, assignments, effective)
    return index


def _fill_owner_index(
    plan: Plan,
    add: Callable[..., None],
    assignments: dict[str, list[Assignment]],
    effective: dict[str, tuple[OwnerRef, ...]],
) -> None:
    for goal in plan.goals:
        goal_path = f"g{goal.number}"
        for task in goal.tasks:
            task_path = f"{goal_path}/t{task.number}"
            effective[task_path] = task.owners
            for ref in task.owners:
                add(ref.owner, ref.role, goal_path, task_path)
                assignments.setdefault(ref.owner, []).append(
                    Assignment(ref.owner, task_path, ref.role, False)
                )
            # Gather each (owner, role)'s paths in this task first: one set update per task, not per measure.
            found: dict[tuple[str, OwnerRole], list[str]] = {}
            for m_index, measure in enumerate(task.measures, 1):
                measure_path = f"{task_path}/m{m_index}"
                named = measure.owners
                refs = named or task.owners
                effective[measure_path] = refs
                if not refs:
                    continue
                paths = [measure_path]
                if measure.targets:
                    for q_index in range(1, len(measure.targets) + 1):
                        target_path = f"{measure_path}/q{q_index}"
                        effective[target_path] = refs
                        paths.append(target_path)
                if measure.documents:
                    paths.extend(ref.document for ref in measure.documents)
                for ref in refs:
                    bucket = found.get((ref.owner, ref.role))
                    if bucket is None:
                        found[(ref.owner, ref.role)] = paths.copy()
                    else:
                        bucket.extend(paths)
                    assignments.setdefault(ref.owner, []).append(
                        Assignment(ref.owner, measure_path, ref.role, not named)
                    )
            for (owner, role), paths in found.items():
                add(owner, role, goal_path, task_path, *paths)


def effective_owners(plan: Plan, path: str) -> tuple[OwnerRef, ...]:
    """The owner refs of a task, measure or target after inheritance; () for anything else."""
    return owner_index(plan).effective.get(path, ())


def plan_period(plan: Plan) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the plan's year, or None when the plan has no year."""
    if plan.year is None:
        return None
    return dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)


def due_index(plan: Plan) -> dict[str, tuple[dt.date | None, dt.date | None, str]]:
    """Effective ``(start, end, wording)`` for each goal, task, measure and target.

    A measure without a dated deadline takes its task's, and a task without one
    takes the plan's year; a recurring deadline (每学期) without dates recurs
    within the plan's year. The wording is that of the deadline that applies.
    """
    index: dict[str, tuple[dt.date | None, dt.date | None, str]] | None = plan._cache.get("query.due_index")
    if index is not None:
        return index
    period = plan_period(plan)
    default = (period[0], period[1], f"{plan.year}年") if period else (None, None, "")
    index = {}
    with _bulk():
        _fill_due_index(plan, index, default)
    plan._cache["query.due_index"] = index
    return index


def _fill_due_index(
    plan: Plan,
    index: dict[str, tuple[dt.date | None, dt.date | None, str]],
    default: tuple[dt.date | None, dt.date | None, str],
) -> None:
    for goal in plan.goals:
        goal_path = f"g{goal.number}"
        index.setdefault(goal_path, default)
        for task in goal.tasks:
            task_path = f"{goal_path}/t{task.number}"
            task_due = _due(task, default)
            index.setdefault(task_path, task_due)
            for m_index, measure in enumerate(task.measures, 1):
                measure_path = f"{task_path}/m{m_index}"
                measure_due = _due(measure, task_due)
                index.setdefault(measure_path, measure_due)
                for q_index in range(1, len(measure.targets) + 1):
                    index.setdefault(f"{measure_path}/q{q_index}", measure_due)


def _due(
    node: Task | Measure, fallback: tuple[dt.date | None, dt.date | None, str]
) -> tuple[dt.date | None, dt.date | None, str]:
    deadline = node.deadline
    if deadline is None or (deadline.start is None and deadline.end is None):
        if deadline is not None and fallback[1] is not None:
            return (fallback[0], fallback[1], deadline.text)
        return fallback
    return (deadline.start, deadline.end if deadline.end is not None else fallback[1], deadline.text)


_ALL = frozenset({"goal", "task", "measure", "target", "owner", "document"})


def kind_matches(plan: Plan, kinds: frozenset[str]) -> tuple[Match, ...]:
    """Every node of these kinds, in document order; one tuple per kind set, cached.

    The tuple is the same object on every call, so that `selection_kinds` can
    tell a whole-kind selection from a filtered one by identity, in O(1).
    """
    if kinds == _ALL:
        return all_matches(plan)
    by_kinds: dict[frozenset[str], tuple[Match, ...]] = plan._cache.setdefault("query.kinds", {})
    found = by_kinds.get(kinds)
    if found is None:
        found = by_kinds[kinds] = tuple(match for match in all_matches(plan) if match.kind in kinds)
    return found


def selection_kinds(plan: Plan, matches: tuple[Match, ...]) -> frozenset[str] | None:
    """The kinds when ``matches`` is a whole-kind selection from `kind_matches`; None for any other."""
    if matches is plan._cache.get("query.all"):
        return _ALL
    for kinds, found in plan._cache.get("query.kinds", {}).items():
        if found is matches:
            return kinds  # type: ignore[no-any-return]
    return None


def owner_matches(plan: Plan, owner: str, role: OwnerRole | None, kinds: frozenset[str]) -> tuple[Match, ...]:
    """The nodes of ``kinds`` that owner id ``owner`` works on (in ``role``), in document order; cached.

    The first call for an owner filters the plan's nodes once; later calls are a
    dictionary lookup, so a warm query by owner does not depend on the plan's size.
    """
    cache: dict[tuple[str, OwnerRole | None, frozenset[str]], tuple[Match, ...]]
    cache = plan._cache.setdefault("query.owner_matches", {})
    key = (owner, role, kinds)
    found = cache.get(key)
    if found is None:
        paths = owner_index(plan).paths.get((owner, role), {owner} if role is None else set())
        found = cache[key] = tuple(match for match in kind_matches(plan, kinds) if match.path in paths)
    return found
