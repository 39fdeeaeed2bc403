"""WP203 owner-name-variant, case by case: abbreviations, place prefixes and the gazetteer (issue 12)."""

from __future__ import annotations

import re

import pytest

import workplan as wp
from workplan.checks._graph import _cycles
from workplan.checks._structure import _numbering


def _variant_pairs(*names: str) -> list[str]:
    plan = wp.Plan(title="x", owners=tuple(wp.Owner(id=f"o{i}", name=name) for i, name in enumerate(names)))
    return [finding.path for finding in wp.check(plan, select=["WP203"])]


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("甲丙院", "甲乙丙丁院"),  # first and last kept, the rest in order
        ("甲院", "甲乙丙院"),  # two characters are enough
    ],
)
def test_an_abbreviation_is_one_organisation(short: str, long: str) -> None:
    assert _variant_pairs(long, short) == ["o1"]
    assert _variant_pairs(short, long) == ["o1"]


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("乙丙院", "甲乙丙丁院"),  # a different first character
        ("甲乙丙", "甲乙丙丁院"),  # a different last character
        ("甲丁丙院", "甲乙丙丁院"),  # out of order
        ("甲乙院", "甲乙丙院"),  # the long name is not at least two longer
        ("甲", "甲乙丙甲"),  # one character abbreviates nothing
    ],
)
def test_names_that_do_not_abbreviate(short: str, long: str) -> None:
    assert _variant_pairs(long, short) == []


@pytest.mark.parametrize(
    ("full", "short", "found"),
    [
        ("长春市 体育局", "市体育局", True),  # spaces do not count
        ("长春市甲乙", "甲乙", True),  # the place dropped, two characters left
        ("长春市", "市", False),  # a bare place has no shorter form
        ("市局", "局", False),
        ("甲乙丙丁", "乙丙丁", False),  # no place prefix: nothing is shortened
    ],
)
def test_place_prefixes_shortened_or_dropped(full: str, short: str, found: bool) -> None:
    assert _variant_pairs(full, short) == (["o1"] if found else [])


def test_the_gazetteer_joins_an_alias_and_keeps_two_organisations_apart() -> None:
    assert _variant_pairs("长春汽车工业高等专科学校", "汽高专") == ["o1"]
    assert _variant_pairs("吉林省教育厅", "省教育厅") == []  # known as two, though one looks shortened
    assert _variant_pairs(" 汽高专", "长春汽车高专") == ["o1"]  # the lookup ignores outer spaces


def _numbers(problems: list[tuple[int, str]]) -> list[tuple[int, list[int]]]:
    """Each problem's position and the numbers its (first) message names."""
    return [(problem[0], [int(n) for n in re.findall(r"\d+", problem[1])]) for problem in problems]


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([1, 3], [(1, [2, 3])]),  # 2 missing before 3
        ([1, 4], [(1, [2, 3, 4])]),  # 2-3 missing before 4
        ([1, 5, 6], [(1, [2, 4, 5])]),
        ([1, 2, 3, 5, 4], [(3, [4, 5]), (4, [4, 5])]),  # 4 missing before 5; 4 comes after 5
        ([1, 2, 2], [(2, [2])]),  # 2 twice
    ],
)
def test_numbering_problems_name_the_numbers(
    numbers: list[int], expected: list[tuple[int, list[int]]]
) -> None:
    assert _numbers(list(_numbering(numbers, "goal"))) == expected  # type: ignore[arg-type]


def test_each_cycle_once_from_its_smallest_id() -> None:
    edges = {"c": ["a"], "a": ["b"], "b": ["c"], "x": ["y"], "y": ["x"]}
    assert _cycles(edges) == [["a", "b", "c"], ["x", "y"]]
    assert _cycles({"b": ["a"], "a": ["b"]}) == [["a", "b"]]
