"""``workplan show PLAN``: an indented outline with counts."""

from __future__ import annotations

import argparse
from typing import Any

from ..model import Plan, path_to_goal
from ._commands import COMMANDS
from ._common import lang_argument, lang_of, write_output


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("show", help=COMMANDS["show"].summary)
    parser.add_argument("plan", metavar="PLAN", nargs="+", help="plan files, globs, folders or dataset names")
    parser.add_argument("--depth", type=int, default=2, help="1 goals, 2 tasks (default), 3 measures")
    lang_argument(parser)
    parser.set_defaults(func=run)


def outline(plan: Plan, depth: int = 2, lang: str = "zh") -> str:
    """The plan as text: a header with counts, then goals, tasks and measures indented.

    The counts and labels are Chinese (``6 项目标,38 项任务``) or, with ``lang="en"``, English.
    """
    from .._views._labels import check_lang, count_label, label

    check_lang(lang)
    separator = label("counts_sep", lang)

    def tally(*pairs: tuple[int, str]) -> str:
        return separator.join(count_label(n, key, lang) for n, key in pairs)

    counts = plan.counts()
    lines = [plan.title]
    facts = [f for f in (plan.issuer, str(plan.year) if plan.year else None, plan.doc_number) if f]
    if plan.issued:
        facts.append(f"{label('issued', lang)} {plan.issued.isoformat()}")
    if facts:
        lines.append(" · ".join(facts))
    lines.append(tally(*((n, f"{kind}s") for kind, n in counts.items())))
    lines.append("")
    for goal in plan.goals:
        measures = sum(len(task.measures) for task in goal.tasks)
        counted = f"[{tally((len(goal.tasks), 'tasks'), (measures, 'measures'))}]"
        lines.append(f"{path_to_goal(goal.number)}  {goal.title}  {counted}")
        if depth < 2:
            continue
        for task in goal.tasks:
            targets = sum(len(measure.targets) for measure in task.measures)
            shown = ((len(task.measures), "measures"), *(((targets, "targets"),) if targets else ()))
            lines.append(f"  t{task.number}  {task.title}  [{tally(*shown)}]")
            if depth < 3:
                continue
            for index, measure in enumerate(task.measures, 1):
                lines.append(f"    m{index}  {measure.text}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from .._errors import WorkplanError
    from ._inputs import expand, load_input
    from ._output import report_failure

    items = expand(args.plan)
    lang = lang_of(args)
    failed = 0
    for number, item in enumerate(items):
        try:
            text = outline(load_input(item), args.depth, lang)
        except (WorkplanError, OSError) as error:
            failed += 1
            report_failure("show", item.name, error)
            continue
        if len(items) > 1:
            text = ("\n" if number else "") + f"== {item.name} ==\n" + text
        write_output(text, None)
    return 2 if failed else 0
