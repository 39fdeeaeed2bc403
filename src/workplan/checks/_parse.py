"""Parse rules (WP0xx): what the parser noticed that may have misread or left out text.

The diagnostics come from the plan itself: `parse_text` leaves them in the plan's cache,
and a plan loaded from a file has its warnings recomputed from `Plan.source` by
`workplan.parse.parse_warnings`, which stops after segmenting (no full parse). A plan
without source text (built in code) has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import MemoKey, Plan, memo
from ._finding import Finding, Severity
from ._registry import rule

if TYPE_CHECKING:
    from ..parse import Diagnostic

_WARNINGS: MemoKey[tuple[Diagnostic, ...]] = MemoKey("checks.parse_warnings")


def _warnings(plan: Plan) -> tuple[Diagnostic, ...]:
    parsed = plan._cache.get("diagnostics")  # left by parse_text: every diagnostic, warnings among them
    if parsed is not None:
        return tuple(diagnostic for diagnostic in parsed if diagnostic.severity == "warning")
    if plan.source is None:
        return ()
    return memo(plan, _WARNINGS, _read_warnings)


def _read_warnings(plan: Plan) -> tuple[Diagnostic, ...]:
    from ..parse import parse_warnings  # the parser's first two stages only, loaded on first use

    return parse_warnings(plan.source or "")


@rule("WP002", "parse-warning", Severity.WARNING)
def parse_warning(plan: Plan) -> Iterator[Finding]:
    """The parser warned that text may be misread or left out: no numbered headings, unplaced text."""
    for diagnostic in _warnings(plan):
        yield parse_warning.finding(
            "",
            f"{diagnostic.code} {diagnostic.slug}: {diagnostic.message}",
            diagnostic.span,
            zh=f"{diagnostic.code} {diagnostic.slug}：{diagnostic.text('zh')}",
        )
