"""`Diagnostic.format`: the code line alone, or with a caret view of the source (issue 12)."""

from __future__ import annotations

import workplan as wp
from workplan.parse import Diagnostic


def test_format_adds_the_caret_view_only_with_source_and_span() -> None:
    source = "a\nbcd\n"
    placed = Diagnostic(code="P101", message="m", span=wp.Span(start=3, end=5))
    head = placed.format()
    assert head.startswith("P101 suspicious-age-range: ") and "\n" not in head
    full = placed.format(source)
    assert full.startswith(head + "\n")
    assert full.splitlines()[-2:] == ["  bcd", "   ^~"]  # two characters marked, under "cd"
    unplaced = Diagnostic(code="P101", message="m")
    assert unplaced.format(source) == unplaced.format() == head
