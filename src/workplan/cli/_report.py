"""``workplan report PLAN -o report.html``: a self-contained HTML page about a plan."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._errors import MissingExtraError
from ..model import Plan

if TYPE_CHECKING:
    from ..checks import Report
from ._common import load_plan, write_output


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a self-contained HTML page: overview, goals and tasks, targets, owners, findings, map",
        description="Write one HTML file that needs nothing else to show: the plan's overview, its goals "
        "and tasks, a targets table, the owners, the check findings and the plan map (drawn when "
        "matplotlib, the viz extra, is installed).",
    )
    parser.add_argument("plan", metavar="PLAN", help="a plan file or a dataset name")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the HTML file ('-' for stdout)"
    )
    parser.add_argument("--no-map", action="store_true", help="leave the plan map out")
    parser.add_argument("--no-check", action="store_true", help="leave the check findings out")
    parser.set_defaults(func=run)


def build_report(plan: Plan, *, with_map: bool = True, with_check: bool = True) -> str:
    """The report page for ``plan`` as HTML text (see `workplan._views._html.report_page`)."""
    return _build(plan, with_map=with_map, with_check=with_check)[0]


def _build(plan: Plan, *, with_map: bool, with_check: bool) -> tuple[str, Report | None]:
    from .._views._html import report_page

    report = None
    if with_check:
        from ..checks import check

        report = check(plan)
    picture = None
    if with_map:
        from .. import viz

        try:
            figure = _map(plan, viz)
        except MissingExtraError:  # no matplotlib: the page says how to get the map
            figure = None
        picture = None if figure is None else viz.to_svg(figure)
    return report_page(plan, report, picture), report


def _map(plan: Plan, viz: Any) -> Any:
    """The plan map, of as many goals from the first as fit in one readable picture."""
    goals: list[int] = []
    tasks = 0
    for goal in plan.goals:
        if goals and tasks + len(goal.tasks) > viz.MAX_MAP_TASKS:
            break
        goals.append(goal.number)
        tasks += len(goal.tasks)
    if tasks > viz.MAX_MAP_TASKS:  # the first goal alone is too big to draw: no map
        return None
    if len(goals) == len(plan.goals):
        return viz.plan_map(plan)
    title = f"{plan.title} (goals {goals[0]}–{goals[-1]} of {len(plan.goals)})"
    return viz.plan_map(plan, goals=goals, title=title)


def run(args: argparse.Namespace) -> int:
    plan = load_plan(args.plan)
    page, report = _build(plan, with_map=not args.no_map, with_check=not args.no_check)
    write_output(page, args.output)
    if args.output != "-":  # say what was written; stdout holds the page otherwise
        counts = ", ".join(f"{number} {kind}s" for kind, number in plan.counts().items())
        checked = f"; check: {report.summary()}" if report is not None else ""
        print(f"wrote {args.output} ({len(page.encode()) // 1024} KiB): {plan.title}: {counts}{checked}")
    return 0
