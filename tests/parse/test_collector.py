"""The parse pauses the garbage collector for long texts only, and always gives it back as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import workplan as wp
from workplan.parse import _api

TEXT = "一、总体要求\n1.加强管理。\n2.新增学校10所。\n"


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether the collector was enabled while the parser's first stage ran, for each parse."""
    states: list[bool] = []
    normalise = _api.normalise

    def watched(*args: object, **kwargs: object) -> object:
        states.append(gc.isenabled())
        return normalise(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_api, "normalise", watched)
    yield states
    assert gc.isenabled()


def test_a_short_text_parses_with_the_collector_as_it_was(seen: list[bool]) -> None:
    wp.parse_text(TEXT)
    assert seen == [True]


def test_a_long_text_parses_with_the_collector_paused_then_restored(
    seen: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_api, "PAUSE_FROM_CHARS", len(TEXT))
    plan = wp.parse_text(TEXT)
    assert seen == [False] and gc.isenabled()
    assert [task.number for goal in plan.goals for task in goal.tasks] == [1, 2]


def test_a_host_that_paused_the_collector_keeps_it_paused(
    seen: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_api, "PAUSE_FROM_CHARS", len(TEXT))
    gc.disable()
    try:
        wp.parse_text(TEXT)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_comes_back_when_the_parse_fails(
    seen: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a stage failed")

    monkeypatch.setattr(_api, "PAUSE_FROM_CHARS", 1)
    monkeypatch.setattr(_api, "segment", broken)
    with pytest.raises(RuntimeError):
        wp.parse_text(TEXT)
    assert seen == [False] and gc.isenabled()
