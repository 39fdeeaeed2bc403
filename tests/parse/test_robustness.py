"""Any string parses; adversarial input stays linear (no regex backtracking blow-up)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import workplan as wp
from workplan.model import Plan
from workplan.parse import parse_with_diagnostics

SEED = wp.datasets.source("changchun-edu-2020")
SEED_LINES = SEED.splitlines(keepends=True)

# Characters the parser reacts to, so random text hits its rules often.
_ALPHABET = (
    st.sampled_from(
        list(
            "一二三四五六七八九十、.()《》〈〉“”:;,。 \n0123456789%"
            "所个倍年月左右以上力争牵头单位责任完成时限未来每学期与配合联合局院校"
        )
    )
    | st.characters()
)


def _check(text: str) -> None:
    result = parse_with_diagnostics(text)
    assert isinstance(result.plan, Plan)
    for diagnostic in result.diagnostics:
        if diagnostic.span is not None:
            assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(text)
    for _, measure in result.plan.nodes("measure"):
        assert measure.span is not None and measure.span.end <= len(text)


@given(st.text())
def test_any_unicode(text: str) -> None:
    _check(text)


@given(st.text(alphabet=_ALPHABET, max_size=400))
def test_plan_like_alphabet(text: str) -> None:
    _check(text)


@given(st.integers(0, len(SEED)), st.integers(0, 3000))
def test_seed_fragments(start: int, length: int) -> None:
    _check(SEED[start : start + length])


@given(st.integers(0, len(SEED)))
def test_seed_truncated(end: int) -> None:
    _check(SEED[:end])


@given(st.randoms(use_true_random=False))
def test_seed_lines_shuffled(rng: random.Random) -> None:
    lines = list(SEED_LINES)
    rng.shuffle(lines)
    _check("".join(lines))


@pytest.mark.parametrize(
    "text",
    [
        "《" * 10_000,
        "》" * 10_000,
        "“" * 10_000,
        "《" * 5_000 + "》" * 5_000,
        "1" * 100_000,
        "1." * 20_000,
        "一、" * 10_000,
        "(一)" * 10_000,
        " " * 100_000,
        "\n" * 100_000,
        "未来" * 10_000,
        "(2017" * 10_000,
        "牵头单位:" * 10_000,
        "、" * 50_000,
        "与" * 20_000 + "局",
        "市" * 50_000,
        "。" * 50_000,
        "1.a\n" * 5_000,
        "一千" * 10_000 + "所",
        "长春市" * 10_000 + "学校",
    ],
    ids=lambda text: f"{text[:6]!r}x{len(text)}",
)
def test_adversarial_input(text: str) -> None:
    _check(text)


def test_diagnostics_are_capped() -> None:
    result = parse_with_diagnostics("《" * 10_000)
    assert len(result.diagnostics) <= 25
