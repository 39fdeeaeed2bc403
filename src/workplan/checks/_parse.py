"""Parse rules (WP0xx): what the parser noticed that may have misread or left out text.

The diagnostics come from the plan itself: `parse_text` leaves them in the plan's cache,
and a plan loaded from a file has them recomputed from `Plan.source`. A plan without
source text (built in code) has none.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Plan
from ..parse import Diagnostic, parse_with_diagnostics
from ._finding import Finding, Severity
from ._registry import rule


def _diagnostics(plan: Plan) -> tuple[Diagnostic, ...]:
    cache = plan._cache
    found = cache.get("diagnostics")
    if found is None:
        if plan.source is None:
            return ()
        found = parse_with_diagnostics(plan.source, year=plan.year, issuer=plan.issuer).diagnostics
        cache["diagnostics"] = found
    return tuple(found)


@rule("WP002", "parse-warning", Severity.WARNING)
def parse_warning(plan: Plan) -> Iterator[Finding]:
    """The parser warned that text may be misread or left out: no numbered headings, unplaced text."""
    for diagnostic in _diagnostics(plan):
        if diagnostic.severity == "warning":
            yield parse_warning.finding(
                "",
                f"{diagnostic.code} {diagnostic.slug}: {diagnostic.message}",
                diagnostic.span,
                zh=f"{diagnostic.code} {diagnostic.slug}：{diagnostic.text('zh')}",
            )
