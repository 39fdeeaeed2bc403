"""Reading a task-breakdown workbook: ours (edits included) or a bureau's own table.

Limits are checked before anything is materialised: the declared unpacked size
of every zip entry, then the rows and cells of each sheet read, counted on the
compressed stream; rows are then read as a stream.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import zipfile
from collections.abc import Generator, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from ..._errors import ExcelError, PathSyntaxError, WorkplanError
from ...model import (
    Deadline,
    Dependency,
    Document,
    DocumentRef,
    Goal,
    Measure,
    NodePath,
    Owner,
    OwnerRef,
    OwnerRole,
    Plan,
    Qualifier,
    Target,
    TargetKind,
    Task,
)
from .._converter import get_converter
from .._direct import structure, structure_or_cattrs
from ._layout import (
    CORE_FIELDS,
    FORMAT,
    HEADER_ALIASES,
    HIDDEN_SHEET,
    LEAD_FALLBACKS,
    MAX_CELLS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    PLAN_FIELDS,
    ROLE_SUFFIX,
    SEPARATORS,
    SHEET_NAMES,
    Lang,
    check_lang,
    chinese_numeral,
    deadline_cell,
    label,
    owner_cells,
    owner_name,
    parse_numeral,
    value_cell,
)
from ._write import openpyxl_module

__all__ = ["read_excel"]

_GOAL_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+)\s*[、.．]\s*(.*)$", re.S)
_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
_SPACES = re.compile(r"\s+")
_TARGET_FIELDS = frozenset(("metric", "value", "unit", "kind", "qualifier", "text"))
_NEEDED_OWN = tuple(field for field in CORE_FIELDS)  # our own table has every core column


@attrs.define
class Limits:
    """What a workbook may hold before reading stops with an `ExcelError`."""

    rows: int = MAX_ROWS
    cells: int = MAX_CELLS
    unpacked: int = MAX_UNCOMPRESSED_BYTES


def read_excel(
    path: str | os.PathLike[str],
    *,
    lang: Lang = "zh",
    max_rows: int = MAX_ROWS,
    max_cells: int = MAX_CELLS,
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES,
) -> Plan:
    """Read a plan from an .xlsx task-breakdown workbook: ours, edited or not, or a bureau's table.

    Args:
        path: The workbook.
        lang: The language of error messages: ``zh`` (default) or ``en``.
        max_rows: Most rows in any sheet (default 1,048,576, Excel's own limit).
        max_cells: Most cells in any sheet (default 5,000,000).
        max_uncompressed_bytes: Most bytes the workbook may unpack to (default 500 MB).

    Returns:
        The plan; equal to the one written, without spans, when nothing was edited.

    Raises:
        MissingExtraError: openpyxl (the ``excel`` extra) is not installed.
        ExcelError: The file is not a workbook, is over a limit, or a sheet, row and column in
            it cannot be read.
    """
    check_lang(lang)
    openpyxl = openpyxl_module()
    file = Path(path)
    limits = Limits(rows=max_rows, cells=max_cells, unpacked=max_uncompressed_bytes)
    say = _Say(lang)
    merges = _survey(file, limits, say)
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except FileNotFoundError:
        raise
    except Exception as error:  # InvalidFileException, KeyError, XML errors
        raise ExcelError(
            say(
                "{name} 不是 .xlsx 工作簿：{reason}",
                "{name} is not an .xlsx workbook: {reason}",
                name=file.name,
                reason=error,
            )
        ) from None
    try:
        if not book.worksheets:
            raise ExcelError(say("{name} 没有工作表", "{name} has no sheets", name=file.name))
        reader = _Reader(book, limits, say, merges)
        try:
            return reader.read()
        except ExcelError:
            raise
        except (TypeError, AttributeError, KeyError, IndexError, ValueError, WorkplanError) as error:
            sheet_name, row = reader.where
            raise ExcelError(
                say("无法读取：{error}", "cannot read: {error}", error=error), sheet=sheet_name, row=row
            ) from None
    finally:
        book.close()


class _Say:
    """Messages in the reader's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, zh: str, en: str, **values: Any) -> str:
        return (zh if self.lang == "zh" else en).format(**values)


def _survey(file: Path, limits: Limits, say: _Say) -> dict[str, list[tuple[int, int, int, int]]]:
    """Check the limits on the zip itself, before openpyxl opens anything; each sheet's merged ranges.

    Sizes are the entries' declared unpacked sizes (zipfile never unpacks more than that);
    rows and cells are counted on each sheet's stream, which stops at the first limit passed.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            total = 0
            sheets = []
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    sheets.append(info)
                    continue
                total += info.file_size
                if total > limits.unpacked:
                    raise ExcelError(
                        say(
                            "工作簿解压后超过 {limit} 字节（max_uncompressed_bytes），见 {entry}",
                            "the workbook unpacks to more than {limit} bytes"
                            " (max_uncompressed_bytes), see {entry}",
                            limit=limits.unpacked,
                            entry=info.filename,
                        )
                    )
            titles = _sheet_titles(archive)
            merges = {}
            for info in sheets:
                title = titles.get(info.filename, info.filename)
                total += info.file_size
                if total > limits.unpacked:
                    raise ExcelError(
                        say(
                            "工作簿解压后超过 {limit} 字节（max_uncompressed_bytes）",
                            "the workbook unpacks to more than {limit} bytes (max_uncompressed_bytes)",
                            limit=limits.unpacked,
                        ),
                        sheet=title,
                    )
                with archive.open(info) as stream:
                    merges[info.filename] = _scan(stream, title, limits, say)
            return merges
    except FileNotFoundError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        if isinstance(error, ExcelError):
            raise
        reason = (
            say("文件为空", "the file is empty") if file.exists() and file.stat().st_size == 0 else str(error)
        )
        raise ExcelError(
            say(
                "{name} 不是 .xlsx 工作簿：{reason}",
                "{name} is not an .xlsx workbook: {reason}",
                name=file.name,
                reason=reason,
            )
        ) from None


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet entry -> sheet title, from the workbook's own (small, size-checked) XML; best effort."""
    import xml.etree.ElementTree as ET

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    relation = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        links = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    targets = {}
    for link in links:
        target = link.get("Target", "")
        targets[link.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return {
        targets[sheet.get(relation)]: sheet.get("name", "")
        for sheet in workbook.iter(f"{main}sheet")
        if sheet.get(relation) in targets
    }


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _scan(stream: Any, title: str, limits: Limits, say: _Say) -> list[tuple[int, int, int, int]]:
    """Count a sheet's rows and cells on its stream before reading it; its merged ranges."""
    from openpyxl.utils import column_index_from_string

    rows = cells = 0
    tail = b""
    merges: set[bytes] = set()
    found: list[tuple[int, int, int, int]] = []
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        text = tail + chunk
        rows += text.count(b"<row") - tail.count(b"<row")
        cells += text.count(b"<c ") + text.count(b"<c>") - tail.count(b"<c ") - tail.count(b"<c>")
        if rows > limits.rows:
            raise ExcelError(
                say("超过 {limit} 行（max_rows）", "more than {limit} rows (max_rows)", limit=limits.rows),
                sheet=title,
            )
        if cells > limits.cells:
            raise ExcelError(
                say(
                    "超过 {limit} 个单元格（max_cells）",
                    "more than {limit} cells (max_cells)",
                    limit=limits.cells,
                ),
                sheet=title,
            )
        if b"mergeCell" in text:
            for match in _MERGE.finditer(text):
                if match.group() not in merges:
                    merges.add(match.group())
                    a, r1, b, r2 = match.groups()
                    found.append(
                        (
                            column_index_from_string(a.decode()),
                            int(r1),
                            column_index_from_string(b.decode()),
                            int(r2),
                        )
                    )
        tail = text[-80:]
    return found


def _stream(sheet: Any, limits: Limits, say: _Say) -> Generator[tuple[int, list[dict[str, Any]]], None, None]:
    """The sheet's rows as (row number, cells), each cell a dict with column, value and style_id."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for count, (number, cells) in enumerate(parser.parse(), 1):
            if count > limits.rows or number > limits.rows:
                raise ExcelError(
                    say(
                        "超过 {limit} 行（max_rows）", "more than {limit} rows (max_rows)", limit=limits.rows
                    ),
                    sheet=sheet.title,
                    row=number,
                )
            yield number, cells


def _values(sheet: Any, limits: Limits, say: _Say) -> Generator[tuple[int, list[Any]], None, None]:
    """The sheet's rows as (row number, values from column A), for the small sheets."""
    rows = _stream(sheet, limits, say)
    try:
        for number, cells in rows:
            if not cells:
                continue
            values: list[Any] = [None] * max(cell["column"] for cell in cells)
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            yield number, values
    finally:
        rows.close()


def _text(value: Any) -> str:
    """A cell as text: empty for None, dates as ISO, whole floats without ``.0``, TRUE/FALSE."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _blank(values: dict[str, Any]) -> bool:
    """Whether a row's cells hold nothing but spaces."""
    for value in values.values():  # noqa: SIM110 - a loop, no generator: this runs once per row
        if type(value) is not str or value.strip():
            return False
    return True


def _header_name(value: Any) -> str:
    return _SPACES.sub("", _text(value))


@attrs.define
class _Row:
    """One row of the main sheet: its number, its values by field, its other columns."""

    number: int
    values: dict[str, Any]
    extra: tuple[tuple[str, str], ...]
    percent: bool = False

    def raw(self, field: str) -> Any:
        return self.values.get(field)

    def text(self, field: str) -> str:
        text = _text(self.values.get(field))
        return text.strip() if field in ("id", "no") else text


@attrs.define
class _MeasureDraft:
    row: int
    sheet_id: str | None
    text: str
    owners: tuple[OwnerRef, ...]
    documents: tuple[DocumentRef, ...]
    deadline: Deadline | None
    extra: tuple[tuple[str, str], ...]
    targets: list[tuple[str | None, Target]] = attrs.Factory(list)


@attrs.define
class _TaskDraft:
    row: int
    sheet_id: str | None
    task: Task
    measures: list[_MeasureDraft] = attrs.Factory(list)


@attrs.define
class _GoalDraft:
    row: int
    sheet_id: str | None
    goal: Goal
    tasks: list[_TaskDraft] = attrs.Factory(list)


class _Reader:
    """Reads one workbook; keeps the registries and hidden records while it goes."""

    def __init__(
        self, book: Any, limits: Limits, say: _Say, merges: dict[str, list[tuple[int, int, int, int]]]
    ) -> None:
        self.book = book
        self.merges = merges
        self.limits = limits
        self.say = say
        self.where: tuple[str | None, int | None] = (None, None)
        self.records: dict[str, Any] = {}
        self.source: str | None = None
        self.has_records = False
        self.owners: list[Owner] = []
        self.by_name: dict[str, Owner] = {}
        self.names: dict[str, str] = {}
        self.main_title = label("main")
        self.columns: dict[str, str] = {}  # field -> header as written, for messages
        self.title_above = ""
        self.numbered_rows = False
        self.year: int | None = None

    def sheet(self, key: str) -> Any:
        for name in SHEET_NAMES[key]:
            if name in self.book.sheetnames:
                return self.book[name]
        return None

    def error(self, message: str, row: _Row | int, field: str) -> ExcelError:
        number = row if isinstance(row, int) else row.number
        column = self.columns.get(field, label(field) if field in CORE_FIELDS else field)
        return ExcelError(message, sheet=self.main_title, row=number, column=column)

    # -- the whole book ----------------------------------------------------------

    def read(self) -> Plan:
        if HIDDEN_SHEET in self.book.sheetnames:
            self.read_hidden(self.book[HIDDEN_SHEET])
        self.read_owners()
        documents = self.read_documents()
        facts = self.read_facts()
        self.year = facts.get("year")
        goals = self.read_main()
        if self.sheet("plan") is None:
            facts["title"] = self.title_above
            found = _YEAR.search(self.title_above)
            if found is not None and facts.get("year") is None:
                facts["year"] = int(found.group(1))
        return self.assemble(goals, documents, facts)

    # -- hidden sheet --------------------------------------------------------------

    def read_hidden(self, sheet: Any) -> None:
        self.where = (HIDDEN_SHEET, None)
        chunks: list[str] = []
        lines: list[str] = []
        for number, values in _values(sheet, self.limits, self.say):
            self.where = (HIDDEN_SHEET, number)
            if not values or values[0] is None:
                continue
            key = _text(values[0])
            value = values[1] if len(values) > 1 else None
            if key == "source":
                chunks.append(_text(value))
            elif key == "records":
                lines.append(_text(value))
            elif key == "format":
                if value != FORMAT:
                    raise ExcelError(
                        self.say(
                            "未知的工作簿格式 {value!r}；本版本读取 {format}",
                            "unknown workbook format {value!r}; this release reads {format}",
                            value=value,
                            format=FORMAT,
                        ),
                        sheet=HIDDEN_SHEET,
                        row=number,
                        column="B",
                    )
                self.has_records = True
        if chunks:
            self.source = "".join(chunks)
        # The C scanner, without json.loads' Python wrapper around each of thousands of lines.
        scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
        for line in "".join(lines).split("\n") if lines else ():
            try:
                pair, end = scan(line, 0)
                if end != len(line):
                    raise ValueError(line)  # more after the value: json.loads decides
            except (StopIteration, ValueError):
                try:
                    pair = json.loads(line)
                except ValueError:
                    pair = None
            if not (
                isinstance(pair, list)
                and len(pair) == 2
                and isinstance(pair[0], str)
                and isinstance(pair[1], dict)
            ):
                raise ExcelError(
                    self.say(
                        "隐藏记录已损坏：{line!r}", "a hidden record is damaged: {line!r}", line=line[:60]
                    ),
                    sheet=HIDDEN_SHEET,
                    column="B",
                )
            self.records.setdefault(pair[0], pair[1])

    def record(self, key: str | None, cls: type[Any], visible: dict[str, Any] | None = None) -> Any:
        """The hidden record for ``key`` as a ``cls`` (``visible`` fills the fields the table shows)."""
        return self.build(self.records.get(key) if key is not None else None, cls, visible)

    def take(self, key: str | None) -> Any:
        """The hidden record of a main-sheet row, let go once read (each row has its own key, read once).

        The key stays, for `Reader.assemble` to tell deleted rows; the data is freed as the
        rows go, so the collector does not walk every record again and again.
        """
        if key is None:
            return None
        data = self.records.get(key)
        if data is not None:
            self.records[key] = None
        return data

    def build(self, data: Any, cls: type[Any], visible: dict[str, Any] | None = None) -> Any:
        """A record's data as a ``cls``; None when there is none or it is damaged."""
        if data is None:
            return None
        try:
            return structure_or_cattrs({**(visible or {}), **data}, cls)
        except Exception:
            return None  # a damaged hidden record: trust the visible cells alone

    def target_record(self, key: str | None) -> Target | None:
        """The hidden record of a target, built directly when it has the usual fields."""
        data = self.take(key)
        if data is None:
            return None
        try:
            target: Target = structure(data, Target)  # the usual record, directly
            return target
        except Exception:  # below: defaults for what is missing, or cattrs, or nothing
            pass
        if data.keys() <= _TARGET_FIELDS and all(type(value) is str for value in data.values()):
            try:
                value = Decimal(data.get("value", ""))
                fields: dict[str, Any] = {"metric": data.get("metric", ""), "value": value}
                if "unit" in data:
                    fields["unit"] = data["unit"]
                if "text" in data:
                    fields["text"] = data["text"]
                if "kind" in data:
                    fields["kind"] = TargetKind(data["kind"])
                if "qualifier" in data:
                    fields["qualifier"] = Qualifier(data["qualifier"])
                return Target(**fields)
            except (ArithmeticError, ValueError, TypeError):
                return None  # a damaged hidden record: trust the visible cells alone
        result: Target | None = self.build(data, Target)
        return result

    # -- registries --------------------------------------------------------------

    def registry(self, key: str, header: tuple[str, ...]) -> Iterator[tuple[int, list[Any]]]:
        sheet = self.sheet(key)
        if sheet is None:
            return
        title = sheet.title
        self.where = (title, 1)
        rows = _values(sheet, self.limits, self.say)
        try:
            yield from self._registry_rows(title, header, rows)
        finally:
            rows.close()

    def _registry_rows(
        self, title: str, header: tuple[str, ...], rows: Iterator[tuple[int, list[Any]]]
    ) -> Iterator[tuple[int, list[Any]]]:
        first = next(rows, None)
        found = [_header_name(value) for value in (first[1] if first else ())]
        positions = []
        for name in header:
            names = {_SPACES.sub("", label(name, "zh")), _SPACES.sub("", label(name, "en"))}
            index = next((i for i, text in enumerate(found) if text in names), None)
            if index is None:
                raise ExcelError(
                    self.say("缺少列 {column!r}", "missing column {column!r}", column=label(name)),
                    sheet=title,
                    row=1,
                    column=label(name),
                )
            positions.append(index)
        for number, values in rows:
            self.where = (title, number)
            yield number, [values[p] if p < len(values) else None for p in positions]

    def read_owners(self) -> None:
        title = label("owners")
        for number, (raw_id, raw_name, raw_aliases) in self.registry(
            "owners", ("owner_id", "name", "aliases")
        ):
            owner_id, name, aliases = _text(raw_id).strip(), _text(raw_name), _text(raw_aliases)
            if not owner_id and not name.strip():
                continue
            recorded: Owner | None = self.record(f"owner:{owner_id}", Owner) if owner_id else None
            if recorded is not None and (recorded.name, "、".join(recorded.aliases)) == (name, aliases):
                self.add_owner(recorded)
                continue
            if not owner_id:
                owner_id = self.next_owner_id()
            if not name.strip():
                raise ExcelError(
                    self.say("单位须有名称", "an owner needs a name"),
                    sheet=title,
                    row=number,
                    column=label("name"),
                )
            alias_list = tuple(a.strip() for a in SEPARATORS.split(aliases) if a.strip())
            self.add_owner(Owner(id=owner_id, name=name.strip(), aliases=alias_list))

    def add_owner(self, owner: Owner) -> None:
        self.owners.append(owner)
        self.names[owner.id] = owner.name
        for name in (owner.name, *owner.aliases):
            self.by_name.setdefault(name, owner)
            self.by_name.setdefault(name.strip(), owner)

    def next_owner_id(self) -> str:
        numbers = [int(o.id[1:]) for o in self.owners if re.fullmatch(r"o[1-9]\d*", o.id)]
        return f"o{max(numbers, default=0) + 1}"

    def read_documents(self) -> list[Document]:
        documents = []
        header = ("document_id", "title", "issuer")
        for number, (raw_id, raw_title, raw_issuer) in self.registry("documents", header):
            document_id, title, issuer = _text(raw_id).strip(), _text(raw_title), _text(raw_issuer)
            if not document_id and not title.strip():
                continue
            if not document_id:
                raise ExcelError(
                    self.say("文件须有编号", "a document needs an id"),
                    sheet=label("documents"),
                    row=number,
                    column=label("document_id"),
                )
            recorded: Document | None = self.record(f"document:{document_id}", Document)
            if recorded is not None and (recorded.title, recorded.issuer or "") == (title, issuer):
                documents.append(recorded)
                continue
            documents.append(Document(id=document_id, title=title.strip(), issuer=issuer.strip() or None))
        return documents

    def read_dependencies(self) -> list[Dependency]:
        dependencies = []
        header = ("source", "depends_on", "kind", "text")
        for number, values in self.registry("dependencies", header):
            source, target, kind, text = (_text(value).strip() for value in values)
            if not source and not target:
                continue
            if not source or not target:
                column = label("source") if not source else label("depends_on")
                raise ExcelError(
                    self.say("依赖须有两端", "a dependency needs both ends"),
                    sheet=label("dependencies"),
                    row=number,
                    column=column,
                )
            dependencies.append(Dependency(source=source, target=target, kind=kind or "requires", text=text))
        return dependencies

    def read_facts(self) -> dict[str, Any]:
        recorded: Plan | None = self.record("plan", Plan, {"title": ""})
        facts: dict[str, Any] = {}
        labels = {
            _SPACES.sub("", label(f"fact_{name}", lang)): name
            for name in PLAN_FIELDS
            for lang in ("zh", "en")
        }
        sheet = self.sheet("plan")
        title = sheet.title if sheet is not None else label("plan")
        column = label("content")
        for number, (raw_label, value) in self.registry("plan", ("item", "content")):
            name = labels.get(_header_name(raw_label))
            if name is None:
                continue
            shown = _text(value)
            if recorded is not None:
                original = getattr(recorded, name)
                if (_text(original) if original is not None else "") == shown:
                    facts[name] = original
                    continue
            if name == "year":
                if isinstance(value, bool):
                    raise ExcelError(
                        self.say("年度应为年份，而不是 {shown}", "expected a year, got {shown}", shown=shown),
                        sheet=title,
                        row=number,
                        column=column,
                    )
                if shown.strip() == "":
                    facts[name] = None
                elif isinstance(value, int | float) and float(value).is_integer():
                    facts[name] = int(value)
                elif shown.strip().isdigit() and shown.strip().isascii():
                    facts[name] = int(shown.strip())
                else:
                    raise ExcelError(
                        self.say(
                            "年度应为年份，而不是 {shown!r}", "expected a year, got {shown!r}", shown=shown
                        ),
                        sheet=title,
                        row=number,
                        column=column,
                    )
            elif name == "issued":
                facts[name] = _date(value, number, title, column, self.say)
            elif name in ("title", "preamble"):
                facts[name] = shown
            else:
                facts[name] = shown or None
        facts.setdefault("title", "")
        if recorded is not None and recorded.issuers:
            # Joint issuers have no row of their own; an edited 发文单位 replaces the first.
            issuer = facts.get("issuer")
            rest = recorded.issuers[1:] if recorded.issuers[0] == recorded.issuer else recorded.issuers
            facts["issuers"] = ((issuer,) if issuer else ()) + tuple(n for n in rest if n != issuer)
        return facts

    # -- the main sheet --------------------------------------------------------------

    def main_sheet(self) -> Any:
        found = self.sheet("main")
        if found is not None:
            return found
        skip = {name for key in SHEET_NAMES for name in SHEET_NAMES[key]} | {HIDDEN_SHEET}
        for sheet in self.book.worksheets:
            if sheet.title not in skip and sheet.sheet_state == "visible":
                return sheet
        return self.book.worksheets[0]

    def read_main(self) -> list[_GoalDraft]:
        sheet = self.main_sheet()
        self.main_title = title = sheet.title
        merges = self.merges.get(sheet._worksheet_path.lstrip("/"), [])
        rows = _stream(sheet, self.limits, self.say)
        try:
            return self._read_rows(title, rows, merges)
        finally:
            rows.close()

    def _read_rows(
        self,
        title: str,
        rows: Iterator[tuple[int, list[dict[str, Any]]]],
        merges: list[tuple[int, int, int, int]],
    ) -> list[_GoalDraft]:
        header: dict[int, str] | None = None
        extras: dict[int, str] = {}
        above: list[str] = []
        for number, cells in rows:
            self.where = (title, number)
            texts = {
                cell["column"]: _header_name(cell["value"]) for cell in cells if cell["value"] is not None
            }
            header, extras = self.header(texts)
            if header is not None:
                header_row = number
                break
            above.extend(text for text in texts.values() if text)
            if number >= 10:
                break
        if header is None:
            raise ExcelError(
                self.say(
                    "前 10 行中没有表头（表格至少需要 重点任务 或 具体措施 列）",
                    "no header row in the first 10 rows (the table needs 重点任务 or 具体措施)",
                ),
                sheet=title,
                row=1,
                column=label("task"),
            )
        self.title_above = above[0] if above else ""
        if self.year is None:  # a bureau's table: the year in its title dates 6月底前
            found = _YEAR.search(self.title_above)
            self.year = int(found.group(1)) if found is not None else None
        fields = set(header.values())
        if self.has_records:
            for field in _NEEDED_OWN:
                if field not in fields:
                    raise self.error(
                        self.say("缺少列 {column!r}", "missing column {column!r}", column=label(field)),
                        header_row,
                        field,
                    )
        self.has_targets = "metric" in fields or "value" in fields
        percent_styles = _percent_styles(self.book)
        value_column = next((c for c, f in header.items() if f == "value"), None)
        # Vertical merges of a foreign table: a cell merged over several rows holds for each of them,
        # except 序号 and 重点任务 (a task title merged over its measures is one task).
        filled: dict[tuple[int, int], tuple[int, int]] = {}
        if not self.has_records:
            for min_col, min_row, _max_col, max_row in merges:
                merged = header.get(min_col)
                if max_row > min_row and (merged in ("lead", "support", "due") or min_col in extras):
                    for r in range(min_row + 1, max_row + 1):
                        filled[(r, min_col)] = (min_row, min_col)
        remembered: dict[tuple[int, int], Any] = {}
        wanted = set(filled.values())
        drafts = _Drafts(self)
        for number, cells in rows:
            self.where = (title, number)
            values: dict[str, Any] = {}
            extra: dict[str, str] = {}
            percent = False
            for cell in cells:
                column = cell["column"]
                value = cell["value"]
                if value is None:
                    continue
                if wanted and (number, column) in wanted:
                    remembered[(number, column)] = value
                name = header.get(column)
                if name is not None:
                    values[name] = value
                    if (
                        column == value_column
                        and percent_styles
                        and int(cell.get("style_id") or 0) in percent_styles
                    ):
                        percent = True
                elif column in extras:
                    text = _text(value)
                    if text.strip():
                        extra[extras[column]] = text
            if filled:
                for column, field in header.items():
                    source = filled.get((number, column))
                    if source is not None and field not in values and source in remembered:
                        values[field] = remembered[source]
                for column, name in extras.items():
                    source = filled.get((number, column))
                    if source is not None and name not in extra and source in remembered:
                        extra[name] = _text(remembered[source])
            if not extra and _blank(values):
                continue
            ordered = tuple((name, extra[name]) for name in extras.values() if name in extra)
            drafts.add(_Row(number, values, ordered, percent))
        return drafts.goals

    def header(self, texts: dict[int, str]) -> tuple[dict[int, str] | None, dict[int, str]]:
        """Which column holds which field, and the other columns; None when this is no header row."""
        named = {column: HEADER_ALIASES.get(text) for column, text in texts.items()}
        if not {"task", "measure"} & set(named.values()) or sum(1 for f in named.values() if f) < 2:
            return None, {}
        has_lead = "lead" in named.values()
        header: dict[int, str] = {}
        extras: dict[int, str] = {}
        for column, text in sorted(texts.items()):
            field = named[column]
            if not has_lead and not self.has_records and text in LEAD_FALLBACKS:
                field, has_lead = "lead", True
            if field is None or field in header.values():
                extras[column] = text
            else:
                header[column] = field
                self.columns[field] = text
        return header, extras

    # -- cells ------------------------------------------------------------------------

    def owners_from(self, row: _Row, recorded: tuple[OwnerRef, ...] | None) -> tuple[OwnerRef, ...]:
        lead, support = _text(row.raw("lead")), _text(row.raw("support"))
        if recorded is not None and owner_cells(recorded, self.names) == (lead, support):
            return recorded
        spare = list(recorded or ())
        refs: list[OwnerRef] = []
        for field, cell_text in (("lead", lead), ("support", support)):
            for piece in SEPARATORS.split(cell_text):
                name = piece.strip()
                if not name:
                    continue
                role = OwnerRole.LEAD if field == "lead" else OwnerRole.SUPPORT
                for other_role, suffix in ROLE_SUFFIX.items():
                    if field == "support" and name.endswith(suffix):
                        name, role = name[: -len(suffix)].strip(), other_role
                reused = next(
                    (r for r in spare if r.role is role and owner_name(r, self.names).strip() == name), None
                )
                if reused is not None:
                    spare.remove(reused)
                    refs.append(reused)
                    continue
                owner = self.by_name.get(name)
                if owner is None:
                    owner = Owner(id=self.next_owner_id(), name=name)
                    self.add_owner(owner)
                refs.append(OwnerRef(owner=owner.id, role=role, text=name))
        return tuple(refs)

    def deadline_from(self, row: _Row, recorded: Deadline | None, has_record: bool) -> Deadline | None:
        shown = row.text("due")
        if has_record and deadline_cell(recorded) == shown:
            return recorded
        if not shown.strip():
            return None
        value = row.raw("due")
        if isinstance(value, dt.datetime | dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            return Deadline(text=shown, end=day)
        found = _deadline_in(shown.strip(), self.year)
        if found is None:
            return Deadline(text=shown)
        return Deadline(text=shown, start=found.start, end=found.end, recurrence=found.recurrence)

    def target_from(self, row: _Row, key: str | None) -> Target:
        metric = row.text("metric")
        unit = row.text("unit")
        raw = row.raw("value")
        value = _decimal(raw)
        if value is None:
            raise self.error(
                self.say("目标值应为数字，而不是 {raw!r}", "expected a number, got {raw!r}", raw=_text(raw)),
                row,
                "value",
            )
        if row.percent and isinstance(raw, int | float):
            value = _plain_decimal(value * 100)
        recorded = self.target_record(key)
        if recorded is None:
            return Target(metric=metric, value=value, unit=unit)
        if (recorded.metric, recorded.unit) == (metric, unit) and _same_number(recorded.value, raw):
            return recorded
        return attrs.evolve(recorded, metric=metric, value=value, unit=unit, text="")

    # -- assembling ---------------------------------------------------------------------

    def assemble(self, drafts: list[_GoalDraft], documents: list[Document], facts: dict[str, Any]) -> Plan:
        if self.numbered_rows:  # 序号 numbered rows, not tasks: number the tasks in order
            number = 0
            for goal_draft in drafts:
                for task_draft in goal_draft.tasks:
                    number += 1
                    task_draft.task = attrs.evolve(task_draft.task, number=number)
        goals = []
        # (path id in the sheet, goal, task, measure, target numbers in the plan read back)
        places: list[tuple[str, int, int | None, int | None, int | None]] = []
        for goal_draft in drafts:
            goal_number = goal_draft.goal.number
            if goal_draft.sheet_id is not None:
                places.append((goal_draft.sheet_id, goal_number, None, None, None))
            tasks = []
            for task_draft in goal_draft.tasks:
                task_number = task_draft.task.number
                if task_draft.sheet_id is not None:
                    places.append((task_draft.sheet_id, goal_number, task_number, None, None))
                measures = []
                for m_index, draft in enumerate(task_draft.measures, 1):
                    if draft.sheet_id is not None:
                        places.append((draft.sheet_id, goal_number, task_number, m_index, None))
                    for q_index, (target_id, _) in enumerate(draft.targets, 1):
                        if target_id is not None:
                            places.append((target_id, goal_number, task_number, m_index, q_index))
                    targets = tuple(target for _, target in draft.targets)
                    if not draft.targets and not self.has_targets and draft.text.strip():
                        targets = _targets_in(draft.text)
                    measures.append(
                        Measure(
                            text=draft.text,
                            targets=targets,
                            owners=draft.owners,
                            documents=draft.documents,
                            deadline=draft.deadline,
                            extra=draft.extra,
                        )
                    )
                tasks.append(attrs.evolve(task_draft.task, measures=tuple(measures)))
            goals.append(attrs.evolve(goal_draft.goal, tasks=tuple(tasks)))

        found = self.read_dependencies()
        # path id in the sheet -> path id in the plan read back; only dependencies need it
        moved = {
            place[0]: str(NodePath(goal=place[1], task=place[2], measure=place[3], target=place[4]))
            for place in (places if found else ())
        }

        def deleted(path: str) -> bool:
            """Whether ``path`` was written to the table and its row has since been deleted."""
            return self.has_records and path in self.records and path not in moved

        dependencies = tuple(
            attrs.evolve(d, source=moved.get(d.source, d.source), target=moved.get(d.target, d.target))
            for d in found
            if not (deleted(d.source) or deleted(d.target))
        )
        self.where = (None, None)
        return Plan(
            **facts,
            goals=tuple(goals),
            owners=tuple(self.owners),
            documents=tuple(documents),
            dependencies=dependencies,
            source=self.source,
        )


class _Drafts:
    """Rows in order become goals, tasks, measures and targets."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.goals: list[_GoalDraft] = []
        self.seen: dict[str, int] = {}

    def add(self, row: _Row) -> None:
        reader = self.reader
        say = reader.say
        sheet_id = row.text("id") or None
        key = sheet_id
        if sheet_id is not None:
            try:
                kind = _path_kind(sheet_id)
            except PathSyntaxError:
                raise reader.error(
                    say(
                        "编号 {id!r} 无效，应为 g<N>[/t<N>[/m<N>[/q<N>]]]",
                        "invalid path id {id!r}; expected g<N>[/t<N>[/m<N>[/q<N>]]]",
                        id=sheet_id,
                    ),
                    row,
                    "id",
                ) from None
            if reader.has_records and sheet_id not in reader.records:
                raise reader.error(
                    say(
                        "未知编号 {id!r}：没有写出过此项；新增行请留空编号",
                        "unknown path id {id!r}: no such item was written; leave 编号 empty for new rows",
                        id=sheet_id,
                    ),
                    row,
                    "id",
                )
            self.seen[sheet_id] = count = self.seen.get(sheet_id, 0) + 1
            if count > 1:
                # A repeated id: the plan written had repeats (its record is id#n), or a row was
                # copied (no such record: a new item, with nothing carried over).
                key, sheet_id = f"{sheet_id}#{count}", None
        else:
            kind = self.kind(row)
        if kind in ("goal", "target") and row.extra:
            name = row.extra[0][0]
            raise reader.error(
                say(
                    "{kind}行的 {column} 无处保存；请写在任务或措施行",
                    "{column} on a {kind} row cannot be kept; put it on a task or measure row",
                    kind={"goal": "目标", "target": "指标"}[kind] if say.lang == "zh" else kind,
                    column=name,
                ),
                row,
                name,
            )
        if kind == "goal":
            self.goals.append(_GoalDraft(row.number, sheet_id, self.goal(row, key)))
            return
        if kind == "task+measure":
            self.task(row, None, with_measure=True)
            return
        if kind == "task":
            self.task(row, key)
            return
        task = self.current_task(row, kind)
        if kind == "measure":
            recorded: dict[str, Any] | None = reader.take(key)
            task.measures.append(self.measure(row, sheet_id, recorded))
            return
        if not task.measures:
            raise reader.error(
                say("指标行须在措施行之后", "a target row must come after a measure row"), row, "id"
            )
        task.measures[-1].targets.append((sheet_id, reader.target_from(row, key)))

    def kind(self, row: _Row) -> str:
        """What a row without 编号 is, from what it fills in."""
        reader = self.reader
        if row.text("measure").strip():
            title = row.text("task").strip()
            current = self.goals[-1].tasks[-1] if self.goals and self.goals[-1].tasks else None
            if title and (current is None or current.task.title != title):
                return "task+measure"
            if not title and row.text("no") and not reader.has_records:
                reader.numbered_rows = True
            return "measure"
        if row.text("metric").strip() or row.raw("value") is not None:
            return "target"
        number = row.text("no")
        if number and not number.isascii() and parse_numeral(number) is not None:
            return "goal"
        if _GOAL_HEADING.match(number or row.text("task")):
            return "goal"
        if row.text("task").strip():
            return "task"
        raise reader.error(
            reader.say(
                "无法判断此行是什么；请填写 重点任务、具体措施 或 量化目标",
                "cannot tell what this row is; fill in 重点任务, 具体措施 or 量化目标",
            ),
            row,
            "task",
        )

    def current_task(self, row: _Row, kind: str) -> _TaskDraft:
        reader = self.reader
        goal = self.current_goal(row, kind)
        if not goal.tasks:
            raise reader.error(
                reader.say("{kind}行须在任务行之后", "a {kind} row must come after a task row", kind=kind),
                row,
                "id",
            )
        return goal.tasks[-1]

    def current_goal(self, row: _Row, kind: str) -> _GoalDraft:
        reader = self.reader
        if not self.goals:
            if reader.has_records:
                raise reader.error(
                    reader.say(
                        "{kind}行须在目标行之后", "a {kind} row must come after a goal row", kind=kind
                    ),
                    row,
                    "id",
                )
            self.goals.append(
                _GoalDraft(row.number, None, Goal(number=1, title=""))
            )  # a table without goal rows
        return self.goals[-1]

    def goal(self, row: _Row, key: str | None) -> Goal:
        reader = self.reader
        recorded: Goal | None = reader.build(reader.take(key), Goal, {"title": ""})
        shown = row.text("no")
        title = row.text("task")
        heading = _GOAL_HEADING.match(shown) or (None if shown else _GOAL_HEADING.match(title))
        if heading is not None and (not title or heading.string is title):
            shown, title = heading.group(1), heading.group(2)
        if recorded is not None and shown == chinese_numeral(recorded.number):
            number: int | None = recorded.number
        else:
            number = parse_numeral(shown)
        if number is None or number < 1:
            raise reader.error(
                reader.say(
                    "应为目标序号（一、二……或 1、2……），而不是 {shown!r}",
                    "expected a goal number (一, 二, … or 1, 2, …), got {shown!r}",
                    shown=shown,
                ),
                row,
                "no",
            )
        return Goal(number=number, title=title)

    def task(self, row: _Row, key: str | None, *, with_measure: bool = False) -> None:
        reader = self.reader
        goal = self.current_goal(row, "task")
        previous = goal.tasks[-1].task.number if goal.tasks else self.last_task_number()
        recorded: Task | None = reader.build(reader.take(key), Task, {"title": ""})
        raw = row.raw("no")
        shown = row.text("no")
        if isinstance(raw, bool):
            raise reader.error(
                reader.say(
                    "序号应为数字，而不是 {shown}", "expected a task number, got {shown}", shown=shown
                ),
                row,
                "no",
            )
        if raw is None or not shown:
            number = previous + 1
        elif isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
            number = int(raw)
        elif shown.rstrip("、.").isdigit() and shown.isascii():
            number = int(shown.rstrip("、."))
        else:
            raise reader.error(
                reader.say(
                    "序号应为数字，而不是 {shown!r}", "expected a task number, got {shown!r}", shown=shown
                ),
                row,
                "no",
            )
        if number < 1:
            raise reader.error(
                reader.say(
                    "序号应从 1 开始，而不是 {shown!r}",
                    "expected a task number from 1, got {shown!r}",
                    shown=shown,
                ),
                row,
                "no",
            )
        if with_measure:
            draft = _TaskDraft(row.number, None, Task(number=number, title=row.text("task")))
            goal.tasks.append(draft)
            draft.measures.append(self.measure(row, None, None))
            return
        task = Task(
            number=number,
            title=row.text("task"),
            owners=reader.owners_from(row, recorded.owners if recorded else None),
            deadline=reader.deadline_from(row, recorded.deadline if recorded else None, recorded is not None),
            key=recorded.key if recorded else None,
            extra=row.extra,
        )
        goal.tasks.append(
            _TaskDraft(row.number, row.text("id") or None if key == row.text("id") else None, task)
        )

    def last_task_number(self) -> int:
        for goal in reversed(self.goals):
            if goal.tasks:
                return goal.tasks[-1].task.number
        return 0

    def measure(self, row: _Row, sheet_id: str | None, recorded: dict[str, Any] | None) -> _MeasureDraft:
        reader = self.reader
        owners: tuple[OwnerRef, ...] | None = None
        documents: tuple[DocumentRef, ...] = ()
        deadline: Deadline | None = None
        if recorded:  # one Measure per measure: structure only the parts the record holds
            try:
                if "owners" in recorded:
                    owners = _refs(recorded["owners"], OwnerRef)
                if "documents" in recorded:
                    documents = _refs(recorded["documents"], DocumentRef)
                if "deadline" in recorded:
                    deadline = structure_or_cattrs(recorded["deadline"], Deadline)
            except Exception:
                owners, documents, deadline = None, (), None  # damaged: the visible cells alone
        has_record = recorded is not None
        return _MeasureDraft(
            row=row.number,
            sheet_id=sheet_id,
            text=row.text("measure"),
            owners=reader.owners_from(row, owners if owners is not None else (() if has_record else None)),
            documents=documents,
            deadline=reader.deadline_from(row, deadline, has_record),
            extra=row.extra,
        )


_CANONICAL_PATH = re.compile(r"g[1-9][0-9]*(?:/t[1-9][0-9]*(?:/m[1-9][0-9]*(?:/q[1-9][0-9]*)?)?)?")
_KINDS = ("goal", "task", "measure", "target")


def _path_kind(text: str) -> str:
    """``NodePath.parse(text).kind``, without building the path for the ids we write ourselves."""
    if _CANONICAL_PATH.fullmatch(text):
        return _KINDS[text.count("/")]
    return NodePath.parse(text).kind


def _refs(data: Any, cls: type[Any]) -> tuple[Any, ...]:
    """A recorded list of owner or document references, built directly when it is the usual."""
    if type(data) is list:
        try:
            return tuple([structure(item, cls) for item in data])
        except Exception:  # anything unusual: cattrs builds it or says what is wrong
            pass
    result: tuple[Any, ...] = get_converter().structure(data, tuple[cls, ...])  # type: ignore[valid-type]
    return result


def _percent_styles(book: Any) -> set[int]:
    """The cell style ids whose number format shows a percentage."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    found = set()
    for index, style in enumerate(getattr(book, "_cell_styles", ())):
        format_id = style.numFmtId
        if format_id < BUILTIN_FORMATS_MAX_SIZE:
            code = BUILTIN_FORMATS.get(format_id, "General")
        else:
            try:
                code = book._number_formats[format_id - BUILTIN_FORMATS_MAX_SIZE]
            except IndexError:
                continue
        if "%" in code:
            found.add(index)
    return found


def _decimal(raw: Any) -> Decimal | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        number = Decimal(repr(raw))
    elif isinstance(raw, str):
        text = raw.strip().replace(",", "")
        if not text or not text.isascii():
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        if len(number.as_tuple().digits) > 100:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _plain_decimal(number: Decimal) -> Decimal:
    """``95.00`` as ``95``, ``1E+2`` as ``100``: the shortest plain form."""
    number = number.normalize()
    return number.quantize(Decimal(1)) if number.as_tuple().exponent > 0 else number  # type: ignore[operator]


def _same_number(recorded: Decimal, raw: Any) -> bool:
    shown = value_cell(recorded)
    if isinstance(raw, bool):
        return False
    if isinstance(raw, str) or isinstance(shown, str):
        return isinstance(raw, str) and raw.strip() == str(shown)
    return isinstance(raw, int | float) and raw == shown


def _date(value: Any, row: int, sheet: str, column: str, say: _Say) -> dt.date | None:
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
            say(
                "应为日期（YYYY-MM-DD），而不是 {value!r}",
                "expected a date (YYYY-MM-DD), got {value!r}",
                value=_text(value),
            ),
            sheet=sheet,
            row=row,
            column=column,
        ) from None


# -- the parser's extractors, on cell text -------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _deadline_in(text: str, year: int | None) -> Deadline | None:
    """The deadline the parser reads in a 完成时限 cell (the same code as `parse_text`)."""
    from ...parse import parse_text

    head = f"{year}年工作要点\n" if year else ""
    flat = _SPACES.sub(" ", text)
    plan = parse_text(f"{head}一、目标\n1.任务。\n工作于{flat}完成。\n")
    for goal in plan.goals:
        for task in goal.tasks:
            for measure in task.measures:
                if measure.deadline is not None:
                    return measure.deadline
            if task.deadline is not None:
                return task.deadline
    return None


@functools.lru_cache(maxsize=4096)
def _targets_in(text: str) -> tuple[Target, ...]:
    """The targets the parser reads in a 具体措施 cell (the same code as `parse_text`)."""
    from ...parse import parse_text

    flat = _SPACES.sub(" ", text)
    plan = parse_text(f"一、目标\n1.任务。\n{flat}\n")
    return tuple(
        attrs.evolve(target, span=None)
        for goal in plan.goals
        for task in goal.tasks
        for measure in task.measures
        for target in measure.targets
    )
