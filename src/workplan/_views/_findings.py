"""A check `Report` as text for a terminal (with the source line and a caret) and as GitHub annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import format_caret
from ..checks import Severity
from ._labels import check_lang, label, summary

if TYPE_CHECKING:
    from ..checks import Report

__all__ = ["excerpt", "format_github", "format_text"]

_CONTEXT = 24
"""Characters of the source line shown on each side of a span; plan paragraphs are long lines."""
_WIDEST = 30
"""The most characters a caret underlines."""


def excerpt(source: str, start: int, end: int, lang: str = "zh") -> str:
    """`format_caret` on a window of the span's line, keeping the real line and column numbers."""
    start = max(0, min(start, len(source)))
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", start)
    line_end = len(source) if line_end == -1 else line_end
    end = min(max(end, start + 1), start + _WIDEST, max(line_end, start + 1))
    low, high = max(line_start, start - _CONTEXT), min(line_end, end + _CONTEXT)
    before, after = ("…" if low > line_start else ""), ("…" if high < line_end else "")
    window = before + source[low:high] + after
    offset = len(before) + start - low
    _, shown = format_caret(window, offset, offset + end - start).split("\n", 1)
    where = label("at_line", lang, line=source.count(chr(10), 0, start) + 1, column=start - line_start + 1)
    return f"{where}\n{shown}"


def format_text(report: Report, *, show_source: bool = True, lang: str = "zh") -> str:
    """Each finding on a line, ``path: CODE [severity] message (slug)``, then the source with a caret.

    The finding lines keep their machine form (codes and wire severities, for
    grep and editors); the messages and the closing count are for people, in ``lang``.
    """
    check_lang(lang)
    lines = []
    for finding in report.findings:
        lines.append(finding.format(lang))
        if show_source and finding.span is not None and report.source:
            caret = excerpt(report.source, finding.span.start, finding.span.end, lang)
            lines.extend("    " + line for line in caret.splitlines())
    counts = summary(len(report.errors), len(report.warnings), len(report.infos), lang)
    lines.append(label("found", lang, summary=counts))
    return "\n".join(lines) + "\n"


_GITHUB_KINDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(report: Report, file: str | None = None, lang: str = "zh") -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::…``), one per finding, in ``lang``."""
    check_lang(lang)
    lines = []
    for finding in report.findings:
        where = []
        if file:
            where.append(f"file={file}")
            line = report.line_of(finding)
            if line is not None:
                where.append(f"line={line}")
        where.append(f"title={finding.code} {finding.name}")
        message = f"{finding.path}: {finding.text(lang)}" if finding.path else finding.text(lang)
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        lines.append(f"::{_GITHUB_KINDS[finding.severity]} {','.join(where)}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")
