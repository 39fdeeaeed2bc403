"""Aligning two plans: which goals, tasks and measures are the same item, and why.

Contract
--------
Input: an old and a new `Plan`, and a floor (``threshold``, 0..1]. Output: a `PlanMatch`,
one-to-one pairs of goals, of tasks and (inside aligned tasks) of measures, each pair with
a score in (0, 1] and its evidence, short readable reasons (``title 0.82``,
``shared clause m2↔m1``, ``3 of 4 tasks aligned``).

The problem is close to bitext sentence alignment (Gale–Church, hunalign, vecalign):
score candidate pairs from several independent signals, then take a global one-to-one
assignment that mostly keeps document order but allows reordering.

Signals, all symmetric in the two plans:

1. **Identity.** A task's user ``key``; a task verbatim (title and every measure); an equal
   title. Score 1. These run first, over the whole plans, and are cheap.
2. **Title.** Cosine of the character-bigram vectors of two titles, each bigram weighted by
   its inverse document frequency ``idf(g) = ln(1 + N / df(g))``. The units counted are every
   goal and task title and every task body (its measures) of *both* plans (on big plans, the
   bodies of tasks already aligned by identity through an evenly spaced sample of about 32,
   each counted for the ones it stands for, taken from each plan with one step, so that
   swapping the plans swaps the sample), so wording that many items share
   (习近平新时代中国特色社会主义思想, 四个意识, 两个维护, 教育工作) counts for little and a
   rare shared phrase counts for much. Punctuation, brackets and spaces are dropped first.
3. **Body.** The same cosine over a task's measures together: a separate, weaker signal,
   because bodies are rewritten from year to year far more than headings.
4. **Carried text.** A whole measure, or a clause of at least `CLAUSE_MIN` characters
   (cut at ，；。：), found verbatim in exactly one task on each side and nowhere else: no
   other task has the measure, and the clause has a bigram that no other unit has
   (boilerplate recurs, carried text does not). Two plans are too few units for that test to
   know a set phrase that every issuer uses once per plan (全面落实党的教育方针, 立德树人), so a
   carried measure or clause must also keep `CLAUSE_MIN` characters once the shipped set
   phrases (``compare/boilerplate.txt``) are taken out. A
   measure carried word for word is strong evidence; a carried clause is good evidence.
5. **Structure.** Aligned tasks vote for their goals (``k of n tasks aligned``, n the smaller
   goal); tasks under aligned goals get a small prior (parents constrain children);
   document order breaks ties (a weak prior).
6. **Lead-in.** Goal titles are compared whole and without their lead-in (the part before
   the first comma: ``以…为遵循，`` / ``以…为目标，``); the better score counts.

The signals are combined as independent evidence (noisy-or): ``s = 1 − Π(1 − wᵢ·eᵢ)`` with
weights title 1, body ½, carried clause ½, carried measure 0.8, aligned parents 0.1; for goals
title 1 and votes 0.8. So no single weak signal reaches the default floor of ½ ("more
likely than not") on its own: a body that merely shares a topic (cosine 0.4 → 0.2) does not,
a heading kept or lightly reworded (cosine ≥ ½) does, and so does a carried measure.

Assignment: candidates in descending score; a pair is taken when both items are free, its
score reaches the floor, and it beats every other free candidate of either item by
`MARGIN` in log-odds (mutual best with a margin, as in hunalign's and vecalign's filtering;
0.4 in log-odds is 0.6 against 0.5, or 0.93 against 0.9). An item
whose best partners are too close to call stays unaligned: reported as removed and added,
never guessed. Ties are broken by distance in document order, then by position.

Measures are aligned inside aligned tasks only: verbatim first, then pairs whose
character similarity (`_text.ratio`) is at least `MEASURE_FLOOR` *and* whose IDF-weighted
cosine is at least ½, mutual best. Two different sentences on one topic are never paired.

Guarantees:

- one to one at every level; a measure only inside an aligned task pair;
- ``align(b, a)`` is the mirror of ``align(a, b)`` (IDF over both plans, symmetric
  candidates and tie-breaks), and the result is deterministic;
- aligning a plan with itself aligns every item with score 1;
- candidate pairs of large plans come from an inverted index over the rarest bigrams of each
  task's title and its carried texts (blocking: the few tasks sharing the most such keys,
  looked up from both sides), never from all pairs, so the cost stays near linear.
"""

from __future__ import annotations

import functools
import heapq
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Hashable, Iterable, Sequence
from itertools import chain, repeat

import attrs

from .._util import package_files
from ..model import Goal, Measure, Plan, Task, path_to_goal, path_to_task
from ._match import exact_pairs
from ._text import normalize, ratio

__all__ = [
    "CLAUSE_MIN",
    "MARGIN",
    "MEASURE_FLOOR",
    "PlanMatch",
    "TaskSlot",
    "align_plans",
    "lead_in_tail",
    "match_measures",
]

CLAUSE_MIN = 8
"""Characters a clause needs (punctuation dropped) to count as carried text."""
MARGIN = 0.4
"""How much a pair must beat every other free candidate of either item, in log-odds (≈ 0.1 near ½)."""
MEASURE_FLOOR = 0.6
"""Character similarity two measures need to be one measure reworded."""

_TITLE, _BODY, _CLAUSE, _MEASURE, _PARENT, _VOTES = 1.0, 0.5, 0.5, 0.8, 0.1, 0.8
_FULL_LIMIT = 4_096  # below this many pairs, score all of them; above, block
_RARE = 6  # rarest bigrams of a title (and of a body) used as blocking keys
_TOP = 4  # candidates kept per item from each side when blocking
_SAMPLE = 32  # bodies of tasks aligned by identity that stand for all of them in the IDF

_CLAUSES = re.compile(r"[，。；：,;:！？!?\n]+")
# what _DROP drops, but the clause separators
_JUNK = re.compile(r"[ \t\r\f\v\u3000、.“”\"'‘’《》〈〉<>()（）【】\[\]{}—–\-·…]+")
_LEAD_IN = re.compile(r"[，,]")

Pair = tuple[int, int, float]
"""An old index, a new index and the score of the pair."""

_TEXT = operator.attrgetter("text")


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
        """Title and measure texts, normalised (computed on use)."""
        return normalize(self.task.title + "|" + "".join(measure.text for measure in self.task.measures))


@attrs.frozen(kw_only=True)
class PlanMatch:
    """Which goals, tasks and measures of two plans are the same item, and the evidence."""

    goals: tuple[Pair, ...]
    """Aligned goals as (old index, new index, score) into ``plan.goals``."""
    old_tasks: tuple[TaskSlot, ...]
    """Every task of the old plan, in document order."""
    new_tasks: tuple[TaskSlot, ...]
    """Every task of the new plan, in document order."""
    tasks: tuple[Pair, ...]
    """Aligned tasks as (old index, new index, score) into ``old_tasks`` and ``new_tasks``."""
    measures: dict[tuple[int, int], tuple[Pair, ...]]
    """For each aligned task pair, its aligned measures as (old position, new position, score)."""
    goal_evidence: dict[tuple[int, int], tuple[str, ...]] = attrs.field(factory=dict)
    """Reasons for each aligned goal pair, keyed by (old index, new index)."""
    task_evidence: dict[tuple[int, int], tuple[str, ...]] = attrs.field(factory=dict)
    """Reasons for each aligned task pair, keyed by (old index, new index)."""


# -- text units -------------------------------------------------------------------------


_DROP = re.compile(r"[\s\u3000，。；：、,.;:！？!?“”\"'‘’《》〈〉<>()（）【】\[\]{}—–\-·…]+")


def _clean(text: str) -> str:
    return _DROP.sub("", text)


def _bigrams(text: str) -> list[str]:
    text = _DROP.sub("", text)
    if len(text) < 2:
        return [text] if text else []
    return list(map(operator.add, text, text[1:]))


def _bigram_set(text: str) -> set[str]:
    text = _DROP.sub("", text)
    if len(text) < 2:
        return {text} if text else set()
    return set(map(operator.add, text, text[1:]))


def lead_in_tail(title: str) -> str:
    """A goal title without its lead-in: the part after the first comma (all of it if none)."""
    parts = _LEAD_IN.split(title, maxsplit=1)
    return parts[1] if len(parts) == 2 and _clean(parts[1]) else title


@functools.cache
def _set_phrases() -> re.Pattern[str]:
    """The shipped set phrases (提法: 立德树人, 四个意识…), as one pattern, longest first."""
    listed = package_files(__package__).joinpath("boilerplate.txt").read_text(encoding="utf-8")
    phrases = {
        _DROP.sub("", line) for line in listed.splitlines() if line.strip() and not line.startswith("#")
    }
    return re.compile("|".join(re.escape(phrase) for phrase in sorted(phrases, key=lambda p: (-len(p), p))))


def substantive(text: str) -> bool:
    """Whether carried ``text`` says something of its own: `CLAUSE_MIN` characters outside set phrases.

    Two excerpts give too few units for IDF to tell a set phrase (全面落实党的教育方针) from a
    commitment carried over (牢牢把握教育系统意识形态工作领导权); the shipped list of phrases that
    every issuer uses, every year, settles it.
    """
    return len(_set_phrases().sub("", _DROP.sub("", text))) >= CLAUSE_MIN


def _clauses(text: str) -> set[str]:
    """The clauses of a text (cut at ，；。：!?), cleaned, of `CLAUSE_MIN` characters or more."""
    return {piece for piece in _CLAUSES.split(_JUNK.sub("", text)) if len(piece) >= CLAUSE_MIN}


def _cleaned_and_clauses(texts: Sequence[str]) -> tuple[list[str], list[set[str]]]:
    """`_clean` and `_clauses` of many texts, with one pass of each pattern over them all."""
    if not texts:
        return [], []
    if any("\x00" in text for text in texts):  # the separator below: never in real text
        return [_clean(text) for text in texts], [_clauses(text) for text in texts]
    wholes = _DROP.sub("", "\x00".join(texts)).split("\x00")
    clauses: list[set[str]] = []
    current: set[str] = set()
    for piece in _CLAUSES.split(_JUNK.sub("", "\n\x00\n".join(texts))):
        if piece == "\x00":
            clauses.append(current)
            current = set()
        elif len(piece) >= CLAUSE_MIN:
            current.add(piece)
    clauses.append(current)
    return wholes, clauses


class _Idf:
    """Inverse document frequency of character bigrams over the units of both plans.

    Each distinct text is cut into bigrams once; the document frequencies are counted in C
    (`Counter` over the chained bigram sets). The counts of the texts in ``later`` (all, if
    None) are kept for their vectors; the others are cut into a plain set.
    """

    def __init__(self, units: Iterable[tuple[str, int]], later: set[str] | None = None) -> None:
        weights_of: dict[str, int] = defaultdict(int)  # a text repeated counts for each unit it is
        count = 0
        for unit, weight in units:
            count += weight
            weights_of[unit] += weight
        self.counts: dict[str, Counter[str]] = {}
        self.vectors: dict[str, dict[str, float]] = {}
        counts_of = self.counts_of
        ones: list[Iterable[str]] = []
        heavy: list[tuple[Iterable[str], int]] = []
        for unit, weight in weights_of.items():
            grams: Iterable[str] = (
                counts_of(unit).keys() if later is None or unit in later else _bigram_set(unit)
            )
            if weight <= 4:
                ones.extend([grams] * weight)
            else:
                heavy.append((grams, weight))
        df: Counter[str] = Counter(chain.from_iterable(ones))
        for grams, weight in heavy:
            for gram in grams:
                df[gram] += weight
        self.count = max(count, 1)
        self.df = df
        total = self.count
        self.weights: dict[str, float] = {gram: math.log(1.0 + total / n) for gram, n in df.items()}
        self.unseen = math.log(1.0 + total / 1)

    def counts_of(self, text: str) -> Counter[str]:
        """The bigrams of a text with their counts (cut once per distinct text)."""
        found = self.counts.get(text)
        if found is None:
            found = self.counts[text] = Counter(_bigrams(text))
        return found

    def vector(self, text: str) -> dict[str, float]:
        """A unit-length IDF-weighted bigram vector (empty for an empty text); made once per text."""
        found = self.vectors.get(text)
        if found is None:
            found = self.vectors[text] = self._vector(text)
        return found

    def _vector(self, text: str) -> dict[str, float]:
        counts = self.counts_of(text)
        get, unseen = self.weights.get, self.unseen
        values = list(map(operator.mul, counts.values(), map(get, counts, repeat(unseen))))
        norm = math.sqrt(sum(map(operator.mul, values, values)))
        return dict(zip(counts, map(operator.truediv, values, repeat(norm)))) if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    # every key of the smaller vector, 0 where the other lacks it; `fsum` is exactly rounded,
    # so the result does not depend on the order of the keys (symmetric, whatever the hash seed)
    return round(min(1.0, math.fsum(map(operator.mul, a.values(), map(b.get, a, repeat(0.0))))), 9)


def _noisy_or(*evidence: float) -> float:
    """Independent evidence combined; rounded so that float noise never decides a tie."""
    miss = 1.0
    for value in evidence:
        miss *= 1.0 - max(0.0, min(1.0, value))
    return round(1.0 - miss, 9)


def _body(task: Task) -> str:
    return "。".join(measure.text for measure in task.measures)


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1.0 - 1e-9)
    return math.log(p / (1.0 - p))


# -- assignment -------------------------------------------------------------------------


def assign_with_margin(candidates: Iterable[Pair], floor: float, margin: float = MARGIN) -> list[Pair]:
    """One-to-one pairs: best first, each at least ``floor`` and ``margin`` above its rivals.

    A rival is another candidate of either item whose partner is still free. Ties go to
    the pair closer in document order. Symmetric: swapping the sides swaps the result.
    """
    every = list(candidates)
    kept = [pair for pair in every if pair[2] >= floor]
    if not kept:
        return []
    by_old: dict[int, list[Pair]] = defaultdict(list)
    by_new: dict[int, list[Pair]] = defaultdict(list)
    for pair in every:
        by_old[pair[0]].append(pair)
        by_new[pair[1]].append(pair)
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    chosen: list[Pair] = []
    for i, j, score in sorted(
        kept, key=lambda p: (-p[2], abs(p[0] - p[1]), min(p[0], p[1]), max(p[0], p[1]))
    ):
        if i in taken_old or j in taken_new:
            continue
        rival = max(
            [s for _, b, s in by_old[i] if b != j and b not in taken_new]
            + [s for a, _, s in by_new[j] if a != i and a not in taken_old],
            default=0.0,
        )
        if score < 1.0 and rival > 0.0 and _logit(score) - _logit(rival) < margin:
            continue
        taken_old.add(i)
        taken_new.add(j)
        chosen.append((i, j, score))
    return chosen


def _top_pairs(source: dict[int, set[str]], target: dict[int, set[str]], cap: int) -> set[tuple[int, int]]:
    """For each item of ``source``, the `_TOP` items of ``target`` sharing the most keys.

    A key shared by more than ``cap`` items says little and costs much: it is skipped.
    Each shared key weighs ``1 / its number of postings``.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    wanted = set().union(*source.values())  # a key no source item has pairs nothing
    for j, keys in target.items():
        for key in keys & wanted:
            postings[key].append(j)
    found: set[tuple[int, int]] = set()
    for i, keys in source.items():
        weights: dict[int, float] = defaultdict(float)
        for key in keys:
            hits = postings.get(key)
            if hits and len(hits) <= cap:
                share = 1.0 / len(hits)
                for j in hits:
                    weights[j] += share
        # the heaviest first, then the lowest index: (-weight, j) pairs built and compared in C
        best = sorted(zip(map(operator.neg, weights.values()), weights))[:_TOP]
        found.update((i, j) for _, j in best)
    return found


# -- the stages -------------------------------------------------------------------------


def _slots(plan: Plan) -> list[TaskSlot]:
    return [
        TaskSlot(path=path_to_task(path_to_goal(goal.number), task.number), goal=g, task=task)
        for g, goal in enumerate(plan.goals)
        for task in goal.tasks
    ]


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


class _Aligner:
    def __init__(self, old: Plan, new: Plan, floor: float) -> None:
        self.old, self.new, self.floor = old, new, floor
        self.old_slots, self.new_slots = _slots(old), _slots(new)
        self.task_pairs: dict[int, tuple[int, float]] = {}
        self.task_back: dict[int, int] = {}
        self.task_evidence: dict[tuple[int, int], tuple[str, ...]] = {}
        self.goal_pairs: dict[int, tuple[int, float]] = {}
        self.goal_back: dict[int, int] = {}
        self.goal_evidence: dict[tuple[int, int], tuple[str, ...]] = {}
        self._idf: _Idf | None = None

    # shared state ----------------------------------------------------------------------

    @property
    def idf(self) -> _Idf:
        if self._idf is None:
            # units: every goal and task title, every task body (its measures) of both plans; the
            # bodies of tasks already aligned by identity through an evenly spaced sample of at
            # most `_SAMPLE`, each counted for the ones it stands for (a fixed cost on big plans)
            units: list[tuple[str, int]] = [(goal.title, 1) for goal in (*self.old.goals, *self.new.goals)]
            later = {title for title, _ in units}  # texts whose vectors come next: goal titles, free tasks
            aligned: list[list[Task]] = [[], []]
            sides: tuple[tuple[list[TaskSlot], Container[int]], ...] = (
                (self.old_slots, self.task_pairs),
                (self.new_slots, self.task_back),
            )
            for side, (slots, taken) in enumerate(sides):
                for index, slot in enumerate(slots):
                    units.append((slot.task.title, 1))
                    if index in taken:
                        aligned[side].append(slot.task)
                    else:
                        body = _body(slot.task)
                        units.append((body, 1))
                        later.add(slot.task.title)
                        later.add(body)
            # each side sampled on its own, with one step for both: swapping the plans swaps the
            # samples (one list of both sides cut at every step-th would not: the mirror law)
            step = max(1, -(-(len(aligned[0]) + len(aligned[1])) // _SAMPLE))
            units += [(_body(task), step) for side in aligned for task in side[::step]]
            self._idf = _Idf(units, later)
        return self._idf

    def take_task(self, i: int, j: int, score: float, evidence: tuple[str, ...]) -> None:
        self.task_pairs[i] = (j, score)
        self.task_back[j] = i
        self.task_evidence[(i, j)] = evidence

    def take_goal(self, i: int, j: int, score: float, evidence: tuple[str, ...]) -> None:
        self.goal_pairs[i] = (j, score)
        self.goal_back[j] = i
        self.goal_evidence[(i, j)] = evidence

    def free_tasks(self) -> tuple[list[int], list[int]]:
        return (
            [i for i in range(len(self.old_slots)) if i not in self.task_pairs],
            [j for j in range(len(self.new_slots)) if j not in self.task_back],
        )

    # stage 1: identity -----------------------------------------------------------------

    def identical_tasks(self) -> None:
        old_keys, new_keys = _unique_keys(self.old_slots), _unique_keys(self.new_slots)
        for key, i in sorted(old_keys.items()):
            if key in new_keys:
                self.take_task(i, new_keys[key], 1.0, ("same key",))

        def exact(label: str, of: Callable[[Task], Hashable]) -> None:
            old_ids, new_ids = self.free_tasks()
            if not old_ids or not new_ids:
                return
            local = exact_pairs(
                [of(self.old_slots[i].task) for i in old_ids], [of(self.new_slots[j].task) for j in new_ids]
            )
            for a, b, _ in local:
                self.take_task(old_ids[a], new_ids[b], 1.0, (label,))

        exact("verbatim", lambda task: (task.title, *(measure.text for measure in task.measures)))
        # an empty title (a heading-less excerpt) says nothing: it never makes two tasks one
        exact("same title", lambda task: normalize(task.title) or object())

    def identical_goals(self) -> None:
        def key(goal: Goal) -> Hashable:
            title = normalize(goal.title)
            if title:
                return title
            # untitled (the parser's container for a text without headings): the same goal only
            # when every task is the same, word for word; two empty titles are not evidence
            return (None, *((task.title, *(m.text for m in task.measures)) for task in goal.tasks))

        local = exact_pairs([key(goal) for goal in self.old.goals], [key(goal) for goal in self.new.goals])
        for i, j, _ in local:
            self.take_goal(
                i, j, 1.0, ("same title",) if normalize(self.old.goals[i].title) else ("verbatim",)
            )

    # stage 2: task evidence ------------------------------------------------------------

    def task_candidates(self) -> dict[tuple[int, int], tuple[float, list[str]]]:
        """Scored candidate pairs among the free tasks (before structure)."""
        old_ids, new_ids = self.free_tasks()
        if not old_ids or not new_ids:
            return {}
        idf = self.idf
        old_title = {i: idf.vector(self.old_slots[i].task.title) for i in old_ids}
        new_title = {j: idf.vector(self.new_slots[j].task.title) for j in new_ids}
        old_carried = self._carried(self.old_slots, old_ids)
        new_carried = self._carried(self.new_slots, new_ids)
        bodies: dict[tuple[int, int], dict[str, float]] = {}

        def body_of(side: int, index: int) -> dict[str, float]:
            found = bodies.get((side, index))
            if found is None:
                slot = (self.old_slots if side == 0 else self.new_slots)[index]
                found = bodies[(side, index)] = idf.vector(_body(slot.task))
            return found

        rarity: dict[str, bool] = {}

        def rare_clause(text: str) -> bool:
            """Boilerplate recurs: a carried clause has a bigram found in no unit but its two tasks."""
            found = rarity.get(text)
            if found is None:
                found = rarity[text] = min(
                    map(idf.df.get, _bigrams(text), repeat(0)), default=0
                ) <= 2 and substantive(text)
            return found

        if len(old_ids) * len(new_ids) <= _FULL_LIMIT:
            pairs: Iterable[tuple[int, int]] = [(i, j) for i in old_ids for j in new_ids]
        else:
            pairs = self._blocked(old_ids, new_ids, old_title, new_title, old_carried, new_carried)
        found: dict[tuple[int, int], tuple[float, list[str]]] = {}
        for i, j in pairs:
            title = _cosine(old_title[i], new_title[j])
            shared = old_carried.get(i, {}).keys() & new_carried.get(j, {}).keys()
            measure_hit = clause_hit = None
            for text in sorted(shared):
                (kind_a, m), (kind_b, n) = old_carried[i][text], new_carried[j][text]
                where = f"m{m}↔m{n}"
                if kind_a == kind_b == "measure":
                    if substantive(text):
                        measure_hit = measure_hit or where
                elif rare_clause(text):
                    clause_hit = clause_hit or where
            # a carried measure is the stronger form of body evidence: the cosine is then not needed
            body = 0.0 if measure_hit else _cosine(body_of(0, i), body_of(1, j))
            score = _noisy_or(
                _TITLE * title,
                _BODY * body,
                _MEASURE if measure_hit else 0.0,
                _CLAUSE if clause_hit and not measure_hit else 0.0,
            )
            if score < self.floor - _PARENT and not measure_hit and not clause_hit:
                continue  # cannot reach the floor even under aligned goals
            evidence = [f"title {title:.2f}"]
            if body >= 0.05:
                evidence.append(f"body {body:.2f}")
            if measure_hit:
                evidence.append(f"shared measure {measure_hit}")
            elif clause_hit:
                evidence.append(f"shared clause {clause_hit}")
            found[(i, j)] = (score, evidence)
        return found

    def _carried(
        self, slots: Sequence[TaskSlot], ids: Sequence[int]
    ) -> dict[int, dict[str, tuple[str, int]]]:
        """Per task: its texts that may be carried (whole measures, long clauses) -> (kind, m)."""
        texts: dict[int, dict[str, tuple[str, int]]] = {}
        raw = [measure.text for i in ids for measure in slots[i].task.measures]
        # a text is elsewhere when the side has more of it than its free tasks do (counted in C)
        on_side = Counter(map(_TEXT, chain.from_iterable([slot.task.measures for slot in slots])))
        in_free = Counter(raw)
        wholes, clauses = _cleaned_and_clauses(raw)
        at = 0
        for i in ids:
            mine: dict[str, tuple[str, int]] = {}
            for position, measure in enumerate(slots[i].task.measures, start=1):
                whole = wholes[at]
                for clause in clauses[at]:
                    mine.setdefault(clause, ("clause", position))
                if len(whole) >= CLAUSE_MIN and on_side[measure.text] == in_free[measure.text]:
                    mine[whole] = ("measure", position)
                at += 1
            texts[i] = mine
        # only text found in exactly one task of this side can be carried evidence
        owners = Counter(chain.from_iterable(texts.values()))
        return {
            i: {text: where for text, where in mine.items() if owners[text] == 1} for i, mine in texts.items()
        }

    def _blocked(
        self,
        old_ids: list[int],
        new_ids: list[int],
        old_title: dict[int, dict[str, float]],
        new_title: dict[int, dict[str, float]],
        old_carried: dict[int, dict[str, tuple[str, int]]],
        new_carried: dict[int, dict[str, tuple[str, int]]],
    ) -> set[tuple[int, int]]:
        """Candidate pairs sharing one of the rarest bigrams of their titles, or a carried text."""

        def keys(title: dict[str, float], carried: dict[str, tuple[str, int]]) -> set[str]:
            rare = heapq.nsmallest(_RARE, title, key=lambda gram: (-title[gram], gram))
            return {"t" + gram for gram in rare} | {"c" + text for text in carried}

        old_keys = {i: keys(old_title[i], old_carried.get(i, {})) for i in old_ids}
        new_keys = {j: keys(new_title[j], new_carried.get(j, {})) for j in new_ids}
        cap = max(16, int(4 * math.sqrt(len(old_ids) + len(new_ids))))
        return _top_pairs(old_keys, new_keys, cap) | {(i, j) for j, i in _top_pairs(new_keys, old_keys, cap)}

    # stage 3: structure ----------------------------------------------------------------

    def votes(self, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], int]:
        counted: dict[tuple[int, int], int] = defaultdict(int)
        for i, j in pairs:
            counted[(self.old_slots[i].goal, self.new_slots[j].goal)] += 1
        return counted

    def goals_by_evidence(self, votes: dict[tuple[int, int], int]) -> None:
        old_free = [i for i in range(len(self.old.goals)) if i not in self.goal_pairs]
        new_free = [j for j in range(len(self.new.goals)) if j not in self.goal_back]
        if not old_free or not new_free:
            return
        idf = self.idf
        candidates: list[Pair] = []
        reasons: dict[tuple[int, int], tuple[str, ...]] = {}
        old_vectors = {
            i: (idf.vector(self.old.goals[i].title), idf.vector(lead_in_tail(self.old.goals[i].title)))
            for i in old_free
        }
        new_vectors = {
            j: (idf.vector(self.new.goals[j].title), idf.vector(lead_in_tail(self.new.goals[j].title)))
            for j in new_free
        }
        for i in old_free:
            for j in new_free:
                whole = _cosine(old_vectors[i][0], new_vectors[j][0])
                tail = _cosine(old_vectors[i][1], new_vectors[j][1])
                aligned = votes.get((i, j), 0)
                smaller = max(1, min(len(self.old.goals[i].tasks), len(self.new.goals[j].tasks)))
                share = min(1.0, aligned / smaller)
                score = _noisy_or(_TITLE * max(whole, tail), _VOTES * share)
                evidence = [f"title {whole:.2f}"]
                if tail > whole:
                    evidence.append(f"title without lead-in {tail:.2f}")
                if aligned:
                    evidence.append(f"{aligned} of {smaller} tasks aligned")
                candidates.append((i, j, score))
                reasons[(i, j)] = tuple(evidence)
        for i, j, score in assign_with_margin(candidates, self.floor):
            self.take_goal(i, j, score, reasons[(i, j)])

    def tasks_by_evidence(
        self, candidates: dict[tuple[int, int], tuple[float, list[str]]], *, commit: bool
    ) -> list[tuple[int, int]]:
        old_free, new_free = self.free_tasks()
        free_old, free_new = set(old_free), set(new_free)
        scored: list[Pair] = []
        reasons: dict[tuple[int, int], tuple[str, ...]] = {}
        for (i, j), (score, evidence) in candidates.items():
            if i not in free_old or j not in free_new:
                continue
            goal_i, goal_j = self.old_slots[i].goal, self.new_slots[j].goal
            under = commit and self.goal_pairs.get(goal_i, (None,))[0] == goal_j
            if under:
                score = _noisy_or(score, _PARENT)
                evidence = [*evidence, "goals aligned"]
            scored.append((i, j, score))
            reasons[(i, j)] = tuple(evidence)
        chosen = assign_with_margin(scored, self.floor)
        if commit:
            for i, j, score in chosen:
                self.take_task(i, j, score, reasons[(i, j)])
        return [(i, j) for i, j, _ in chosen]

    def run(self) -> None:
        self.identical_tasks()
        self.identical_goals()
        _ = self.idf  # counted now: over what the identity pass left
        candidates = self.task_candidates()
        provisional = self.tasks_by_evidence(candidates, commit=False)
        self.goals_by_evidence(self.votes([*((i, j) for i, (j, _) in self.task_pairs.items()), *provisional]))
        self.tasks_by_evidence(candidates, commit=True)
        self.goals_by_evidence(self.votes((i, j) for i, (j, _) in self.task_pairs.items()))


def align_plans(old: Plan, new: Plan, floor: float) -> PlanMatch:
    """Align goals, tasks and measures of two plans (see the module docstring)."""
    aligner = _Aligner(old, new, floor)
    aligner.run()
    goal_pairs = sorted((i, j, score) for i, (j, score) in aligner.goal_pairs.items())
    task_pairs = sorted((i, j, score) for i, (j, score) in aligner.task_pairs.items())
    old_slots, new_slots = aligner.old_slots, aligner.new_slots
    idf: list[_Idf] = []

    def lazy_idf() -> _Idf:
        if not idf:
            idf.append(aligner.idf)
        return idf[0]

    measures = {
        (i, j): tuple(match_measures(old_slots[i].task.measures, new_slots[j].task.measures, lazy_idf))
        for i, j, _ in task_pairs
    }
    return PlanMatch(
        goals=tuple(goal_pairs),
        old_tasks=tuple(old_slots),
        new_tasks=tuple(new_slots),
        tasks=tuple(task_pairs),
        measures=measures,
        goal_evidence=aligner.goal_evidence,
        task_evidence=aligner.task_evidence,
    )


def match_measures(
    old: Sequence[Measure], new: Sequence[Measure], idf: Callable[[], _Idf] | None = None
) -> list[Pair]:
    """Aligned measures of two aligned tasks as (old position, new position, score), 0-based."""
    old_raw = [measure.text for measure in old]
    new_raw = [measure.text for measure in new]
    if old_raw == new_raw:
        return [(i, i, 1.0) for i in range(len(old))]
    if len(old_raw) == len(new_raw):
        pairs = [(i, i, 1.0) for i, (a, b) in enumerate(zip(old_raw, new_raw)) if a == b]
        taken = {i for i, _, _ in pairs}
        rest = [i for i in range(len(old_raw)) if i not in taken]
        pairs += [
            (rest[i], rest[j], score)
            for i, j, score in exact_pairs([old_raw[i] for i in rest], [new_raw[j] for j in rest])
        ]
    else:
        pairs = exact_pairs(old_raw, new_raw)
    paired_old = {a for a, _, _ in pairs}
    paired_new = {b for _, b, _ in pairs}
    free_old = [i for i in range(len(old)) if i not in paired_old]
    free_new = [j for j in range(len(new)) if j not in paired_new]
    if not free_old or not free_new:
        return sorted(pairs)
    old_norm = {i: normalize(old_raw[i]) for i in free_old}
    new_norm = {j: normalize(new_raw[j]) for j in free_new}
    scored: list[Pair] = []
    for i in free_old:
        for j in free_new:
            a, b = old_norm[i], new_norm[j]
            total = len(a) + len(b)
            if a == b:
                scored.append((i, j, 1.0))
                continue
            if not total or 2 * min(len(a), len(b)) < MEASURE_FLOOR * total:
                continue  # the length difference alone rules it out
            score = ratio(a, b)
            if score >= MEASURE_FLOOR:
                scored.append((i, j, score))
    if scored and idf is not None:
        table = idf()
        vectors: dict[tuple[str, int], dict[str, float]] = {}

        def vector(side: str, index: int, text: str) -> dict[str, float]:
            key = (side, index)
            if key not in vectors:
                vectors[key] = table.vector(text)
            return vectors[key]

        scored = [
            (i, j, score)
            for i, j, score in scored
            if score >= 0.9 or _cosine(vector("o", i, old_raw[i]), vector("n", j, new_raw[j])) >= 0.5
        ]
    pairs += assign_with_margin(
        scored, MEASURE_FLOOR, margin=0.0
    )  # inside one task pair: the best similar measure
    return sorted(pairs)
