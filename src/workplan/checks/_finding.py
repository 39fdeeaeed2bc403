"""`Finding` and `Severity`: what a rule reports, as data."""

from __future__ import annotations

import enum
import re

import attrs
from attrs import validators as v

from ..model import Span

__all__ = ["Finding", "Severity", "trusted_finding", "valid_rule_fields"]


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


_CODE = re.compile(r"[A-Z]+[0-9]+")


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a rule found in a plan: ``WP301 target-without-unit g2/t7/m3/q1 …``."""

    code: str = attrs.field(validator=v.matches_re(_CODE))
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


def valid_rule_fields(code: object, name: object, severity: object) -> bool:
    """Whether a rule's code, slug and severity pass `Finding`'s validators (checked once per rule)."""
    return (
        isinstance(code, str)
        and bool(_CODE.fullmatch(code))
        and isinstance(name, str)
        and (isinstance(severity, Severity))
    )


_new = object.__new__
_set = object.__setattr__


def trusted_finding(
    code: str, name: str, severity: Severity, path: str, message: str, span: Span | None, message_zh: str = ""
) -> Finding:
    """A `Finding` made without running its validators, for values the caller has checked already.

    `Rule.finding` checks its rule's code, slug and severity once (`valid_rule_fields`)
    and the others by type on each call; the validators would check all seven
    again, which is most of the cost of a finding when a rule reports thousands.
    """
    finding: Finding = _new(Finding)
    _set(finding, "code", code)
    _set(finding, "name", name)
    _set(finding, "severity", severity)
    _set(finding, "path", path)
    _set(finding, "message", message)
    _set(finding, "message_zh", message_zh)
    _set(finding, "span", span)
    return finding
