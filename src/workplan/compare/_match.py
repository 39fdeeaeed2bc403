"""Low-level one-to-one matching of two lists of texts (exact, then similar).

Used by the alignment (`_align`) for verbatim passes and by the change builder
to find measures that left one task for another (splits and merges). Similarity
works on characters (`_text.ratio`). Large sets are narrowed with a
character-trigram inverted index before any scores are computed, so the cost
stays near linear.

Every pass is symmetric in its two arguments: matching ``(b, a)`` pairs the
same items as matching ``(a, b)``, which keeps ``diff(b, a)`` the mirror of
``diff(a, b)``.
"""

from __future__ import annotations

import math
import operator
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence

from ._text import ratio, using_rapidfuzz

__all__ = ["assign", "exact_pairs", "match_within", "similar_pairs", "trigrams"]

Pair = tuple[int, int, float]
"""An old index, a new index and the similarity of the two."""


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
            # the heaviest first, then the lowest index: (-weight, j) pairs built and compared in C
            found.update((i, j) for _, j in sorted(zip(map(operator.neg, weights.values()), weights))[:top])
        else:
            found.update((i, j) for j in weights)
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
