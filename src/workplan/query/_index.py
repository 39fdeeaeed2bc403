"""Indexes that queries and checks share, built once per plan and cached on it.

Each is kept on the plan with `workplan.model.memo` under a ``query.`` key; a
plan is immutable, so an index never goes stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..model import (
    Due,
    MemoKey,
    Node,
    OwnerRef,
    OwnerRole,
    Plan,
    dues,
    kind_of,
    memo,
    memo_peek,
    path_to_goal,
    path_to_measure,
    path_to_target,
    path_to_task,
)

# The rule, aliased: this module's effective_owners(plan, path) looks its result up by path.
from ..model import effective_owners as _inherited_owners

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
    return memo(plan, ALL_MATCHES, _build_all_matches)


ALL_MATCHES: MemoKey[tuple[Match, ...]] = MemoKey("query.all")


def _build_all_matches(plan: Plan) -> tuple[Match, ...]:
    return tuple(Match(path, node, kind_of(node)) for path, node in plan.walk())


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
    return memo(plan, OWNER_INDEX, _build_owner_index)


OWNER_INDEX: MemoKey[_OwnerIndex] = MemoKey("query.owner_index")


def _build_owner_index(plan: Plan) -> _OwnerIndex:
    paths: dict[tuple[str, OwnerRole | None], set[str]] = {}
    assignments: dict[str, list[Assignment]] = {}
    effective: dict[str, tuple[OwnerRef, ...]] = {}

    def add(owner: str, role: OwnerRole, *found: str) -> None:
        for key in ((owner, role), (owner, None)):
            bucket = paths.get(key)
            if bucket is None:
                bucket = paths[key] = {owner}
            bucket.update(found)

    _fill_owner_index(plan, add, assignments, effective)
    return _OwnerIndex(paths, assignments, effective)


def _fill_owner_index(
    plan: Plan,
    add: Callable[..., None],
    assignments: dict[str, list[Assignment]],
    effective: dict[str, tuple[OwnerRef, ...]],
) -> None:
    for goal in plan.goals:
        goal_path = path_to_goal(goal.number)
        for task in goal.tasks:
            task_path = path_to_task(goal_path, task.number)
            effective[task_path] = task.owners
            for ref in task.owners:
                add(ref.owner, ref.role, goal_path, task_path)
                assignments.setdefault(ref.owner, []).append(
                    Assignment(ref.owner, task_path, ref.role, False)
                )
            # Gather each (owner, role)'s paths in this task first: one set update per task, not per measure.
            found: dict[tuple[str, OwnerRole], list[str]] = {}
            for m_index, measure in enumerate(task.measures, 1):
                measure_path = path_to_measure(task_path, m_index)
                named = measure.owners
                refs = _inherited_owners(task, measure)
                effective[measure_path] = refs
                if not refs:
                    continue
                paths = [measure_path]
                if measure.targets:
                    for q_index in range(1, len(measure.targets) + 1):
                        target_path = path_to_target(measure_path, q_index)
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


def due_index(plan: Plan) -> dict[str, Due]:
    """Effective `Due` ``(start, end, wording)`` for each goal, task, measure and target.

    The model's `workplan.model.dues`: a measure without a dated deadline takes
    its task's, and a task without one takes the plan's year; a recurring
    deadline (每学期) without dates recurs within the plan's year.
    """
    return dues(plan)


_ALL = frozenset({"goal", "task", "measure", "target", "owner", "document"})
_KIND_MATCHES: MemoKey[dict[frozenset[str], tuple[Match, ...]]] = MemoKey("query.kinds")
_OWNER_MATCHES: MemoKey[dict[tuple[str, OwnerRole | None, frozenset[str]], tuple[Match, ...]]] = MemoKey(
    "query.owner_matches"
)


def kind_matches(plan: Plan, kinds: frozenset[str]) -> tuple[Match, ...]:
    """Every node of these kinds, in document order; one tuple per kind set, cached.

    The tuple is the same object on every call, so that `selection_kinds` can
    tell a whole-kind selection from a filtered one by identity, in O(1).
    """
    if kinds == _ALL:
        return all_matches(plan)
    by_kinds = memo(plan, _KIND_MATCHES, lambda _: {})
    found = by_kinds.get(kinds)
    if found is None:
        found = by_kinds[kinds] = tuple(match for match in all_matches(plan) if match.kind in kinds)
    return found


def selection_kinds(plan: Plan, matches: tuple[Match, ...]) -> frozenset[str] | None:
    """The kinds when ``matches`` is a whole-kind selection from `kind_matches`; None for any other."""
    if matches is memo_peek(plan, ALL_MATCHES):
        return _ALL
    for kinds, found in (memo_peek(plan, _KIND_MATCHES) or {}).items():
        if found is matches:
            return kinds
    return None


def owner_matches(plan: Plan, owner: str, role: OwnerRole | None, kinds: frozenset[str]) -> tuple[Match, ...]:
    """The nodes of ``kinds`` that owner id ``owner`` works on (in ``role``), in document order; cached.

    The first call for an owner filters the plan's nodes once; later calls are a
    dictionary lookup, so a warm query by owner does not depend on the plan's size.
    """
    cache = memo(plan, _OWNER_MATCHES, lambda _: {})
    key = (owner, role, kinds)
    found = cache.get(key)
    if found is None:
        paths = owner_index(plan).paths.get((owner, role), {owner} if role is None else set())
        found = cache[key] = tuple(match for match in kind_matches(plan, kinds) if match.path in paths)
    return found
