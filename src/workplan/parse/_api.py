"""The parser's entry points: text or file in, `Plan` (and diagnostics) out."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from .._errors import ParseError
from .._util import StageTimer, gc_paused
from ..model import Plan
from ._diagnostics import WARNINGS, Diagnostic, ParseResult
from ._normalise import normalise
from ._segment import segment
from ._sources import tab_tables

if TYPE_CHECKING:
    from ._gazetteer import Gazetteer

__all__ = ["MAX_CHARS", "parse_file", "parse_text", "parse_warnings", "parse_with_diagnostics"]

MAX_CHARS = 20_000_000
"""The default input size limit, in characters; pass ``max_chars=`` to raise it."""

PAUSE_FROM_CHARS = 1_000_000
"""From this length on, the cyclic garbage collector is paused while the text is parsed.

A parse builds objects that all stay alive (the plan) and makes no reference cycles: the
collections during a 2 M character parse free nothing (``benchmarks/bench_parse.py
--collector``). Yet each full collection walks every object built so far, and their number
grows with the text: at 10 M characters they take 11% of the parse (3% at 1 M), which is
what made throughput drop with size. Shorter texts parse in milliseconds and keep the
collector as the host set it. The pause is scoped (`workplan.gc_paused`): the collector's
previous state comes back when the parse ends or fails.
"""

# Structure found only by guessing: no numbered goals or tasks at all.
_NO_PLAN = frozenset({"P303", "P306"})


def parse_with_diagnostics(
    text: str,
    *,
    year: int | None = None,
    issuer: str | None = None,
    gazetteer: Gazetteer | None = None,
    strict: bool = False,
    max_chars: int = MAX_CHARS,
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
        strict: Raise `ParseError` (with the diagnostics) when the text holds no numbered plan:
            no goals at all (P303), or only paragraphs read as an implicit goal (P306).
        max_chars: The input size limit; a longer text raises `ParseError` naming its size.

    The plan keeps its diagnostics for `check()` (rule WP002): they ride along in the plan's
    cache, and a plan loaded from JSON has them recomputed from `Plan.source`.
    """
    # The extract and build stages (and their patterns) load on the first full parse only.
    from ._build import build
    from ._extract_time import number_diagnostics
    from ._gazetteer import Gazetteer

    _check_input(text, max_chars)
    text = tab_tables(text)  # a 任务分解表 pasted with its tabs: read as the table (`Plan.source` is that)
    diagnostics: list[Diagnostic] = []
    timer = StageTimer(f"parse ({len(text):,} chars)")
    with gc_paused() if len(text) >= PAUSE_FROM_CHARS else contextlib.nullcontext():
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
    ordered = tuple(sorted(diagnostics, key=lambda d: (d.span.start if d.span else len(text), d.code)))
    plan._cache["diagnostics"] = ordered
    if strict and (not plan.goals or any(d.code in _NO_PLAN for d in ordered)):
        found = next((d for d in ordered if d.code in _NO_PLAN), None)
        raise ParseError(
            "found no plan: no numbered goals or tasks"
            + (f" ({found.code} {found.slug}: {found.message})" if found else ""),
            text,
            found.span.start if found and found.span else 0,
            found.span.end if found and found.span else None,
            diagnostics=ordered,
        )
    header_spans = tuple(norm.span(start, end) for start, end in segmented.header.spans)
    return ParseResult(plan=plan, diagnostics=ordered, header_spans=header_spans)


def _check_input(text: str, max_chars: int) -> None:
    if not isinstance(text, str):
        raise TypeError(f"parse_text() needs a str, got {type(text).__name__}")
    if len(text) > max_chars:
        raise ParseError(
            f"the text has {len(text):,} characters, more than the limit of {max_chars:,}; "
            "pass max_chars= to raise it"
        )


def parse_warnings(text: str, *, max_chars: int = MAX_CHARS) -> tuple[Diagnostic, ...]:
    """The parser's warnings about ``text`` (codes in `WARNINGS`), without extracting or building a plan.

    Text that may be misread or left out shows in the normalise and segment stages,
    so these two alone find every warning: the result equals the warnings of
    `parse_with_diagnostics` on the same text, in the same order, at a fraction of
    its cost (``check``'s rule WP002 reads them for a plan loaded from a file).
    """
    _check_input(text, max_chars)
    text = tab_tables(text)
    diagnostics: list[Diagnostic] = []
    norm = normalise(text, diagnostics)
    segment(norm, diagnostics)
    warnings = [diagnostic for diagnostic in diagnostics if diagnostic.code in WARNINGS]
    return tuple(sorted(warnings, key=lambda d: (d.span.start if d.span else len(text), d.code)))


def parse_text(
    text: str,
    *,
    year: int | None = None,
    issuer: str | None = None,
    gazetteer: Gazetteer | None = None,
    strict: bool = False,
    max_chars: int = MAX_CHARS,
) -> Plan:
    """Parse plan text (工作要点) into a `Plan`; see `parse_with_diagnostics` for the details.

    Never raises for odd text, except when ``strict`` and no plan is found, or when the
    text is longer than ``max_chars`` (20 M characters by default): both raise `ParseError`.

    ```python
    import workplan as wp

    plan = wp.parse_text(wp.datasets.source("changchun-edu-2020"))
    assert len(plan.goals) == 9
    ```
    """
    return parse_with_diagnostics(
        text, year=year, issuer=issuer, gazetteer=gazetteer, strict=strict, max_chars=max_chars
    ).plan


def parse_file(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    issuer: str | None = None,
    gazetteer: Gazetteer | None = None,
    strict: bool = False,
    max_chars: int = MAX_CHARS,
) -> Plan:
    """Parse a plan file into a `Plan`: text (UTF-8, a BOM or GB18030), Word .docx, a web page, a text PDF.

    The text read from the file (see `workplan.parse._sources`) is what the
    parser sees and what `Plan.source` keeps, so spans point into it. A file
    that cannot be read raises `FileFormatError` naming it.
    """
    from ._sources import read_source

    return parse_text(
        read_source(path), year=year, issuer=issuer, gazetteer=gazetteer, strict=strict, max_chars=max_chars
    )
