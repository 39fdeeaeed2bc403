"""The alignment's fast paths give what the plain definitions give (batched regexes, C-level sums)."""

from __future__ import annotations

import math
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from workplan.compare import _align

# Chinese text with the punctuation, brackets and spaces the cleaners drop or cut at
_TEXT = st.text(
    alphabet=st.sampled_from(
        list("教育学校建设推进完善加强工作，。；：、,;:！？!?“”《》（）()【】—-· \u3000\n\t")
    ),
    max_size=40,
)


@given(st.lists(_TEXT, max_size=8))
def test_batched_cleaning_is_per_text_cleaning(texts: list[str]) -> None:
    wholes, clauses = _align._cleaned_and_clauses(texts)
    assert wholes == [_align._clean(text) for text in texts]
    assert clauses == [_align._clauses(text) for text in texts]


def test_batched_cleaning_with_the_separator_in_a_text() -> None:
    texts = ["推进学校建设工作完善教育\x00体系，加强", "完善加强工作推进学校建设"]
    assert _align._cleaned_and_clauses(texts) == (
        [_align._clean(text) for text in texts],
        [_align._clauses(text) for text in texts],
    )


@given(st.lists(st.tuples(_TEXT, st.integers(min_value=1, max_value=9)), max_size=10), _TEXT, _TEXT)
def test_idf_and_cosine_match_their_definitions(units: list[tuple[str, int]], a: str, b: str) -> None:
    idf = _align._Idf(units)
    df: Counter[str] = Counter()
    for unit, weight in units:
        for gram in set(_align._bigrams(unit)):
            df[gram] += weight
    assert idf.df == df
    count = max(1, sum(weight for _, weight in units))

    def vector(text: str) -> dict[str, float]:
        counts = Counter(_align._bigrams(text))
        raw = {gram: n * math.log(1.0 + count / df.get(gram, 1)) for gram, n in counts.items()}
        norm = math.sqrt(sum(value * value for value in raw.values()))
        return {gram: value / norm for gram, value in raw.items()} if norm else {}

    va, vb = idf.vector(a), idf.vector(b)
    assert va == vector(a)
    expected = sum(va[gram] * vb[gram] for gram in va.keys() & vb.keys()) if va and vb else 0.0
    assert math.isclose(_align._cosine(va, vb), round(min(1.0, expected), 9), abs_tol=2e-9)
    assert _align._cosine(va, vb) == _align._cosine(vb, va)


@given(st.lists(st.tuples(_TEXT, st.integers(min_value=1, max_value=9)), max_size=10), st.data())
def test_idf_keeping_some_counts_counts_the_same(units: list[tuple[str, int]], data: st.DataObject) -> None:
    later = set(data.draw(st.lists(st.sampled_from([unit for unit, _ in units] or [""]))))
    every, some = _align._Idf(units), _align._Idf(units, later)
    assert some.df == every.df and some.weights == every.weights
    for text in later:
        assert some.vector(text) == every.vector(text)
