"""`Finding` and `Severity`: what a rule reports, as data."""

from __future__ import annotations

import enum

import attrs
from attrs import validators as v

from ..model import Span

__all__ = ["Finding", "Severity"]


class Severity(enum.Enum):
    """How much a finding matters; only errors make ``workplan check`` fail."""

    ERROR = "error"
    """The plan contradicts itself or refers to nothing: fix it."""
    WARNING = "warning"
    """Probably a mistake in the plan or in its parsing: look at it."""
    INFO = "info"
    """A fact worth knowing, often normal in real plans (no owner named, nothing quantified)."""

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: sort by it to put errors first."""
        return ("error", "warning", "info").index(self.value)


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a rule found in a plan: ``WP301 target-without-unit g2/t7/m3/q1 …``."""

    code: str = attrs.field(validator=v.matches_re(r"[A-Z]+[0-9]+"))
    """The rule's stable code: ``WP301``."""
    name: str = attrs.field(validator=v.instance_of(str))
    """The rule's slug: ``target-without-unit``."""
    severity: Severity = attrs.field(validator=v.instance_of(Severity))
    """Error, warning or info."""
    path: str = attrs.field(validator=v.instance_of(str))
    """The node's path id or registry id; empty for the plan as a whole."""
    message: str = attrs.field(validator=v.instance_of(str))
    """What is wrong, in one English sentence, quoting the plan's wording; kept stable for scripts."""
    message_zh: str = attrs.field(default="", validator=v.instance_of(str))
    """The same in Chinese, which people read first; empty when the rule gave none (plugins may not)."""
    span: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    """Where the node stands in the plan's source text, where known."""

    @property
    def slug(self) -> str:
        """The rule's slug; the same as `name`."""
        return self.name

    def text(self, lang: str = "zh") -> str:
        """The message a person reads: Chinese (`message_zh`) by default, English with ``lang="en"``.

        A finding without a Chinese message (a plugin's, say) gives its English one in both.
        """
        return self.message_zh if lang == "zh" and self.message_zh else self.message

    def format(self, lang: str = "zh") -> str:
        """One line ``path: CODE [severity] message (slug)``, the message in ``lang``."""
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.code} [{self.severity.value}] {self.text(lang)} ({self.name})"

    def __str__(self) -> str:
        return self.format("en")
