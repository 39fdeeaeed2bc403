"""Continuity tables and timelines as text, Markdown, JSON and CSV (their ``render`` methods).

Text and Markdown are for people: their labels, statuses and notes come from the
catalogue (`workplan._views._labels`), Chinese by default, English with
``lang="en"``. JSON and CSV are for programs and keep the wire values (``dropped``,
``drafts -> implements``) in every language.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._labels import check_lang, enum_label, label

if TYPE_CHECKING:
    from ..compare import ContinuityTable, Timeline

__all__ = ["SERIES_FORMATS", "note_label", "render_continuity", "render_timeline", "threads"]

SERIES_FORMATS = ("text", "md", "json", "csv")
"""The formats of `render_continuity` and `render_timeline`."""

_NOTES = {
    "not mentioned": "note_not_mentioned",
    "still to be drafted": "note_still_drafted",
    "unit, kind or qualifier": "note_other_fields",
    "same metric elsewhere": "note_same_metric_elsewhere",
    "no target with this metric": "note_no_target",
    "no matching task": "note_no_task",
}
"""The fixed notes of `workplan.compare.continuity` and their catalogue keys."""


def _kind(kind: str, lang: str) -> str:
    """文件, 指标 or 任务 for a commitment's or a thread's kind."""
    return label(kind, lang) if kind in ("document", "target", "task") else kind


def _status(status: Any, lang: str) -> str:
    return enum_label(status, lang)


def _wire_label(word: str, lang: str) -> str:
    """A wire word of a note (a relation, a change kind, raised/lowered) by its display name."""
    from ..compare import ChangeKind
    from ..model import DocumentRelation

    if word in ("raised", "lowered"):
        return label(word, lang)
    for enum_type in (DocumentRelation, ChangeKind):
        for wire in (word, word.replace(" ", "_")):  # "document relation changed" is a kind too
            try:
                return enum_label(enum_type(wire), lang)
            except ValueError:
                continue
    return word


def note_label(note: str, lang: str = "zh") -> str:
    """A continuity note for people: ``drafts -> implements`` → ``制定 → 落实`` in Chinese.

    The notes are wire text (they are in the JSON and CSV as written); the known
    ones are translated part by part, anything else is kept as it is.
    """
    if lang == "en" or not note:
        return note
    parts = []
    for part in note.split("; "):
        if part in _NOTES:
            parts.append(label(_NOTES[part], lang))
        elif part.startswith("period "):
            parts.append(f"{label('note_period', lang)} {part.removeprefix('period ')}")
        elif " -> " in part:
            before, after = part.split(" -> ", 1)
            parts.append(f"{_note_words(before, lang)} → {_note_words(after, lang)}")
        elif part.split(" ", 1)[0] in ("raised", "lowered"):
            word, _, rest = part.partition(" ")
            parts.append(f"{label(word, lang)} {rest}".rstrip())
        else:
            parts.append(_note_words(part, lang))
    return ";".join(parts)


def _note_words(text: str, lang: str) -> str:
    return label("list_sep", lang).join(_wire_label(word.strip(), lang) for word in text.split(","))


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


def render_continuity(table: ContinuityTable, format: str = "text", lang: str = "zh") -> str:
    """A continuity table as ``text``, ``md``, ``json`` or ``csv``; the labels of text and md in ``lang``."""
    _check(format)
    check_lang(lang)
    records = table.to_records()
    if format == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if format == "csv":
        return _csv(records, _CONTINUITY_COLUMNS)
    from ..compare import Status

    counts = table.counts()
    summary = ";".join(
        f"{_kind(kind, lang)}:"
        + label("list_sep", lang).join(
            label("kind_count", lang, kind=_status(Status(status), lang), n=n)
            for status, n in by_status.items()
        )
        for kind, by_status in counts.items()
    )
    if lang == "en":
        summary = summary.replace(";", "; ").replace(":", ": ")
    if format == "md":
        header = ("category", "subject", "status", "old", "new", "note")
        lines = [
            f"# {label('continuity_title', lang)}",
            "",
            summary or label("no_commitments", lang),
            "",
            "| " + " | ".join(label(key, lang) for key in header) + " |",
            "|---|---|---|---|---|---|",
        ]
        for row in table:
            lines.append(
                f"| {_kind(row.kind, lang)} | {_cell(row.subject)} | {_status(row.status, lang)} | "
                f"{row.old_path or ''} | {row.new_path or ''} | {_cell(note_label(row.note or '', lang))} |"
            )
        return "\n".join(lines) + "\n"
    lines = [label("continuity_title", lang), summary or label("no_commitments", lang), ""]
    for row in table:
        where = f"{row.old_path or '—'} → {row.new_path or '—'}"
        said = note_label(row.note or "", lang)
        note = f"  ({said})" if said and said != _status(row.status, lang) else ""  # not 未再提及 twice
        lines.append(
            f"{_pad(_status(row.status, lang), 12)} {_pad(_kind(row.kind, lang), 8)} {where:<24} "
            f"{_short(row.subject)}{note}"
        )
    return "\n".join(lines) + "\n"


# -- timeline ----------------------------------------------------------------------------

_TIMELINE_COLUMNS = ("kind", "thread", "year", "path", "subject", "value", "unit")


def threads(timeline: Timeline, lang: str = "zh") -> list[tuple[str, str, str, dict[Any, str]]]:
    """(kind, thread, subject, {year: cell}) per thread, in the timeline's order."""
    rows: dict[str, tuple[str, str, str, dict[Any, str]]] = {}
    for entry in timeline:
        cells = rows.setdefault(entry.thread, (entry.kind, entry.thread, entry.subject, {}))[3]
        if entry.kind == "target":
            cell = f"{entry.value}{entry.unit}"
        elif entry.kind == "document":
            cell = _note_words(str(entry.value), lang) if entry.value else ""  # 制定、落实
        else:
            cell = entry.path or ""
        cells[entry.year] = cell
    return list(rows.values())


def render_timeline(timeline: Timeline, format: str = "text", lang: str = "zh") -> str:
    """A timeline as ``text``, ``md`` (one row per thread, one column per year), ``json`` or ``csv``."""
    _check(format)
    check_lang(lang)
    records = timeline.to_records()
    if format == "json":
        return (
            json.dumps({"years": list(timeline.years), "entries": records}, ensure_ascii=False, indent=2)
            + "\n"
        )
    if format == "csv":
        return _csv(records, _TIMELINE_COLUMNS)
    years = list(timeline.years)
    rows = threads(timeline, lang)
    if format == "md":
        lines = [
            f"# {label('timeline_title', lang)}",
            "",
            f"| {label('category', lang)} | {label('subject', lang)} | "
            + " | ".join(str(year) for year in years)
            + " |",
            "|---|---|" + "---|" * len(years),
        ]
        for kind, _, subject, cells in rows:
            lines.append(
                f"| {_kind(kind, lang)} | {_cell(subject)} | "
                + " | ".join(_cell(cells.get(year, "")) for year in years)
                + " |"
            )
        return "\n".join(lines) + "\n"
    width = max([12, *(len(str(year)) + 2 for year in years)])
    kind_width = 4 if lang == "zh" else 8
    lines = [
        label("timeline_title", lang),
        f"{'':<{kind_width}} {'':<32} " + " ".join(_pad(str(year), width) for year in years).rstrip(),
    ]
    for kind, _, subject, cells in rows:
        lines.append(
            f"{_pad(_kind(kind, lang), kind_width)} {_pad(_short(subject, 16), 32)} "
            + " ".join(_pad(_short(cells.get(year, "·"), width - 1), width) for year in years).rstrip()
        )
    return "\n".join(lines) + "\n"
