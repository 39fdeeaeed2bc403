"""Matching goals, tasks and measures one to one across two plans.

Level by level: goals first; then tasks by user ``key``, by exact text, by
similarity within matched goals, and last the leftovers across all goals (a
task can move to another goal); then measures within matched tasks. Similarity
works on characters (`_text.ratio`). Large leftover sets are narrowed with a
character-trigram inverted index before any scores are computed, so the cost
stays near linear in the size of the plans.

Every pass is symmetric in its two arguments: matching ``(b, a)`` pairs the
same items as matching ``(a, b)``, which keeps ``diff(b, a)`` the mirror of
``diff(a, b)``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence

import attrs

from ..model import Goal, Measure, Plan, Task
from ._text import normalize, ratio, using_rapidfuzz

__all__ = ["PlanMatch", "TaskSlot", "assign", "exact_pairs", "match_plans", "match_within", "similar_pairs"]

Pair = tuple[int, int, float]
"""An old index, a new index and the similarity of the two."""


@attrs.frozen(kw_only=True)
class TaskSlot:
    """A task with where it stands in its plan."""

    path: str
    """Its path id, ``g9/t35``."""
    goal: int
    """The 0-based index of its goal in ``plan.goals``."""
    task: Task
    """The task itself."""

    @property
    def text(self) -> str:
        """Title and measure texts, normalised, as compared by the matcher (computed on use)."""
        return _task_text(self.task)


@attrs.frozen(kw_only=True)
class PlanMatch:
    """Which goals, tasks and measures of two plans are the same item."""

    goals: tuple[Pair, ...]
    """Matched goals as (old index, new index, score) into ``plan.goals``."""
    old_tasks: tuple[TaskSlot, ...]
    """Every task of the old plan, in document order."""
    new_tasks: tuple[TaskSlot, ...]
    """Every task of the new plan, in document order."""
    tasks: tuple[Pair, ...]
    """Matched tasks as (old index, new index, score) into ``old_tasks`` and ``new_tasks``."""
    measures: dict[tuple[int, int], tuple[Pair, ...]]
    """For each matched task pair, its matched measures as (old position, new position, score)."""


def _task_text(task: Task) -> str:
    return normalize(task.title + "|" + "".join(measure.text for measure in task.measures))


def _raw_signature(task: Task) -> tuple[str, ...]:
    return (task.title, *(measure.text for measure in task.measures))


def _goal_text(goal: Goal) -> str:
    return normalize(goal.title + "|" + "|".join(task.title for task in goal.tasks))


def assign(candidates: Iterable[Pair], old: Sequence[str], new: Sequence[str]) -> list[Pair]:
    """One-to-one pairs from scored candidates, best first.

    Ties are broken by a key that reads the same with the plans swapped, so
    the result is deterministic and symmetric.
    """

    def order(pair: Pair) -> tuple[float, int, str, str, int]:
        score, i, j = pair[2], pair[0], pair[1]
        low, high = sorted((old[i], new[j]))
        return (-score, i + j, low, high, min(i, j))

    taken_old: set[int] = set()
    taken_new: set[int] = set()
    chosen: list[Pair] = []
    for i, j, score in sorted(candidates, key=order):
        if i in taken_old or j in taken_new:
            continue
        taken_old.add(i)
        taken_new.add(j)
        chosen.append((i, j, score))
    return chosen


def exact_pairs(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Pair]:
    """Pairs of equal texts: the k-th occurrence of a text with its k-th occurrence on the other side."""
    waiting: dict[Hashable, list[int]] = defaultdict(list)
    for i, text in enumerate(old):
        waiting[text].append(i)
    cursor: dict[Hashable, int] = defaultdict(int)
    pairs: list[Pair] = []
    for j, text in enumerate(new):
        indices = waiting.get(text)
        if indices and cursor[text] < len(indices):
            pairs.append((indices[cursor[text]], j, 1.0))
            cursor[text] += 1
    return pairs


def _full_limit() -> int:
    # rapidfuzz scores a pair of long texts in a few microseconds; difflib is ~300x slower.
    return 10_000 if using_rapidfuzz() else 400


def trigrams(text: str) -> set[str]:
    """Character trigrams: the default blocking tokens of a text."""
    return {text[i : i + 3] for i in range(len(text) - 2)} if len(text) > 2 else {text}


def _candidates(source: Sequence[set[str]], index_of: Sequence[set[str]], top: int) -> set[tuple[int, int]]:
    """For each token set in ``source``, the ``top`` sets of ``index_of`` sharing the most rare tokens."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, tokens in enumerate(index_of):
        for token in tokens:
            postings[token].append(j)
    # Tokens found in very many texts say little and cost much: skip them.
    cap = max(16, int(4 * math.sqrt(len(index_of))))
    weight = {token: 1.0 / len(hits) for token, hits in postings.items() if len(hits) <= cap}
    found: set[tuple[int, int]] = set()
    for i, tokens in enumerate(source):
        weights: dict[int, float] = defaultdict(float)
        for token in tokens:
            share = weight.get(token)
            if share is not None:
                for j in postings[token]:
                    weights[j] += share
        if len(weights) > top:
            best = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:top]
        else:
            best = list(weights.items())
        found.update((i, j) for j, _ in best)
    return found


def similar_pairs(
    old: Sequence[str],
    new: Sequence[str],
    threshold: float,
    *,
    old_tokens: Sequence[set[str]] | None = None,
    new_tokens: Sequence[set[str]] | None = None,
    top: int = 6,
    full_limit: int | None = None,
    block: bool = True,
) -> list[Pair]:
    """One-to-one pairs of similar texts (score >= ``threshold``), best first.

    Scores every pair when the sets are small; otherwise only candidates that
    share rare blocking tokens (character trigrams unless given), looked up
    from both sides so the result stays symmetric; or, without ``block``, none.
    """
    if not old or not new or threshold > 1.0:
        return []
    scored: list[Pair] = []
    if len(old) * len(new) <= (full_limit if full_limit is not None else _full_limit()):
        extract = _extractor() if len(new) >= 8 else None  # one call in C pays off on longer lists
        if extract is not None:
            for i, text in enumerate(old):
                scored.extend((i, j, score) for _, score, j in extract(text, new, threshold))
            return assign(scored, old, new)
        pairs: Iterable[tuple[int, int]] = ((i, j) for i in range(len(old)) for j in range(len(new)))
    elif not block:
        return []
    else:
        old_sets = old_tokens if old_tokens is not None else [trigrams(text) for text in old]
        new_sets = new_tokens if new_tokens is not None else [trigrams(text) for text in new]
        pairs = _candidates(old_sets, new_sets, top) | {
            (i, j) for j, i in _candidates(new_sets, old_sets, top)
        }
    for i, j in pairs:
        a, b = old[i], new[j]
        total = len(a) + len(b)
        if total and 2 * min(len(a), len(b)) < threshold * total:
            continue  # the length difference alone rules it out
        score = ratio(a, b)
        if score >= threshold:
            scored.append((i, j, score))
    return assign(scored, old, new)


def _extractor() -> Callable[[str, Sequence[str], float], list[tuple[str, float, int]]] | None:
    """rapidfuzz's one-against-many scorer (a loop in C), or None without rapidfuzz."""
    if not using_rapidfuzz():
        return None
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    def extract(query: str, choices: Sequence[str], cutoff: float) -> list[tuple[str, float, int]]:
        found = process.extract(
            query, choices, scorer=Indel.normalized_similarity, score_cutoff=cutoff, limit=None
        )
        return [(text, float(score), int(index)) for text, score, index in found]

    return extract


def match_within(
    old: Sequence[str],
    new: Sequence[str],
    threshold: float,
    free_old: set[int],
    free_new: set[int],
    *,
    block: bool = True,
) -> list[Pair]:
    """Exact then similar pairs among the free indices; returns pairs in the original indices."""
    old_ids = sorted(free_old)
    new_ids = sorted(free_new)
    found: list[Pair] = []
    for passes in range(2):
        old_texts = [old[i] for i in old_ids]
        new_texts = [new[j] for j in new_ids]
        local = (
            exact_pairs(old_texts, new_texts)
            if passes == 0
            else similar_pairs(old_texts, new_texts, threshold, block=block)
        )
        found.extend((old_ids[i], new_ids[j], score) for i, j, score in local)
        used_old = {old_ids[i] for i, _, _ in local}
        used_new = {new_ids[j] for _, j, _ in local}
        old_ids = [i for i in old_ids if i not in used_old]
        new_ids = [j for j in new_ids if j not in used_new]
    return found


def match_measures(old: Sequence[Measure], new: Sequence[Measure], threshold: float) -> list[Pair]:
    """Matched measures of two tasks as (old position, new position, score), 0-based."""
    old_raw = [measure.text for measure in old]
    new_raw = [measure.text for measure in new]
    if old_raw == new_raw:
        return [(i, i, 1.0) for i in range(len(old))]
    # Verbatim texts first (the common case, and cheap); only the rest are normalised and scored.
    if len(old_raw) == len(new_raw):
        # Same number of measures: pair those unchanged in place, then look at the others.
        pairs = [(i, i, 1.0) for i, (a, b) in enumerate(zip(old_raw, new_raw)) if a == b]
        taken = {i for i, _, _ in pairs}
        rest = [i for i in range(len(old_raw)) if i not in taken]
        pairs += [
            (rest[i], rest[j], score)
            for i, j, score in exact_pairs([old_raw[i] for i in rest], [new_raw[j] for j in rest])
        ]
    else:
        pairs = exact_pairs(old_raw, new_raw)
    free_old = set(range(len(old))) - {i for i, _, _ in pairs}
    free_new = set(range(len(new))) - {j for _, j, _ in pairs}
    if len(free_old) == 1 and len(free_new) == 1:
        # One measure edited in place, the common case: score it without the general machinery.
        (i,), (j,) = free_old, free_new
        score = ratio(normalize(old_raw[i]), normalize(new_raw[j]))
        if score >= threshold:
            pairs.append((i, j, score))
    elif free_old and free_new:
        old_texts = {i: normalize(old_raw[i]) for i in free_old}
        new_texts = {j: normalize(new_raw[j]) for j in free_new}
        pairs += match_within(
            [old_texts.get(i, "") for i in range(len(old))],
            [new_texts.get(j, "") for j in range(len(new))],
            threshold,
            free_old,
            free_new,
        )
    return sorted(pairs)


def _slots(plan: Plan) -> list[TaskSlot]:
    return [
        TaskSlot(path=f"g{goal.number}/t{task.number}", goal=g, task=task)
        for g, goal in enumerate(plan.goals)
        for task in goal.tasks
    ]


def match_plans(old: Plan, new: Plan, threshold: float) -> PlanMatch:
    """Match goals, then tasks, then measures of two plans."""
    old_goal_texts = [_goal_text(goal) for goal in old.goals]
    new_goal_texts = [_goal_text(goal) for goal in new.goals]
    goal_pairs = match_within(
        [normalize(goal.title) for goal in old.goals],
        [normalize(goal.title) for goal in new.goals],
        1.1,  # titles: exact only; similarity is judged on title and task titles together
        set(range(len(old.goals))),
        set(range(len(new.goals))),
    )
    free_old = set(range(len(old.goals))) - {i for i, _, _ in goal_pairs}
    free_new = set(range(len(new.goals))) - {j for _, j, _ in goal_pairs}
    goal_pairs += match_within(old_goal_texts, new_goal_texts, threshold, free_old, free_new)
    goal_pairs.sort()

    old_slots, new_slots = _slots(old), _slots(new)
    task_pairs: list[Pair] = []
    free_old = set(range(len(old_slots)))
    free_new = set(range(len(new_slots)))

    def take(pairs: Iterable[Pair]) -> None:
        for i, j, score in pairs:
            task_pairs.append((i, j, score))
            free_old.discard(i)
            free_new.discard(j)

    # 1. user keys, unique on each side
    old_keys = _unique_keys(old_slots)
    new_keys = _unique_keys(new_slots)
    take(
        (i, new_keys[key], ratio(old_slots[i].text, new_slots[new_keys[key]].text))
        for key, i in sorted(old_keys.items())
        if key in new_keys
    )

    # 2. exact text (title and measures, verbatim), then exact title, anywhere in the plan;
    # a task that differs only in spacing is left to similarity, where it scores 1.0
    def exact(old_text: Callable[[int], Hashable], new_text: Callable[[int], Hashable]) -> None:
        old_ids, new_ids = sorted(free_old), sorted(free_new)
        if old_ids and new_ids:
            local = exact_pairs([old_text(i) for i in old_ids], [new_text(j) for j in new_ids])
            take((old_ids[i], new_ids[j], 1.0) for i, j, _ in local)

    exact(lambda i: _raw_signature(old_slots[i].task), lambda j: _raw_signature(new_slots[j].task))
    exact(lambda i: normalize(old_slots[i].task.title), lambda j: normalize(new_slots[j].task.title))
    # 3. similarity within matched goals
    if free_old and free_new:
        for old_goal, new_goal, _ in goal_pairs:
            take(
                _similar_among(
                    old_slots,
                    new_slots,
                    threshold,
                    [i for i in sorted(free_old) if old_slots[i].goal == old_goal],
                    [j for j in sorted(free_new) if new_slots[j].goal == new_goal],
                )
            )
    # 4. what is left, across goals
    if free_old and free_new:
        take(_similar_among(old_slots, new_slots, threshold, sorted(free_old), sorted(free_new)))
    task_pairs.sort()

    measures = {
        (i, j): tuple(match_measures(old_slots[i].task.measures, new_slots[j].task.measures, threshold))
        for i, j, _ in task_pairs
    }
    return PlanMatch(
        goals=tuple(goal_pairs),
        old_tasks=tuple(old_slots),
        new_tasks=tuple(new_slots),
        tasks=tuple(task_pairs),
        measures=measures,
    )


def _similar_among(
    old: Sequence[TaskSlot], new: Sequence[TaskSlot], threshold: float, old_ids: list[int], new_ids: list[int]
) -> list[Pair]:
    local = similar_pairs(
        [old[i].text for i in old_ids],
        [new[j].text for j in new_ids],
        threshold,
        old_tokens=[_task_tokens(old[i].task) for i in old_ids],
        new_tokens=[_task_tokens(new[j].task) for j in new_ids],
        full_limit=400,  # task texts are long: narrow to candidates sooner than for short texts
    )
    return [(old_ids[i], new_ids[j], score) for i, j, score in local]


def _task_tokens(task: Task) -> set[str]:
    """Blocking tokens of a task: its title's trigrams and its measures' whole texts.

    A task moved or reworded keeps either most of its title or some measures verbatim.
    """
    tokens = trigrams(normalize(task.title))
    tokens.update("\x00" + normalize(measure.text) for measure in task.measures)
    return tokens


def _unique_keys(slots: Sequence[TaskSlot]) -> dict[str, int]:
    seen: dict[str, int] = {}
    duplicate: set[str] = set()
    for index, slot in enumerate(slots):
        key = slot.task.key
        if key is None:
            continue
        if key in seen:
            duplicate.add(key)
        seen[key] = index
    return {key: index for key, index in seen.items() if key not in duplicate}
