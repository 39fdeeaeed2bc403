"""WP002 reads the parser's warnings: the same from a parsed plan, a reloaded one, and `parse_warnings`."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import workplan as wp
from workplan.parse import parse_warnings, parse_with_diagnostics

PARSE = Path(__file__).resolve().parents[1] / "parse"
TEXTS = sorted([*(PARSE / "corpus").glob("*.txt"), *(PARSE / "golden").glob("*.txt")])
ODD = [
    "新闻报道:今年全市教育工作稳步推进,没有编号。",
    "一、总体要求\n\n（一）加强党建\n1.第一项工作\n正文没有编号的段落，放在这里。\n二、\n",
    "",
    "學校工作要點\n一、加強管理",
]


def _texts() -> list[str]:
    return [wp.datasets.source("changchun-edu-2020"), *(path.read_text("utf-8") for path in TEXTS), *ODD]


@pytest.mark.parametrize("text", _texts())
def test_parse_warnings_are_the_warnings_of_a_full_parse(text: str) -> None:
    full = parse_with_diagnostics(text).diagnostics
    assert parse_warnings(text) == tuple(d for d in full if d.severity == "warning")


@pytest.mark.parametrize("text", _texts())
def test_a_reloaded_plan_has_the_parse_warnings_of_the_parsed_one(text: str) -> None:
    parsed = wp.parse_text(text)
    reloaded = attrs.evolve(parsed)  # as loaded from a file: the source without the parse's diagnostics
    assert "diagnostics" not in reloaded._cache
    assert list(wp.check(reloaded, select=["WP002"])) == list(wp.check(parsed, select=["WP002"]))


def test_some_text_here_has_a_parse_warning() -> None:
    assert any(parse_warnings(text) for text in _texts())


@pytest.mark.parametrize("name", wp.datasets.names())
def test_a_shipped_plan_carries_the_diagnostics_of_parsing_its_text(name: str) -> None:
    plan = wp.datasets.load(name)
    assert plan.source is not None
    assert plan._cache["diagnostics"] == parse_with_diagnostics(plan.source).diagnostics
    assert list(wp.check(plan, select=["WP002"])) == list(wp.check(attrs.evolve(plan), select=["WP002"]))
