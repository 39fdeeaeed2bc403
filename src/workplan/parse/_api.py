"""The parser's entry points: text or file in, `Plan` (and diagnostics) out."""

from __future__ import annotations

import os

from .._util import StageTimer
from ..model import Plan
from ._build import build
from ._diagnostics import Diagnostic, ParseResult
from ._extract_time import number_diagnostics
from ._gazetteer import Gazetteer
from ._normalise import normalise
from ._segment import segment

__all__ = ["parse_file", "parse_text", "parse_with_diagnostics"]


def parse_with_diagnostics(
    text: str, *, year: int | None = None, issuer: str | None = None, gazetteer: Gazetteer | None = None
) -> ParseResult:
    """Parse plan text into a `Plan` and collect `Diagnostic`s on the way.

    The pipeline is normalise → segment → extract → build; each stage's guarantees
    are in its module's docstring. It accepts any string and never raises for odd
    text: what it cannot read becomes a diagnostic.

    Args:
        text: The plan as published, page chrome and all.
        year: The plan year, when the text does not say (or says it wrongly).
        issuer: The issuing body, likewise.
        gazetteer: Known organisations; `Gazetteer.default()` when None.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_text() needs a str, got {type(text).__name__}")
    diagnostics: list[Diagnostic] = []
    timer = StageTimer(f"parse ({len(text):,} chars)")
    norm = normalise(text, diagnostics)
    timer.mark("normalise")
    segmented = segment(norm, diagnostics)
    timer.mark("segment")
    number_diagnostics(norm, diagnostics)
    timer.mark("numbering")
    plan = build(
        norm,
        segmented,
        gazetteer=gazetteer if gazetteer is not None else Gazetteer.default(),
        year=year,
        issuer=issuer,
        diagnostics=diagnostics,
    )
    timer.mark("extract and build")
    ordered = sorted(diagnostics, key=lambda d: (d.span.start if d.span else len(text), d.code))
    return ParseResult(plan=plan, diagnostics=tuple(ordered))


def parse_text(
    text: str, *, year: int | None = None, issuer: str | None = None, gazetteer: Gazetteer | None = None
) -> Plan:
    """Parse plan text (工作要点) into a `Plan`; see `parse_with_diagnostics` for the details.

    ```python
    import workplan as wp

    plan = wp.parse_text(wp.datasets.source("changchun-edu-2020"))
    assert len(plan.goals) == 9
    ```
    """
    return parse_with_diagnostics(text, year=year, issuer=issuer, gazetteer=gazetteer).plan


def parse_file(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    issuer: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Plan:
    """Parse a plan file into a `Plan`: text (UTF-8, a BOM or GB18030), Word .docx, a web page, a text PDF.

    The text read from the file (see `workplan.parse._sources`) is what the
    parser sees and what `Plan.source` keeps, so spans point into it. A file
    that cannot be read raises `FileFormatError` naming it.
    """
    from ._sources import read_source

    return parse_text(read_source(path), year=year, issuer=issuer, gazetteer=gazetteer)
