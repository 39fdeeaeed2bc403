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
