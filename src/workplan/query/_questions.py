"""Graph questions: an owner's work and workload, what depends on a node, a goal's chain of owners."""

from __future__ import annotations

from collections import deque
from typing import Any

from ..model import OwnerRole, Plan, effective_owners, path_to_measure, path_to_task
from ._index import all_matches, owner_index
from ._select import Query, QueryError, _enum, _text_of, resolve_owners
from ._table import Table

__all__ = ["chain", "dependents", "owner_work", "workload"]


def owner_work(plan: Plan, owner: str, role: OwnerRole | str | None = None) -> Table:
    """Every task and measure ``owner`` leads or supports, in document order.

    ``owner`` is an id, a name, an alias or part of a name. Measures that name
    no owner inherit their task's, and show ``inherited=True``. With ``role``,
    only work in that role. Columns: path, kind, owner, role, inherited, text.
    """
    wanted = None if role is None else _enum(OwnerRole, role, "role")
    index = owner_index(plan)
    order = {match.path: position for position, match in enumerate(all_matches(plan))}
    rows: list[dict[str, Any]] = []
    for found in resolve_owners(plan, owner):
        for assignment in index.assignments.get(found.id, ()):
            if wanted is None or assignment.role is wanted:
                node = plan.get(assignment.path)
                rows.append(
                    {
                        "path": assignment.path,
                        "kind": "measure" if "/m" in assignment.path else "task",
                        "owner": found.name,
                        "role": assignment.role.value,
                        "inherited": assignment.inherited,
                        "text": _text_of(node),
                    }
                )
    rows.sort(key=lambda row: order.get(row["path"], len(order)))
    return Table(columns=("path", "kind", "owner", "role", "inherited", "text"), rows=tuple(rows))


def dependents(plan: Plan, node_id: str, *, transitive: bool = True) -> Query:
    """What depends on ``node_id`` through the plan's dependencies, directly or (by default) transitively.

    The result is a `Query` in document order. Dependencies whose ends do not
    exist are skipped (``check()`` reports them). Raise `NodeNotFoundError` for
    an unknown id.
    """
    plan.get(node_id)
    depended_on_by: dict[str, set[str]] = {}
    for dependency in plan.dependencies:
        if dependency.source in plan and dependency.target in plan:
            depended_on_by.setdefault(dependency.target, set()).add(dependency.source)
    found: set[str] = set()
    queue = deque([node_id])
    while queue:
        for source in depended_on_by.get(queue.popleft(), ()):
            if source not in found:
                found.add(source)
                if transitive:
                    queue.append(source)
    found.discard(node_id)  # a node in a cycle depends on itself; report it as a cycle, not here
    return Query.of(plan)._keep_paths(found)


def chain(plan: Plan, goal: str) -> Table:
    """From a goal down to its owners: one row per task, measure and owner that applies.

    ``via`` says where the owner comes from: ``measure`` (named there),
    ``task`` (inherited from the task) or ``issuer`` (nobody is named, so the
    plan's issuer owns it). Columns: goal, task, measure, owner, name, role, via.
    """
    if goal.count("/") != 0 or goal.startswith(("o", "d")):
        raise QueryError(f"expected a goal path such as g2, got {goal!r}")
    node = plan.get(goal)
    names = {owner.id: owner.name for owner in plan.owners}
    rows: list[dict[str, Any]] = []
    for task in node.tasks:  # type: ignore[union-attr]
        task_path = path_to_task(goal, task.number)
        for m_index, measure in enumerate(task.measures, 1):
            measure_path = path_to_measure(task_path, m_index)
            refs, via = effective_owners(task, measure), ("measure" if measure.owners else "task")
            if not refs:
                rows.append(
                    _chain_row(goal, task_path, measure_path, None, plan.issuer or "", "lead", "issuer")
                )
            for ref in refs:
                rows.append(
                    _chain_row(
                        goal,
                        task_path,
                        measure_path,
                        ref.owner,
                        names.get(ref.owner, ""),
                        ref.role.value,
                        via,
                    )
                )
        if not task.measures:
            for ref in task.owners:
                rows.append(
                    _chain_row(
                        goal, task_path, None, ref.owner, names.get(ref.owner, ""), ref.role.value, "task"
                    )
                )
    return Table(columns=("goal", "task", "measure", "owner", "name", "role", "via"), rows=tuple(rows))


def _chain_row(
    goal: str, task: str, measure: str | None, owner: str | None, name: str, role: str, via: str
) -> dict[str, Any]:
    return {
        "goal": goal,
        "task": task,
        "measure": measure,
        "owner": owner,
        "name": name,
        "role": role,
        "via": via,
    }


def workload(plan: Plan, owner: str | None = None) -> Table:
    """Each owner's work per goal: tasks, measures named, measures inherited, targets, and leads.

    One row per owner and goal where the owner has work, owners in registry
    order and goals in plan order; with ``owner``, only that owner's rows.
    Columns: owner, name, goal, tasks, measures, inherited, targets, leads.
    """
    index = owner_index(plan)
    owners = resolve_owners(plan, owner) if owner is not None else list(plan.owners)
    rows: list[dict[str, Any]] = []
    for found in owners:
        per_goal: dict[str, dict[str, Any]] = {}
        for assignment in index.assignments.get(found.id, ()):
            goal = assignment.path.split("/", 1)[0]
            row = per_goal.setdefault(
                goal,
                {
                    "owner": found.id,
                    "name": found.name,
                    "goal": goal,
                    "tasks": 0,
                    "measures": 0,
                    "inherited": 0,
                    "targets": 0,
                    "leads": 0,
                },
            )
            if "/m" in assignment.path:
                row["inherited" if assignment.inherited else "measures"] += 1
                row["targets"] += len(plan.get(assignment.path).targets)  # type: ignore[union-attr]
            else:
                row["tasks"] += 1
            if assignment.role is OwnerRole.LEAD:
                row["leads"] += 1
        rows.extend(sorted(per_goal.values(), key=lambda row: int(row["goal"][1:])))
    return Table(
        columns=("owner", "name", "goal", "tasks", "measures", "inherited", "targets", "leads"),
        rows=tuple(rows),
    )
