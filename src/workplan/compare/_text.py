"""Text similarity for matching: character-level, so it works on Chinese text without word boundaries.

Uses rapidfuzz (the ``fast`` extra) when it is installed and falls back to
`difflib.SequenceMatcher`, which gives nearly the same scores but is one to two
orders of magnitude slower on long texts. rapidfuzz is imported on first use,
never at ``import workplan`` time.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

__all__ = ["bigrams", "normalize", "ratio", "using_rapidfuzz"]

_SCORER: list[Callable[[str, str], float]] = []


def _difflib_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _scorer() -> Callable[[str, str], float]:
    if not _SCORER:
        try:
            from rapidfuzz.distance import Indel
        except ImportError:
            _SCORER.append(_difflib_ratio)
        else:
            _SCORER.append(Indel.normalized_similarity)
    return _SCORER[0]


def using_rapidfuzz() -> bool:
    """True when similarity scores come from rapidfuzz rather than difflib."""
    return _scorer() is not _difflib_ratio


def ratio(a: str, b: str) -> float:
    """Similarity of two texts in [0, 1]: 2 * matching characters / total characters.

    Symmetric, 1.0 for equal texts, 0.0 when either is empty and the other not.
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return float(_scorer()(a, b))


def normalize(text: str) -> str:
    """Text as compared for exact matching: without any whitespace (full-width spaces included)."""
    return "".join(text.split())


def bigrams(text: str) -> set[str]:
    """The set of two-character substrings: the blocking key for candidate narrowing."""
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}
