"""Chinese numerals, planning horizons and the scanner's range index at their edges (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest

import workplan as wp
from workplan.parse._extract_targets import chinese_number
from workplan.parse._scan import Ranges


@pytest.mark.parametrize(
    ("text", "value"),
    [("三万", 30000), ("十万", 100000), ("一千二百", 1200), ("两", 2), ("十五", 15), ("万", None)],
)
def test_chinese_numerals(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize(("horizon", "years"), [("三", 3), ("3", 3), ("两", 2)])
def test_a_planning_horizon_runs_from_next_year(horizon: str, years: int) -> None:
    plan = wp.parse_text(f"一、目标\n1.未来{horizon}年建成示范校10所。", year=2020)
    deadline = plan.goals[0].tasks[0].measures[0].deadline
    assert deadline is not None
    assert (deadline.start, deadline.end) == (dt.date(2021, 1, 1), dt.date(2020 + years, 12, 31))


def test_ranges_that_only_touch_do_not_overlap() -> None:
    ranges = Ranges([(8, 10), (2, 5)])
    assert not ranges.overlaps(5, 8)  # ends where one range stops and starts where the next begins
    assert ranges.overlaps(4, 6) and ranges.overlaps(9, 9)
    assert not ranges.overlaps(0, 2) and not ranges.overlaps(10, 12)
    assert ranges.holds(4) and not ranges.holds(5) and ranges.holds(2)
    assert ranges.covers(3) and not ranges.covers(2)
    assert ranges.within(3, 9) == [(2, 5), (8, 10)] and ranges.within(5, 8) == []


def _deadline(text: str) -> wp.Deadline | None:
    plan = wp.parse_text(f"一、目标\n1.{text}", year=2020)
    return plan.goals[0].tasks[0].measures[0].deadline


@pytest.mark.parametrize(
    ("text", "span", "years"),
    [
        ("2021-2025年建成示范校10所。", "2021-2025年", (2021, 2025)),
        ("2025-2021年和2022-2023年建成示范校。", "2022-2023年", (2022, 2023)),  # a backward range is skipped
        ("未来3-5年建成示范校。", "未来3-5年", (2021, 2025)),
        ("未来三到五年建成示范校。", "未来三到五年", (2021, 2025)),
        ("未来10年建成示范校。", "未来10年", (2021, 2030)),
    ],
)
def test_year_ranges_and_horizons(text: str, span: str, years: tuple[int, int]) -> None:
    deadline = _deadline(text)
    assert deadline is not None
    assert (deadline.text, deadline.start, deadline.end, deadline.recurrence) == (
        span,
        dt.date(years[0], 1, 1),
        dt.date(years[1], 12, 31),
        None,
    )


def test_a_backward_year_range_alone_is_no_deadline() -> None:
    assert _deadline("2025-2021年建成示范校。") is None


def test_a_lost_dash_is_put_back_only_between_rising_years() -> None:
    from workplan.parse._extract_time import repair_year_ranges

    assert repair_year_ranges("（20172035）") == "（2017-2035）"
    assert repair_year_ranges("（20352017）") == "（20352017）"
    assert repair_year_ranges("2017年") == "2017年"


def test_goals_numbered_past_ten() -> None:
    numerals = "一二三四五六七八九十"
    text = "".join(f"{numeral}、目标{i}\n{i + 1}.任务{i}。\n" for i, numeral in enumerate(numerals))
    plan = wp.parse_text(text + "十一、目标十一\n11.任务。\n")
    assert [goal.number for goal in plan.goals] == list(range(1, 12))


@pytest.mark.parametrize("word", ["降低", "下降", "减少", "压减", "压缩"])
def test_words_of_decrease(word: str) -> None:
    plan = wp.parse_text(f"一、目标\n1.辍学率{word}到1%以下。")
    [target] = plan.goals[0].tasks[0].measures[0].targets
    assert (target.kind, target.value, target.metric) == (wp.TargetKind.DECREASE, 1, "辍学率")


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("二〇二〇年三月二十日", dt.date(2020, 3, 20)),
        ("二〇二〇年十二月十日", dt.date(2020, 12, 10)),
        ("二〇二一年十一月二十八日", dt.date(2021, 11, 28)),
        ("2020年3月20日", dt.date(2020, 3, 20)),
    ],
)
def test_the_issue_date_in_chinese_numerals(written: str, date: dt.date) -> None:
    plan = wp.parse_text(f"长春市教育局2020年工作要点\n{written}\n一、目标\n1.推进。\n")
    assert plan.issued == date
