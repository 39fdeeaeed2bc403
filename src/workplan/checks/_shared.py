"""One walk per plan that every built-in rule reads, kept as parallel columns.

Each rule used to walk the plan itself: twenty rules, a dozen walks over every
task and measure, each making a tuple per node. `columns` walks the plan once,
the first time a rule asks, and keeps what the rules read as plain lists side by
side (``task_paths[i]`` is the path of ``tasks[i]``). A list of a hundred
thousand references is one object for the garbage collector, where a tuple per
node is a hundred thousand, so the walk stays linear at scale.

Guarantees:

- every column is in document order (goals, tasks, then measures within a task),
  the order the rules report in;
- paths are spelled by `workplan.model`'s ``path_to_*`` builders, and a
  measure's path is built only when a column needs it;
- the columns are built once per plan and kept in its cache (a plan is
  immutable, so they never go stale).
"""

from __future__ import annotations

from ..model import (
    Deadline,
    DocumentRef,
    MemoKey,
    Plan,
    Target,
    Task,
    memo,
    path_to_goal,
    path_to_measure,
    path_to_target,
    path_to_task,
)

__all__ = ["Columns", "columns"]


class Columns:
    """What the rules read of a plan, as parallel lists in document order."""

    __slots__ = (
        "deadline_paths",
        "deadline_tasks",
        "deadlines",
        "owner_ids",
        "reference_paths",
        "references",
        "target_paths",
        "targets",
        "task_owned",
        "task_paths",
        "task_targeted",
        "tasks",
    )

    def __init__(self) -> None:
        self.tasks: list[Task] = []
        """Every task."""
        self.task_paths: list[str] = []
        """The path of each task: ``g2/t7``."""
        self.task_owned: list[bool] = []
        """Whether some measure of each task names an owner."""
        self.task_targeted: list[bool] = []
        """Whether some measure of each task has a target."""
        self.owner_ids: set[str] = set()
        """Every owner id a task or measure refers to."""
        self.targets: list[Target] = []
        """Every target."""
        self.target_paths: list[str] = []
        """The path of each target: ``g2/t7/m3/q1``."""
        self.deadlines: list[Deadline] = []
        """Each deadline a task or measure states itself: a task's first, then its measures'."""
        self.deadline_paths: list[str] = []
        """The path of the task or measure that states each deadline."""
        self.deadline_tasks: list[int] = []
        """For each deadline, the position in `tasks` of its task (or of the task that holds its measure)."""
        self.references: list[DocumentRef] = []
        """Every document reference of a measure."""
        self.reference_paths: list[str] = []
        """The path of the measure that makes each reference."""


_COLUMNS: MemoKey[Columns] = MemoKey("checks.columns")


def columns(plan: Plan) -> Columns:
    """The plan's `Columns`: walked on first use, kept in the plan's cache after that."""
    return memo(plan, _COLUMNS, _walk)


def _walk(plan: Plan) -> Columns:
    found = Columns()
    tasks, task_paths = found.tasks, found.task_paths
    task_owned, task_targeted = found.task_owned, found.task_targeted
    add_owner = found.owner_ids.add
    targets, target_paths = found.targets, found.target_paths
    deadlines, deadline_paths, deadline_tasks = found.deadlines, found.deadline_paths, found.deadline_tasks
    references, reference_paths = found.references, found.reference_paths
    for goal in plan.goals:
        goal_path = path_to_goal(goal.number)
        for task in goal.tasks:
            position = len(tasks)
            task_path = path_to_task(goal_path, task.number)
            tasks.append(task)
            task_paths.append(task_path)
            for ref in task.owners:
                add_owner(ref.owner)
            if task.deadline is not None:
                deadlines.append(task.deadline)
                deadline_paths.append(task_path)
                deadline_tasks.append(position)
            owned = targeted = False
            index = 0
            for measure in task.measures:
                index += 1
                if measure.owners:
                    owned = True
                    for ref in measure.owners:
                        add_owner(ref.owner)
                # Most measures have no target, document or deadline: no path is built for them.
                if not measure.targets and not measure.documents and measure.deadline is None:
                    continue
                measure_path = path_to_measure(task_path, index)
                if measure.targets:
                    targeted = True
                    for number, target in enumerate(measure.targets, 1):
                        targets.append(target)
                        target_paths.append(path_to_target(measure_path, number))
                if measure.deadline is not None:
                    deadlines.append(measure.deadline)
                    deadline_paths.append(measure_path)
                    deadline_tasks.append(position)
                for reference in measure.documents:
                    references.append(reference)
                    reference_paths.append(measure_path)
            task_owned.append(owned)
            task_targeted.append(targeted)
    return found
