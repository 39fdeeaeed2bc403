"""Writing the task-breakdown workbook: a table a clerk prints, and the records that read it back."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..._errors import ExcelError, MissingExtraError
from ...model import Plan, path_to_goal, path_to_measure, path_to_target, path_to_task
from .._atomic import atomic_path
from .._converter import unstructure_plan
from ._layout import (
    CHUNK,
    CORE_FIELDS,
    EXTRA_WIDTH,
    FONT,
    FORMAT,
    HIDDEN_SHEET,
    NOTE_COLUMNS,
    PAPER_SIZES,
    PLAN_FIELDS,
    PLAN_HIDDEN_FIELDS,
    WIDTHS,
    Lang,
    Paper,
    check_lang,
    chinese_numeral,
    deadline_cell,
    label,
    owner_cells,
    row_height,
    value_cell,
)

__all__ = ["write_excel"]

_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]|[\ud800-\udfff]")
"""What an .xlsx cannot hold: control characters other than TAB, LF and CR, and lone surrogates."""


def openpyxl_module() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingExtraError("openpyxl", "excel") from None
    return openpyxl


def write_excel(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "zh",
    paper: Paper = "A4",
    note_columns: bool = False,
) -> None:
    """Write ``plan`` to an .xlsx task-breakdown workbook, atomically.

    Args:
        plan: The plan to write.
        path: Where to write; the file is replaced only once the workbook is complete. The
            workbook is put together in hidden temporary files in the same folder, removed
            whatever happens (short of the process being killed).
        lang: ``zh`` (default) or ``en``: the language of headers and sheet names.
        paper: ``A4`` (default) or ``A3``, printed landscape and one page wide.
        note_columns: Add the empty columns 进展情况 and 备注 for a clerk to fill in.

    Raises:
        MissingExtraError: openpyxl (the ``excel`` extra) is not installed.
        ExcelError: A text holds a character that an .xlsx cannot store (a control character
            other than TAB, LF and CR, or a lone surrogate); names the sheet, row and column.
    """
    check_lang(lang)
    if paper not in PAPER_SIZES:
        raise ValueError(f"unknown paper {paper!r}; use 'A4' or 'A3'")
    openpyxl = openpyxl_module()
    target = Path(path)
    scratch: list[str] = []
    try:
        with atomic_path(target) as temporary:
            book = openpyxl.Workbook(write_only=True)
            try:
                _Writer(openpyxl, book, plan, lang, paper, note_columns, target.parent, scratch).fill()
                book.save(temporary)
            except BaseException:
                _discard(book)
                raise
    finally:
        from openpyxl.worksheet._writer import ALL_TEMP_FILES

        for name in scratch:
            with contextlib.suppress(OSError):
                os.remove(name)
            with contextlib.suppress(ValueError):
                ALL_TEMP_FILES.remove(name)


def _discard(book: Any) -> None:
    """Close a write-only workbook's half-written sheets."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            if sheet._rows is not None:
                sheet._rows.close()
        writer = sheet._writer
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()


class _Styles:
    """The workbook's few styles; the body style is the workbook's default, so body cells are plain."""

    def __init__(self, openpyxl: Any, book: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles.cell_style import StyleArray
        from openpyxl.utils.indexed_list import IndexedList

        styles = openpyxl.styles
        thin = styles.Side(style="thin", color="808080")
        border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
        wrap = styles.Alignment(vertical="top", wrap_text=True)
        center = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        # The default cell style (xf 0): 宋体 11, thin borders, wrapped at the top.
        book._fonts = IndexedList([styles.Font(name=FONT, size=11)])
        book._borders = IndexedList([border])
        book._alignments = IndexedList([styles.Alignment(), wrap])
        book._cell_styles = IndexedList([StyleArray([0, 0, 0, 0, 0, 1, 0, 0, 0])])
        normal = book._named_styles["Normal"]  # LibreOffice takes unstyled cells' look from here
        normal.font = styles.Font(name=FONT, size=11)
        normal.alignment = wrap
        normal.border = border
        probe = book.create_sheet("_probe")

        def make(font: Any = None, fill: Any = None, alignment: Any = wrap, edge: Any = border) -> Any:
            cell = WriteOnlyCell(probe, value=None)
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill
            cell.alignment = alignment
            cell.border = edge
            return cell._style

        no_edge = styles.Border()
        self.title = make(styles.Font(name=FONT, size=16, bold=True), None, center, no_edge)
        self.header = make(
            styles.Font(name=FONT, size=11, bold=True), styles.PatternFill("solid", fgColor="D9D9D9"), center
        )
        goal_fill = styles.PatternFill("solid", fgColor="DDEBF7")
        self.goal = make(styles.Font(name=FONT, size=12, bold=True), goal_fill)
        self.goal_number = make(styles.Font(name=FONT, size=12, bold=True), goal_fill, center)
        self.task = make(styles.Font(name=FONT, size=11, bold=True))
        self.task_number = make(styles.Font(name=FONT, size=11, bold=True), None, center)
        self.id = make(styles.Font(name=FONT, size=8, color="808080"))
        # The same as xf 0, but written with s="0": LibreOffice ignores xf 0 for cells without one.
        self.body = StyleArray([0, 0, 0, 0, 0, 1, 0, 0, 0])
        book.remove(probe)


class _Writer:
    """Fills one write-only workbook."""

    def __init__(
        self,
        openpyxl: Any,
        book: Any,
        plan: Plan,
        lang: Lang,
        paper: Paper,
        note_columns: bool,
        folder: Path,
        scratch: list[str],
    ) -> None:

        self.openpyxl = openpyxl
        self.book = book
        self.plan = plan
        self.lang = lang
        self.paper = paper
        self.folder = folder
        self.scratch = scratch
        self.styles = _Styles(openpyxl, book)
        self.style_ids = {id(style): book._cell_styles.add(style) for style in vars(self.styles).values()}
        self.names = {owner.id: owner.name for owner in plan.owners}
        extras: dict[str, None] = dict.fromkeys(NOTE_COLUMNS) if note_columns else {}
        for goal in plan.goals:
            for task in goal.tasks:
                extras.update(dict.fromkeys(name for name, _ in task.extra))
                for measure in task.measures:
                    extras.update(dict.fromkeys(name for name, _ in measure.extra))
        self.extras = tuple(extras)
        core = [field for field in CORE_FIELDS if field != "id"]
        self.headers = [label(field, lang) for field in core] + list(self.extras) + [label("id", lang)]
        self.widths = [WIDTHS[field] for field in core] + [EXTRA_WIDTH] * len(self.extras) + [WIDTHS["id"]]
        self.width = len(self.headers)
        self.at = {field: index for index, field in enumerate(core)}
        self.at["id"] = self.width - 1
        self.extra_at = {name: len(core) + index for index, name in enumerate(self.extras)}
        self.sheet_title = label("main", lang)
        self.row = 0
        self.paths: list[str] = []

    # -- helpers ---------------------------------------------------------------

    def cell(self, value: Any, style: Any, column: str | None = None) -> Any:
        """A styled cell, as ``(value, style id)``; `_fast_rows` writes it."""
        return (value, self.style_ids[id(style)])

    def plain(self, value: Any, column: str) -> Any:
        """A body cell: text wrapped at the top (never a formula); numbers as they are."""
        return (value, 0) if isinstance(value, str) else value

    def start(self, sheet: Any, rows: int, columns: int) -> None:
        """Open the sheet's XML in a hidden temporary file beside the target, with its dimension."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet._writer import ALL_TEMP_FILES, WorksheetWriter

        handle, name = tempfile.mkstemp(dir=self.folder, prefix=".workplan-", suffix=".xml.tmp")
        os.close(handle)
        self.scratch.append(name)
        ALL_TEMP_FILES.append(name)  # openpyxl removes it from this list once it is packed
        dimension = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1)}"
        sheet.calculate_dimension = lambda: dimension  # openpyxl writes <dimension> when it can
        sheet._writer = WorksheetWriter(sheet, out=name)
        sheet._writer.write_top()
        sheet._values_to_row = _fast_rows(sheet, len(self.book._cell_styles))

    def append(self, sheet: Any, title: str, number: int, values: list[Any], headers: list[str]) -> None:
        try:
            sheet.append(values)
        except Exception as error:  # openpyxl's IllegalCharacterError and friends
            raise _unwritable(values, title, number, headers, error) from None

    # -- the workbook ------------------------------------------------------------

    def fill(self) -> None:
        self.main_sheet()
        self.registries()
        self.hidden()

    def main_sheet(self) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.cell_range import CellRange
        from openpyxl.worksheet.datavalidation import DataValidation

        plan, styles, at = self.plan, self.styles, self.at
        paths = self.paths  # every node's path id in document order, for the hidden records
        counts = plan.counts()
        total = 2 + sum(counts.get(kind, 0) for kind in ("goal", "task", "measure", "target"))
        sheet = self.sheet = self.book.create_sheet(self.sheet_title)
        last = get_column_letter(self.width)
        for index, column_width in enumerate(self.widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = column_width
        sheet.freeze_panes = "C3"
        sheet.sheet_properties.outlinePr.summaryBelow = False
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.sheet_format.outlineLevelRow = 2
        self.page_setup(sheet, "2:2")
        self.start(sheet, total, self.width)

        rows: dict[int, Any] = sheet.row_dimensions
        row_attributes: dict[tuple[float, int], dict[str, str]] = {}

        def shape(height: float, level: int) -> dict[str, str]:
            key = (height, level)
            found = row_attributes.get(key)
            if found is None:
                found = row_attributes[key] = {"ht": str(height), "customHeight": "1"}
                if level:
                    found["outlineLevel"] = str(level)
            return found

        title = self.sheet_title
        headers = self.headers
        width = self.width
        widths = self.widths
        id_at = at["id"]
        task_width = widths[at["task"]]
        measure_width = widths[at["measure"]]
        lead_width, support_width, due_width = widths[at["lead"]], widths[at["support"]], widths[at["due"]]
        extra_at = self.extra_at

        row = self.row = 1
        rows[row] = shape(30.0, 0)
        self.append(sheet, title, row, [self.cell(plan.title, styles.title, "A")], headers)
        sheet.merged_cells.add(CellRange(f"A1:{last}1"))
        row = self.row = 2
        rows[row] = shape(row_height((name, w) for name, w in zip(headers, widths, strict=True)), 0)
        self.append(sheet, title, row, [self.cell(name, styles.header, name) for name in headers], headers)

        for goal in plan.goals:
            row += 1
            self.row = row
            goal_id = path_to_goal(goal.number)
            paths.append(goal_id)
            values: list[Any] = [None] * width
            values[at["no"]] = self.cell(chinese_numeral(goal.number), styles.goal_number)
            values[at["task"]] = self.cell(goal.title, styles.goal, headers[at["task"]])
            for index in range(at["task"] + 1, id_at):
                values[index] = self.cell(None, styles.goal)
            values[id_at] = self.cell(goal_id, styles.id)
            merged_width = sum(widths[at["task"] : id_at])
            rows[row] = shape(row_height([(goal.title, merged_width)]), 0)
            self.append(sheet, title, row, values, headers)
            sheet.merged_cells.add(CellRange(min_col=at["task"] + 1, min_row=row, max_col=id_at, max_row=row))
            for task in goal.tasks:
                row += 1
                self.row = row
                lead, support = owner_cells(task.owners, self.names)
                due = deadline_cell(task.deadline)
                values = [None] * width
                values[at["no"]] = self.cell(task.number, styles.task_number)
                values[at["task"]] = self.cell(task.title, styles.task, headers[at["task"]])
                values[at["lead"]] = self.plain(lead, headers[at["lead"]]) if lead else None
                values[at["support"]] = self.plain(support, headers[at["support"]]) if support else None
                values[at["due"]] = self.plain(due, headers[at["due"]]) if due else None
                for name, text in task.extra:
                    values[extra_at[name]] = self.plain(text, name) if text else None
                task_id = path_to_task(goal_id, task.number)
                paths.append(task_id)
                values[id_at] = self.cell(task_id, styles.id)
                rows[row] = shape(
                    row_height(
                        [
                            (task.title, task_width),
                            (lead, lead_width),
                            (support, support_width),
                            (due, due_width),
                            *((text, EXTRA_WIDTH) for _, text in task.extra),
                        ]
                    ),
                    1,
                )
                self.append(sheet, title, row, values, headers)
                for m_index, measure in enumerate(task.measures, 1):
                    row += 1
                    self.row = row
                    lead, support = owner_cells(measure.owners, self.names)
                    due = deadline_cell(measure.deadline)
                    values = [None] * width
                    values[at["measure"]] = self.plain(measure.text, headers[at["measure"]])
                    values[at["lead"]] = self.plain(lead, headers[at["lead"]]) if lead else None
                    values[at["support"]] = self.plain(support, headers[at["support"]]) if support else None
                    values[at["due"]] = self.plain(due, headers[at["due"]]) if due else None
                    for name, text in measure.extra:
                        values[extra_at[name]] = self.plain(text, name) if text else None
                    measure_id = path_to_measure(task_id, m_index)
                    paths.append(measure_id)
                    values[id_at] = self.cell(measure_id, styles.id)
                    rows[row] = shape(
                        row_height(
                            [
                                (measure.text, measure_width),
                                (lead, lead_width),
                                (support, support_width),
                                (due, due_width),
                                *((text, EXTRA_WIDTH) for _, text in measure.extra),
                            ]
                        ),
                        2,
                    )
                    self.append(sheet, title, row, values, headers)
                    for q_index, target in enumerate(measure.targets, 1):
                        row += 1
                        self.row = row
                        values = [None] * width
                        values[at["metric"]] = self.plain(target.metric, headers[at["metric"]])
                        values[at["value"]] = value_cell(target.value)
                        values[at["unit"]] = (
                            self.plain(target.unit, headers[at["unit"]]) if target.unit else None
                        )
                        target_id = path_to_target(measure_id, q_index)
                        paths.append(target_id)
                        values[id_at] = self.cell(target_id, styles.id)
                        rows[row] = shape(row_height([(target.metric, widths[at["metric"]])]), 2)
                        self.append(sheet, title, row, values, headers)

        sheet.auto_filter.ref = f"A2:{last}{max(row, 2)}"
        # Excel itself refuses text in 目标值 (reading would fail on it anyway).
        value_column = get_column_letter(at["value"] + 1)
        numbers_only = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1E+15",
            formula2="1E+15",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=label("value_error_title", self.lang),
            error=label("value_error", self.lang),
        )
        numbers_only.add(f"{value_column}3:{value_column}{max(row, 3) + 1000}")
        sheet.data_validations.append(numbers_only)

    def page_setup(self, sheet: Any, titles: str) -> None:
        """A4 (or A3) landscape, one page wide, the header row on every page, a page footer."""
        setup = sheet.page_setup
        setup.orientation = "landscape"
        setup.paperSize = PAPER_SIZES[self.paper]
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        sheet.print_options.horizontalCentered = True
        sheet.print_options.gridLines = True  # every cell ruled, without a styled cell for each
        sheet.page_margins = self.openpyxl.worksheet.page.PageMargins(
            left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3
        )
        sheet.print_title_rows = titles
        sheet.oddFooter.center.text = label("footer", self.lang)
        sheet.oddFooter.center.font = FONT

    def registries(self) -> None:
        plan, lang = self.plan, self.lang
        facts = [[label(f"fact_{name}", lang), _plain(getattr(plan, name))] for name in PLAN_FIELDS]
        self.table("plan", ("item", "content"), (14, 80), facts)
        self.table(
            "owners",
            ("owner_id", "name", "aliases"),
            (8, 36, 36),
            [[owner.id, owner.name, "、".join(owner.aliases) or None] for owner in plan.owners],
        )
        self.table(
            "documents",
            ("document_id", "title", "issuer"),
            (8, 60, 20),
            [[document.id, document.title, document.issuer] for document in plan.documents],
        )
        self.table(
            "dependencies",
            ("source", "depends_on", "kind", "text"),
            (16, 16, 12, 40),
            [[d.source, d.target, d.kind, d.text or None] for d in plan.dependencies],
        )

    def table(
        self, key: str, header: tuple[str, ...], widths: tuple[int, ...], rows: list[list[Any]]
    ) -> None:
        from openpyxl.utils import get_column_letter

        title = label(key, self.lang)
        names = [label(name, self.lang) for name in header]
        sheet = self.sheet = self.book.create_sheet(title)
        for index, column_width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = column_width
        sheet.freeze_panes = "A2"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.page_setup(sheet, "1:1")
        self.start(sheet, len(rows) + 1, len(header))
        self.row = 1
        self.append(sheet, title, 1, [self.cell(name, self.styles.header) for name in names], names)
        for number, values in enumerate(rows, 2):
            self.row = number
            self.append(
                sheet,
                title,
                number,
                [self.plain(value, names[index]) for index, value in enumerate(values)],
                names,
            )

    def hidden(self) -> None:
        """The ``_workplan`` sheet: JSON lines of what the table cannot show, cut into cells."""
        lines = "\n".join(_records(self.plan, iter(self.paths)))
        hidden: list[tuple[str, str]] = [("format", FORMAT)]
        hidden.extend(("records", chunk) for chunk in _chunks(lines))
        if self.plan.source is not None:
            hidden.extend(("source", chunk) for chunk in _chunks(self.plan.source))
        sheet = self.sheet = self.book.create_sheet(HIDDEN_SHEET)
        sheet.sheet_state = "hidden"
        self.start(sheet, len(hidden), 2)
        for number, (key, value) in enumerate(hidden, 1):
            self.row = number
            self.append(sheet, HIDDEN_SHEET, number, [key, self.plain(value, "B")], ["A", "B"])


_MAX_TEXT = 32_767  # characters an Excel cell holds


class _Unwritable(Exception):
    """A text an .xlsx cannot hold (raised inside openpyxl's row generator, named by `_unwritable`)."""


def _fast_rows(sheet: Any, styles: int) -> Any:
    """openpyxl's ``_values_to_row`` for our rows, without a validated ``Cell`` per value.

    A value is written as it is, or as ``(value, style id)``. Text is always text (``t="inlineStr"``),
    never a formula, whatever it starts with; text an .xlsx cannot hold raises `_Unwritable`.
    Each cell object is reused: openpyxl writes a cell before it asks for the next.
    """
    from openpyxl.cell.cell import Cell

    class Plain(Cell):  # type: ignore[misc]
        __slots__ = ()
        has_style = False

    class Styled(Cell):  # type: ignore[misc]
        __slots__ = ("_id",)
        has_style = True

        @property
        def style_id(self) -> int:
            return self._id  # type: ignore[no-any-return]

    plain = Plain(sheet)
    styled = []
    for index in range(styles):
        made = Styled(sheet)
        made._id = index
        styled.append(made)
    illegal = _ILLEGAL.search

    def rows(values: list[Any], row_index: int) -> Any:
        for column, value in enumerate(values, 1):
            if value is None:
                continue
            if type(value) is tuple:
                value, style = value
                cell = styled[style]
            else:
                cell = plain
            if type(value) is str:
                if illegal(value) is not None or len(value) > _MAX_TEXT:
                    raise _Unwritable(value)
                cell._value = value
                cell.data_type = "s"
            elif value is None or type(value) is int or type(value) is float:
                cell._value = value
                cell.data_type = "n"
            else:
                cell.value = value  # dates and the rest: openpyxl's own conversion
            cell.row = row_index
            cell.column = column
            yield cell

    return rows


def _plain(value: Any) -> Any:
    """A plan fact as a cell: years as numbers, dates as ISO text (as the table shows them)."""
    if value is None or isinstance(value, int):
        return value
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _chunks(text: str) -> list[str]:
    return [text[start : start + CHUNK] for start in range(0, len(text), CHUNK)] or [""]


_DROP = {"goal": ("tasks", "title", "span"), "task": ("measures", "title", "span", "extra")}
_MEASURE_DROP = ("targets", "text", "span", "extra")


def _records(plan: Plan, paths: Iterator[str]) -> Iterator[str]:
    """Hidden-sheet lines ``[key, fields]``: each node's own fields, without spans, children or
    what the table shows, from one unstructuring of the plan. ``paths`` gives the nodes' path ids
    in document order (as the main sheet wrote them); repeated ids get ``#2``, ``#3``."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    data = unstructure_plan(plan)
    facts = {name: data[name] for name in (*PLAN_FIELDS, *PLAN_HIDDEN_FIELDS) if name in data}
    yield encode(["plan", facts])
    for owner in data.get("owners", ()):
        yield encode([f"owner:{owner['id']}", owner])
    for document in data.get("documents", ()):
        yield encode([f"document:{document['id']}", document])
    written: dict[str, int] = {}

    def key() -> str:
        path = next(paths)
        count = written[path] = written.get(path, 0) + 1
        return path if count == 1 else f"{path}#{count}"

    for goal in data.get("goals", ()):
        yield encode([key(), _without(goal, _DROP["goal"])])
        for task in goal.get("tasks", ()):
            yield encode([key(), _spanless(_without(task, _DROP["task"]))])
            for measure in task.get("measures", ()):
                yield encode([key(), _spanless(_without(measure, _MEASURE_DROP))])
                for target in measure.get("targets", ()):
                    yield encode([key(), _without(target, ("span",))])


def _without(data: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    drop = set(names)
    return {name: value for name, value in data.items() if name not in drop}


def _spanless(data: dict[str, Any]) -> dict[str, Any]:
    """Owner, document and deadline references without their spans."""
    for name in ("owners", "documents"):
        if name in data:
            data[name] = [_without(ref, ("span",)) if "span" in ref else ref for ref in data[name]]
    deadline = data.get("deadline")
    if deadline is not None and "span" in deadline:
        data["deadline"] = _without(deadline, ("span",))
    return data


def _unwritable(
    values: list[Any], sheet: str, row: int, headers: list[str], error: BaseException | None
) -> ExcelError:
    from openpyxl.utils import get_column_letter

    for index, value in enumerate(values):
        text = value[0] if isinstance(value, tuple) else value
        if isinstance(text, str) and len(text) > _MAX_TEXT:
            column = headers[index] if index < len(headers) else get_column_letter(index + 1)
            return ExcelError(
                f"无法写入 {text[:40]!r}…：超过 Excel 单元格的 {_MAX_TEXT} 个字符",
                sheet=sheet,
                row=row,
                column=column,
            )
        if isinstance(text, str):
            found = _ILLEGAL.search(text)
            if found is not None:
                column = headers[index] if index < len(headers) else get_column_letter(index + 1)
                return ExcelError(
                    f"无法写入 {text[:40]!r}：含有 .xlsx 不能保存的字符 {found.group()!r}"
                    "（控制字符或孤立代理项）；请先删去它",
                    sheet=sheet,
                    row=row,
                    column=column,
                )
    return ExcelError(f"无法写入：{error}", sheet=sheet, row=row)
