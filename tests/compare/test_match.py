"""The matcher's building blocks (`compare._match`): greedy one-to-one assignment, exact pairs,
similar pairs scored in full or through the trigram index, and matching among free items (issue 12)."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from workplan.compare._match import assign, exact_pairs, match_within, similar_pairs, trigrams
from workplan.compare._text import ratio


def test_assign_takes_the_best_first_and_each_item_once() -> None:
    old, new = ["a", "b", "c"], ["x", "y", "z"]
    candidates = [(0, 0, 0.9), (0, 1, 0.95), (1, 1, 0.8), (2, 2, 0.5), (1, 0, 0.7)]
    assert assign(candidates, old, new) == [(0, 1, 0.95), (1, 0, 0.7), (2, 2, 0.5)]


def test_assign_breaks_ties_by_position_then_text() -> None:
    old, new = ["p", "q"], ["q", "p"]
    assert assign([(1, 1, 0.5), (0, 0, 0.5)], old, new) == [(0, 0, 0.5), (1, 1, 0.5)]
    # the same sum of positions: the lower pair of texts first
    assert assign([(0, 1, 0.5), (1, 0, 0.5)], ["b", "a"], ["a", "b"]) == [(1, 0, 0.5), (0, 1, 0.5)]
    assert assign([(1, 0, 0.5), (0, 1, 0.5)], ["a", "c"], ["c", "b"]) == [(0, 1, 0.5), (1, 0, 0.5)]


_PAIRS = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 4), st.sampled_from([0.5, 0.6, 0.75, 0.9, 1.0])),
    max_size=14,
)
_FIVE = st.lists(st.sampled_from(["甲", "乙", "丙"]), min_size=5, max_size=5)


@given(_PAIRS, _FIVE, _FIVE, st.randoms(use_true_random=False))
def test_assign_is_one_to_one_greedy_symmetric_and_order_free(
    candidates: list[tuple[int, int, float]], old: list[str], new: list[str], rng: random.Random
) -> None:
    chosen = assign(candidates, old, new)
    assert len({i for i, _, _ in chosen}) == len(chosen) == len({j for _, j, _ in chosen})
    assert [score for _, _, score in chosen] == sorted((score for _, _, score in chosen), reverse=True)
    for i, j, score in candidates:  # anything left out lost to a pair at least as good
        assert (i, j, score) in chosen or any((i == a or j == b) and found >= score for a, b, found in chosen)
    shuffled = list(candidates)
    rng.shuffle(shuffled)
    assert assign(shuffled, old, new) == chosen
    mirrored = assign([(j, i, score) for i, j, score in candidates], new, old)
    assert sorted((j, i, score) for i, j, score in mirrored) == sorted(chosen)


def test_exact_pairs_match_the_kth_copy_with_the_kth_copy() -> None:
    assert exact_pairs(["a", "b", "a", "a"], ["a", "c", "a", "b"]) == [(0, 0, 1.0), (2, 2, 1.0), (1, 3, 1.0)]
    assert exact_pairs([], ["a"]) == []


def test_trigrams() -> None:
    assert trigrams("推进学校建") == {"推进学", "进学校", "学校建"}
    assert trigrams("推进学") == {"推进学"}
    assert trigrams("推进") == {"推进"}
    assert trigrams("") == {""}


OLD = ["加强校园安全管理工作", "推进冰雪运动进校园", "完善教师培训体系建设", "深化考试招生制度改革"]
NEW = ["深化考试招生制度改革工作", "推进冰雪运动进入校园", "全面加强校园安全管理工作", "一条无关的新任务"]


def test_similar_pairs_score_every_pair_of_small_sets() -> None:
    pairs = similar_pairs(OLD, NEW, 0.8)
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 2), (1, 1), (3, 0)]
    for i, j, score in pairs:
        assert score == ratio(OLD[i], NEW[j]) >= 0.8
    assert similar_pairs(OLD, NEW, 0.99) == []
    assert similar_pairs(OLD, NEW, 1.01) == []
    assert similar_pairs([], NEW, 0.5) == similar_pairs(OLD, [], 0.5) == []


def test_similar_pairs_through_the_index_find_what_full_scoring_finds() -> None:
    full = similar_pairs(OLD, NEW, 0.8)
    assert similar_pairs(OLD, NEW, 0.8, full_limit=0) == full
    assert similar_pairs(OLD, NEW, 0.8, full_limit=len(OLD) * len(NEW)) == full
    assert similar_pairs(OLD, NEW, 0.8, full_limit=0, block=False) == []
    # the blocking tokens given are the ones used: no shared token, no candidate
    apart = [{f"o{i}"} for i in range(len(OLD))], [{f"n{j}"} for j in range(len(NEW))]
    assert similar_pairs(OLD, NEW, 0.8, full_limit=0, old_tokens=apart[0], new_tokens=apart[1]) == []
    shared = [{"x"}] * len(OLD), [{"x"}] * len(NEW)
    assert similar_pairs(OLD, NEW, 0.8, full_limit=0, old_tokens=shared[0], new_tokens=shared[1]) == full


def test_the_one_call_scorer_of_long_lists_agrees_with_pairwise_scoring() -> None:
    new = [*NEW, "另外一条", "第三条无关", "第四条无关内容", "第五条"]
    assert len(new) >= 8
    assert similar_pairs(OLD, new, 0.8) == similar_pairs(OLD, new, 0.8, full_limit=0) != []
    assert similar_pairs(OLD, new[:7], 0.8) == similar_pairs(OLD, new, 0.8)


_WORD = st.text(alphabet="甲乙丙丁戊", min_size=8, max_size=12)


@given(st.lists(_WORD, min_size=2, max_size=24, unique=True), st.randoms(use_true_random=False))
def test_the_index_finds_every_copy_among_many_look_alikes(old: list[str], rng: random.Random) -> None:
    new = list(old)
    rng.shuffle(new)
    pairs = similar_pairs(old, new, 1.0, full_limit=0)
    assert sorted((old[i], new[j]) for i, j, _ in pairs) == sorted((text, text) for text in old)


def test_a_length_difference_alone_rules_a_pair_out() -> None:
    short, long = "推进学校建设", "推进学校建设并且全面深化教育改革"
    assert ratio(short, long) < 0.6
    assert similar_pairs([short], [long], 0.6, full_limit=0) == []
    assert similar_pairs([short], [long], 0.5, full_limit=0) == [(0, 0, ratio(short, long))]


def test_match_within_pairs_exact_then_similar_among_the_free_items_only() -> None:
    old = ["完全相同的一条", "推进冰雪运动进校园", "已经配对的一条", "加强校园安全管理工作"]
    new = ["已经配对的一条", "推进冰雪运动进入校园", "完全相同的一条", "全面加强校园安全管理工作"]
    found = match_within(old, new, 0.8, {0, 1, 3}, {1, 2, 3})
    assert found[0] == (0, 2, 1.0)
    assert sorted((i, j) for i, j, _ in found) == [(0, 2), (1, 1), (3, 3)]
    for i, j, score in found[1:]:
        assert score == ratio(old[i], new[j])
    assert match_within(old, new, 0.8, {1}, {2}) == []
    assert match_within(old, new, 0.8, {3}, {3}, block=False) == [(3, 3, ratio(old[3], new[3]))]


def test_exact_pairs_with_more_copies_on_one_side() -> None:
    assert exact_pairs(["a"], ["a", "a"]) == [(0, 0, 1.0)]
    assert exact_pairs(["a", "a", "a"], ["a", "a", "a"]) == [(0, 0, 1.0), (1, 1, 1.0), (2, 2, 1.0)]


def test_the_full_scoring_limit_counts_pairs_inclusively() -> None:
    full = similar_pairs(OLD, NEW, 0.8)
    assert similar_pairs(OLD, NEW, 0.8, full_limit=16, block=False) == full  # 4 x 4 pairs: scored in full
    assert similar_pairs(OLD, NEW, 0.8, full_limit=15, block=False) == []  # over the limit, no index
    assert similar_pairs(OLD[:1], NEW, 0.8, full_limit=1, block=False) == []  # 1 x 4 pairs is over 1


def _many(count: int) -> tuple[list[str], list[str]]:
    old = [f"第{i}项推进学校建设工作，完善第{i}类教育体系" for i in range(count)]
    new = [text.replace("推进", "全面推进") for text in old]
    return old, new


def test_match_within_large_sets_blocks_unless_told_not_to() -> None:
    old, new = _many(101)  # 10,201 pairs: over the full-scoring limit
    free_old, free_new = set(range(101)), set(range(101))
    found = match_within(old, new, 0.8, free_old, free_new)
    assert sorted((i, j) for i, j, _ in found) == [(i, i) for i in range(101)]
    assert match_within(old, new, 0.8, free_old, free_new, block=False) == []
