"""`Diagnostic.format`: the code line alone, or with a caret view of the source (issue 12)."""

from __future__ import annotations

import workplan as wp
from workplan._errors import format_caret
from workplan.parse import Diagnostic


def test_format_adds_the_caret_view_only_with_source_and_span() -> None:
    source = "a\nbcd\n"
    placed = Diagnostic(code="P101", message="m", span=wp.Span(start=3, end=5))
    head = "P101 suspicious-age-range: m"
    assert placed.format() == head
    assert placed.format(source) == head + "\n" + format_caret(source, 3, 5)
    assert placed.format(source).endswith("\n   ^~")  # two characters marked, under "cd"
    assert Diagnostic(code="P101", message="m").format(source) == head
