"""Nothing is lost in silence: every non-blank character of the input is read or diagnosed.

A character is accounted for when it stands in a goal, task or measure span, in the header
(title, issuer, date, notice, preamble: `ParseResult.header_spans`), or in the span of a
diagnostic (chrome dropped, text not placed, header text not read…).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import workplan as wp
from workplan.parse import ParseResult, parse_with_diagnostics

# Removed by normalisation as formatting, not text: zero-width characters and soft hyphens.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

_PIECES = st.sampled_from(
    [
        "长春市教育局2020年工作要点",
        "首页 > 信息公开 ",
        "一、加强党建",
        "二、提高质量",
        "1.编制规划。",
        "2.推进改革。",
        "(一)",
        "制定《某办法》。",
        "新增学校10所,",
        "一是加强管理;",
        "二是推进改革。",
        "牵头单位:区教育局",
        " - 2 - ",
        "2020年4月15日",
        "时间:2020-04-15 来源:教育局",
        "【转发】",
        "总体要求是:坚持稳中求进工作总基调,全面提高教育质量,办好人民满意的教育。",
        "\n",
        " ",
        "。",
    ]
)


def _unaccounted(text: str, result: ParseResult) -> list[int]:
    covered = bytearray(len(text) + 1)

    def mark(start: int, end: int) -> None:
        covered[start:end] = b"\x01" * (end - start)

    for _, node in result.plan.walk():
        span = getattr(node, "span", None)
        if span is not None:
            mark(span.start, span.end)
    for span in result.header_spans:
        mark(span.start, span.end)
    for diagnostic in result.diagnostics:
        if diagnostic.span is not None:
            mark(diagnostic.span.start, diagnostic.span.end)
    return [
        index
        for index, ch in enumerate(text)
        if not covered[index] and not ch.isspace() and ch not in _INVISIBLE
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_plan_like_text_is_read_or_diagnosed(text: str) -> None:
    result = parse_with_diagnostics(text)
    lost = _unaccounted(text, result)
    assert not lost, [text[i] for i in lost[:20]]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_or_diagnosed(text: str) -> None:
    result = parse_with_diagnostics(text)
    assert not _unaccounted(text, result)


def test_the_seed_and_a_page_without_line_breaks() -> None:
    seed = wp.datasets.source("changchun-edu-2020")
    assert not _unaccounted(seed, parse_with_diagnostics(seed))
    flat = "首页 > 信息公开 长春市教育局2020年工作要点 一、加强党建 "
    flat += "1.编制规划。制定规划。 2.推进改革。深化改革。"
    result = parse_with_diagnostics(flat)
    assert [t.title for g in result.plan.goals for t in g.tasks] == ["编制规划", "推进改革"]
    assert result.plan.title == "长春市教育局2020年工作要点"
    assert not _unaccounted(flat, result)
