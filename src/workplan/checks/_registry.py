"""The rule registry: the `rule` decorator, selection by code prefix, and entry-point plugins."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from .._errors import RuleError
from ..model import Plan, Span
from ._finding import Finding, Severity, trusted_finding, valid_rule_fields

__all__ = [
    "ENTRY_POINT_GROUP",
    "Rule",
    "all_rules",
    "load_plugins",
    "plugins_loaded",
    "rule",
    "select_rules",
]

ENTRY_POINT_GROUP = "workplan.rules"
"""The entry-point group third-party rules register under."""

RuleFunction = Callable[[Plan], Iterator[Finding]]

_CODE = re.compile(r"[A-Z]{2,}[0-9]{3}")
_PREFIX = re.compile(r"[A-Z]{1,}[0-9]{0,3}")

_RULES: dict[str, Rule] = {}


@attrs.frozen(kw_only=True)
class Rule:
    """A registered check: a function ``(plan) -> Iterator[Finding]`` with its code and slug."""

    code: str
    """Stable code, ``WP301``: the letters say whose rule it is, the hundreds its concern."""
    name: str
    """Slug, ``target-without-unit``."""
    severity: Severity
    """The severity of its findings."""
    function: RuleFunction = attrs.field(repr=False)
    """The check itself."""
    default: bool = True
    """Whether it runs when no ``select`` is given; off-by-default rules run only when selected."""
    summary: str = ""
    """One line on what it finds: the first line of the function's docstring."""
    _trusted: bool = attrs.field(init=False, default=False, eq=False, repr=False)
    """Whether code, name and severity pass `Finding`'s validators, so `finding` may skip them."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_trusted", valid_rule_fields(self.code, self.name, self.severity))

    def __call__(self, plan: Plan) -> Iterator[Finding]:
        return self.function(plan)

    def finding(self, path: str, message: str, span: Span | None = None, *, zh: str = "") -> Finding:
        """A `Finding` of this rule, for use inside the rule's function.

        ``message`` is English; ``zh`` the same in Chinese, which views show by default.
        """
        if (
            self._trusted
            and type(path) is str
            and type(message) is str
            and type(zh) is str
            and (span is None or type(span) is Span)
        ):
            return trusted_finding(self.code, self.name, self.severity, path, message, span, zh)
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            path=path,
            message=message,
            message_zh=zh,
            span=span,
        )


def rule(
    code: str, name: str, severity: Severity | str, *, default: bool = True
) -> Callable[[RuleFunction], Rule]:
    """Register a function as a check rule; use it as a decorator.

    ```python
    @rule("XY101", "task-without-key", "warning")
    def task_without_key(plan):
        for path, task in plan.nodes("task"):
            if task.key is None:
                yield task_without_key.finding(path, f"task {task.title!r} has no key", task.span)
    ```

    The decorated name becomes the `Rule`; call ``.finding(...)`` on it to make
    findings. Codes are letters then three digits and must be unique.
    """
    if not _CODE.fullmatch(code):
        raise RuleError(f"invalid rule code {code!r}: expected letters then three digits, such as WP301")
    level = severity if isinstance(severity, Severity) else Severity(severity)

    def register(function: RuleFunction) -> Rule:
        if not function.__module__.startswith("workplan.checks."):
            _builtin()  # so that a plug-in cannot take a built-in code before the built-ins register
        existing = _RULES.get(code)
        if existing is not None and (
            existing.function.__qualname__ != function.__qualname__
            or existing.function.__module__ != function.__module__
        ):
            raise RuleError(f"rule code {code} is already taken by {existing.name!r}")
        summary = (function.__doc__ or "").strip().splitlines()
        registered = Rule(
            code=code,
            name=name,
            severity=level,
            function=function,
            default=default,
            summary=summary[0] if summary else "",
        )
        _RULES[code] = registered
        return registered

    return register


def _builtin() -> None:
    # Importing the modules registers their rules.
    from . import _documents, _graph, _owners, _parse, _structure, _targets, _time  # noqa: F401


def all_rules() -> list[Rule]:
    """Every registered rule, built-in and loaded plugins, sorted by code."""
    _builtin()
    return [_RULES[code] for code in sorted(_RULES)]


_plugin_errors: dict[str, str] | None = None


def plugins_loaded() -> bool:
    """Whether `load_plugins` has scanned the entry points in this process."""
    return _plugin_errors is not None


def load_plugins(*, reload: bool = False) -> dict[str, str]:
    """Load third-party rules from the ``workplan.rules`` entry points, once.

    An entry point names a module (importing it registers its rules), a
    `Rule`, or an iterable of rules. Return ``{entry point name: error}`` for
    the plugins that failed. A plug-in that fails, or that claims a code
    already taken (a built-in ``WP`` code or another plug-in's), is disabled
    whole: none of its rules stay registered. The others stay loaded.
    """
    global _plugin_errors
    if _plugin_errors is not None and not reload:
        return _plugin_errors
    from importlib.metadata import entry_points

    _builtin()
    errors: dict[str, str] = {}
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        before = dict(_RULES)
        try:
            loaded = entry_point.load()
            for found in loaded if isinstance(loaded, list | tuple) else (loaded,):
                if not isinstance(found, Rule):
                    continue
                taken = before.get(found.code)
                if taken is not None and taken is not found:
                    raise RuleError(f"rule code {found.code} is already taken by {taken.name!r}")
                _RULES[found.code] = found
        except BaseException as error:  # a broken plugin must not stop the other rules
            if isinstance(error, KeyboardInterrupt):
                raise
            _RULES.clear()  # disable the whole plug-in, including rules it registered before failing
            _RULES.update(before)
            errors[entry_point.name] = f"{type(error).__name__}: {error}"
    _plugin_errors = errors
    return errors


def _check_prefixes(prefixes: Iterable[str], known: Sequence[str], option: str) -> list[str]:
    checked = []
    for prefix in prefixes:
        text = prefix.strip().upper()
        if text == "ALL":
            text = ""
        elif not _PREFIX.fullmatch(text) or not any(code.startswith(text) for code in known):
            raise RuleError(f"unknown rule code {prefix!r} in {option}; known codes: {', '.join(known)}")
        checked.append(text)
    return checked


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> list[Rule]:
    """The rules to run, sorted by code.

    With ``select``, the rules whose code starts with one of its prefixes
    (``WP3``, ``WP301``; ``ALL`` for every rule), including off-by-default ones;
    without it, every rule that is on by default. ``ignore`` then drops rules by
    prefix. Raise `RuleError` naming a prefix that matches no rule.
    """
    rules = all_rules()
    known = [found.code for found in rules]
    if isinstance(select, str):
        select = [select]
    if isinstance(ignore, str):
        ignore = [ignore]
    selected = _check_prefixes(select, known, "select") if select is not None else None
    ignored = _check_prefixes(ignore or (), known, "ignore")
    return [
        found
        for found in rules
        if (found.default if selected is None else any(found.code.startswith(p) for p in selected))
        and not any(found.code.startswith(p) for p in ignored)
    ]
