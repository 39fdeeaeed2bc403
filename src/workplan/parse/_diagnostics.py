"""Diagnostics: what the parser noticed but did not let stop it."""

from __future__ import annotations

import attrs
from attrs import validators as v

from ..model import Plan, Span

__all__ = ["CODES", "WARNINGS", "Diagnostic", "ParseResult"]

# Stable codes: P0xx input, P1xx numbers and dates, P2xx brackets, P3xx structure.
CODES: dict[str, str] = {
    "P001": "traditional-without-opencc",
    "P002": "page-chrome",
    "P101": "suspicious-age-range",
    "P102": "suspicious-horizon",
    "P103": "year-range-lost-dash",
    "P104": "date-lost-separators",
    "P105": "count-without-unit",
    "P201": "unbalanced-title-brackets",
    "P202": "unbalanced-quotes",
    "P301": "heading-like-line",
    "P302": "unplaced-text",
    "P303": "no-structure",
    "P304": "numbering-gap",
    "P305": "year-from-text",
    "P306": "read-as-prose",
    "P307": "page-marker",
    "P308": "header-text-unread",
}
"""Every diagnostic code with its slug."""

WARNINGS: frozenset[str] = frozenset({"P001", "P301", "P302", "P303", "P306"})
"""Codes that say text may have been misread or left out; `check()` reports them (WP002).

The others say what the parser assumed (a lost dash put back, chrome dropped) and are info."""


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something the parser noticed in the text: a likely typo, a guess, text it could not place.

    Diagnostics never stop parsing; they say where to look and what was assumed.
    """

    code: str = attrs.field(validator=v.in_(CODES))
    """Stable code such as ``P101``; see `CODES`."""
    message: str = attrs.field(validator=v.instance_of(str))
    """What was noticed and what the parser assumed, in English; kept stable for scripts."""
    message_zh: str = attrs.field(default="", validator=v.instance_of(str))
    """The same in Chinese, which people read first."""
    span: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    """Where it stands in the original text, when it has a place."""

    @property
    def severity(self) -> str:
        """``warning`` when text may be misread or lost (see `WARNINGS`), else ``info``."""
        return "warning" if self.code in WARNINGS else "info"

    @property
    def slug(self) -> str:
        """The code's readable name, such as ``suspicious-age-range``."""
        return CODES[self.code]

    def text(self, lang: str = "zh") -> str:
        """The message a person reads: Chinese by default, English with ``lang="en"``."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message

    def format(self, source: str | None = None, lang: str = "zh") -> str:
        """One line ``P101 suspicious-age-range: message``, plus a caret view of ``source``.

        The message is Chinese unless ``lang="en"``; the code and slug stay as they are.
        """
        head = f"{self.code} {self.slug}: {self.text(lang)}"
        if source is None or self.span is None:
            return head
        from .._views._findings import excerpt  # the view room: the caret's line header is in ``lang``

        return head + "\n" + excerpt(source, self.span.start, self.span.end, lang)


@attrs.frozen(kw_only=True)
class ParseResult:
    """A parsed plan with the diagnostics collected on the way."""

    plan: Plan = attrs.field(validator=v.instance_of(Plan))
    """The plan; always present, however odd the text."""
    diagnostics: tuple[Diagnostic, ...] = attrs.field(
        default=(), validator=v.deep_iterable(v.instance_of(Diagnostic), v.instance_of(tuple))
    )
    """What the parser noticed, in text order."""
    header_spans: tuple[Span, ...] = attrs.field(
        default=(), validator=v.deep_iterable(v.instance_of(Span), v.instance_of(tuple))
    )
    """Where the title, issuer, date, notice and preamble were read from, in the original text.

    With the nodes' spans and the diagnostics' spans these cover every non-blank character
    of the input: nothing is dropped in silence."""
