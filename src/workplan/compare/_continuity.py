"""`continuity()`: what happened to last year's commitments, as a table."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs
from attrs import validators as v

from ..model import DocumentRelation, Plan, path_to_measure
from ._changes import _target_text, diff_and_match
from ._registry import align_documents
from ._result import DEFAULT_THRESHOLD, ChangeKind, PlanDiff, _plain
from ._text import normalize

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Commitment", "ContinuityTable", "Status", "continuity"]


class Status(enum.Enum):
    """What the new plan does with an old commitment. Values are stable wire strings."""

    CONTINUED = "continued"
    """Carried on unchanged (a document still to be drafted, a target with the same value)."""
    PROGRESSED = "progressed"
    """Moved forward: a document the old plan drafts, the new plan implements."""
    CHANGED = "changed"
    """Still there, but altered: reworded, moved, a target raised or lowered, a relation changed."""
    DROPPED = "dropped"
    """Gone without a word: no matching task, target or document in the new plan."""


@attrs.frozen(kw_only=True)
class Commitment:
    """One row of a continuity table: an old commitment and its fate."""

    kind: str = attrs.field(validator=v.in_(("document", "target", "task")))
    """``document``, ``target`` or ``task``."""
    subject: str = attrs.field(validator=v.instance_of(str))
    """The document title, target metric or task title."""
    status: Status = attrs.field(validator=v.instance_of(Status))
    """Continued, progressed, changed or dropped."""
    old_path: str | None = None
    """Where the old plan makes the commitment (for a document: the first measure drafting it)."""
    new_path: str | None = None
    """Where the new plan carries it on, if it does."""
    old: Any = None
    """The old value: a target's value with unit, a document's relations."""
    new: Any = None
    """The new value, of the same sort."""
    note: str = ""
    """What changed, in short: ``raised +20``, ``reworded, moved``, ``drafts -> implements``."""

    def to_record(self) -> dict[str, Any]:
        """A flat JSON-ready dict."""
        return {
            "kind": self.kind,
            "subject": self.subject,
            "status": self.status.value,
            "old_path": self.old_path,
            "new_path": self.new_path,
            "old": _plain(self.old),
            "new": _plain(self.new),
            "note": self.note,
        }


_COLUMNS = ("kind", "subject", "status", "old_path", "new_path", "old", "new", "note")


@attrs.frozen(kw_only=True)
class ContinuityTable:
    """Old commitments and their fate in the new plan: documents, then targets, then tasks."""

    rows: tuple[Commitment, ...]
    """One row per document the old plan drafts, per quantified target and per task."""

    def __iter__(self) -> Iterator[Commitment]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def counts(self) -> dict[str, dict[str, int]]:
        """Rows by kind, then by status."""
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for row in self.rows:
            counts[row.kind][row.status.value] += 1
        return {kind: dict(by_status) for kind, by_status in counts.items()}

    def dropped(self) -> list[Commitment]:
        """The commitments the new plan drops silently."""
        return [row for row in self.rows if row.status is Status.DROPPED]

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per row; needs nothing beyond the core."""
        return [row.to_record() for row in self.rows]

    def to_frame(self) -> pd.DataFrame:
        """The table as a pandas DataFrame (needs the ``pandas`` extra)."""
        from .._views._tables import records_to_frame

        return records_to_frame(self.to_records(), _COLUMNS)

    def render(self, format: str = "text", lang: str = "zh") -> str:
        """The table as ``text`` (a terminal list), ``md`` (a Markdown table), ``json`` or ``csv``.

        Labels are Chinese (``lang="zh"``, the default) or English (``lang="en"``); JSON and CSV keep
        the wire values in both.
        """
        from .._views._series import render_continuity

        return render_continuity(self, format, lang)

    def _repr_html_(self) -> str:
        from .._views._html import continuity_html

        return continuity_html(self)


def continuity(old: Plan, new: Plan, *, threshold: float = DEFAULT_THRESHOLD) -> ContinuityTable:
    """What happened to the old plan's commitments in the new plan.

    Covers every document the old plan drafts (制定, 出台), every quantified
    target and every task, and says for each whether the new plan continues
    it, progresses it (drafts -> implements), changes it or drops it silently.

    Args:
        old: Last period's plan.
        new: This period's plan.
        threshold: Matching threshold, as for `diff`.
    """
    delta, matched = diff_and_match(old, new, threshold)
    task_map = {matched.old_tasks[i].path: matched.new_tasks[j].path for i, j, _ in matched.tasks}
    measure_map = {
        path_to_measure(matched.old_tasks[i].path, m + 1): path_to_measure(matched.new_tasks[j].path, n + 1)
        for i, j, _ in matched.tasks
        for m, n, _ in matched.measures[(i, j)]
    }
    return ContinuityTable(
        rows=(*_documents(old, new), *_targets(old, new, delta, measure_map), *_tasks(old, delta, task_map))
    )


def _relations(plan: Plan) -> dict[str, tuple[str, list[str]]]:
    """Document id -> (first measure path referencing it, its relations in document order)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for path, measure in plan.nodes("measure"):
        for ref in measure.documents:
            _, relations = found.setdefault(ref.document, (path, []))
            if ref.relation.value not in relations:
                relations.append(ref.relation.value)
    return found


def _documents(old: Plan, new: Plan) -> Iterator[Commitment]:
    old_relations, new_relations = _relations(old), _relations(new)
    aligned = {
        old_id: (new_id, evidence)
        for old_id, new_id, _, evidence in align_documents(old.documents, new.documents)
    }
    for document in old.documents:
        old_path, before = old_relations.get(document.id, (None, []))
        if DocumentRelation.DRAFTS.value not in before:
            continue
        new_id, evidence = aligned.get(document.id, (None, ()))
        new_path, after = new_relations.get(new_id, (None, [])) if new_id else (None, [])
        if not after:
            status, note = Status.DROPPED, "not mentioned"
        elif DocumentRelation.IMPLEMENTS.value in after:
            status, note = Status.PROGRESSED, "drafts -> implements"
        elif DocumentRelation.DRAFTS.value in after:
            status, note = Status.CONTINUED, "still to be drafted"
        else:
            status, note = Status.CHANGED, f"drafts -> {', '.join(after)}"
        periods = [reason for reason in evidence if reason.startswith("period ")]
        if after and periods:
            note += f"; {periods[0]}"
            if status is Status.CONTINUED:
                status = Status.CHANGED
        yield Commitment(
            kind="document",
            subject=document.title,
            status=status,
            old_path=old_path,
            new_path=new_path,
            old=tuple(before),
            new=tuple(after) or None,
            note=note,
        )


def _targets(old: Plan, new: Plan, delta: PlanDiff, measure_map: dict[str, str]) -> Iterator[Commitment]:
    by_old_path = {
        change.old_path: change for change in delta if change.old_path and change.level == "target"
    }
    new_metrics: dict[str, list[str]] = defaultdict(list)
    for path, target in new.nodes("target"):
        new_metrics[normalize(target.metric)].append(path)
    for path, target in old.nodes("target"):
        change = by_old_path.get(path)
        row = {"kind": "target", "subject": target.metric, "old_path": path, "old": _target_text(target)}
        if change is not None and change.kind is ChangeKind.TARGET_CHANGED:
            note = f"{change.direction} {change.delta:+}" if change.direction else "unit, kind or qualifier"
            yield Commitment(
                status=Status.CHANGED, new_path=change.new_path, new=change.new, note=note, **row
            )
            continue
        measure_path = path.rsplit("/", 1)[0]
        new_measure = measure_map.get(measure_path)
        if change is None and new_measure is not None:
            new_path = f"{new_measure}/{path.rsplit('/', 1)[1]}"
            found = new.get(new_path) if new_path in new else None
            yield Commitment(
                status=Status.CONTINUED,
                new_path=new_path,
                new=_target_text(found) if found is not None else None,  # type: ignore[arg-type]
                **row,
            )
            continue
        elsewhere = new_metrics.get(normalize(target.metric))
        if elsewhere:
            found = new.get(elsewhere[0])
            yield Commitment(
                status=Status.CHANGED,
                new_path=elsewhere[0],
                new=_target_text(found),  # type: ignore[arg-type]
                note="same metric elsewhere",
                **row,
            )
        else:
            yield Commitment(status=Status.DROPPED, note="no target with this metric", **row)


def _tasks(old: Plan, delta: PlanDiff, task_map: dict[str, str]) -> Iterator[Commitment]:
    kinds_of: dict[str, list[ChangeKind]] = defaultdict(list)
    merged_into: dict[str, str | None] = {}
    for change in delta:
        if change.old_path is None or change.level in ("goal", "document"):
            continue
        task_path = "/".join(change.old_path.split("/")[:2])
        kinds_of[task_path].append(change.kind)
        if change.kind is ChangeKind.MERGED:
            merged_into[task_path] = change.new_path
    for path, task in old.nodes("task"):
        row: dict[str, Any] = {"kind": "task", "subject": task.title, "old_path": path, "old": task.title}
        kinds = [kind for kind in kinds_of.get(path, []) if kind is not ChangeKind.RENUMBERED]
        new_path = task_map.get(path)
        if path in merged_into:
            yield Commitment(status=Status.CHANGED, new_path=merged_into[path], note="merged", **row)
        elif new_path is None:
            yield Commitment(status=Status.DROPPED, note="no matching task", **row)
        elif not kinds:
            yield Commitment(status=Status.CONTINUED, new_path=new_path, **row)
        elif set(kinds) == {ChangeKind.DOCUMENT_RELATION_CHANGED}:
            yield Commitment(
                status=Status.PROGRESSED, new_path=new_path, note="document relation changed", **row
            )
        else:
            note = ", ".join(sorted({kind.value for kind in kinds}))
            yield Commitment(status=Status.CHANGED, new_path=new_path, note=note, **row)
