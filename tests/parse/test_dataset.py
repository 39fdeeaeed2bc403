"""The shipped changchun-edu-2020 dataset is exactly what the build script produces."""

from __future__ import annotations

from importlib.resources import files

import workplan as wp
from workplan.datasets import _build


def test_shipped_json_is_what_the_build_produces() -> None:
    shipped = files("workplan.datasets").joinpath("data/changchun-edu-2020.json").read_text("utf-8")
    assert shipped == _build.render("changchun-edu-2020"), "run: python -m workplan.datasets._build"


def test_source_is_the_seed_and_spans_point_into_it() -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    source = wp.datasets.source("changchun-edu-2020")
    assert plan.source == source
    assert plan.counts()["goal"] == 9 and plan.counts()["task"] == 38
    for _, measure in plan.nodes("measure"):
        assert measure.span is not None
        assert source[measure.span.start : measure.span.end] == measure.text


def test_corrections_applied() -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    assert plan.document("长春市职业教育服务“长春现代化都市圈”改革行动方案").issuer == "长春市人民政府"


def test_check_mode_passes() -> None:
    assert _build.main(["--check"]) == 0
