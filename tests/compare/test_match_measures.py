"""Measures of two aligned tasks, and the text helpers of the alignment, at their edges (issue 12)."""

from __future__ import annotations

from workplan.compare._align import _clauses, _cleaned_and_clauses, lead_in_tail, match_measures
from workplan.model import Measure


def _measures(*texts: str) -> list[Measure]:
    return [Measure(text=text) for text in texts]


def test_equal_measures_pair_in_place_or_across() -> None:
    assert match_measures(_measures("a", "b"), _measures("a", "b")) == [(0, 0, 1.0), (1, 1, 1.0)]
    assert match_measures(_measures("a", "b", "c"), _measures("a", "c", "b")) == [
        (0, 0, 1.0),
        (1, 2, 1.0),
        (2, 1, 1.0),
    ]


def test_a_reworded_measure_pairs_with_its_best_match_only() -> None:
    old = _measures("推进学校建设工作", "推进学校建设的工作事项")
    new = _measures("推进学校建设的工作")
    assert match_measures(old, new) == [(0, 0, 0.9411764705882353)]
    assert match_measures(new, old) == [(0, 0, 0.9411764705882353)]
    assert match_measures(
        _measures("推进学校建设工作", "无关"), _measures("推进学校建设的工作", "另一条", "无关")
    ) == [
        (0, 0, 0.9411764705882353),
        (1, 2, 1.0),
    ]


def test_the_similarity_floor_is_inclusive() -> None:
    # three characters kept of ten in all: 2 * 3 / 10 = 0.6, exactly the floor
    assert match_measures(_measures("甲乙丙"), _measures("甲乙丙丁戊己庚")) == [(0, 0, 0.6)]
    assert match_measures(_measures("甲乙丙"), _measures("甲乙丙丁戊己庚辛")) == []


def test_lead_in_tail_drops_only_the_part_before_the_first_comma() -> None:
    assert lead_in_tail("甲乙，丙丁，戊己") == "丙丁，戊己"
    assert lead_in_tail("甲乙,丙丁") == "丙丁"
    assert lead_in_tail("甲乙，") == "甲乙，"  # nothing after the comma: keep it all
    assert lead_in_tail("无逗号") == "无逗号"


def test_clauses_of_exactly_the_minimum_length_count() -> None:
    assert _clauses("一二三四五六七八，短") == {"一二三四五六七八"}
    assert _clauses("一二三四五六七，短") == set()
    assert _cleaned_and_clauses(["一二三四五六七八，短句", "一二三四五六七，短"]) == (
        ["一二三四五六七八短句", "一二三四五六七短"],
        [{"一二三四五六七八"}, set()],
    )
