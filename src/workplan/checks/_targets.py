"""Target rules (WP3xx): units, values, percentages, conflicting numbers, unmeasurable tasks."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Plan, Target, TargetKind
from ._finding import Finding, Severity
from ._registry import rule
from ._shared import columns

_PERCENT = frozenset({"%", "％", "百分点", "个百分点"})


def _targets(plan: Plan) -> Iterator[tuple[str, Target]]:
    """Every target with its path, from the walk that the rules share."""
    walked = columns(plan)
    return zip(walked.target_paths, walked.targets)


@rule("WP301", "target-without-unit", Severity.WARNING)
def target_without_unit(plan: Plan) -> Iterator[Finding]:
    """A target's number has no unit (所, 个, %, 万元)."""
    for path, target in _targets(plan):
        if not target.unit.strip():
            yield target_without_unit.finding(
                path,
                f"target {target.metric!r} = {target.value} has no unit",
                target.span,
                zh=f"指标“{target.metric}”= {target.value} 没有单位",
            )


@rule("WP302", "non-positive-target", Severity.WARNING)
def non_positive_target(plan: Plan) -> Iterator[Finding]:
    """A target's value is zero or negative (a fall is a decrease of a positive number)."""
    for path, target in _targets(plan):
        if target.value <= 0:
            yield non_positive_target.finding(
                path,
                f"target {target.metric!r} has the value {target.value}",
                target.span,
                zh=f"指标“{target.metric}”的值为 {target.value}",
            )


@rule("WP303", "percentage-over-100", Severity.ERROR)
def percentage_over_100(plan: Plan) -> Iterator[Finding]:
    """A level or a fall in per cent is over 100% (growth rates may exceed it)."""
    from .._views._labels import enum_label as kind_zh  # the view room, for the kind's Chinese name

    for path, target in _targets(plan):
        if (
            target.unit in _PERCENT
            and target.kind in (TargetKind.LEVEL, TargetKind.DECREASE)
            and target.value > 100
        ):
            yield percentage_over_100.finding(
                path,
                f"{target.kind.value} target {target.metric!r} is {target.value}{target.unit}",
                target.span,
                zh=f"{kind_zh(target.kind)}指标“{target.metric}”为 {target.value}{target.unit}",
            )


@rule("WP304", "conflicting-targets", Severity.WARNING)
def conflicting_targets(plan: Plan) -> Iterator[Finding]:
    """One metric has different values in one plan (levels, rates, falls and ratios; increases add up)."""
    first: dict[tuple[str, str, TargetKind], tuple[str, Decimal]] = {}
    for path, target in _targets(plan):
        if target.kind is TargetKind.INCREASE or not target.metric:
            continue
        key = (target.metric, target.unit, target.kind)
        seen = first.setdefault(key, (path, target.value))
        if seen[1] != target.value:
            yield conflicting_targets.finding(
                path,
                f"{target.metric!r} is {target.value}{target.unit} here "
                f"but {seen[1]}{target.unit} at {seen[0]}",
                target.span,
                zh=f"“{target.metric}”此处为 {target.value}{target.unit}，"
                f"在 {seen[0]} 却为 {seen[1]}{target.unit}",
            )


@rule("WP305", "task-not-measurable", Severity.INFO)
def task_not_measurable(plan: Plan) -> Iterator[Finding]:
    """No measure of a task has a quantified target, so its progress cannot be measured."""
    walked = columns(plan)
    for path, task, targeted in zip(walked.task_paths, walked.tasks, walked.task_targeted):
        if task.measures and not targeted:
            yield task_not_measurable.finding(
                path,
                f"task {task.title!r} has no quantified target",
                task.span,
                zh=f"任务“{task.title}”没有量化指标",
            )
