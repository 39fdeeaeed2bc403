"""The parser's entry points pass every option on: strict, max_chars, year, issuer, gazetteer (issue 12)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import workplan as wp
from workplan.parse import Gazetteer, Organisation, parse_with_diagnostics

PLAN = "长春市教育局2020年工作要点\n一、目标\n1.推进学校建设。\n"
PROSE = "长春市教育局2020年工作要点\n只有一段没有编号的文字。\n"


def test_strict_raises_at_the_diagnostic_that_says_no_plan_was_found() -> None:
    with pytest.raises(wp.ParseError) as raised:
        wp.parse_text(PROSE, strict=True)
    error = raised.value
    [diagnostic] = error.diagnostics
    assert diagnostic.code == "P306"  # type: ignore[attr-defined]
    assert (error.start, error.end) == (16, 28) == (diagnostic.span.start, diagnostic.span.end)  # type: ignore[attr-defined]
    assert error.text == PROSE
    assert "P306" in str(error)
    assert wp.parse_text(PROSE).goals  # not strict: one implicit goal
    assert wp.parse_text(PLAN, strict=True).goals


def test_strict_without_any_diagnostic_points_at_the_start() -> None:
    with pytest.raises(wp.ParseError) as raised:
        wp.parse_text("", strict=True)
    assert (raised.value.start, raised.value.end, raised.value.diagnostics) == (0, None, ())


def test_max_chars_is_a_limit_the_text_may_reach() -> None:
    assert wp.parse_text(PLAN, max_chars=len(PLAN)).goals
    with pytest.raises(wp.ParseError) as raised:
        wp.parse_text(PLAN, max_chars=len(PLAN) - 1)
    assert str(len(PLAN)) in str(raised.value) and str(len(PLAN) - 1) in str(raised.value)
    with pytest.raises(wp.ParseError):
        parse_with_diagnostics(PLAN, max_chars=10)


def test_the_header_spans_cover_the_title() -> None:
    result = parse_with_diagnostics(PLAN)
    assert result.header_spans == (wp.Span(start=0, end=15),)
    assert (result.plan.title, result.plan.year) == ("长春市教育局2020年工作要点", 2020)


def test_diagnostics_come_in_text_order() -> None:
    text = "一、目标\n1.为715岁儿童提供服务。\n五、跳号\n"
    codes = [(d.code, d.span.start) for d in parse_with_diagnostics(text).diagnostics if d.span]
    assert codes == [("P101", 8), ("P304", 20)]


def test_parse_file_passes_every_option_on(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("一、目标\n1.合作。与市体育局深度合作。\n", "utf-8")
    gazetteer = Gazetteer(entries=()).with_entries(Organisation(name="某市体育局", aliases=("市体育局",)))
    plan = wp.parse_file(path, year=2030, issuer="某局", gazetteer=gazetteer)
    assert (plan.year, plan.issuer) == (2030, "某局")
    assert "某市体育局" in [owner.name for owner in plan.owners]  # with the issuer, who owns by default
    assert [owner.name for owner in wp.parse_text(path.read_text("utf-8"), gazetteer=gazetteer).owners] == [
        "某市体育局"
    ]
    prose = tmp_path / "prose.txt"
    prose.write_text(PROSE, "utf-8")
    assert wp.parse_file(prose).goals  # not strict unless asked
    with pytest.raises(wp.ParseError):
        wp.parse_file(prose, strict=True)
    with pytest.raises(wp.ParseError):
        wp.parse_file(path, max_chars=5)


def test_not_a_string_names_its_type() -> None:
    with pytest.raises(TypeError, match="bytes"):
        wp.parse_text(b"plan")  # type: ignore[arg-type]


def test_each_parse_stage_is_timed_at_debug_level(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="workplan"):
        wp.parse_text(PLAN)
    stages = [
        record.getMessage().split(": ", 1)[1].rsplit(" ", 2)[0]
        for record in caplog.records
        if record.getMessage().startswith("parse (")
    ]
    assert stages == ["normalise", "segment", "numbering", "extract and build"]


def test_the_gazetteer_finds_names_from_the_start_and_national_issuers() -> None:
    from workplan.parse._gazetteer import place_of

    found = [(match.group(), match.start()) for match in Gazetteer.default().finditer("长职院与汽高专合作")]
    assert found == [("长职院", 0), ("汽高专", 4)]
    assert place_of("国务院办公厅").national and place_of("教育部").national
    assert not place_of("长春市教育局").national
