"""`timeline()`: follow matched tasks, targets and documents across any number of years."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..model import Plan, path_to_measure, path_to_target
from ._align import align_plans
from ._changes import _pair_targets
from ._registry import align_documents, document_key
from ._result import DEFAULT_THRESHOLD, _plain

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Timeline", "TimelineEntry", "timeline"]


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """One item in one year: a task, a target or a document, on its thread."""

    kind: str
    """``task``, ``target`` or ``document``."""
    thread: str
    """Identifies the item across years: its kind and where it first appears, ``task:2018:g2/t7``."""
    year: int | str
    """The plan's year; ``2020#2`` for a repeated year, ``plan 3`` for a plan without one."""
    path: str | None
    """Where the item stands in that year's plan (for a document: the first measure referencing it)."""
    subject: str
    """The task title, target metric or document title, as written that year."""
    value: Any = None
    """A target's value (`Decimal`), or a document's relations that year (``drafts, implements``)."""
    unit: str = ""
    """A target's unit."""

    def to_record(self) -> dict[str, Any]:
        """A flat JSON-ready dict."""
        return {
            "kind": self.kind,
            "thread": self.thread,
            "year": self.year,
            "path": self.path,
            "subject": self.subject,
            "value": _plain(self.value),
            "unit": self.unit,
        }


_COLUMNS = ("kind", "thread", "year", "path", "subject", "value", "unit")


@attrs.frozen(kw_only=True)
class Timeline:
    """Matched items across plans, one entry per item per year it appears in."""

    years: tuple[int | str, ...]
    """The year labels, in the order the plans were given."""
    entries: tuple[TimelineEntry, ...]
    """Every entry: tasks, then targets, then documents; each thread in year order."""

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def of_kind(self, kind: str) -> list[TimelineEntry]:
        """Entries of one kind: ``task``, ``target`` or ``document``."""
        return [entry for entry in self.entries if entry.kind == kind]

    def values(self, kind: str = "target") -> dict[str, dict[int | str, Any]]:
        """Thread -> {year: value}: each target's values, or each document's relations, by year."""
        table: dict[str, dict[int | str, Any]] = {}
        for entry in self.of_kind(kind):
            table.setdefault(entry.thread, {})[entry.year] = entry.value if kind != "task" else entry.subject
        return table

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per entry (long format); needs nothing beyond the core."""
        return [entry.to_record() for entry in self.entries]

    def render(self, format: str = "text", lang: str = "zh") -> str:
        """The timeline as ``text`` or ``md`` (a thread per row, a year per column), ``json`` or ``csv``.

        Labels are Chinese (``lang="zh"``, the default) or English (``lang="en"``); JSON and CSV keep
        the wire values in both.
        """
        from .._views._series import render_timeline

        return render_timeline(self, format, lang)

    def _repr_html_(self) -> str:
        from .._views._html import timeline_html

        return timeline_html(self)

    def to_frame(self, kind: str | None = None, *, wide: bool = False) -> pd.DataFrame:
        """The entries as a pandas DataFrame (needs the ``pandas`` extra).

        Args:
            kind: Only this kind of entry (``task``, ``target``, ``document``).
            wide: One row per thread and one column per year (values, or titles for tasks).
        """
        from .._views._tables import records_to_frame

        records = [entry.to_record() for entry in self.entries if kind is None or entry.kind == kind]
        table = records_to_frame(records, _COLUMNS)
        if not wide:
            return table
        table["cell"] = table["value"].where(table["kind"] != "task", table["subject"])
        pivot = table.pivot_table(index=["kind", "thread"], columns="year", values="cell", aggfunc="first")
        wide_table: pd.DataFrame = pivot.reindex(
            columns=[year for year in self.years if year in pivot.columns]
        )
        return wide_table


def _labels(plans: Sequence[Plan]) -> list[int | str]:
    """A column label per plan: its year when known and not repeated; a repeated year gets its
    occurrence (``2020#2``), a plan without a year its position (``plan 3``)."""
    years = [plan.year for plan in plans]
    seen: dict[int, int] = {}
    labels: list[int | str] = []
    for index, year in enumerate(years):
        if year is None:
            labels.append(f"plan {index + 1}")
        elif years.count(year) == 1:
            labels.append(year)
        else:
            seen[year] = seen.get(year, 0) + 1
            labels.append(f"{year}#{seen[year]}")
    return labels


def timeline(plans: Sequence[Plan], *, threshold: float = DEFAULT_THRESHOLD) -> Timeline:
    """Follow tasks, targets and documents through a sequence of plans (oldest first).

    Each consecutive pair of plans is matched as by `diff`; a task or target
    matched from one year to the next stays on the same thread. Documents are
    followed by title, so a document can skip a year.

    Args:
        plans: The plans in time order, two or more (one gives a timeline of one year).
        threshold: Matching threshold, as for `diff`.

    Returns:
        A `Timeline`; ``to_frame()`` gives a DataFrame, ``to_records()`` plain dicts.
    """
    plans = list(plans)
    labels = _labels(plans)
    task_thread: dict[str, str] = {}  # path in the previous plan -> thread
    target_thread: dict[str, str] = {}
    tasks: list[TimelineEntry] = []
    targets: list[TimelineEntry] = []
    documents: list[TimelineEntry] = []
    document_thread: dict[str, str] = {}  # document id in the previous plan -> thread
    key_thread: dict[str, str] = {}  # document key -> thread, over every year so far
    for index, (plan, year) in enumerate(zip(plans, labels)):
        next_tasks: dict[str, str] = {}
        next_targets: dict[str, str] = {}
        if index:
            matched = align_plans(plans[index - 1], plan, threshold)
            for i, j, _ in matched.tasks:
                old_slot, new_slot = matched.old_tasks[i], matched.new_tasks[j]
                if old_slot.path in task_thread:
                    next_tasks[new_slot.path] = task_thread[old_slot.path]
                for m, n, _ in matched.measures[(i, j)]:
                    old_measure, new_measure = old_slot.task.measures[m], new_slot.task.measures[n]
                    for p, q in _pair_targets(old_measure.targets, new_measure.targets):
                        old_path = path_to_target(path_to_measure(old_slot.path, m + 1), p + 1)
                        if old_path in target_thread:
                            next_targets[path_to_target(path_to_measure(new_slot.path, n + 1), q + 1)] = (
                                target_thread[old_path]
                            )
        for path, task in plan.nodes("task"):
            thread = next_tasks.setdefault(path, f"task:{year}:{path}")
            tasks.append(TimelineEntry(kind="task", thread=thread, year=year, path=path, subject=task.title))
        for path, target in plan.nodes("target"):
            thread = next_targets.setdefault(path, f"target:{year}:{path}")
            targets.append(
                TimelineEntry(
                    kind="target",
                    thread=thread,
                    year=year,
                    path=path,
                    subject=target.metric,
                    value=target.value,
                    unit=target.unit,
                )
            )
        # a document keeps its thread through publishing noise (aligned with last year's
        # documents), and picks up an older thread by its key when it skipped a year
        next_documents: dict[str, str] = {}
        if index:
            for old_id, new_id, _, _ in align_documents(plans[index - 1].documents, plan.documents):
                if old_id in document_thread:
                    next_documents[new_id] = document_thread[old_id]
        for document in plan.documents:
            key = document_key(document.title)
            thread = next_documents.setdefault(document.id, key_thread.get(key, f"document:{key}"))
            key_thread.setdefault(key, thread)
        documents.extend(_document_entries(plan, year, next_documents))
        task_thread, target_thread, document_thread = next_tasks, next_targets, next_documents
    order = {year: rank for rank, year in enumerate(labels)}

    def by_thread(entries: list[TimelineEntry]) -> list[TimelineEntry]:
        first: dict[str, int] = {}
        for position, entry in enumerate(entries):
            first.setdefault(entry.thread, position)
        return sorted(entries, key=lambda entry: (first[entry.thread], order[entry.year]))

    return Timeline(
        years=tuple(labels), entries=(*by_thread(tasks), *by_thread(targets), *by_thread(documents))
    )


def _document_entries(plan: Plan, year: int | str, threads: dict[str, str]) -> Iterator[TimelineEntry]:
    titles = {document.id: document.title for document in plan.documents}
    seen: dict[str, tuple[str, str, list[str]]] = {}
    for path, measure in plan.nodes("measure"):
        for ref in measure.documents:
            title = titles.get(ref.document)
            if title is None:
                continue
            thread = threads.get(ref.document, f"document:{document_key(title)}")
            _, _, relations = seen.setdefault(thread, (path, title, []))
            if ref.relation.value not in relations:
                relations.append(ref.relation.value)
    for thread, (path, title, relations) in seen.items():
        yield TimelineEntry(
            kind="document",
            thread=thread,
            year=year,
            path=path,
            subject=title,
            value=", ".join(relations),
        )
