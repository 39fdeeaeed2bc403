"""`Report`: the findings of one check run; its text, JSON, GitHub and table views live in ``_views``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ._finding import Finding, Severity

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Report"]

_COLUMNS = ("code", "name", "severity", "path", "message", "message_zh", "line", "start", "end")


@attrs.frozen(kw_only=True)
class Report:
    """What `check` found in a plan: iterate it for `Finding`s, sorted by rule code."""

    findings: tuple[Finding, ...] = ()
    """Every finding, by rule code, each rule's in the order it reported them."""
    rules: tuple[str, ...] = ()
    """The codes of the rules that ran."""
    source: str | None = attrs.field(default=None, repr=False)
    """The plan's source text, for showing the line a finding's span points into."""
    title: str = ""
    """The title of the plan that was checked."""

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __bool__(self) -> bool:
        return bool(self.findings)

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity is severity)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity warning."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The findings of severity info."""
        return self._of(Severity.INFO)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings and info do not count)."""
        return not self.errors

    def codes(self) -> dict[str, int]:
        """How many findings each rule code has, sorted by code."""
        counts: dict[str, int] = {}
        for finding in sorted(self.findings, key=lambda finding: finding.code):
            counts[finding.code] = counts.get(finding.code, 0) + 1
        return counts

    def line_of(self, finding: Finding) -> int | None:
        """The 1-based source line a finding's span starts on, where the span and source are known."""
        if finding.span is None or self.source is None:
            return None
        return self.source.count("\n", 0, min(finding.span.start, len(self.source))) + 1

    # -- views ---------------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per finding (code, name, severity, path, message, message_zh, line, start, end).

        ``message`` is English and ``message_zh`` Chinese (empty when a plugin gave none).
        """
        return [
            {
                "code": finding.code,
                "name": finding.name,
                "severity": finding.severity.value,
                "path": finding.path,
                "message": finding.message,
                "message_zh": finding.message_zh,
                "line": self.line_of(finding),
                "start": finding.span.start if finding.span is not None else None,
                "end": finding.span.end if finding.span is not None else None,
            }
            for finding in self.findings
        ]

    def to_frame(self) -> pd.DataFrame:
        """The findings as a `pandas.DataFrame` (needs the ``pandas`` extra)."""
        from .._views._tables import records_to_frame

        return records_to_frame(self.to_records(), _COLUMNS)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The findings as a JSON array of records."""
        from .._views._tables import records_to_json

        return records_to_json(self.to_records(), indent=indent)

    def summary(self, lang: str = "zh") -> str:
        """One line of counts: ``2 个错误，1 个警告，38 条提示``, or ``2 errors, 1 warning, 38 info``."""
        from .._views._labels import check_lang, summary

        return summary(len(self.errors), len(self.warnings), len(self.infos), check_lang(lang))

    def format_text(self, *, show_source: bool = True, lang: str = "zh") -> str:
        """Each finding on a line, ``path: CODE [severity] message (slug)``, then the source with a caret.

        The last line counts the findings for people, in Chinese (``lang="zh"``) or English (``"en"``).
        """
        from .._views._findings import format_text

        return format_text(self, show_source=show_source, lang=lang)

    def _repr_html_(self) -> str:
        from .._views._html import report_html

        return report_html(self)

    def format_github(self, file: str | None = None, lang: str = "zh") -> str:
        """GitHub Actions workflow commands (``::error file=…,line=…::…``), one per finding.

        The messages are in ``lang``: Chinese by default, English with ``lang="en"``.
        """
        from .._views._findings import format_github

        return format_github(self, file, lang)
