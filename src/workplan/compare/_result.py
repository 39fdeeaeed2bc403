"""What a comparison returns: `ChangeKind`, `Change`, `Match`, `PlanDiff` (data only; `_changes` builds)."""

from __future__ import annotations

import enum
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from attrs import validators as v

from ..model import Plan

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_THRESHOLD",
    "DIFF_SCHEMA_VERSION",
    "Alignment",
    "Change",
    "ChangeKind",
    "Match",
    "PlanDiff",
]

DIFF_SCHEMA_VERSION = 2
"""Version of the JSON diff layout (``docs/diff-format.md``); bumped only for incompatible changes."""

DEFAULT_THRESHOLD = 0.5
"""The score (0..1) an aligned pair of goals or tasks needs: combined evidence, more likely than not."""


class ChangeKind(enum.Enum):
    """What happened to an item between two plans. Values are stable wire strings."""

    ADDED = "added"
    """A goal, task or measure only the new plan has."""
    REMOVED = "removed"
    """A goal, task or measure only the old plan has."""
    MOVED = "moved"
    """A task now under another goal; ``old``/``new`` are the goal paths."""
    REWORDED = "reworded"
    """Matched, but its text changed; ``old``/``new`` are the texts."""
    RENUMBERED = "renumbered"
    """Matched and otherwise unchanged in place, but printed with another number."""
    SPLIT = "split"
    """Part of an old task's measures now form a new task of their own (``new_path``)."""
    MERGED = "merged"
    """An old task (``old_path``) whose measures were folded into another task."""
    TARGET_CHANGED = "target_changed"
    """A matched target with another value (``direction`` raised/lowered, ``delta``), unit or kind."""
    TARGET_ADDED = "target_added"
    """A target new in a matched measure."""
    TARGET_REMOVED = "target_removed"
    """A target gone from a matched measure."""
    OWNER_ADDED = "owner_added"
    """An owner newly named on a matched task or measure; ``subject`` is its name."""
    OWNER_REMOVED = "owner_removed"
    """An owner no longer named on a matched task or measure."""
    OWNER_ROLE_CHANGED = "owner_role_changed"
    """An owner still named, in another role (lead, support, ...)."""
    DEADLINE_CHANGED = "deadline_changed"
    """A matched task or measure with another deadline; ``old``/``new`` are the wordings."""
    DOCUMENT_RELATION_CHANGED = "document_relation_changed"
    """A document still referenced, with another relation (drafts -> implements)."""
    DOCUMENT_ADDED = "document_added"
    """A document newly referenced by a matched measure; ``subject`` is its title."""
    DOCUMENT_REMOVED = "document_removed"
    """A document no longer referenced by a matched measure."""
    PERIOD_CHANGED = "period_changed"
    """A document of both plans whose title gives another year range; paths are its registry ids,
    ``old``/``new`` the ranges (``2017–2020`` / ``2021–2025``), ``subject`` its title."""


_MIRROR = {
    ChangeKind.ADDED: ChangeKind.REMOVED,
    ChangeKind.SPLIT: ChangeKind.MERGED,
    ChangeKind.TARGET_ADDED: ChangeKind.TARGET_REMOVED,
    ChangeKind.OWNER_ADDED: ChangeKind.OWNER_REMOVED,
    ChangeKind.DOCUMENT_ADDED: ChangeKind.DOCUMENT_REMOVED,
}
_MIRROR.update({new: old for old, new in list(_MIRROR.items())})
_ORDER = {kind: rank for rank, kind in enumerate(ChangeKind)}
_DOCUMENT_KINDS = frozenset({ChangeKind.PERIOD_CHANGED})
"""Kinds whose paths are document registry ids, not plan paths."""
_PATH_NUMBERS = re.compile(r"\d+")


@attrs.frozen(kw_only=True)
class Change:
    """One typed difference between two plans, located by path in each."""

    kind: ChangeKind = attrs.field(validator=v.instance_of(ChangeKind))
    """What happened."""
    old_path: str | None = attrs.field(default=None)
    """Where the item is in the old plan (``g2/t7/m3``); None when it is new."""
    new_path: str | None = attrs.field(default=None)
    """Where the item is in the new plan; None when it is gone."""
    old: Any = attrs.field(default=None)
    """The old value: a text, a number, a tuple of roles or relations, or None."""
    new: Any = attrs.field(default=None)
    """The new value, of the same sort as ``old``."""
    score: float | None = attrs.field(default=None)
    """How similar the matched items are (0..1), where matching was involved."""
    subject: str | None = attrs.field(default=None)
    """The owner name, document title or target metric the change is about."""
    direction: str | None = attrs.field(default=None)
    """``raised`` or ``lowered`` for a target whose value changed."""
    delta: Decimal | None = attrs.field(default=None)
    """New value minus old value, for a target whose value changed."""

    @property
    def level(self) -> str:
        """``goal``, ``task``, ``measure`` or ``target``: the depth of the changed path; ``document``
        for a change to a document itself (its paths are registry ids)."""
        if self.kind in _DOCUMENT_KINDS:
            return "document"
        path = self.new_path or self.old_path or ""
        return {0: "goal", 1: "goal", 2: "task", 3: "measure"}.get(path.count("/") + 1, "target")

    def mirrored(self) -> Change:
        """The same change seen from the other side: as ``diff(new, old)`` reports it."""
        direction = {"raised": "lowered", "lowered": "raised"}.get(self.direction or "", self.direction)
        return Change(
            kind=_MIRROR.get(self.kind, self.kind),
            old_path=self.new_path,
            new_path=self.old_path,
            old=self.new,
            new=self.old,
            score=self.score,
            subject=self.subject,
            direction=direction,
            delta=-self.delta if self.delta is not None else None,
        )

    def to_record(self) -> dict[str, Any]:
        """A flat JSON-ready dict: enums as strings, decimals as strings, lists as lists."""
        return {
            "kind": self.kind.value,
            "level": self.level,
            "old_path": self.old_path,
            "new_path": self.new_path,
            "old": _plain(self.old),
            "new": _plain(self.new),
            "score": None if self.score is None else round(self.score, 4),
            "subject": self.subject,
            "direction": self.direction,
            "delta": _plain(self.delta),
        }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


@functools.lru_cache(maxsize=65_536)
def _numbers(path: str | None) -> tuple[int, ...]:
    return tuple(int(n) for n in _PATH_NUMBERS.findall(path)) if path else ()


def _sort_key(change: Change) -> tuple[bool, tuple[int, ...], tuple[int, ...], int, str]:
    # changes to documents themselves come after the plan's items, by registry id
    return (
        change.kind in _DOCUMENT_KINDS,
        _numbers(change.new_path),
        _numbers(change.old_path),
        _ORDER[change.kind],
        change.subject or "",
    )


LEVELS = ("goal", "task", "measure", "target", "document")
"""The levels of an aligned pair, top down; documents last."""


@attrs.frozen(kw_only=True)
class Match:
    """One aligned pair: an item of the old plan and the same item in the new plan, with the reasons."""

    level: str = attrs.field(validator=v.in_(LEVELS))
    """``goal``, ``task``, ``measure``, ``target`` or ``document``."""
    old_path: str
    """Its path in the old plan (``g2/t7``); for a document, its registry id (``d3``)."""
    new_path: str
    """Its path (or document id) in the new plan."""
    score: float
    """How strong the evidence is, 0..1 (1 for an identical item)."""
    evidence: tuple[str, ...] = ()
    """Short readable reasons: ``title 0.82``, ``shared clause m2↔m1``, ``3 of 4 tasks aligned``."""

    def to_record(self) -> dict[str, Any]:
        """A flat JSON-ready dict."""
        return {
            "level": self.level,
            "old_path": self.old_path,
            "new_path": self.new_path,
            "score": round(self.score, 4),
            "evidence": list(self.evidence),
        }


_MATCH_COLUMNS = ("level", "old_path", "new_path", "score", "evidence")


@attrs.frozen(kw_only=True)
class Alignment:
    """Every aligned pair of two plans (unchanged ones included): goals, then tasks each with its
    measures and targets, then documents. Built on first use, so a diff that never asks costs nothing."""

    source: Callable[[], Iterable[Match]] | None = attrs.field(default=None, eq=False, repr=False)
    """Yields the pairs; called once, on first use."""
    _built: list[tuple[Match, ...]] = attrs.field(factory=list, eq=False, repr=False, alias="_built")
    """The pairs once built (a one-slot cache)."""

    @property
    def items(self) -> tuple[Match, ...]:
        """The aligned pairs."""
        if not self._built:
            self._built.append(tuple(self.source()) if self.source is not None else ())
        return self._built[0]

    def __iter__(self) -> Iterator[Match]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def of_level(self, level: str) -> list[Match]:
        """The pairs of one level (``goal``, ``task``, ``measure``, ``target``, ``document``)."""
        return [match for match in self.items if match.level == level]

    def new_path(self, old_path: str) -> str | None:
        """Where an old item stands in the new plan, or None when it is not aligned."""
        for match in self.items:
            if match.old_path == old_path:
                return match.new_path
        return None

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per pair; needs nothing beyond the core."""
        return [match.to_record() for match in self.items]

    def to_frame(self) -> pd.DataFrame:
        """The pairs as a pandas DataFrame, one row per pair (needs the ``pandas`` extra)."""
        from .._views._tables import records_to_frame

        records = [{**record, "evidence": "; ".join(record["evidence"])} for record in self.to_records()]
        return records_to_frame(records, _MATCH_COLUMNS)


@attrs.frozen(kw_only=True)
class PlanDiff:
    """The typed changes from an old plan to a new one; iterate it for `Change`s.

    ``len(delta)`` counts changes, ``bool(delta)`` is False when the plans
    match item for item. Render it with `render` (text, md, html, json).
    """

    old: Plan = attrs.field(eq=False, repr=False)
    """The old plan."""
    new: Plan = attrs.field(eq=False, repr=False)
    """The new plan."""
    changes: tuple[Change, ...]
    """Every change, in the new plan's document order (removed items where they stood)."""
    threshold: float = DEFAULT_THRESHOLD
    """The floor the alignment used (see `workplan.compare.diff`)."""
    matches: Alignment = attrs.field(factory=Alignment, eq=False, repr=False)
    """Every aligned goal, task, measure, target and document, with score and evidence."""

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def of_kind(self, *kinds: ChangeKind | str) -> list[Change]:
        """The changes of the given kinds (enum members or their string values)."""
        wanted = {ChangeKind(kind) for kind in kinds}
        return [change for change in self.changes if change.kind in wanted]

    def counts(self) -> dict[str, int]:
        """How many changes of each kind, in `ChangeKind` order, kinds with none left out."""
        counts: dict[str, int] = defaultdict(int)
        for change in self.changes:
            counts[change.kind.value] += 1
        return {kind.value: counts[kind.value] for kind in ChangeKind if counts[kind.value]}

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per change (see `Change.to_record`); needs nothing beyond the core."""
        return [change.to_record() for change in self.changes]

    def to_frame(self) -> pd.DataFrame:
        """The changes as a pandas DataFrame, one row per change (needs the ``pandas`` extra)."""
        from .._views._tables import records_to_frame

        return records_to_frame(self.to_records(), _RECORD_COLUMNS)

    def render(self, format: str = "text", lang: str = "zh") -> str:
        """The diff as ``text`` (terminal summary), ``md``, ``html`` (a self-contained page) or ``json``.

        Labels are Chinese (``lang="zh"``, the default) or English (``lang="en"``); JSON is the same in both.
        """
        from .._views._diff import render

        return render(self, format, lang)

    def _repr_html_(self) -> str:
        from .._views._html import diff_html

        return diff_html(self)


_RECORD_COLUMNS = (
    "kind",
    "level",
    "old_path",
    "new_path",
    "old",
    "new",
    "score",
    "subject",
    "direction",
    "delta",
)
