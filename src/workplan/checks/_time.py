"""Time rules (WP4xx): deadlines outside the plan's period, inverted, or before what they depend on."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Deadline, Plan, dues, plan_due
from ._finding import Finding, Severity
from ._registry import rule
from ._shared import columns


def _deadlines(plan: Plan) -> Iterator[tuple[str, Deadline]]:
    """Each deadline a task or measure states itself, with the path of its holder."""
    walked = columns(plan)
    return zip(walked.deadline_paths, walked.deadlines)


@rule("WP401", "deadline-outside-period", Severity.WARNING)
def deadline_outside_period(plan: Plan) -> Iterator[Finding]:
    """A deadline ends before the plan's year begins or after it ends."""
    first, last, _ = plan_due(plan)
    if first is None or last is None:
        return
    for path, deadline in _deadlines(plan):
        end = deadline.end or deadline.start
        if end is not None and not first <= end <= last:
            yield deadline_outside_period.finding(
                path,
                f"deadline {deadline.text!r} ends {end.isoformat()}, outside the plan's year {plan.year}",
                deadline.span,
                zh=f"时限“{deadline.text}”止于 {end.isoformat()}，超出计划年度 {plan.year} 年",
            )


@rule("WP402", "deadline-ends-before-start", Severity.ERROR)
def deadline_ends_before_start(plan: Plan) -> Iterator[Finding]:
    """A deadline ends before it starts (constructors refuse this; plans built without validators may not)."""
    for path, deadline in _deadlines(plan):
        if deadline.start is not None and deadline.end is not None and deadline.end < deadline.start:
            yield deadline_ends_before_start.finding(
                path,
                f"deadline {deadline.text!r} ends {deadline.end.isoformat()}, "
                f"before it starts {deadline.start.isoformat()}",
                deadline.span,
                zh=f"时限“{deadline.text}”止于 {deadline.end.isoformat()}，"
                f"早于其开始 {deadline.start.isoformat()}",
            )


@rule("WP403", "due-before-dependency", Severity.WARNING)
def due_before_dependency(plan: Plan) -> Iterator[Finding]:
    """Work is due before something it depends on is due."""
    if not plan.dependencies:
        return
    due = dues(plan)
    for dependency in plan.dependencies:
        source, target = due.get(dependency.source), due.get(dependency.target)
        if source is None or target is None or source[1] is None or target[1] is None:
            continue
        if source[1] < target[1]:
            yield due_before_dependency.finding(
                dependency.source,
                f"due {source[1].isoformat()}, before {dependency.target} that it {dependency.kind} "
                f"(due {target[1].isoformat()})",
                zh=f"完成时限 {source[1].isoformat()}，早于其所依赖（{dependency.kind}）的 "
                f"{dependency.target}（时限 {target[1].isoformat()}）",
            )


@rule("WP404", "measure-after-task-deadline", Severity.WARNING)
def measure_after_task_deadline(plan: Plan) -> Iterator[Finding]:
    """A measure is due after the deadline of its own task."""
    walked = columns(plan)
    tasks, task_paths = walked.tasks, walked.task_paths
    for path, deadline, position in zip(walked.deadline_paths, walked.deadlines, walked.deadline_tasks):
        task_deadline = tasks[position].deadline
        if task_deadline is None or path == task_paths[position]:
            continue  # a measure of a task without a deadline, or the task's own deadline
        task_end = task_deadline.end
        end = deadline.end
        if task_end is not None and end is not None and end > task_end:
            yield measure_after_task_deadline.finding(
                path,
                f"due {end.isoformat()}, after its task's deadline {task_end.isoformat()}",
                deadline.span,
                zh=f"完成时限 {end.isoformat()}，晚于所属任务的时限 {task_end.isoformat()}",
            )
