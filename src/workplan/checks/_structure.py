"""Structure rules (WP1xx): duplicate ids, numbering, empty goals and tasks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..model import Plan, path_to_goal, walk_goals
from ._finding import Finding, Severity
from ._registry import rule
from ._shared import columns

_ZH_KINDS = {"owner": "单位", "document": "文件", "goal": "目标", "task": "任务"}
"""What the messages call each kind of node, in Chinese."""


@rule("WP101", "duplicate-id", Severity.ERROR)
def duplicate_id(plan: Plan) -> Iterator[Finding]:
    """Two owners, two documents or two tasks share an id or key."""
    for label, ids in (
        ("owner", [owner.id for owner in plan.owners]),
        ("document", [document.id for document in plan.documents]),
    ):
        for node_id, count in Counter(ids).items():
            if count > 1:
                yield duplicate_id.finding(
                    node_id,
                    f"{count} {label}s have the id {node_id!r}",
                    zh=f"{count} 个{_ZH_KINDS.get(label, label)}的编号都是 {node_id!r}",
                )
    seen: dict[str, str] = {}
    walked = columns(plan)
    for path, task in zip(walked.task_paths, walked.tasks):
        if task.key is None:
            continue
        if task.key in seen:
            yield duplicate_id.finding(
                path,
                f"task key {task.key!r} is already used by {seen[task.key]}",
                task.span,
                zh=f"任务键 {task.key!r} 已被 {seen[task.key]} 使用",
            )
        else:
            seen[task.key] = path


def _numbering(numbers: list[int], what: str) -> Iterator[tuple[int, str, str]]:
    """(position, problem, the problem in Chinese) for each gap or repeat in a run 1, 2, 3, …"""
    zh = _ZH_KINDS[what]
    expected = 1
    seen: set[int] = set()
    for position, number in enumerate(numbers):
        if number in seen:
            yield position, f"{what} number {number} is used twice", f"{zh}序号 {number} 重复使用"
        elif number > expected:
            missing = f"{expected}" if number == expected + 1 else f"{expected}-{number - 1}"
            yield (
                position,
                f"{what} {missing} is missing before {what} {number}",
                f"{zh} {number} 之前缺少{zh} {missing}",
            )
        elif number < expected:
            yield (
                position,
                f"{what} number {number} comes after {what} {expected - 1}",
                f"{zh}序号 {number} 出现在{zh} {expected - 1} 之后",
            )
        seen.add(number)
        expected = max(expected, number + 1)


@rule("WP102", "goal-numbering", Severity.WARNING)
def goal_numbering(plan: Plan) -> Iterator[Finding]:
    """Goal numbers skip a number, repeat, or go backwards."""
    for position, problem, zh in _numbering([goal.number for goal in plan.goals], "goal"):
        goal = plan.goals[position]
        yield goal_numbering.finding(path_to_goal(goal.number), problem, goal.span, zh=zh)


@rule("WP103", "task-numbering", Severity.WARNING)
def task_numbering(plan: Plan) -> Iterator[Finding]:
    """Task numbers skip a number or repeat, whether they run on across goals or restart in each."""
    goals = [goal for goal in plan.goals if goal.tasks]
    restarts = len(goals) > 1 and all(goal.tasks[0].number == 1 for goal in goals)
    walked = columns(plan)
    tasks, paths = walked.tasks, walked.task_paths
    # The shared walk holds every task in document order, so the runs are slices of it.
    bounds = [0]
    if restarts:
        for goal in goals:
            bounds.append(bounds[-1] + len(goal.tasks))
    else:
        bounds.append(len(tasks))
    for start, end in zip(bounds, bounds[1:]):
        for position, problem, zh in _numbering([task.number for task in tasks[start:end]], "task"):
            task = tasks[start + position]
            yield task_numbering.finding(paths[start + position], problem, task.span, zh=zh)


@rule("WP104", "empty-goal", Severity.WARNING)
def empty_goal(plan: Plan) -> Iterator[Finding]:
    """A goal has no tasks."""
    for path, goal in walk_goals(plan):
        if not goal.tasks:
            yield empty_goal.finding(
                path, f"goal {goal.title!r} has no tasks", goal.span, zh=f"目标“{goal.title}”下没有任务"
            )


@rule("WP105", "empty-task", Severity.WARNING)
def empty_task(plan: Plan) -> Iterator[Finding]:
    """A task has no measures."""
    walked = columns(plan)
    for path, task in zip(walked.task_paths, walked.tasks):
        if not task.measures:
            yield empty_task.finding(
                path, f"task {task.title!r} has no measures", task.span, zh=f"任务“{task.title}”下没有措施"
            )
