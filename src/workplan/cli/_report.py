"""``workplan report PLAN -o report.html``: a self-contained HTML page about a plan, or a Word ``.docx``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._errors import MissingExtraError
from ..model import Plan

if TYPE_CHECKING:
    from ..checks import Report
from ._commands import COMMANDS
from ._common import lang_argument, lang_of, load_plan, write_output


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help=COMMANDS["report"].summary,
        description="Write one HTML file that needs nothing else to show: the plan's overview, its goals, "
        "tasks and measures (owners, deadlines and targets marked), a targets table, the owners, the check "
        "findings and the plan map (drawn when matplotlib, the viz extra, is installed). It prints on A4 "
        "with a page break before each goal. With -o FILE.docx, write the plan as a Word document instead "
        "(the office extra): a 公文-style text, the check findings and the 任务分解表.",
    )
    parser.add_argument("plan", metavar="PLAN", help="a plan file or a dataset name")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the HTML file ('-' for stdout), or a .docx file for Word",
    )
    lang_argument(parser)
    parser.add_argument("--no-map", action="store_true", help="leave the plan map out")
    parser.add_argument("--no-check", action="store_true", help="leave the check findings out")
    parser.set_defaults(func=run)


def build_report(plan: Plan, *, with_map: bool = True, with_check: bool = True, lang: str = "zh") -> str:
    """The report page for ``plan`` as HTML text (see `workplan._views._html.report_page`)."""
    return _build(plan, with_map=with_map, with_check=with_check, lang=lang)[0]


def _build(plan: Plan, *, with_map: bool, with_check: bool, lang: str = "zh") -> tuple[str, Report | None]:
    from .._views._html import report_page

    report = None
    if with_check:
        from ..checks import check

        report = check(plan)
    picture = None
    if with_map:
        from .. import viz

        try:
            figure = _map(plan, viz, lang)
        except MissingExtraError:  # no matplotlib: the page says how to get the map
            figure = None
        picture = None if figure is None else viz.to_svg(figure)
    return report_page(plan, report, picture, lang=lang), report


def _map(plan: Plan, viz: Any, lang: str = "zh") -> Any:
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
        return viz.plan_map(plan, lang=lang)
    from .._views._labels import label

    which = label("goals_of", lang, first=goals[0], last=goals[-1], total=len(plan.goals))
    return viz.plan_map(plan, goals=goals, title=f"{plan.title} ({which})", lang=lang)


def run(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    plan = load_plan(args.plan)
    if args.output.lower().endswith(".docx"):
        return _run_docx(plan, args, lang)
    page, report = _build(plan, with_map=not args.no_map, with_check=not args.no_check, lang=lang)
    write_output(page, args.output)
    if args.output != "-":  # say what was written; stdout holds the page otherwise
        _say_written(args.output, len(page.encode()), plan, report, lang)
    return 0


def _run_docx(plan: Plan, args: argparse.Namespace, lang: str) -> int:
    from ..io import docx_bytes, write_atomic

    report = None
    if not args.no_check:
        from ..checks import check

        report = check(plan)
    data = docx_bytes(plan, report=report, lang=lang)
    write_atomic(args.output, data)
    _say_written(args.output, len(data), plan, report, lang)
    return 0


def _say_written(output: str, size: int, plan: Plan, report: Report | None, lang: str = "zh") -> None:
    """``已写入 report.html(440 KiB):长春市…:6 项目标,38 项任务…;检查:…`` (English with ``--lang en``)."""
    from .._views._labels import count_label, label, summary

    separator = label("counts_sep", lang)
    counts = separator.join(count_label(number, f"{kind}s", lang) for kind, number in plan.counts().items())
    checked = ""
    if report is not None:
        found = summary(len(report.errors), len(report.warnings), len(report.infos), lang)
        checked = label("wrote_check", lang, summary=found)
    colon = "：" if lang == "zh" else ": "
    wrote = label("wrote", lang, path=output, size=size // 1024)
    print(f"{wrote}{colon}{plan.title}{colon}{counts}{checked}")
