"""`check`: run the selected rules on a plan and collect a `Report`."""

from __future__ import annotations

from collections.abc import Iterable

from .._util import StageTimer
from ..model import Plan
from ._finding import Finding, Severity
from ._registry import load_plugins, select_rules
from ._report import Report

__all__ = ["check"]


def check(plan: Plan, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> Report:
    """Check ``plan`` for facts that span objects: ids, references, numbering, targets, deadlines.

    ``select`` and ``ignore`` are rule-code prefixes (``WP3``, ``WP301``); see
    `select_rules`. An unknown code raises `RuleError`. Third-party rules from
    the ``workplan.rules`` entry points run too; one that fails to load or
    crashes becomes a warning (``WP001 plugin-failed``) and the others still run.
    """
    findings: list[Finding] = [
        Finding(
            code="WP001",
            name="plugin-failed",
            severity=Severity.WARNING,
            path="",
            message=f"rule plugin {name!r} failed to load: {error}",
        )
        for name, error in load_plugins().items()
    ]
    rules = select_rules(select, ignore)
    timer = StageTimer("check")
    for selected in rules:
        if selected.function.__module__.startswith("workplan.checks."):
            findings.extend(selected(plan))
            timer.mark(f"{selected.code} {selected.name}")
            continue
        try:
            findings.extend(selected(plan))
        except Exception as error:  # a third-party rule's bug must not hide the other findings
            findings.append(
                Finding(
                    code="WP001",
                    name="plugin-failed",
                    severity=Severity.WARNING,
                    path="",
                    message=f"rule {selected.code} {selected.name} crashed: {type(error).__name__}: {error}",
                )
            )
        timer.mark(f"{selected.code} {selected.name}")
    return Report(
        findings=tuple(findings),
        rules=tuple(found.code for found in rules),
        source=plan.source,
        title=plan.title,
    )
