"""Rule plug-ins are contained: bad yields, crashes, SystemExit, hangs, code clashes (issue 12, item 10)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import workplan as wp
from workplan.checks import Finding, Rule, _registry, load_plugins


class _EntryPoint:
    def __init__(self, name: str, load: Any) -> None:
        self.name = name
        self._load = load

    def load(self) -> Any:
        return self._load()


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[_EntryPoint]]:
    import networkx  # noqa: F401  # networkx scans entry points on import; let it see the real ones

    entry_points: list[_EntryPoint] = []
    _registry.all_rules()
    registered = dict(_registry._RULES)
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group: list(entry_points))
    monkeypatch.setattr(_registry, "_plugin_errors", None)
    yield entry_points
    _registry._RULES.clear()
    _registry._RULES.update(registered)
    _registry._plugin_errors = None


def _rule(code: str, function: Any) -> Rule:
    return Rule(code=code, name=f"rule-{code.lower()}", severity=wp.Severity.WARNING, function=function)


def _failures(report: wp.Report) -> list[str]:
    return [finding.message for finding in report if finding.code == "WP001"]


PLAN = wp.Plan(title="x")


def test_a_rule_yielding_non_findings_is_a_wp001_finding(registry: list[_EntryPoint]) -> None:
    def run(plan: wp.Plan) -> Iterator[Any]:
        yield "not a finding"
        yield keep.finding("", "a real one")
        yield 42

    keep = _rule("ZZ101", run)
    registry.append(_EntryPoint("strings", lambda: keep))
    report = wp.check(PLAN, select=["ZZ"])
    assert [finding.message for finding in report if finding.code == "ZZ101"] == ["a real one"]
    assert _failures(report) == [
        "rule ZZ101 rule-zz101 yielded a str, not a Finding; such items were dropped"
    ]


def test_system_exit_in_a_rule_is_caught(registry: list[_EntryPoint]) -> None:
    def run(plan: wp.Plan) -> Iterator[Finding]:
        raise SystemExit(3)
        yield  # pragma: no cover

    registry.append(_EntryPoint("quitter", lambda: _rule("ZZ102", run)))
    report = wp.check(PLAN, plugins=True)
    assert _failures(report) == ["rule ZZ102 rule-zz102 crashed: SystemExit: 3"]
    assert "WP101" in report.rules  # the built-in rules still ran


def test_a_never_ending_generator_is_stopped_at_its_budget(registry: list[_EntryPoint]) -> None:
    stopped = threading.Event()

    def run(plan: wp.Plan) -> Iterator[Finding]:
        try:
            while True:
                yield endless.finding("", "again")
        finally:
            stopped.set()

    endless = _rule("ZZ103", run)
    registry.append(_EntryPoint("endless", lambda: endless))
    start = time.monotonic()
    report = wp.check(PLAN, plugins=True, timeout=0.2)
    assert time.monotonic() - start < 10
    assert _failures(report) == ["rule ZZ103 rule-zz103 ran out of its time budget of 0.2 s and was stopped"]
    assert stopped.wait(5)  # the generator was closed, not left running


def test_a_hung_rule_is_abandoned(registry: list[_EntryPoint]) -> None:
    release = threading.Event()

    def run(plan: wp.Plan) -> Iterator[Finding]:
        release.wait(30)  # stuck inside one call: cannot be interrupted, only abandoned
        yield hung.finding("", "late")

    hung = _rule("ZZ104", run)
    registry.append(_EntryPoint("hung", lambda: hung))
    try:
        report = wp.check(PLAN, plugins=True, timeout=0.2)
        stuck = [thread for thread in threading.enumerate() if thread.name == "workplan-rule-ZZ104"]
        assert stuck and all(thread.daemon for thread in stuck)  # an abandoned rule cannot block exit
    finally:
        release.set()
    assert _failures(report) == ["rule ZZ104 rule-zz104 ran out of its time budget of 0.2 s and was stopped"]
    assert "late" not in [finding.message for finding in report]


def test_a_plugin_taking_a_builtin_code_is_disabled_alone(registry: list[_EntryPoint]) -> None:
    def run(plan: wp.Plan) -> Iterator[Finding]:
        yield from ()

    def clashing() -> Any:
        return [_rule("ZZ105", run), _rule("WP301", run)]

    registry.append(_EntryPoint("clash", clashing))
    registry.append(_EntryPoint("fine", lambda: _rule("ZZ106", run)))
    report = wp.check(PLAN, plugins=True)
    assert _failures(report) == [
        "rule plugin 'clash' failed to load: "
        "RuleError: rule code WP301 is already taken by 'target-without-unit'"
    ]
    codes = report.rules
    assert "ZZ105" not in codes and "ZZ106" in codes and "WP301" in codes
    assert _registry._RULES["WP301"].function.__module__ == "workplan.checks._targets"


def test_a_plugin_module_registering_a_builtin_code_with_the_decorator(registry: list[_EntryPoint]) -> None:
    def module() -> Any:
        from workplan.checks import rule

        @rule("ZZ107", "first", "info")
        def first(plan: wp.Plan) -> Iterator[Finding]:
            yield from ()

        @rule("WP101", "mine", "info")
        def mine(plan: wp.Plan) -> Iterator[Finding]:
            yield from ()

        return None

    registry.append(_EntryPoint("decorated", module))
    assert "RuleError: rule code WP101 is already taken" in load_plugins()["decorated"]
    assert "ZZ107" not in _registry._RULES  # the half-registered plug-in is gone
    assert wp.check(PLAN).rules  # checking still works


def test_plugins_are_not_scanned_unless_asked(registry: list[_EntryPoint]) -> None:
    scanned: list[bool] = []

    def load() -> Any:
        scanned.append(True)
        return _rule("ZZ108", lambda plan: iter(()))

    registry.append(_EntryPoint("lazy", load))
    wp.check(PLAN)
    assert scanned == []
    assert "ZZ108" in wp.check(PLAN, select=["ZZ1"]).rules  # selecting a plug-in code asks for plug-ins
    assert scanned == [True]


def test_select_all_does_not_scan_plugins_and_no_timeout_still_runs(registry: list[_EntryPoint]) -> None:
    def run(plan: wp.Plan) -> Iterator[Finding]:
        yield partial.finding("", "one")
        yield partial.finding("", "two")
        raise ValueError("then broke")

    partial = _rule("ZZ109", run)
    registry.append(_EntryPoint("partial", lambda: partial))
    assert "ZZ109" not in wp.check(PLAN, select=["ALL"]).rules  # ALL means every loaded rule
    report = wp.check(PLAN, plugins=True, timeout=None)
    assert [f.message for f in report if f.code == "ZZ109"] == ["one", "two"]  # kept, in order
    assert _failures(report) == ["rule ZZ109 rule-zz109 crashed: ValueError: then broke"]
    again = wp.check(PLAN)  # once scanned, loaded plug-ins run without asking again
    assert "ZZ109" in again.rules


def test_builtin_rules_run_inline_and_plugins_in_a_worker(registry: list[_EntryPoint]) -> None:
    threads: list[str] = []

    def run(plan: wp.Plan) -> Iterator[Finding]:
        threads.append(threading.current_thread().name)
        yield from ()

    registry.append(_EntryPoint("where", lambda: _rule("ZZ110", run)))
    wp.check(PLAN, plugins=True)
    assert threads == ["workplan-rule-ZZ110"]
    from workplan.checks import _check

    seen: list[str] = []
    real = _check._run_contained
    try:
        _check._run_contained = lambda selected, plan, timeout: (
            seen.append(selected.code)
            or real(  # type: ignore[assignment]
                selected, plan, timeout
            )
        )
        wp.check(PLAN)
    finally:
        _check._run_contained = real  # type: ignore[assignment]
    assert seen == ["ZZ110"]  # the built-in rules did not go through the worker


def test_the_default_time_budget_is_five_seconds_in_the_library_and_the_command_line() -> None:
    import inspect

    from workplan.checks import _check
    from workplan.cli._main import build_parser

    assert _check.DEFAULT_TIMEOUT == 5.0
    assert inspect.signature(wp.check).parameters["timeout"].default == 5.0
    assert build_parser().parse_args(["check", "x"]).timeout == 5.0
