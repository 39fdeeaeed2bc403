"""The SMART summary: is each task specific, measurable, assignable and time-bound?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Plan, walk_tasks

if TYPE_CHECKING:
    from ..query import Table

__all__ = ["smart"]

_COLUMNS = (
    "path",
    "title",
    "specific",
    "measurable",
    "assignable",
    "time_bound",
    "deadline_from",
    "score",
    "missing",
)


def smart(plan: Plan) -> Table:
    """One row per task: Specific (has measures), Measurable (has a target), Assignable (has an
    owner, on the task or a measure), Time-bound (has a deadline, or inherits the plan's year).

    ``deadline_from`` is ``task``, ``measure``, ``plan`` or empty; ``score`` counts the
    letters met (0-4); ``missing`` lists the letters not met, such as ``MA``.
    """
    from ..query import Table  # here, not at the top: `import workplan.checks` needs no query code

    rows = []
    for path, _, task in walk_tasks(plan):
        specific = bool(task.measures)
        measurable = any(measure.targets for measure in task.measures)
        assignable = bool(task.owners) or any(measure.owners for measure in task.measures)
        if task.deadline is not None:
            deadline_from = "task"
        elif any(measure.deadline is not None for measure in task.measures):
            deadline_from = "measure"
        elif plan.year is not None:
            deadline_from = "plan"
        else:
            deadline_from = ""
        met = {"S": specific, "M": measurable, "A": assignable, "T": bool(deadline_from)}
        rows.append(
            {
                "path": path,
                "title": task.title,
                "specific": specific,
                "measurable": measurable,
                "assignable": assignable,
                "time_bound": bool(deadline_from),
                "deadline_from": deadline_from,
                "score": sum(met.values()),
                "missing": "".join(letter for letter, ok in met.items() if not ok),
            }
        )
    return Table(columns=_COLUMNS, rows=tuple(rows))
