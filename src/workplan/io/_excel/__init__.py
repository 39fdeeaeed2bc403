"""The task-breakdown table (任务分解表): plans as Excel workbooks (the ``excel`` extra).

Three rooms: ``_layout`` (columns, labels in Chinese and English, widths, print
setup), ``_write`` (the workbook a clerk prints, plus hidden records) and
``_read`` (our workbooks, edited or not, and bureaus' own tables, within limits).

The first sheet, 任务分解表, is the table bureaus use, one row per goal, task,
measure and target. Visible sheets 计划, 单位, 文件 and 依赖 hold the plan's
facts, its owner and document registries and its dependencies. A hidden sheet,
``_workplan``, keeps what the table cannot show: a value there is used only
while the visible cell still shows what was written, so a user's edits win.
"""

from __future__ import annotations

import attrs

from ...model import Deadline, Plan
from ._layout import MAIN_SHEET, NOTE_COLUMNS, TABLE_COLUMNS, chinese_numeral, label
from ._read import read_excel
from ._write import write_excel

__all__ = [
    "MAIN_SHEET",
    "NOTE_COLUMNS",
    "TABLE_COLUMNS",
    "chinese_numeral",
    "label",
    "read_excel",
    "strip_spans",
    "write_excel",
]


def strip_spans(plan: Plan) -> Plan:
    """The plan without provenance spans: what a workbook gives back."""

    def ref(item: object) -> object:
        return attrs.evolve(item, span=None)  # type: ignore[misc]

    def deadline(item: Deadline | None) -> Deadline | None:
        return None if item is None else attrs.evolve(item, span=None)

    goals = tuple(
        attrs.evolve(
            goal,
            span=None,
            tasks=tuple(
                attrs.evolve(
                    task,
                    span=None,
                    owners=tuple(map(ref, task.owners)),  # type: ignore[arg-type]
                    deadline=deadline(task.deadline),
                    measures=tuple(
                        attrs.evolve(
                            measure,
                            span=None,
                            targets=tuple(map(ref, measure.targets)),  # type: ignore[arg-type]
                            owners=tuple(map(ref, measure.owners)),  # type: ignore[arg-type]
                            documents=tuple(map(ref, measure.documents)),  # type: ignore[arg-type]
                            deadline=deadline(measure.deadline),
                        )
                        for measure in task.measures
                    ),
                )
                for task in goal.tasks
            ),
        )
        for goal in plan.goals
    )
    return attrs.evolve(plan, goals=goals)
