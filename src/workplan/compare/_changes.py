"""Building the typed changes of `diff()` from an alignment (`_align`): the `_Builder` and its phases."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from .._util import StageTimer
from ..model import (
    Deadline,
    DocumentRef,
    Measure,
    OwnerRef,
    Plan,
    Target,
    Task,
    path_to_goal,
    path_to_measure,
    path_to_target,
)
from ._align import MEASURE_FLOOR, PlanMatch, align_plans
from ._match import match_within
from ._registry import Registries, changed_periods, document_key
from ._result import DEFAULT_THRESHOLD, Alignment, Change, ChangeKind, Match, PlanDiff, _sort_key
from ._text import normalize, ratio

__all__ = ["diff", "diff_and_match"]


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
    matched = align_plans(old, new, threshold)
    timer.mark("align goals, tasks and measures")
    builder = _Builder(old, new, matched, threshold)
    changes = sorted(builder.build(), key=_sort_key)
    timer.mark(f"typed changes ({len(changes)})")
    registries = builder.registries
    matches = Alignment(source=lambda: _matches(old, new, matched, registries))
    return PlanDiff(old=old, new=new, changes=tuple(changes), threshold=threshold, matches=matches), matched


def _matches(old: Plan, new: Plan, matched: PlanMatch, registries: Registries) -> Iterator[Match]:
    """Every aligned pair, top down: goals, then each task with its measures and targets, then documents."""
    for i, j, score in matched.goals:
        yield Match(
            level="goal",
            old_path=path_to_goal(old.goals[i].number),
            new_path=path_to_goal(new.goals[j].number),
            score=score,
            evidence=matched.goal_evidence.get((i, j), ()),
        )
    for i, j, score in matched.tasks:
        old_slot, new_slot = matched.old_tasks[i], matched.new_tasks[j]
        yield Match(
            level="task",
            old_path=old_slot.path,
            new_path=new_slot.path,
            score=score,
            evidence=matched.task_evidence.get((i, j), ()),
        )
        for m, n, m_score in matched.measures[(i, j)]:
            old_path, new_path = path_to_measure(old_slot.path, m + 1), path_to_measure(new_slot.path, n + 1)
            measure_a, measure_b = old_slot.task.measures[m], new_slot.task.measures[n]
            same = measure_a.text == measure_b.text
            yield Match(
                level="measure",
                old_path=old_path,
                new_path=new_path,
                score=m_score,
                evidence=("verbatim",) if same else (f"text {m_score:.2f}",),
            )
            for p, q in _pair_targets(measure_a.targets, measure_b.targets):
                metric = normalize(measure_a.targets[p].metric) == normalize(measure_b.targets[q].metric)
                yield Match(
                    level="target",
                    old_path=path_to_target(old_path, p + 1),
                    new_path=path_to_target(new_path, q + 1),
                    score=1.0 if metric else 0.5,
                    evidence=("same metric",) if metric else ("same position",),
                )
    for old_id, new_id, score, evidence in registries.documents:
        yield Match(level="document", old_path=old_id, new_path=new_id, score=score, evidence=evidence)


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
        self._periods()
        return self.changes

    def _periods(self) -> None:
        """Documents of both plans whose year range changed (a 2017–2020 plan now 2021–2025)."""
        registries = self.registries
        for old_id, new_id, before, after in changed_periods(
            registries.documents, self.old.documents, self.new.documents
        ):
            # one subject both ways round: the reported title of the old side (the two share a key)
            self.add(
                ChangeKind.PERIOD_CHANGED,
                old_id,
                new_id,
                old=before,
                new=after,
                subject=document_key(registries.old_document(old_id)),
            )

    def _goals(self) -> None:
        old_goals, new_goals = self.old.goals, self.new.goals
        matched_old = {i for i, _, _ in self.matched.goals}
        matched_new = {j for _, j, _ in self.matched.goals}
        for i, j, score in self.matched.goals:
            a, b = old_goals[i], new_goals[j]
            old_path, new_path = path_to_goal(a.number), path_to_goal(b.number)
            if normalize(a.title) != normalize(b.title):
                self.add(ChangeKind.REWORDED, old_path, new_path, old=a.title, new=b.title, score=score)
            if a.number != b.number:
                self.add(ChangeKind.RENUMBERED, old_path, new_path, old=a.number, new=b.number, score=score)
        for i, goal in enumerate(old_goals):
            if i not in matched_old:
                self.add(ChangeKind.REMOVED, path_to_goal(goal.number), None, old=goal.title)
        for j, goal in enumerate(new_goals):
            if j not in matched_new:
                self.add(ChangeKind.ADDED, None, path_to_goal(goal.number), new=goal.title)

    def _tasks(self) -> None:
        """Four phases: find the loose measures, regroup them (splits, merges), report the
        aligned tasks, then what is left (loose measures, unaligned tasks)."""
        matched = self.matched
        aligned_old = {i for i, _, _ in matched.tasks}
        aligned_new = {j for _, j, _ in matched.tasks}
        unmatched_old = [i for i in range(len(matched.old_tasks)) if i not in aligned_old]
        unmatched_new = [j for j in range(len(matched.new_tasks)) if j not in aligned_new]
        loose_old, loose_new = self._loose_measures()
        splits, claimed_old = self._regroup(unmatched_new, loose_old, new_side=True)
        merges, claimed_new = self._regroup(unmatched_old, loose_new, new_side=False)
        self._aligned_tasks()
        self._unclaimed_measures(loose_old, claimed_old, loose_new, claimed_new)
        self._unaligned_tasks(unmatched_old, merges, unmatched_new, splits)

    def _loose_measures(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Measures of aligned tasks that found no partner, as (task index, measure position)."""
        matched = self.matched
        loose_old: list[tuple[int, int]] = []
        loose_new: list[tuple[int, int]] = []
        for i, j, _ in matched.tasks:
            pairs = matched.measures[(i, j)]
            old_count = len(matched.old_tasks[i].task.measures)
            new_count = len(matched.new_tasks[j].task.measures)
            if len(pairs) == old_count == new_count:
                continue  # every measure aligned: nothing loose
            taken_old = {m for m, _, _ in pairs}
            taken_new = {n for _, n, _ in pairs}
            loose_old += [(i, m) for m in range(old_count) if m not in taken_old]
            loose_new += [(j, n) for n in range(new_count) if n not in taken_new]
        return sorted(loose_old), sorted(loose_new)

    def _aligned_tasks(self) -> None:
        """Moves, rewordings, renumberings and everything below each aligned task pair."""
        matched = self.matched
        goal_of = {i: j for i, j, _ in matched.goals}
        same_ids = self.registries.same_ids
        for i, j, score in matched.tasks:
            old_slot, new_slot = matched.old_tasks[i], matched.new_tasks[j]
            a, b = old_slot.task, new_slot.task
            moved = goal_of.get(old_slot.goal) != new_slot.goal
            if moved:
                self.add(
                    ChangeKind.MOVED,
                    old_slot.path,
                    new_slot.path,
                    old=path_to_goal(self.old.goals[old_slot.goal].number),
                    new=path_to_goal(self.new.goals[new_slot.goal].number),
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
            for m, n, m_score in matched.measures[(i, j)]:
                measure_a, measure_b = a.measures[m], b.measures[n]
                if same_ids and measure_a == measure_b:
                    continue  # the common case, before any path is formatted
                self._measure(
                    measure_a,
                    measure_b,
                    path_to_measure(old_slot.path, m + 1),
                    path_to_measure(new_slot.path, n + 1),
                    m_score,
                )

    def _unclaimed_measures(
        self,
        loose_old: list[tuple[int, int]],
        claimed_old: set[tuple[int, int]],
        loose_new: list[tuple[int, int]],
        claimed_new: set[tuple[int, int]],
    ) -> None:
        """Loose measures no split or merge accounts for: removed and added."""
        matched = self.matched
        for i, m in loose_old:
            if (i, m) not in claimed_old:
                slot = matched.old_tasks[i]
                self.add(
                    ChangeKind.REMOVED,
                    path_to_measure(slot.path, m + 1),
                    None,
                    old=slot.task.measures[m].text,
                )
        for j, n in loose_new:
            if (j, n) not in claimed_new:
                slot = matched.new_tasks[j]
                self.add(
                    ChangeKind.ADDED, None, path_to_measure(slot.path, n + 1), new=slot.task.measures[n].text
                )

    def _unaligned_tasks(
        self,
        unmatched_old: list[int],
        merges: dict[int, tuple[int, float]],
        unmatched_new: list[int],
        splits: dict[int, tuple[int, float]],
    ) -> None:
        """Tasks without a partner: merged or removed (old side), split or added (new side)."""
        matched = self.matched
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
            MEASURE_FLOOR,
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
                path_to_target(old_path, p + 1),
                path_to_target(new_path, q + 1),
                old=_target_text(a),
                new=_target_text(b),
                # the metric when both name it alike; else none (old/new show both): keeps the mirror
                subject=min(a.metric, b.metric) if normalize(a.metric) == normalize(b.metric) else None,
                direction=direction,
                delta=delta if delta else None,
            )
        for p, target in enumerate(old):
            if p not in taken_old:
                changed = True
                self.add(
                    ChangeKind.TARGET_REMOVED,
                    path_to_target(old_path, p + 1),
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
                    path_to_target(new_path, q + 1),
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
