"""Continuity tables and timelines as text, Markdown, JSON and CSV (their ``render`` methods)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..compare import ContinuityTable, Timeline

__all__ = ["SERIES_FORMATS", "render_continuity", "render_timeline"]

SERIES_FORMATS = ("text", "md", "json", "csv")
"""The formats of `render_continuity` and `render_timeline`."""

_STATUS_ZH = {"continued": "延续", "progressed": "推进", "changed": "调整", "dropped": "未再提及"}
_KIND_ZH = {"document": "文件", "target": "指标", "task": "任务"}


def _short(value: Any, width: int = 40) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(str(item) for item in value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - used)


def _cell(value: Any, width: int = 60) -> str:
    return _short(value, width).replace("|", "\\|")


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else value


def _csv(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({column: _plain(record.get(column)) for column in columns})
    return out.getvalue()


def _check(format: str) -> None:
    if format not in SERIES_FORMATS:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(SERIES_FORMATS)}")


# -- continuity --------------------------------------------------------------------------

_CONTINUITY_COLUMNS = ("kind", "subject", "status", "old_path", "new_path", "old", "new", "note")


def render_continuity(table: ContinuityTable, format: str = "text") -> str:
    """A continuity table as ``text``, ``md``, ``json`` or ``csv``."""
    _check(format)
    records = table.to_records()
    if format == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if format == "csv":
        return _csv(records, _CONTINUITY_COLUMNS)
    counts = table.counts()
    summary = "; ".join(
        f"{_KIND_ZH.get(kind, kind)} {kind}: "
        + ", ".join(f"{n} {_STATUS_ZH.get(status, status)} {status}" for status, n in by_status.items())
        for kind, by_status in counts.items()
    )
    if format == "md":
        lines = [
            "# 上年承诺的延续情况 (continuity)",
            "",
            summary or "No commitments.",
            "",
            "| 类别 kind | 事项 subject | 状态 status | 旧 old | 新 new | 说明 note |",
            "|---|---|---|---|---|---|",
        ]
        for row in table:
            status = f"{_STATUS_ZH.get(row.status.value, '')} {row.status.value}"
            lines.append(
                f"| {_KIND_ZH.get(row.kind, row.kind)} | {_cell(row.subject)} | {status} | "
                f"{row.old_path or ''} | {row.new_path or ''} | {_cell(row.note)} |"
            )
        return "\n".join(lines) + "\n"
    lines = ["上年承诺的延续情况 (continuity)", summary or "no commitments", ""]
    for row in table:
        where = f"{row.old_path or '—'} → {row.new_path or '—'}"
        status = f"{_STATUS_ZH.get(row.status.value, '')} {row.status.value}"
        note = f"  ({row.note})" if row.note else ""
        lines.append(
            f"{status:<14} {_KIND_ZH.get(row.kind, row.kind)} {where:<24} {_short(row.subject)}{note}"
        )
    return "\n".join(lines) + "\n"


# -- timeline ----------------------------------------------------------------------------

_TIMELINE_COLUMNS = ("kind", "thread", "year", "path", "subject", "value", "unit")


def _threads(timeline: Timeline) -> list[tuple[str, str, str, dict[Any, str]]]:
    """(kind, thread, subject, {year: cell}) per thread, in the timeline's order."""
    rows: dict[str, tuple[str, str, str, dict[Any, str]]] = {}
    for entry in timeline:
        cells = rows.setdefault(entry.thread, (entry.kind, entry.thread, entry.subject, {}))[3]
        if entry.kind == "target":
            cell = f"{entry.value}{entry.unit}"
        elif entry.kind == "document":
            cell = str(entry.value or "")
        else:
            cell = entry.path or ""
        cells[entry.year] = cell
    return list(rows.values())


def render_timeline(timeline: Timeline, format: str = "text") -> str:
    """A timeline as ``text``, ``md`` (one row per thread, one column per year), ``json`` or ``csv``."""
    _check(format)
    records = timeline.to_records()
    if format == "json":
        return (
            json.dumps({"years": list(timeline.years), "entries": records}, ensure_ascii=False, indent=2)
            + "\n"
        )
    if format == "csv":
        return _csv(records, _TIMELINE_COLUMNS)
    years = list(timeline.years)
    threads = _threads(timeline)
    if format == "md":
        lines = [
            "# 逐年脉络 (timeline)",
            "",
            "| 类别 kind | 事项 subject | " + " | ".join(str(year) for year in years) + " |",
            "|---|---|" + "---|" * len(years),
        ]
        for kind, _, subject, cells in threads:
            lines.append(
                f"| {_KIND_ZH.get(kind, kind)} | {_cell(subject)} | "
                + " | ".join(_cell(cells.get(year, "")) for year in years)
                + " |"
            )
        return "\n".join(lines) + "\n"
    width = max([12, *(len(str(year)) + 2 for year in years)])
    lines = [
        "逐年脉络 (timeline)",
        f"{'':<4} {'':<32} " + " ".join(_pad(str(year), width) for year in years).rstrip(),
    ]
    for kind, _, subject, cells in threads:
        lines.append(
            f"{_pad(_KIND_ZH.get(kind, kind), 4)} {_pad(_short(subject, 16), 32)} "
            + " ".join(_pad(_short(cells.get(year, "·"), width - 1), width) for year in years).rstrip()
        )
    return "\n".join(lines) + "\n"
