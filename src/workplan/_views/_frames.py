"""Plans as pandas DataFrames: one frame per kind of node (the ``pandas`` extra).

`Plan.to_frame` calls `plan_frame`. Every frame is indexed by the node's id
(path id or registry id) and has one row per node, in document order. Target
values become floats so that the column is numeric; deadline dates become
``datetime64`` columns (``NaT`` where a deadline has no date).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..model import (
    Deadline,
    OwnerRef,
    OwnerRole,
    Plan,
    effective_deadline,
    effective_owners,
    path_to_goal,
    walk_measures,
    walk_tasks,
)
from ._tables import join_owners, pandas

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FRAME_COLUMNS", "FRAME_KINDS", "plan_frame"]

FRAME_KINDS: tuple[str, ...] = ("goals", "tasks", "measures", "targets", "owners", "documents")
"""The kinds `Plan.to_frame` accepts (the singular works too)."""

FRAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "goals": ("number", "title", "tasks", "measures", "targets"),
    "tasks": ("goal", "number", "title", "key", "measures", "targets", "lead", "support", "deadline", "due"),
    "measures": ("goal", "task", "text", "targets", "lead", "support", "documents", "deadline", "due"),
    "targets": ("goal", "task", "measure", "metric", "value", "unit", "kind", "qualifier", "text"),
    "owners": ("name", "aliases", "lead", "support", "partner", "oversight"),
    "documents": ("title", "issuer", "drafts", "implements", "revises", "cites"),
}
"""The columns of each frame, after the index."""


def _names(refs: Iterable[OwnerRef], names: dict[str, str], lead: bool) -> str:
    return join_owners(refs, names, lead=lead)


def _due(deadline: Deadline | None) -> Any:
    return None if deadline is None else deadline.end


def _goal_rows(plan: Plan, names: dict[str, str]) -> Iterable[tuple[str, list[Any]]]:
    for goal in plan.goals:
        measures = [measure for task in goal.tasks for measure in task.measures]
        targets = sum(len(measure.targets) for measure in measures)
        yield path_to_goal(goal.number), [goal.number, goal.title, len(goal.tasks), len(measures), targets]


def _task_rows(plan: Plan, names: dict[str, str]) -> Iterable[tuple[str, list[Any]]]:
    for task_id, goal, task in walk_tasks(plan):
        yield (
            task_id,
            [
                path_to_goal(goal.number),
                task.number,
                task.title,
                task.key,
                len(task.measures),
                sum(len(measure.targets) for measure in task.measures),
                _names(task.owners, names, True),
                _names(task.owners, names, False),
                task.deadline.text if task.deadline else "",
                _due(task.deadline),
            ],
        )


def _measure_rows(plan: Plan, names: dict[str, str]) -> Iterable[tuple[str, list[Any]]]:
    for measure_id, task, measure in walk_measures(plan):
        task_id = measure_id.rpartition("/")[0]
        owners = effective_owners(task, measure)
        deadline = effective_deadline(task, measure)
        yield (
            measure_id,
            [
                task_id.partition("/")[0],
                task_id,
                measure.text,
                len(measure.targets),
                _names(owners, names, True),
                _names(owners, names, False),
                ",".join(ref.document for ref in measure.documents),
                deadline.text if deadline else "",
                _due(deadline),
            ],
        )


def _target_rows(plan: Plan, names: dict[str, str]) -> Iterable[tuple[str, list[Any]]]:
    for target_id, target in plan.nodes("target"):
        measure_id, _, _ = target_id.rpartition("/")
        task_id, _, _ = measure_id.rpartition("/")
        yield (
            target_id,
            [
                task_id.partition("/")[0],
                task_id,
                measure_id,
                target.metric,
                float(target.value),
                target.unit,
                target.kind.value,
                target.qualifier.value,
                target.text,
            ],
        )


def _owner_rows(plan: Plan, names: dict[str, str]) -> Iterable[tuple[str, list[Any]]]:
    work: Counter[tuple[str, OwnerRole]] = Counter()
    for goal in plan.goals:
        for task in goal.tasks:
            for ref in (*task.owners, *(ref for measure in task.measures for ref in measure.owners)):
                work[ref.owner, ref.role] += 1
    for owner in plan.owners:
        yield (
            owner.id,
            [
                owner.name,
                "、".join(owner.aliases),
                *(work[owner.id, role] for role in OwnerRole),
            ],
        )


def _document_rows(plan: Plan, names: dict[str, str]) -> Iterable[tuple[str, list[Any]]]:
    uses: Counter[tuple[str, str]] = Counter()
    for _, measure in plan.nodes("measure"):
        for ref in measure.documents:
            uses[ref.document, ref.relation.value] += 1
    for document in plan.documents:
        yield (
            document.id,
            [
                document.title,
                document.issuer,
                *(uses[document.id, relation] for relation in ("drafts", "implements", "revises", "cites")),
            ],
        )


_ROWS: dict[str, Callable[[Plan, dict[str, str]], Iterable[tuple[str, list[Any]]]]] = {
    "goals": _goal_rows,
    "tasks": _task_rows,
    "measures": _measure_rows,
    "targets": _target_rows,
    "owners": _owner_rows,
    "documents": _document_rows,
}


def plan_frame(plan: Plan, kind: str) -> pd.DataFrame:
    """One kind of node of ``plan`` as a DataFrame, indexed by id; see `FRAME_COLUMNS`.

    Args:
        plan: The plan.
        kind: ``goals``, ``tasks``, ``measures``, ``targets``, ``owners`` or ``documents``
            (or the singular).

    Raises:
        ValueError: ``kind`` is none of these.
        MissingExtraError: pandas (the ``pandas`` extra) is not installed.
    """
    key = kind if kind in _ROWS else f"{kind}s"
    if key not in _ROWS:
        raise ValueError(f"unknown frame kind {kind!r}; use one of {', '.join(FRAME_KINDS)}")
    module = pandas()
    names = {owner.id: owner.name for owner in plan.owners}
    ids: list[str] = []
    rows: list[list[Any]] = []
    for node_id, row in _ROWS[key](plan, names):
        ids.append(node_id)
        rows.append(row)
    frame: pd.DataFrame = module.DataFrame(
        rows, columns=list(FRAME_COLUMNS[key]), index=module.Index(ids, name="id", dtype=object)
    )
    if "due" in frame.columns:
        frame["due"] = module.to_datetime(frame["due"])
    if key == "targets":
        frame["value"] = frame["value"].astype("float64")
    return frame
