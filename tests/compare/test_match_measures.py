"""Measures of two aligned tasks, and the text helpers of the alignment, at their edges (issue 12)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workplan.compare._align import (
    _clauses,
    _cleaned_and_clauses,
    align_plans,
    assign_with_margin,
    lead_in_tail,
    match_measures,
)
from workplan.model import Goal, Measure, Plan, Task


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


# --- assign_with_margin: best first, clear of its rivals ---------------------------------------------


def test_a_pair_too_close_to_a_rival_is_left_for_later_evidence() -> None:
    close = [(0, 0, 0.8), (0, 1, 0.75)]
    assert assign_with_margin(close, 0.6) == []  # logit 1.39 against 1.10: within the margin
    assert assign_with_margin(close, 0.6, margin=0.0) == [(0, 0, 0.8)]
    assert assign_with_margin([(0, 0, 1.0), (0, 1, 0.99)], 0.6) == [(0, 0, 1.0)]  # equal texts need no margin
    assert assign_with_margin([(0, 0, 0.5)], 0.6) == []
    assert assign_with_margin([(0, 0, 1.0), (0, 1, 1.0)], 0.6) == [(0, 0, 1.0)]  # a tie of equal texts


def test_a_taken_item_or_an_ambiguous_pair_does_not_stop_the_others() -> None:
    assert assign_with_margin([(0, 0, 0.9), (0, 1, 0.8), (1, 1, 0.7)], 0.6, margin=0.0) == [
        (0, 0, 0.9),
        (1, 1, 0.7),
    ]
    assert assign_with_margin([(0, 0, 0.8), (0, 1, 0.78), (1, 2, 0.7)], 0.6) == [(1, 2, 0.7)]


def test_ties_go_to_the_pair_closer_in_document_order() -> None:
    assert assign_with_margin([(1, 2, 0.9), (2, 2, 0.9)], 0.6, margin=0.0) == [(2, 2, 0.9)]
    assert assign_with_margin([(2, 1, 0.9), (2, 2, 0.9)], 0.6, margin=0.0) == [(2, 2, 0.9)]


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 3), st.sampled_from([0.55, 0.65, 0.7, 0.8, 0.95, 1.0])),
        max_size=10,
        unique_by=lambda pair: pair[:2],
    )
)
def test_assign_with_margin_is_symmetric(candidates: list[tuple[int, int, float]]) -> None:
    chosen = assign_with_margin(candidates, 0.6)
    mirrored = assign_with_margin([(j, i, score) for i, j, score in candidates], 0.6)
    assert sorted((j, i, score) for i, j, score in mirrored) == sorted(chosen)
    assert all(score >= 0.6 for _, _, score in chosen)
    assert len({i for i, _, _ in chosen}) == len(chosen) == len({j for _, j, _ in chosen})


def _keyed(*tasks: tuple[str, str]) -> Plan:
    return Plan(
        title="x",
        goals=(
            Goal(
                number=1,
                title="目标",
                tasks=tuple(
                    Task(number=n + 1, title=title, key="K", measures=(Measure(text=measure),))
                    for n, (title, measure) in enumerate(tasks)
                ),
            ),
        ),
    )


def test_a_task_key_used_twice_in_a_plan_pairs_nothing() -> None:
    new = _keyed(("完善教师培训", "培训教师3000人次。"))
    assert align_plans(_keyed(("推进冰雪运动", "新增特色校80所。")), new, 0.5).tasks == ((0, 0, 1.0),)
    twice = _keyed(("推进冰雪运动", "新增特色校80所。"), ("加强校园安全", "安保覆盖率100%。"))
    assert align_plans(twice, new, 0.5).tasks == ()
