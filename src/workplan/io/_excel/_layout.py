"""The task-breakdown table's layout: columns, labels in Chinese and English, widths, print setup.

The labels live here as one small table (``zh`` first, ``en`` on request); the
integrator may later point them at the shared label catalogue.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from ...model import Deadline, OwnerRef, OwnerRole

__all__ = [
    "CORE_FIELDS",
    "MAIN_SHEET",
    "NOTE_COLUMNS",
    "TABLE_COLUMNS",
    "Lang",
    "Paper",
    "chinese_numeral",
    "label",
]

Lang = Literal["zh", "en"]
Paper = Literal["A4", "A3"]

# Fields of the main sheet, in the order they are written (编号, the machine id, goes last).
CORE_FIELDS: tuple[str, ...] = (
    "no",
    "task",
    "measure",
    "metric",
    "value",
    "unit",
    "lead",
    "support",
    "due",
    "id",
)

_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "id": "编号",
        "no": "序号",
        "task": "重点任务",
        "measure": "具体措施",
        "metric": "量化目标",
        "value": "目标值",
        "unit": "单位",
        "lead": "牵头单位",
        "support": "责任单位",
        "due": "完成时限",
        "progress": "进展情况",
        "note": "备注",
        # sheets
        "main": "任务分解表",
        "plan": "计划",
        "owners": "单位",
        "documents": "文件",
        "dependencies": "依赖",
        # registry columns
        "item": "项目",
        "content": "内容",
        "owner_id": "编号",
        "name": "名称",
        "aliases": "别名",
        "document_id": "编号",
        "title": "标题",
        "issuer": "发文单位",
        "source": "来源",
        "depends_on": "依赖于",
        "kind": "类型",
        "text": "说明",
        # plan facts
        "fact_title": "标题",
        "fact_issuer": "发布单位",
        "fact_year": "年度",
        "fact_issued": "印发日期",
        "fact_doc_number": "文号",
        "fact_preamble": "总体要求",
        # print
        "footer": "第 &P 页 共 &N 页",
        "value_error_title": "目标值",
        "value_error": "目标值须为数字，单位请填在“单位”列。",
    },
    "en": {
        "id": "ID",
        "no": "No.",
        "task": "Task",
        "measure": "Measure",
        "metric": "Metric",
        "value": "Value",
        "unit": "Unit",
        "lead": "Lead",
        "support": "Support",
        "due": "Deadline",
        "progress": "Progress",
        "note": "Notes",
        "main": "Tasks",
        "plan": "Plan",
        "owners": "Owners",
        "documents": "Documents",
        "dependencies": "Dependencies",
        "item": "Item",
        "content": "Value",
        "owner_id": "ID",
        "name": "Name",
        "aliases": "Aliases",
        "document_id": "ID",
        "title": "Title",
        "issuer": "Issuer",
        "source": "Source",
        "depends_on": "Depends on",
        "kind": "Kind",
        "text": "Note",
        "fact_title": "Title",
        "fact_issuer": "Issuer",
        "fact_year": "Year",
        "fact_issued": "Issued",
        "fact_doc_number": "Document number",
        "fact_preamble": "Preamble",
        "footer": "Page &P of &N",
        "value_error_title": "Value",
        "value_error": "The value must be a number; put the unit in Unit.",
    },
}

MAIN_SHEET = _LABELS["zh"]["main"]
"""The name of the task-breakdown sheet."""

TABLE_COLUMNS: tuple[str, ...] = tuple(_LABELS["zh"][field] for field in CORE_FIELDS)
"""The task-breakdown table's columns, in the order they are written (编号 last)."""

NOTE_COLUMNS: tuple[str, ...] = (_LABELS["zh"]["progress"], _LABELS["zh"]["note"])
"""The empty columns a clerk fills in by hand (进展情况, 备注), written on request."""

# Header aliases of bureaus' own tables -> field. 'lead?' fields apply only when no lead column.
HEADER_ALIASES: dict[str, str] = {
    "序号": "no",
    "编号": "id",
    "重点任务": "task",
    "重点工作": "task",
    "工作任务": "task",
    "主要任务": "task",
    "任务": "task",
    "具体措施": "measure",
    "工作措施": "measure",
    "具体举措": "measure",
    "主要措施": "measure",
    "量化目标": "metric",
    "目标值": "value",
    "单位": "unit",
    "牵头单位": "lead",
    "牵头部门": "lead",
    "责任单位": "support",
    "配合单位": "support",
    "协办单位": "support",
    "参与单位": "support",
    "配合部门": "support",
    "完成时限": "due",
    "时间节点": "due",
    "完成时间": "due",
    "时限": "due",
    "完成期限": "due",
}
# Named only when the table has no 牵头单位: then these mean the lead.
LEAD_FALLBACKS: tuple[str, ...] = ("责任处室", "责任科室", "责任部门", "主责单位", "责任单位")
for _field in CORE_FIELDS:
    HEADER_ALIASES.setdefault(_LABELS["en"][_field], _field)

SHEET_NAMES: dict[str, tuple[str, str]] = {
    key: (_LABELS["zh"][key], _LABELS["en"][key])
    for key in ("main", "plan", "owners", "documents", "dependencies")
}
HIDDEN_SHEET = "_workplan"
FORMAT = "workplan-excel/1"
CHUNK = 30_000  # Excel cells hold at most 32,767 characters

WIDTHS: dict[str, float] = {
    "no": 6,
    "task": 24,
    "measure": 52,
    "metric": 16,
    "value": 9,
    "unit": 6,
    "lead": 16,
    "support": 20,
    "due": 12,
    "id": 9,
}
EXTRA_WIDTH = 14.0
PLAN_FIELDS: tuple[str, ...] = ("title", "issuer", "year", "issued", "doc_number", "preamble")
PLAN_HIDDEN_FIELDS: tuple[str, ...] = ("issuers",)
"""Plan fields with no row on the 计划 sheet: they ride in the hidden record only."""
ROLE_SUFFIX = {OwnerRole.PARTNER: "(合作)", OwnerRole.OVERSIGHT: "(督导)"}
SEPARATORS = re.compile(r"[、,,;;\n]+")
_NUMERALS = "一二三四五六七八九"
PAPER_SIZES: dict[str, int] = {"A4": 9, "A3": 8}  # openpyxl's paperSize codes
LINE_HEIGHT = 14.5  # points per wrapped line of 11-point 宋体
FONT = "宋体"

# Limits of the reader (see read_excel).
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_CELLS = 5_000_000
MAX_UNCOMPRESSED_BYTES = 500_000_000


def label(key: str, lang: str = "zh") -> str:
    """The label of ``key`` in ``lang`` (``zh`` or ``en``)."""
    try:
        return _LABELS[lang][key]
    except KeyError:
        if lang not in _LABELS:
            raise ValueError(f"unknown language {lang!r}; use 'zh' or 'en'") from None
        raise


def check_lang(lang: str) -> None:
    if lang not in _LABELS:
        raise ValueError(f"unknown language {lang!r}; use 'zh' or 'en'")


def chinese_numeral(number: int) -> str:
    """一 … 九十九 for 1 … 99; other numbers as digits."""
    if not 1 <= number <= 99:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


_NUMERAL_VALUES = {chinese_numeral(number): number for number in range(1, 100)}


def parse_numeral(text: str) -> int | None:
    """1 … 99 from 一 … 九十九 or digits (a trailing 、 or . allowed); else None."""
    text = text.strip().rstrip("、.")
    if text.isdigit() and text.isascii():
        return int(text)
    return _NUMERAL_VALUES.get(text)


def owner_name(ref: OwnerRef, names: dict[str, str]) -> str:
    return ref.text or names.get(ref.owner, ref.owner)


def owner_cells(refs: Iterable[OwnerRef], names: dict[str, str]) -> tuple[str, str]:
    """The 牵头单位 and 责任单位 cells of a node's owners."""
    leads: list[str] = []
    others: list[str] = []
    for ref in refs:
        name = owner_name(ref, names)
        if ref.role is OwnerRole.LEAD:
            leads.append(name)
        else:
            others.append(name + ROLE_SUFFIX.get(ref.role, ""))
    return "、".join(leads), "、".join(others)


def deadline_cell(deadline: Deadline | None) -> str:
    return "" if deadline is None else deadline.text


def value_cell(value: Decimal) -> int | float | str:
    """目标值 as a number cell when a float holds it exactly, else as text (no rounding)."""
    if value == value.to_integral_value():
        number = int(value)
        return number if abs(number) < 10**15 else str(number)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else _plain_text(value)


def _plain_text(value: Decimal) -> str:
    return format(value, "f")


def display_width(text: str) -> int:
    """Columns ``text`` takes in 宋体: two for a Chinese character, one for ASCII."""
    return len(text.encode("gb18030", errors="replace"))


def row_height(texts: Iterable[tuple[str, float]]) -> float:
    """Points a row needs so that every (text, column width) pair shows whole when wrapped."""
    lines = 1
    for text, width in texts:
        if not text:
            continue
        usable = width - 1.5 if width > 3.5 else 2.0
        if "\n" in text:
            count = sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))
        else:
            count = math.ceil(len(text.encode("gb18030", errors="replace")) / usable)
        if count > lines:
            lines = count
    return _HEIGHTS[lines] if lines < len(_HEIGHTS) else round(lines * LINE_HEIGHT + 3, 1)


_HEIGHTS = [round(lines * LINE_HEIGHT + 3, 1) for lines in range(64)]
