"""Typed changes between two plans: `Change`, `ChangeKind`, `PlanDiff` and `diff()`."""

from __future__ import annotations

import enum
import functools
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from attrs import validators as v

from .._util import StageTimer
from ..model import Deadline, DocumentRef, Measure, OwnerRef, Plan, Target, Task
from ._match import PlanMatch, match_plans, match_within
from ._registry import Registries, document_key
from ._text import normalize, ratio

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_THRESHOLD", "Change", "ChangeKind", "PlanDiff", "diff"]

DIFF_SCHEMA_VERSION = 1
"""Version of the JSON diff layout (``docs/diff-format.md``); bumped only for incompatible changes."""

DEFAULT_THRESHOLD = 0.6
"""Similarity (0..1) two texts need to count as the same item reworded."""


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


_MIRROR = {
    ChangeKind.ADDED: ChangeKind.REMOVED,
    ChangeKind.SPLIT: ChangeKind.MERGED,
    ChangeKind.TARGET_ADDED: ChangeKind.TARGET_REMOVED,
    ChangeKind.OWNER_ADDED: ChangeKind.OWNER_REMOVED,
    ChangeKind.DOCUMENT_ADDED: ChangeKind.DOCUMENT_REMOVED,
}
_MIRROR.update({new: old for old, new in list(_MIRROR.items())})
_ORDER = {kind: rank for rank, kind in enumerate(ChangeKind)}
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
        """``goal``, ``task``, ``measure`` or ``target``: the depth of the changed path."""
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


def _sort_key(change: Change) -> tuple[tuple[int, ...], tuple[int, ...], int, str]:
    return (_numbers(change.new_path), _numbers(change.old_path), _ORDER[change.kind], change.subject or "")


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
    """The similarity threshold the matching used."""

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

    def render(self, format: str = "text") -> str:
        """The diff as ``text`` (terminal summary), ``md``, ``html`` (a self-contained page) or ``json``."""
        from .._views._diff import render

        return render(self, format)

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


# -- building the changes -------------------------------------------------------------


def diff(old: Plan, new: Plan, *, threshold: float = DEFAULT_THRESHOLD) -> PlanDiff:
    """Compare two plans: match their items, then report what changed as typed `Change`s.

    Goals, tasks and measures are matched one to one, by a task's user
    ``key``, then by exact text, then by character similarity (at least
    ``threshold``, 0..1). Tasks can match across goals. Owners are compared
    by name and alias, documents by title, never by registry id.

    Args:
        old: The earlier plan.
        new: The later plan.
        threshold: How similar two texts must be to count as one item reworded.

    Returns:
        A `PlanDiff`; empty when the plans match item for item.
    """
    return diff_and_match(old, new, threshold)[0]


def diff_and_match(old: Plan, new: Plan, threshold: float) -> tuple[PlanDiff, PlanMatch]:
    """The diff and the matching it was built on (for continuity and timelines)."""
    if not isinstance(threshold, int | float) or not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    timer = StageTimer("diff")
    matched = match_plans(old, new, threshold)
    timer.mark("match goals, tasks and measures")
    changes = sorted(_Builder(old, new, matched, threshold).build(), key=_sort_key)
    timer.mark(f"typed changes ({len(changes)})")
    return PlanDiff(old=old, new=new, changes=tuple(changes), threshold=threshold), matched


_DIGITS = re.compile(r"[0-9０-９.．%％]+")


class _Builder:
    def __init__(self, old: Plan, new: Plan, matched: PlanMatch, threshold: float) -> None:
        self.old, self.new, self.matched, self.threshold = old, new, matched, threshold
        self.registries = Registries(old, new)
        self.changes: list[Change] = []

    def add(self, kind: ChangeKind, old_path: str | None, new_path: str | None, **fields: Any) -> None:
        self.changes.append(Change(kind=kind, old_path=old_path, new_path=new_path, **fields))

    def build(self) -> list[Change]:
        self._goals()
        self._tasks()
        return self.changes

    def _goals(self) -> None:
        old_goals, new_goals = self.old.goals, self.new.goals
        matched_old = {i for i, _, _ in self.matched.goals}
        matched_new = {j for _, j, _ in self.matched.goals}
        for i, j, score in self.matched.goals:
            a, b = old_goals[i], new_goals[j]
            old_path, new_path = f"g{a.number}", f"g{b.number}"
            if normalize(a.title) != normalize(b.title):
                self.add(ChangeKind.REWORDED, old_path, new_path, old=a.title, new=b.title, score=score)
            if a.number != b.number:
                self.add(ChangeKind.RENUMBERED, old_path, new_path, old=a.number, new=b.number, score=score)
        for i, goal in enumerate(old_goals):
            if i not in matched_old:
                self.add(ChangeKind.REMOVED, f"g{goal.number}", None, old=goal.title)
        for j, goal in enumerate(new_goals):
            if j not in matched_new:
                self.add(ChangeKind.ADDED, None, f"g{goal.number}", new=goal.title)

    def _tasks(self) -> None:
        matched = self.matched
        goal_of = {i: j for i, j, _ in matched.goals}
        matched_old = {i for i, _, _ in matched.tasks}
        matched_new = {j for _, j, _ in matched.tasks}
        unmatched_old = [i for i in range(len(matched.old_tasks)) if i not in matched_old]
        unmatched_new = [j for j in range(len(matched.new_tasks)) if j not in matched_new]
        # measures of matched tasks that found no partner, as (task index, measure position)
        loose_old: list[tuple[int, int]] = []
        loose_new: list[tuple[int, int]] = []
        for i, j, _ in matched.tasks:
            pairs = matched.measures[(i, j)]
            old_count, new_count = (
                len(matched.old_tasks[i].task.measures),
                len(matched.new_tasks[j].task.measures),
            )
            if len(pairs) == old_count == new_count:
                continue  # every measure matched: nothing loose
            taken_old = {m for m, _, _ in pairs}
            taken_new = {n for _, n, _ in pairs}
            loose_old += [
                (i, m) for m in range(len(matched.old_tasks[i].task.measures)) if m not in taken_old
            ]
            loose_new += [
                (j, n) for n in range(len(matched.new_tasks[j].task.measures)) if n not in taken_new
            ]
        loose_old.sort()
        loose_new.sort()
        splits, claimed_old = self._regroup(unmatched_new, loose_old, new_side=True)
        merges, claimed_new = self._regroup(unmatched_old, loose_new, new_side=False)

        for i, j, score in matched.tasks:
            old_slot, new_slot = matched.old_tasks[i], matched.new_tasks[j]
            a, b = old_slot.task, new_slot.task
            moved = goal_of.get(old_slot.goal) != new_slot.goal
            if moved:
                self.add(
                    ChangeKind.MOVED,
                    old_slot.path,
                    new_slot.path,
                    old=f"g{self.old.goals[old_slot.goal].number}",
                    new=f"g{self.new.goals[new_slot.goal].number}",
                    score=score if score < 1.0 else ratio(old_slot.text, new_slot.text),
                )
            if a.title != b.title and normalize(a.title) != normalize(b.title):
                self.add(
                    ChangeKind.REWORDED,
                    old_slot.path,
                    new_slot.path,
                    old=a.title,
                    new=b.title,
                    score=ratio(normalize(a.title), normalize(b.title)),
                )
            if a.number != b.number and not moved:
                self.add(ChangeKind.RENUMBERED, old_slot.path, new_slot.path, old=a.number, new=b.number)
            if self._same_content(a, b):
                continue
            self._owners(a.owners, b.owners, old_slot.path, new_slot.path)
            self._deadline(a.deadline, b.deadline, old_slot.path, new_slot.path)
            same_ids = self.registries.same_ids
            for m, n, m_score in matched.measures[(i, j)]:
                measure_a, measure_b = a.measures[m], b.measures[n]
                if same_ids and measure_a == measure_b:
                    continue  # the common case, before any path is formatted
                self._measure(
                    measure_a, measure_b, f"{old_slot.path}/m{m + 1}", f"{new_slot.path}/m{n + 1}", m_score
                )
        for i, m in loose_old:
            if (i, m) not in claimed_old:
                slot = matched.old_tasks[i]
                self.add(ChangeKind.REMOVED, f"{slot.path}/m{m + 1}", None, old=slot.task.measures[m].text)
        for j, n in loose_new:
            if (j, n) not in claimed_new:
                slot = matched.new_tasks[j]
                self.add(ChangeKind.ADDED, None, f"{slot.path}/m{n + 1}", new=slot.task.measures[n].text)
        for i in unmatched_old:
            slot = matched.old_tasks[i]
            if i in merges:
                target, score = merges[i]
                self.add(
                    ChangeKind.MERGED,
                    slot.path,
                    matched.new_tasks[target].path,
                    old=slot.task.title,
                    new=matched.new_tasks[target].task.title,
                    score=score,
                )
            else:
                self.add(ChangeKind.REMOVED, slot.path, None, old=slot.task.title)
        for j in unmatched_new:
            slot = matched.new_tasks[j]
            if j in splits:
                source, score = splits[j]
                self.add(
                    ChangeKind.SPLIT,
                    matched.old_tasks[source].path,
                    slot.path,
                    old=matched.old_tasks[source].task.title,
                    new=slot.task.title,
                    score=score,
                )
            else:
                self.add(ChangeKind.ADDED, None, slot.path, new=slot.task.title)

    def _regroup(
        self, orphans: Sequence[int], loose: Sequence[tuple[int, int]], *, new_side: bool
    ) -> tuple[dict[int, tuple[int, float]], set[tuple[int, int]]]:
        """Orphan tasks made mostly of measures that left (or joined) one matched task.

        With ``new_side`` the orphans are unmatched new tasks and ``loose`` the
        unmatched measures of matched old tasks (splits); otherwise the other way
        round (merges). Returns orphan -> (that task, share) and the loose
        measures the orphans account for.
        """
        if not orphans or not loose:
            return {}, set()
        matched = self.matched
        orphan_slots = matched.new_tasks if new_side else matched.old_tasks
        loose_slots = matched.old_tasks if new_side else matched.new_tasks
        orphan_measures = [(t, m) for t in orphans for m in range(len(orphan_slots[t].task.measures))]
        orphan_texts = [normalize(orphan_slots[t].task.measures[m].text) for t, m in orphan_measures]
        loose_texts = [normalize(loose_slots[t].task.measures[m].text) for t, m in loose]
        # Both lists are in their own plan's document order, so a split seen from one side
        # and the merge seen from the other compare the very same lists: they mirror exactly.
        pairs = match_within(
            orphan_texts,
            loose_texts,
            self.threshold,
            set(range(len(orphan_texts))),
            set(range(len(loose_texts))),
            block=False,  # large plans: verbatim measures only; blocking short texts costs more than it finds
        )
        by_orphan: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for a, b, _ in pairs:
            by_orphan[orphan_measures[a][0]][loose[b][0]].append(b)
        found: dict[int, tuple[int, float]] = {}
        claimed: set[tuple[int, int]] = set()
        for orphan, sources in by_orphan.items():
            source, shared = min(sources.items(), key=lambda item: (-len(item[1]), item[0]))
            share = len(shared) / len(orphan_slots[orphan].task.measures)
            if share >= 0.5:
                found[orphan] = (source, share)
                claimed.update(loose[b] for b in shared)
        return found, claimed

    def _same_content(self, a: Task, b: Task) -> bool:
        """Whether two matched tasks agree on everything below the title (a fast path)."""
        return (
            self.registries.same_ids
            and a.owners == b.owners
            and a.deadline == b.deadline
            and a.measures == b.measures
        )

    def _owners(self, old: Sequence[OwnerRef], new: Sequence[OwnerRef], old_path: str, new_path: str) -> None:
        if (not old and not new) or (self.registries.same_ids and tuple(old) == tuple(new)):
            return
        registries = self.registries
        self._compare_refs(
            [(registries.old_owner(ref.owner), ref.role.value) for ref in old],
            [(registries.new_owner(ref.owner), ref.role.value) for ref in new],
            (ChangeKind.OWNER_REMOVED, ChangeKind.OWNER_ADDED, ChangeKind.OWNER_ROLE_CHANGED),
            old_path,
            new_path,
        )

    def _documents(
        self, old: Sequence[DocumentRef], new: Sequence[DocumentRef], old_path: str, new_path: str
    ) -> None:
        if (not old and not new) or (self.registries.same_ids and tuple(old) == tuple(new)):
            return
        registries = self.registries
        self._compare_refs(
            [(registries.old_document(ref.document), ref.relation.value) for ref in old],
            [(registries.new_document(ref.document), ref.relation.value) for ref in new],
            (ChangeKind.DOCUMENT_REMOVED, ChangeKind.DOCUMENT_ADDED, ChangeKind.DOCUMENT_RELATION_CHANGED),
            old_path,
            new_path,
        )

    def _compare_refs(
        self,
        old: list[tuple[str, str]],
        new: list[tuple[str, str]],
        kinds: tuple[ChangeKind, ChangeKind, ChangeKind],
        old_path: str,
        new_path: str,
    ) -> None:
        """Report (subject, role-or-relation) references that went, came, or changed their roles."""
        removed, added, changed = kinds
        old_roles: dict[str, set[str]] = defaultdict(set)
        new_roles: dict[str, set[str]] = defaultdict(set)
        for subject, role in old:
            old_roles[subject].add(role)
        for subject, role in new:
            new_roles[subject].add(role)
        for subject in sorted(old_roles.keys() | new_roles.keys()):
            before = tuple(sorted(old_roles.get(subject, ())))
            after = tuple(sorted(new_roles.get(subject, ())))
            if not after:
                self.add(removed, old_path, new_path, old=before, subject=subject)
            elif not before:
                self.add(added, old_path, new_path, new=after, subject=subject)
            elif before != after:
                self.add(changed, old_path, new_path, old=before, new=after, subject=subject)

    def _deadline(self, old: Deadline | None, new: Deadline | None, old_path: str, new_path: str) -> None:
        if _deadline_key(old) != _deadline_key(new):
            self.add(
                ChangeKind.DEADLINE_CHANGED,
                old_path,
                new_path,
                old=old.text if old else None,
                new=new.text if new else None,
            )

    def _measure(self, a: Measure, b: Measure, old_path: str, new_path: str, score: float) -> None:
        if a == b and self.registries.same_ids:
            return
        before = len(self.changes)
        target_changes = self._targets(a.targets, b.targets, old_path, new_path)
        self._owners(a.owners, b.owners, old_path, new_path)
        self._documents(a.documents, b.documents, old_path, new_path)
        self._deadline(a.deadline, b.deadline, old_path, new_path)
        if a.text == b.text or normalize(a.text) == normalize(b.text):
            return
        # An edit that only restates a structured change (a number, the verb before a document,
        # a deadline) is reported as that change, not as a rewording too.
        if len(self.changes) > before and self._canonical(a, True, target_changes) == self._canonical(
            b, False, target_changes
        ):
            return
        self.add(ChangeKind.REWORDED, old_path, new_path, old=a.text, new=b.text, score=score)

    def _canonical(self, measure: Measure, old: bool, drop_numbers: bool) -> str:
        title = self.registries.old_document if old else self.registries.new_document
        text = measure.text
        for ref in measure.documents:
            if ref.text:
                text = text.replace(ref.text, f"《{document_key(title(ref.document))}》")
        if measure.deadline is not None and measure.deadline.text:
            text = text.replace(measure.deadline.text, "")
        text = normalize(text)
        return _DIGITS.sub("", text) if drop_numbers else text

    def _targets(self, old: Sequence[Target], new: Sequence[Target], old_path: str, new_path: str) -> bool:
        if not old and not new:
            return False
        pairs = _pair_targets(old, new)
        changed = False
        taken_old = {p for p, _ in pairs}
        taken_new = {q for _, q in pairs}
        for p, q in pairs:
            a, b = old[p], new[q]
            if (a.value, a.unit, a.kind, a.qualifier, normalize(a.metric)) == (
                b.value,
                b.unit,
                b.kind,
                b.qualifier,
                normalize(b.metric),
            ):
                continue
            changed = True
            delta = b.value - a.value
            direction = "raised" if delta > 0 else "lowered" if delta < 0 else None
            self.add(
                ChangeKind.TARGET_CHANGED,
                f"{old_path}/q{p + 1}",
                f"{new_path}/q{q + 1}",
                old=_target_text(a),
                new=_target_text(b),
                subject=b.metric,
                direction=direction,
                delta=delta if delta else None,
            )
        for p, target in enumerate(old):
            if p not in taken_old:
                changed = True
                self.add(
                    ChangeKind.TARGET_REMOVED,
                    f"{old_path}/q{p + 1}",
                    None,
                    old=_target_text(target),
                    subject=target.metric,
                )
        for q, target in enumerate(new):
            if q not in taken_new:
                changed = True
                self.add(
                    ChangeKind.TARGET_ADDED,
                    None,
                    f"{new_path}/q{q + 1}",
                    new=_target_text(target),
                    subject=target.metric,
                )
        return changed


def _target_text(target: Target) -> str:
    return f"{target.metric} {target.value}{target.unit}"


def _pair_targets(old: Sequence[Target], new: Sequence[Target]) -> list[tuple[int, int]]:
    """Targets of two matched measures: same metric first (in order), then the rest by position."""
    pairs: list[tuple[int, int]] = []
    free_new = list(range(len(new)))
    free_old: list[int] = []
    for p, target in enumerate(old):
        metric = normalize(target.metric)
        for q in free_new:
            if normalize(new[q].metric) == metric:
                pairs.append((p, q))
                free_new.remove(q)
                break
        else:
            free_old.append(p)
    pairs.extend(zip(free_old, free_new))
    return sorted(pairs)


def _deadline_key(deadline: Deadline | None) -> tuple[Any, ...] | None:
    """What makes two deadlines the same: their wording, since relative wording (年底前, 未来5年)
    resolves to other dates in another year; the dates only when there is no wording."""
    if deadline is None:
        return None
    text = normalize(deadline.text)
    return (text,) if text else (deadline.start, deadline.end, deadline.recurrence)
