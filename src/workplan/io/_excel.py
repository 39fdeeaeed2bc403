"""The task-breakdown table (任务分解表): plans as Excel workbooks (the ``excel`` extra).

The first sheet, 任务分解表, is the table bureaus use, one row per goal, task,
measure and target, with the columns 编号 (path id), 序号, 重点任务, 具体措施,
量化目标, 目标值, 单位, 牵头单位, 责任单位 and 完成时限. It is what people read
and edit, and what is read back. Visible sheets 计划, 单位, 文件 and 依赖 hold
the plan's facts, its owner and document registries and its dependencies. A
hidden sheet, ``_workplan``, keeps what the table cannot show (target kinds
and qualifiers, document references, deadline dates, task keys, the source
text): a value there is used only while the visible cell still shows what was
written, so a user's edits always win.

Reading rules, for people editing the table:

- Rows are read in order; a measure belongs to the task above it, a target
  to the measure above it.
- A new row leaves 编号 empty; its kind follows from what it fills in: 具体措施
  makes a measure, 量化目标 or 目标值 a target, 重点任务 with a Chinese 序号
  (一, 二, …) a goal, otherwise a task (numbered by 序号).
- A deleted row is simply gone; later measures and targets move up.
- Owners are separated by 、 , ; or new lines; an unknown name becomes a new
  owner. In 责任单位, ``(合作)`` and ``(督导)`` after a name mark partner and
  oversight roles.
- Provenance spans are not written: a workbook cannot keep them in step
  with edits.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from .._errors import ExcelError, MissingExtraError
from ..model import (
    Deadline,
    Dependency,
    Document,
    Goal,
    Measure,
    Owner,
    OwnerRef,
    OwnerRole,
    Plan,
    Target,
    Task,
)
from ..model import NodePath as _NodePath
from ._atomic import atomic_path
from ._converter import converter

__all__ = ["MAIN_SHEET", "TABLE_COLUMNS", "read_excel", "strip_spans", "write_excel"]

MAIN_SHEET = "任务分解表"
"""The name of the task-breakdown sheet."""

TABLE_COLUMNS: tuple[str, ...] = (
    "编号",
    "序号",
    "重点任务",
    "具体措施",
    "量化目标",
    "目标值",
    "单位",
    "牵头单位",
    "责任单位",
    "完成时限",
)
"""The task-breakdown table's columns, in the order they are written."""

_PLAN_SHEET = "计划"
_OWNER_SHEET = "单位"
_DOCUMENT_SHEET = "文件"
_DEPENDENCY_SHEET = "依赖"
_HIDDEN_SHEET = "_workplan"
_FORMAT = "workplan-excel/1"
_CHUNK = 30_000  # Excel cells hold at most 32,767 characters
_WIDTHS = (12, 7, 30, 60, 18, 10, 7, 22, 28, 14)
_ID, _NO, _TASK, _MEASURE, _METRIC, _VALUE, _UNIT, _LEAD, _SUPPORT, _DUE = range(len(TABLE_COLUMNS))
_PLAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "标题"),
    ("issuer", "发布单位"),
    ("year", "年度"),
    ("issued", "印发日期"),
    ("doc_number", "文号"),
    ("preamble", "总体要求"),
)
_ROLE_SUFFIX = {OwnerRole.PARTNER: "(合作)", OwnerRole.OVERSIGHT: "(督导)"}
_SEPARATORS = re.compile(r"[、,,;;\n]+")
_NUMERALS = "一二三四五六七八九"
_PATH_ID = re.compile(r"g[1-9]\d*(?:/t[1-9]\d*(?:/m[1-9]\d*(?:/q[1-9]\d*)?)?)?")
_KINDS = ("goal", "task", "measure", "target")


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingExtraError("openpyxl", "excel") from None
    return openpyxl


# -- spans ---------------------------------------------------------------------


def strip_spans(plan: Plan) -> Plan:
    """The plan without provenance spans: what a workbook gives back."""

    def ref(item: Any) -> Any:
        return attrs.evolve(item, span=None)

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
                    owners=tuple(map(ref, task.owners)),
                    deadline=deadline(task.deadline),
                    measures=tuple(
                        attrs.evolve(
                            measure,
                            span=None,
                            targets=tuple(map(ref, measure.targets)),
                            owners=tuple(map(ref, measure.owners)),
                            documents=tuple(map(ref, measure.documents)),
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


# -- rendering cells -------------------------------------------------------------


def chinese_numeral(number: int) -> str:
    """一 … 九十九 for 1 … 99; other numbers as digits."""
    if not 1 <= number <= 99:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


def _parse_numeral(text: str) -> int | None:
    text = text.strip().rstrip("、.")
    if text.isdigit() and text.isascii():
        return int(text)
    for number in range(1, 100):
        if chinese_numeral(number) == text:
            return number
    return None


def _owner_name(ref: OwnerRef, names: dict[str, str]) -> str:
    return ref.text or names.get(ref.owner, ref.owner)


def _owner_cells(refs: Iterable[OwnerRef], names: dict[str, str]) -> tuple[str, str]:
    leads: list[str] = []
    others: list[str] = []
    for ref in refs:
        name = _owner_name(ref, names)
        if ref.role is OwnerRole.LEAD:
            leads.append(name)
        else:
            others.append(name + _ROLE_SUFFIX.get(ref.role, ""))
    return "、".join(leads), "、".join(others)


def _deadline_cell(deadline: Deadline | None) -> str:
    return "" if deadline is None else deadline.text


def _value_cell(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() and abs(value) < 10**15 else float(value)


def _record(key: str, node: Any, *drop: str) -> str:
    """A hidden-sheet line: a node's own fields without spans, children or long visible text."""
    data = converter.unstructure(node)
    for name in drop:
        data.pop(name, None)
    _drop_spans(data)
    return json.dumps([key, data], ensure_ascii=False, separators=(",", ":"))


# Fields left out of hidden records (always taken from the table), filled back before structuring.
_VISIBLE_ONLY: dict[type, dict[str, Any]] = {Goal: {"title": ""}, Task: {"title": ""}, Measure: {"text": ""}}


def _drop_spans(data: Any) -> None:
    if isinstance(data, dict):
        data.pop("span", None)
        for value in data.values():
            _drop_spans(value)
    elif isinstance(data, list):
        for value in data:
            _drop_spans(value)


# -- writing -------------------------------------------------------------------


class _Styles:
    """The few cell styles the workbook uses, made once (openpyxl caches by value)."""

    def __init__(self, openpyxl: Any) -> None:
        styles = openpyxl.styles
        thin = styles.Side(style="thin", color="BFBFBF")
        self.border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_font = styles.Font(bold=True, color="FFFFFF")
        self.header_fill = styles.PatternFill("solid", fgColor="1F4E79")
        self.center = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.wrap = styles.Alignment(vertical="top", wrap_text=True)
        self.top = styles.Alignment(vertical="top")
        self.title_font = styles.Font(bold=True, size=14)
        self.goal_font = styles.Font(bold=True, size=12)
        self.goal_fill = styles.PatternFill("solid", fgColor="DDEBF7")
        self.task_font = styles.Font(bold=True)
        self.id_font = styles.Font(color="808080", size=9)


def write_excel(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write ``plan`` to an .xlsx task-breakdown workbook, atomically.

    Args:
        plan: The plan to write.
        path: Where to write; the file is replaced only once the workbook is complete.

    Raises:
        MissingExtraError: openpyxl (the ``excel`` extra) is not installed.
        ExcelError: A text holds a character that Excel cannot store.
    """
    openpyxl = _openpyxl()
    book = openpyxl.Workbook(write_only=True)
    try:
        _fill_book(openpyxl, book, plan)
    except BaseException:
        _discard(book)
        raise
    with atomic_path(path) as temporary:
        book.save(temporary)


def _discard(book: Any) -> None:
    """Close a write-only workbook's half-written sheets and remove their temporary files."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            if sheet._rows is not None:
                sheet._rows.close()
        writer = sheet._writer
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(OSError):
                os.remove(writer.out)


def _fill_book(openpyxl: Any, book: Any, plan: Plan) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.datavalidation import DataValidation

    styles = _Styles(openpyxl)
    names = {owner.id: owner.name for owner in plan.owners}
    records: list[str] = [_record("plan", _plan_facts(plan))]
    # Registry fields without a visible column ride in hidden records too.
    records.extend(_record(f"owner:{o.id}", o, "id", "name", "aliases") for o in plan.owners)
    records.extend(_record(f"document:{d.id}", d, "id", "title", "issuer") for d in plan.documents)
    written: Counter[str] = Counter()

    def key(path: str) -> str:
        """The record key: the path id, with ``#2``, ``#3`` … for repeats (check() reports those)."""
        written[path] += 1
        return path if written[path] == 1 else f"{path}#{written[path]}"

    width = len(TABLE_COLUMNS)
    last = get_column_letter(width)

    sheet = book.create_sheet(MAIN_SHEET)
    for index, column_width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width
    sheet.freeze_panes = "C3"
    sheet.print_title_rows = "2:2"
    sheet.sheet_properties.outlinePr.summaryBelow = False

    # Setting a style on a cell hashes it; copy a prepared style array instead (ten times faster).
    prepared: dict[tuple[int, int, int], Any] = {}

    def cell(value: Any, font: Any = None, fill: Any = None, alignment: Any = None) -> Any:
        try:
            made = WriteOnlyCell(sheet, value=value)
        except IllegalCharacterError:
            raise ExcelError(
                f"cannot write {str(value)[:40]!r}: it holds a control character that Excel cannot store",
                sheet=MAIN_SHEET,
                row=row + 1,
            ) from None
        key = (id(font), id(fill), id(alignment))
        style = prepared.get(key)
        if style is None:
            if font is not None:
                made.font = font
            if fill is not None:
                made.fill = fill
            made.alignment = alignment or styles.wrap
            made.border = styles.border
            style = prepared[key] = copy.copy(made._style)
        made._style = copy.copy(style)
        return made

    row = 1
    sheet.append([cell(plan.title, styles.title_font, alignment=styles.top)])
    sheet.merged_cells.add(CellRange(f"A1:{last}1"))
    row += 1
    sheet.row_dimensions[row].height = 22
    sheet.append(
        [cell(name, styles.header_font, styles.header_fill, styles.center) for name in TABLE_COLUMNS]
    )

    def append(values: list[Any], where: str) -> None:
        nonlocal row
        row += 1
        try:
            sheet.append(values)
        except Exception as error:  # openpyxl's IllegalCharacterError and friends
            raise ExcelError(f"cannot write {where}: {error}", sheet=MAIN_SHEET, row=row) from None

    for goal in plan.goals:
        goal_id = f"g{goal.number}"
        records.append(_record(key(goal_id), goal, "tasks", "title"))
        values: list[Any] = [
            cell(goal_id, styles.id_font, styles.goal_fill),
            cell(chinese_numeral(goal.number), styles.goal_font, styles.goal_fill, styles.center),
            cell(goal.title, styles.goal_font, styles.goal_fill),
        ]
        append(values, goal_id)
        sheet.merged_cells.add(CellRange(f"C{row}:{last}{row}"))
        for task in goal.tasks:
            task_id = f"{goal_id}/t{task.number}"
            records.append(_record(key(task_id), task, "measures", "title"))
            lead, support = _owner_cells(task.owners, names)
            sheet.row_dimensions[row + 1].outline_level = 1
            append(
                [
                    cell(task_id, styles.id_font),
                    cell(task.number, styles.task_font, alignment=styles.center),
                    cell(task.title, styles.task_font),
                    None,
                    None,
                    None,
                    None,
                    lead or None,
                    support or None,
                    _deadline_cell(task.deadline) or None,
                ],
                task_id,
            )
            for m_index, measure in enumerate(task.measures, 1):
                measure_id = f"{task_id}/m{m_index}"
                records.append(_record(key(measure_id), measure, "targets", "text"))
                lead, support = _owner_cells(measure.owners, names)
                sheet.row_dimensions[row + 1].outline_level = 2
                append(
                    [
                        cell(measure_id, styles.id_font),
                        None,
                        None,
                        cell(measure.text),
                        None,
                        None,
                        None,
                        cell(lead) if lead else None,
                        cell(support) if support else None,
                        _deadline_cell(measure.deadline) or None,
                    ],
                    measure_id,
                )
                for q_index, target in enumerate(measure.targets, 1):
                    target_id = f"{measure_id}/q{q_index}"
                    records.append(_record(key(target_id), target))
                    sheet.row_dimensions[row + 1].outline_level = 2
                    append(
                        [
                            cell(target_id, styles.id_font),
                            None,
                            None,
                            None,
                            cell(target.metric),
                            _value_cell(target.value),
                            target.unit or None,
                        ],
                        target_id,
                    )

    # Excel itself refuses text in 目标值 (reading would fail on it anyway).
    value_column = get_column_letter(_VALUE + 1)
    numbers_only = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+15",
        formula2="1E+15",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="目标值",
        error="目标值 must be a number; put the unit in 单位.",
    )
    numbers_only.add(f"{value_column}3:{value_column}{max(row, 3) + 1000}")
    sheet.data_validations.append(numbers_only)

    def table(
        title: str, header: tuple[str, ...], widths: tuple[int, ...], rows: Iterable[list[Any]]
    ) -> None:
        extra = book.create_sheet(title)
        for index, column_width in enumerate(widths, 1):
            extra.column_dimensions[get_column_letter(index)].width = column_width
        extra.freeze_panes = "A2"
        extra.append(
            [
                _header_cell(WriteOnlyCell, extra, name, styles)
                for name in header  # a styled header on every sheet
            ]
        )
        for number, values in enumerate(rows, 2):
            try:
                extra.append(values)
            except Exception as error:
                raise ExcelError(f"cannot write: {error}", sheet=title, row=number) from None

    facts = [[label, _plain(getattr(plan, name))] for name, label in _PLAN_FIELDS]
    table(_PLAN_SHEET, ("项目", "内容"), (14, 80), facts)
    table(
        _OWNER_SHEET,
        ("编号", "名称", "别名"),
        (8, 36, 36),
        ([owner.id, owner.name, "、".join(owner.aliases) or None] for owner in plan.owners),
    )
    table(
        _DOCUMENT_SHEET,
        ("编号", "标题", "发文单位"),
        (8, 60, 20),
        ([document.id, document.title, document.issuer] for document in plan.documents),
    )
    table(
        _DEPENDENCY_SHEET,
        ("来源", "依赖于", "类型", "说明"),
        (16, 16, 12, 40),
        ([d.source, d.target, d.kind, d.text or None] for d in plan.dependencies),
    )
    # Records are JSON lines, cut into cells of at most _CHUNK characters: few cells read fast.
    hidden: list[tuple[str, str]] = [("format", _FORMAT)]
    hidden.extend(("records", chunk) for chunk in _chunks("\n".join(records)))
    if plan.source is not None:
        hidden.extend(("source", chunk) for chunk in _chunks(plan.source))
    secret = book.create_sheet(_HIDDEN_SHEET)
    secret.sheet_state = "hidden"
    for number, (label, value) in enumerate(hidden, 1):
        try:
            secret.append([label, value])
        except Exception as error:
            raise ExcelError(f"cannot write {label}: {error}", sheet=_HIDDEN_SHEET, row=number) from None


def _chunks(text: str) -> list[str]:
    return [text[start : start + _CHUNK] for start in range(0, len(text), _CHUNK)] or [""]


def _header_cell(make: Any, sheet: Any, name: str, styles: _Styles) -> Any:
    made = make(sheet, value=name)
    made.font = styles.header_font
    made.fill = styles.header_fill
    made.alignment = styles.center
    return made


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, int | dt.date) else str(value)


def _plan_facts(plan: Plan) -> Plan:
    return Plan(
        title=plan.title,
        issuer=plan.issuer,
        issuers=plan.issuers,
        year=plan.year,
        issued=plan.issued,
        doc_number=plan.doc_number,
        preamble=plan.preamble,
    )


# -- reading -------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text: empty for None, dates as ISO, whole floats without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


@attrs.define
class _Row:
    """One row of the main sheet, with its number for error messages."""

    number: int
    cells: list[Any]
    percent: bool = False
    """Whether the 目标值 cell has a percent format (Excel shows 0.95 as 95%)."""

    def text(self, column: int) -> str:
        text = _text(self.cells[column])
        return text.strip() if column in (_ID, _NO, _LEAD, _SUPPORT) else text


@attrs.define
class _TaskDraft:
    row: int
    sheet_id: str | None
    task: Task
    measures: list[_MeasureDraft] = attrs.Factory(list)


@attrs.define
class _MeasureDraft:
    row: int
    sheet_id: str | None
    measure: Measure
    targets: list[tuple[str | None, Target]] = attrs.Factory(list)


@attrs.define
class _GoalDraft:
    row: int
    sheet_id: str | None
    goal: Goal
    tasks: list[_TaskDraft] = attrs.Factory(list)


class _Reader:
    """Reads one workbook; keeps the registries and hidden records while it goes."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.records: dict[str, Any] = {}
        self.source: str | None = None
        self.has_records = False
        if _HIDDEN_SHEET in book.sheetnames:
            self._read_hidden(book[_HIDDEN_SHEET])
        self.owners: list[Owner] = []
        self.by_name: dict[str, Owner] = {}
        self.names: dict[str, str] = {}
        self.main_title = MAIN_SHEET

    # hidden sheet -------------------------------------------------------

    def _read_hidden(self, sheet: Any) -> None:
        chunks: list[str] = []
        lines: list[str] = []
        for number, values in enumerate(_all_rows(sheet), 1):
            if not values or values[0] is None:
                continue
            key = str(values[0])
            value = values[1] if len(values) > 1 else None
            if key == "source":
                chunks.append(_text(value))
            elif key == "records":
                lines.append(_text(value))
            elif key == "format":
                if value != _FORMAT:
                    raise ExcelError(
                        f"unknown workbook format {value!r}; this release reads {_FORMAT}",
                        sheet=_HIDDEN_SHEET,
                        row=number,
                        column="B",
                    )
                self.has_records = True
        if chunks:
            self.source = "".join(chunks)
        for line in "".join(lines).split("\n") if lines else ():
            try:
                key, data = json.loads(line)
            except ValueError:
                raise ExcelError("a hidden record is not JSON", sheet=_HIDDEN_SHEET, column="B") from None
            self.records.setdefault(str(key), data)

    def record(self, key: str | None, cls: type[Any]) -> Any:
        """The hidden record for ``key`` as a ``cls``, or None."""
        data = self.records.get(key) if key is not None else None
        if not isinstance(data, dict):
            return None
        data = {**_VISIBLE_ONLY.get(cls, {}), **data}
        if cls is Measure and len(data) == 1:
            return Measure(text="")  # the common case, without the converter's overhead
        try:
            return converter.structure(data, cls)
        except Exception:
            return None  # a damaged hidden record: trust the visible cells alone

    # registries ----------------------------------------------------------

    def read_owners(self) -> None:
        for number, values in self._registry_rows(_OWNER_SHEET, ("编号", "名称", "别名")):
            owner_id, name, aliases = (_text(value).strip() for value in values)
            if not owner_id and not name:
                continue
            if not owner_id:
                owner_id = self._next_owner_id()
            if not name:
                raise ExcelError("an owner needs a name", sheet=_OWNER_SHEET, row=number, column="名称")
            alias_list = tuple(a.strip() for a in _SEPARATORS.split(aliases) if a.strip())
            hidden = self.records.get(f"owner:{owner_id}")
            extra = hidden if isinstance(hidden, dict) else {}
            self._add_owner(
                Owner(
                    id=owner_id,
                    name=name,
                    aliases=alias_list,
                    jurisdiction=extra.get("jurisdiction")
                    if isinstance(extra.get("jurisdiction"), str)
                    else None,
                    relative=extra.get("relative") is True,
                )
            )

    def _add_owner(self, owner: Owner) -> None:
        self.owners.append(owner)
        self.names[owner.id] = owner.name
        for name in (owner.name, *owner.aliases):
            self.by_name.setdefault(name, owner)

    def _next_owner_id(self) -> str:
        numbers = [int(o.id[1:]) for o in self.owners if re.fullmatch(r"o[1-9]\d*", o.id)]
        return f"o{max(numbers, default=0) + 1}"

    def read_documents(self) -> list[Document]:
        documents = []
        for number, values in self._registry_rows(_DOCUMENT_SHEET, ("编号", "标题", "发文单位")):
            document_id, title, issuer = (_text(value).strip() for value in values)
            if not document_id and not title:
                continue
            if not document_id:
                raise ExcelError("a document needs an id", sheet=_DOCUMENT_SHEET, row=number, column="编号")
            hidden = self.records.get(f"document:{document_id}")
            period = hidden.get("period") if isinstance(hidden, dict) else None
            try:
                read_period = converter.structure(period, Deadline) if period is not None else None
            except Exception:
                read_period = None  # a damaged hidden record: trust the visible cells alone
            documents.append(Document(id=document_id, title=title, issuer=issuer or None, period=read_period))
        return documents

    def read_dependencies(self) -> list[Dependency]:
        dependencies = []
        header = ("来源", "依赖于", "类型", "说明")
        for number, values in self._registry_rows(_DEPENDENCY_SHEET, header):
            source, target, kind, text = (_text(value).strip() for value in values)
            if not source and not target:
                continue
            if not source or not target:
                column = "来源" if not source else "依赖于"
                raise ExcelError(
                    "a dependency needs both ends", sheet=_DEPENDENCY_SHEET, row=number, column=column
                )
            dependencies.append(Dependency(source=source, target=target, kind=kind or "requires", text=text))
        return dependencies

    def _registry_rows(self, title: str, header: tuple[str, ...]) -> Iterator[tuple[int, list[Any]]]:
        if title not in self.book.sheetnames:
            return
        rows = iter(_all_rows(self.book[title]))
        first = next(rows, None)
        found = [_text(value).strip() for value in first or ()]
        positions = []
        for name in header:
            if name not in found:
                raise ExcelError(f"missing column {name!r}", sheet=title, row=1, column=name)
            positions.append(found.index(name))
        for number, values in enumerate(rows, 2):
            yield number, [values[p] if p < len(values) else None for p in positions]

    def read_facts(self) -> dict[str, Any]:
        recorded = self.records.get("plan") or {}
        facts: dict[str, Any] = {}
        labels = {label: name for name, label in _PLAN_FIELDS}
        for number, (label, value) in self._registry_rows(_PLAN_SHEET, ("项目", "内容")):
            name = labels.get(_text(label).strip())
            if name is None:
                continue
            shown = _text(value)
            original = recorded.get(name)
            if original is not None and _text(original) == shown:
                facts[name] = original
                continue
            if name == "year":
                if shown.strip() == "":
                    facts[name] = None
                elif isinstance(value, int | float) and float(value).is_integer():
                    facts[name] = int(value)
                elif shown.strip().isdigit():
                    facts[name] = int(shown)
                else:
                    raise ExcelError(
                        f"expected a year, got {shown!r}", sheet=_PLAN_SHEET, row=number, column="内容"
                    )
            elif name == "issued":
                facts[name] = _date(value, number)
            elif name == "title" or name == "preamble":
                facts[name] = shown
            else:
                facts[name] = shown or None
        facts.setdefault("title", "")
        issuers = recorded.get("issuers")
        if isinstance(issuers, list) and all(isinstance(name, str) for name in issuers):
            facts["issuers"] = tuple(issuers)
        return {
            key: (value if key != "issued" or not isinstance(value, str) else dt.date.fromisoformat(value))
            for key, value in facts.items()
        }

    # main sheet ----------------------------------------------------------

    def main_rows(self) -> Iterator[_Row]:
        sheet = self.book[MAIN_SHEET] if MAIN_SHEET in self.book.sheetnames else self.book.worksheets[0]
        title = sheet.title
        # Cells, not bare values: a value typed as 95% is stored as 0.95 with a percent format.
        rows = iter(_all_cells(sheet))
        positions: list[int] | None = None
        for number, row_cells in enumerate(rows, 1):
            found = [_text(cell.value).strip() for cell in row_cells]
            if "序号" in found or "编号" in found:
                missing = [name for name in TABLE_COLUMNS if name not in found]
                if missing:
                    raise ExcelError(
                        f"missing column {missing[0]!r} (the table needs {', '.join(TABLE_COLUMNS)})",
                        sheet=title,
                        row=number,
                        column=missing[0],
                    )
                positions = [found.index(name) for name in TABLE_COLUMNS]
                break
            if number >= 10:
                break
        if positions is None:
            raise ExcelError(
                "no header row with 编号 and 序号 in the first 10 rows", sheet=title, row=1, column="编号"
            )
        self.main_title = title
        header_row = number
        value_at = positions[_VALUE]
        for number, row_cells in enumerate(rows, header_row + 1):
            cells = [row_cells[p].value if p < len(row_cells) else None for p in positions]
            if any(value is not None and _text(value).strip() for value in cells):
                percent = value_at < len(row_cells) and "%" in (row_cells[value_at].number_format or "")
                yield _Row(number, cells, percent)

    def error(self, message: str, row: _Row, column: int) -> ExcelError:
        return ExcelError(message, sheet=self.main_title, row=row.number, column=TABLE_COLUMNS[column])

    def owners_from(self, row: _Row, recorded: tuple[OwnerRef, ...] | None) -> tuple[OwnerRef, ...]:
        lead, support = row.text(_LEAD), row.text(_SUPPORT)
        if recorded is not None and _owner_cells(recorded, self.names) == (lead, support):
            return recorded
        spare = list(recorded or ())
        refs: list[OwnerRef] = []
        for column, cell_text in ((_LEAD, lead), (_SUPPORT, support)):
            for piece in _SEPARATORS.split(cell_text):
                name = piece.strip()
                if not name:
                    continue
                role = OwnerRole.LEAD if column == _LEAD else OwnerRole.SUPPORT
                for other_role, suffix in _ROLE_SUFFIX.items():
                    if column == _SUPPORT and name.endswith(suffix):
                        name, role = name[: -len(suffix)].strip(), other_role
                reused = next(
                    (r for r in spare if r.role is role and _owner_name(r, self.names) == name),
                    None,
                )
                if reused is not None:
                    spare.remove(reused)
                    refs.append(reused)
                    continue
                owner = self.by_name.get(name)
                if owner is None:
                    owner = Owner(id=self._next_owner_id(), name=name)
                    self._add_owner(owner)
                refs.append(OwnerRef(owner=owner.id, role=role, text=name))
        return tuple(refs)

    def deadline_from(self, row: _Row, recorded: Deadline | None, has_record: bool) -> Deadline | None:
        shown = row.text(_DUE)
        if has_record and _deadline_cell(recorded) == shown:
            return recorded
        if not shown:
            return None
        value = row.cells[_DUE]
        if isinstance(value, dt.datetime | dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            return Deadline(text=shown, end=day)
        return Deadline(text=shown)

    def target_from(self, row: _Row, sheet_id: str | None) -> Target:
        metric = row.text(_METRIC)
        unit = row.text(_UNIT)
        raw = row.cells[_VALUE]
        value = _decimal(raw)
        if value is None:
            raise self.error(f"expected a number, got {_text(raw)!r}", row, _VALUE)
        if row.percent and isinstance(raw, int | float):
            value = _plain_decimal(value * 100)
        recorded: Target | None = self.record(sheet_id, Target)
        if recorded is None:
            return Target(metric=metric, value=value, unit=unit)
        if (recorded.metric, recorded.unit) == (metric, unit) and _same_number(recorded.value, raw):
            return recorded
        return attrs.evolve(recorded, metric=metric, value=value, unit=unit, text="")


def _all_cells(sheet: Any) -> list[tuple[Any, ...]]:
    """Every row's cells, read to the end so that openpyxl closes the sheet's file."""
    return list(sheet.iter_rows())


def _all_rows(sheet: Any) -> list[tuple[Any, ...]]:
    """Every row's values, read to the end so that openpyxl closes the sheet's file."""
    return list(sheet.iter_rows(values_only=True))


def _decimal(raw: Any) -> Decimal | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        number = Decimal(repr(raw))
    elif isinstance(raw, str):
        try:
            number = Decimal(raw.strip().replace(",", ""))
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _plain_decimal(number: Decimal) -> Decimal:
    """``95.00`` as ``95``, ``1E+2`` as ``100``: the shortest plain form."""
    number = number.normalize()
    return number.quantize(Decimal(1)) if number.as_tuple().exponent > 0 else number  # type: ignore[operator]


def _same_number(recorded: Decimal, raw: Any) -> bool:
    shown = _value_cell(recorded)
    return isinstance(raw, int | float) and not isinstance(raw, bool) and raw == shown


def _date(value: Any, row: int) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value).strip())
    except ValueError:
        raise ExcelError(
            f"expected a date (YYYY-MM-DD), got {_text(value)!r}", sheet=_PLAN_SHEET, row=row, column="内容"
        ) from None


def read_excel(path: str | os.PathLike[str]) -> Plan:
    """Read a plan from an .xlsx task-breakdown workbook.

    Args:
        path: The workbook, as written by `write_excel` and perhaps edited since.

    Returns:
        The plan; equal to the one written, without spans, when nothing was edited.

    Raises:
        MissingExtraError: openpyxl (the ``excel`` extra) is not installed.
        ExcelError: The file is not a workbook, or a sheet, row and column in it is malformed.
    """
    openpyxl = _openpyxl()
    file = Path(path)
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except FileNotFoundError:
        raise
    except Exception as error:  # zipfile.BadZipFile, InvalidFileException, KeyError, XML errors
        reason = "the file is empty" if file.exists() and file.stat().st_size == 0 else str(error)
        raise ExcelError(f"{file.name} is not an .xlsx workbook: {reason}") from None
    try:
        if not book.worksheets:
            raise ExcelError(f"{file.name} has no sheets")
        return _read_book(book)
    finally:
        book.close()


def _read_book(book: Any) -> Plan:
    reader = _Reader(book)
    reader.read_owners()
    documents = reader.read_documents()
    goals: list[_GoalDraft] = []
    seen: Counter[str] = Counter()
    for row in reader.main_rows():
        sheet_id = row.text(_ID) or None
        kind = _row_kind(reader, row, sheet_id)
        record_key = sheet_id
        if sheet_id is not None:
            seen[sheet_id] += 1
            if seen[sheet_id] > 1:
                # A repeated id: the plan written had repeats (its record is id#n), or a row was
                # copied (no such record: a new item, with nothing carried over).
                record_key, sheet_id = f"{sheet_id}#{seen[sheet_id]}", None
        if kind == "goal":
            goals.append(_GoalDraft(row.number, sheet_id, _goal_from(reader, row, record_key)))
            continue
        if not goals:
            raise reader.error(f"a {kind} row must come after a goal row", row, _ID)
        goal = goals[-1]
        if kind == "task":
            previous = goal.tasks[-1].task.number if goal.tasks else _last_task_number(goals)
            goal.tasks.append(_TaskDraft(row.number, sheet_id, _task_from(reader, row, record_key, previous)))
            continue
        if not goal.tasks:
            raise reader.error(f"a {kind} row must come after a task row", row, _ID)
        task = goal.tasks[-1]
        if kind == "measure":
            recorded: Measure | None = reader.record(record_key, Measure)
            measure = Measure(
                text=row.text(_MEASURE),
                owners=reader.owners_from(row, recorded.owners if recorded else None),
                documents=recorded.documents if recorded else (),
                deadline=reader.deadline_from(
                    row, recorded.deadline if recorded else None, recorded is not None
                ),
            )
            task.measures.append(_MeasureDraft(row.number, sheet_id, measure))
            continue
        if not task.measures:
            raise reader.error("a target row must come after a measure row", row, _ID)
        task.measures[-1].targets.append((sheet_id, reader.target_from(row, record_key)))
    return _assemble(reader, goals, documents)


def _row_kind(reader: _Reader, row: _Row, sheet_id: str | None) -> str:
    if sheet_id is not None:
        try:
            kind = (
                _KINDS[sheet_id.count("/")]
                if _PATH_ID.fullmatch(sheet_id)
                else _NodePath.parse(sheet_id).kind
            )
        except ValueError:
            raise reader.error(
                f"invalid path id {sheet_id!r}; expected g<N>[/t<N>[/m<N>[/q<N>]]]", row, _ID
            ) from None
        if reader.has_records and sheet_id not in reader.records:
            raise reader.error(
                f"unknown path id {sheet_id!r}: no such item was written; leave 编号 empty for new rows",
                row,
                _ID,
            )
        return kind
    if row.text(_MEASURE):
        return "measure"
    if row.text(_METRIC) or row.cells[_VALUE] is not None:
        return "target"
    number = row.text(_NO)
    if number and not number.isascii() and _parse_numeral(number) is not None:
        return "goal"
    if row.text(_TASK):
        return "task"
    raise reader.error("cannot tell what this row is; fill in 重点任务, 具体措施 or 量化目标", row, _ID)


def _goal_from(reader: _Reader, row: _Row, sheet_id: str | None) -> Goal:
    recorded: Goal | None = reader.record(sheet_id, Goal)
    shown = row.text(_NO)
    if recorded is not None and shown == chinese_numeral(recorded.number):
        number: int | None = recorded.number
    else:
        number = _parse_numeral(shown)
    if number is None or number < 1:
        raise reader.error(f"expected a goal number (一, 二, … or 1, 2, …), got {shown!r}", row, _NO)
    return Goal(number=number, title=row.text(_TASK))


def _last_task_number(goals: list[_GoalDraft]) -> int:
    for goal in reversed(goals):
        if goal.tasks:
            return goal.tasks[-1].task.number
    return 0


def _task_from(reader: _Reader, row: _Row, sheet_id: str | None, previous: int) -> Task:
    recorded: Task | None = reader.record(sheet_id, Task)
    raw = row.cells[_NO]
    shown = row.text(_NO)
    if raw is None or not shown:
        number = previous + 1
    elif isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()) or shown.isdigit():
        number = int(float(shown)) if not shown.isdigit() else int(shown)
    else:
        raise reader.error(f"expected a task number, got {shown!r}", row, _NO)
    if number < 1:
        raise reader.error(f"expected a task number from 1, got {shown!r}", row, _NO)
    return Task(
        number=number,
        title=row.text(_TASK),
        owners=reader.owners_from(row, recorded.owners if recorded else None),
        deadline=reader.deadline_from(row, recorded.deadline if recorded else None, recorded is not None),
        key=recorded.key if recorded else None,
    )


def _assemble(reader: _Reader, drafts: list[_GoalDraft], documents: list[Document]) -> Plan:
    moved: dict[str, str] = {}  # path id in the sheet -> path id in the plan read back

    def note(sheet_id: str | None, path: str) -> None:
        if sheet_id is not None:
            moved[sheet_id] = path

    goals = []
    for goal_draft in drafts:
        goal_path = f"g{goal_draft.goal.number}"
        note(goal_draft.sheet_id, goal_path)
        tasks = []
        for task_draft in goal_draft.tasks:
            task_path = f"{goal_path}/t{task_draft.task.number}"
            note(task_draft.sheet_id, task_path)
            measures = []
            for m_index, measure_draft in enumerate(task_draft.measures, 1):
                measure_path = f"{task_path}/m{m_index}"
                note(measure_draft.sheet_id, measure_path)
                for q_index, (target_id, _) in enumerate(measure_draft.targets, 1):
                    note(target_id, f"{measure_path}/q{q_index}")
                measures.append(
                    attrs.evolve(measure_draft.measure, targets=tuple(t for _, t in measure_draft.targets))
                )
            tasks.append(attrs.evolve(task_draft.task, measures=tuple(measures)))
        goals.append(attrs.evolve(goal_draft.goal, tasks=tuple(tasks)))

    def deleted(path: str) -> bool:
        """Whether ``path`` was written to the table and its row has since been deleted."""
        return reader.has_records and path in reader.records and path not in moved

    # Dependencies follow moved items; one whose end was deleted goes with it.
    dependencies = tuple(
        attrs.evolve(d, source=moved.get(d.source, d.source), target=moved.get(d.target, d.target))
        for d in reader.read_dependencies()
        if not (deleted(d.source) or deleted(d.target))
    )
    facts = reader.read_facts() if _PLAN_SHEET in reader.book.sheetnames else {"title": ""}
    return Plan(
        **facts,
        goals=tuple(goals),
        owners=tuple(reader.owners),
        documents=tuple(documents),
        dependencies=dependencies,
        source=reader.source,
    )
