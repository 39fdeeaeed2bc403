"""The check machinery's contract, pinned where the mutation run (issue 12) found it unguarded.

Config errors name the file, reports keep every field of a finding, contained rules are
named, daemonic and stopped on time, rule registration keeps its defaults, and WP002 parses
a plan at most once.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import workplan as wp
from workplan.checks import Finding, Rule, _registry, load_config, rule, select_rules, smart
from workplan.io import dumps, loads

from .plans import BREAKERS, clean_plan, edit_task

# --- [tool.workplan] in pyproject.toml -------------------------------------------------------------


def _pyproject(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(body, "utf-8")
    return path


def test_a_single_code_string_is_a_one_code_list(tmp_path: Path) -> None:
    path = _pyproject(tmp_path, '[tool.workplan]\nselect = "WP1"\nignore = "WP101"\n')
    config = load_config(path)
    assert (config.select, config.ignore, config.path) == (("WP1",), ("WP101",), path)


@pytest.mark.parametrize(
    "body",
    [
        "[tool.workplan]\nselect = [\n",  # not TOML
        "[tool]\nworkplan = 3\n",  # not a table
        "[tool.workplan]\nselect = [1]\n",
        "[tool.workplan]\nignore = [1, 2]\n",
        "[tool.workplan]\nselect = {a = 1}\n",
        '[tool.workplan\nselect = ["WP1"]\n',  # a header missing its bracket
    ],
    ids=["bad-toml", "not-a-table", "select-numbers", "ignore-numbers", "select-table", "broken-header"],
)
def test_a_bad_config_is_a_rule_error_naming_the_file(tmp_path: Path, body: str) -> None:
    path = _pyproject(tmp_path, body)
    with pytest.raises(wp.RuleError) as raised:
        load_config(path)
    assert str(path) in str(raised.value)


def test_a_missing_config_file_is_a_rule_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "pyproject.toml"
    with pytest.raises(wp.RuleError) as raised:
        load_config(missing)
    assert str(missing) in str(raised.value)


# --- Finding and Report -------------------------------------------------------------------------------


def test_a_plan_wide_finding_prints_without_a_path() -> None:
    finding = Finding(code="WP001", name="plugin-failed", severity=wp.Severity.WARNING, path="", message="m")
    assert str(finding).startswith("WP001 [warning]")
    placed = Finding(code="WP301", name="n", severity=wp.Severity.ERROR, path="g1/t2", message="m")
    assert str(placed).startswith("g1/t2: WP301 [error]")


COLUMNS = ["code", "name", "severity", "path", "message", "line", "start", "end"]


def _report() -> wp.Report:
    return wp.check(BREAKERS["WP301"](clean_plan()))


def test_records_keep_every_field_and_the_span() -> None:
    report = _report()
    placed = [finding for finding in report if finding.span is not None]
    assert placed
    records = {(record["code"], record["path"]): record for record in report.to_records()}
    for finding in placed:
        record = records[(finding.code, finding.path)]
        assert record["message"] == finding.message
        assert (record["start"], record["end"]) == (finding.span.start, finding.span.end)  # type: ignore[union-attr]
        assert record["line"] == report.line_of(finding)
        assert report.source is not None
        assert record["line"] == report.source.count("\n", 0, finding.span.start) + 1  # type: ignore[union-attr]


def test_records_of_unplaced_findings_have_no_offsets() -> None:
    finding = Finding(code="WP001", name="plugin-failed", severity=wp.Severity.WARNING, path="", message="m")
    report = wp.Report(findings=(finding,), rules=("WP001",), source="x")
    [record] = report.to_records()
    expected = {
        "code": "WP001",
        "name": "plugin-failed",
        "severity": "warning",
        "path": "",
        "message": "m",
        "line": None,
        "start": None,
        "end": None,
    }
    assert {key: record[key] for key in expected} == expected


def test_codes_counts_repeated_findings() -> None:
    made = [
        Finding(code=code, name="n", severity=wp.Severity.INFO, path=str(i), message="m")
        for i, code in enumerate(["WP2", "WP1", "WP2", "WP2"])
    ]
    report = wp.Report(findings=tuple(made), rules=("WP1", "WP2"))
    assert report.codes() == {"WP1": 1, "WP2": 3}


def test_to_json_indents_by_two_unless_told() -> None:
    report = _report()
    text = report.to_json()
    assert json.loads(text) == report.to_records()
    assert text == json.dumps(report.to_records(), ensure_ascii=False, indent=2)
    assert "\n" not in report.to_json(indent=None)


def test_to_frame_has_the_documented_columns() -> None:
    pytest.importorskip("pandas")
    frame = _report().to_frame()
    assert [column for column in frame.columns if column in COLUMNS] == COLUMNS


def test_format_text_can_leave_out_the_source() -> None:
    report = _report()
    assert any(finding.span is not None for finding in report)
    with_source = report.format_text(show_source=True)
    without = report.format_text(show_source=False)
    assert with_source != without
    assert len(without.splitlines()) < len(with_source.splitlines())


# --- the registry ---------------------------------------------------------------------------------------


@pytest.fixture
def registry() -> Iterator[None]:
    _registry.all_rules()
    registered = dict(_registry._RULES)
    yield
    _registry._RULES.clear()
    _registry._RULES.update(registered)


def test_a_rule_runs_by_default_unless_told_and_has_its_docstring_summary(registry: None) -> None:
    @rule("ZZ201", "on", "info")
    def on(plan: wp.Plan) -> Iterator[Finding]:
        """First line.

        More.
        """
        yield from ()

    @rule("ZZ202", "off", wp.Severity.WARNING, default=False)
    def off(plan: wp.Plan) -> Iterator[Finding]:
        yield from ()

    default = [found.code for found in select_rules()]
    assert "ZZ201" in default and "ZZ202" not in default
    assert [found.code for found in select_rules(["ZZ2"])] == ["ZZ201", "ZZ202"]
    assert (on.default, on.summary, on.severity) == (True, "First line.", wp.Severity.INFO)
    assert (off.default, off.summary, off.severity) == (False, "", wp.Severity.WARNING)


def test_registering_the_same_function_again_is_allowed(registry: None) -> None:
    def make() -> Rule:
        @rule("ZZ203", "again", "info")
        def again(plan: wp.Plan) -> Iterator[Finding]:
            yield from ()

        return again

    first = make()
    second = make()  # a module reloaded: the same qualname in the same module
    assert first.code == second.code == "ZZ203"
    assert _registry._RULES["ZZ203"] is second


def test_a_code_taken_by_a_function_of_the_same_name_elsewhere_is_refused(registry: None) -> None:
    @rule("ZZ204", "here", "info")
    def clash(plan: wp.Plan) -> Iterator[Finding]:
        yield from ()

    def elsewhere(plan: wp.Plan) -> Iterator[Finding]:
        yield from ()

    elsewhere.__qualname__ = clash.function.__qualname__
    elsewhere.__module__ = "someone.else"
    with pytest.raises(wp.RuleError, match="ZZ204"):
        rule("ZZ204", "there", "info")(elsewhere)


def test_a_plugin_cannot_take_a_built_in_code_even_before_the_built_ins_load(
    registry: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workplan.checks as package

    monkeypatch.setattr(_registry, "_RULES", {})
    for name in ("_documents", "_graph", "_owners", "_parse", "_structure", "_targets", "_time"):
        monkeypatch.delitem(sys.modules, f"workplan.checks.{name}")  # as in a fresh process
        monkeypatch.delattr(package, name)

    def mine(plan: wp.Plan) -> Iterator[Finding]:
        yield from ()

    with pytest.raises(wp.RuleError, match="WP101"):
        rule("WP101", "mine", "error")(mine)
    assert "WP301" in _registry._RULES  # the built-ins registered first


# --- contained rules ------------------------------------------------------------------------------------


class Oddity:
    """Not a Finding."""


def _contained(code: str, function: Any) -> Rule:
    return Rule(code=code, name=f"rule-{code.lower()}", severity=wp.Severity.WARNING, function=function)


def _run(registered: Rule, timeout: float | None = 5.0) -> wp.Report:
    _registry._RULES[registered.code] = registered
    return wp.check(wp.Plan(title="x"), select=[registered.code], timeout=timeout)


def test_a_failing_contained_rule_is_a_plan_wide_plugin_failed_warning(registry: None) -> None:
    def crash(plan: wp.Plan) -> Iterator[Finding]:
        raise KeyError("boom")
        yield

    [failure] = _run(_contained("ZZ301", crash))
    assert (failure.code, failure.name, failure.severity, failure.path) == (
        "WP001",
        "plugin-failed",
        wp.Severity.WARNING,
        "",
    )
    assert "ZZ301" in failure.message


def test_non_findings_are_dropped_and_reported_once_with_their_type(registry: None) -> None:
    def odd(plan: wp.Plan) -> Iterator[Any]:
        yield Oddity()
        yield keep.finding("", "kept")
        yield Oddity()

    keep = _contained("ZZ302", odd)
    report = _run(keep)
    assert [finding.code for finding in report] == ["ZZ302", "WP001"]
    assert "Oddity" in report.findings[1].message


def test_a_rule_runs_in_a_named_daemon_thread(registry: None) -> None:
    seen: list[tuple[str, bool]] = []

    def where(plan: wp.Plan) -> Iterator[Finding]:
        seen.append((threading.current_thread().name, threading.current_thread().daemon))
        yield from ()

    assert not list(_run(_contained("ZZ303", where)))
    [(name, daemon)] = seen
    assert "ZZ303" in name and daemon is True


def test_a_stuck_rule_is_abandoned_after_its_budget(registry: None) -> None:
    release = threading.Event()

    def stuck(plan: wp.Plan) -> Iterator[Finding]:
        release.wait(30)
        yield from ()

    try:
        report = _run(_contained("ZZ304", stuck), timeout=0.05)
    finally:
        release.set()
    [failure] = report
    assert failure.code == "WP001" and "ZZ304" in failure.message and "0.05" in failure.message


def test_a_slow_rule_is_not_waited_for_past_its_budget(registry: None) -> None:
    def slow(plan: wp.Plan) -> Iterator[Finding]:
        time.sleep(0.4)  # past the budget, well within a second
        yield keep.finding("", "late")

    keep = _contained("ZZ305", slow)
    report = _run(keep, timeout=0.05)
    assert [finding.code for finding in report] == ["WP001"]


def test_without_a_budget_a_slow_rule_is_waited_for(registry: None) -> None:
    def slow(plan: wp.Plan) -> Iterator[Finding]:
        time.sleep(0.1)
        yield keep.finding("", "late")

    keep = _contained("ZZ306", slow)
    assert [finding.code for finding in _run(keep, timeout=None)] == ["ZZ306"]


# --- WP002 parses a plan at most once -------------------------------------------------------------------

PROSE = "长春市教育局工作要点\n一段没有编号的文字。\n再一段。\n"


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import workplan.parse

    calls: list[str] = []
    real = workplan.parse.parse_warnings

    def counted(text: str, **options: Any) -> Any:
        calls.append(text)
        return real(text, **options)

    monkeypatch.setattr(workplan.parse, "parse_warnings", counted)  # what WP002 reads for a loaded plan
    return calls


def test_a_parsed_plan_is_checked_without_parsing_again(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = wp.parse_text(PROSE)
    calls = _counting(monkeypatch)
    assert wp.check(plan, select=["WP002"]).codes() == {"WP002": 1}
    assert calls == []


def test_a_loaded_plan_is_parsed_once_however_often_it_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = loads(dumps(wp.parse_text(PROSE)))
    calls = _counting(monkeypatch)
    for _ in range(3):
        assert wp.check(plan, select=["WP002"]).codes() == {"WP002": 1}
    assert calls == [PROSE]


# --- selection by prefix --------------------------------------------------------------------------------


def test_all_selects_every_rule_in_any_case() -> None:
    every = [found.code for found in _registry.all_rules()]
    assert [found.code for found in select_rules(["all"])] == every
    assert [found.code for found in select_rules("ALL")] == every
    assert "WP604" in every  # off by default, still selected


def test_a_single_ignore_string_is_a_prefix() -> None:
    assert [found.code for found in select_rules(["WP1"], "wp10")] == []


@pytest.mark.parametrize("option", ["select", "ignore"])
def test_an_unknown_prefix_names_the_option_and_the_known_codes(option: str) -> None:
    with pytest.raises(wp.RuleError) as raised:
        select_rules(**{option: ["WP9"]})
    message = str(raised.value)
    assert "'WP9'" in message and re.search(rf"\b{option}\b", message)
    assert "WP101, WP102" in message


# --- entry-point plug-ins -------------------------------------------------------------------------------


class _EntryPoint:
    def __init__(self, name: str, value: object) -> None:
        self.name = name
        self.value = value

    def load(self) -> object:
        return self.value


@pytest.fixture
def entry_points(registry: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[_EntryPoint]]:
    import networkx  # noqa: F401  # networkx scans entry points on import; let it see the real ones

    found: list[_EntryPoint] = []
    monkeypatch.setattr(
        "importlib.metadata.entry_points", lambda group: list(found) if group == "workplan.rules" else []
    )
    monkeypatch.setattr(_registry, "_plugin_errors", None)
    yield found
    _registry._plugin_errors = None


def _noop(plan: wp.Plan) -> Iterator[Finding]:
    yield from ()


def test_a_plugin_list_may_hold_other_things_before_its_rules(entry_points: list[_EntryPoint]) -> None:
    entry_points.append(_EntryPoint("mixed", ["not a rule", _contained("ZZ401", _noop)]))
    assert _registry.load_plugins() == {}
    assert "ZZ401" in [found.code for found in _registry.all_rules()]


def test_a_plugin_claiming_a_built_in_code_is_disabled(entry_points: list[_EntryPoint]) -> None:
    entry_points.append(_EntryPoint("thief", [_contained("ZZ402", _noop), _contained("WP101", _noop)]))
    errors = _registry.load_plugins()
    assert list(errors) == ["thief"] and "WP101" in errors["thief"]
    codes = {found.code: found for found in _registry.all_rules()}
    assert "ZZ402" not in codes and codes["WP101"].function.__module__ == "workplan.checks._structure"


def test_reloading_the_same_plugin_rule_is_no_clash(entry_points: list[_EntryPoint]) -> None:
    entry_points.append(_EntryPoint("same", _contained("ZZ403", _noop)))
    assert _registry.load_plugins() == {}
    assert _registry.load_plugins(reload=True) == {}
    assert "ZZ403" in [found.code for found in _registry.all_rules()]


# --- the SMART summary ------------------------------------------------------------------------------------


def test_smart_says_where_the_deadline_comes_from_and_what_is_missing() -> None:
    plan = clean_plan()
    deadline = plan.goals[0].tasks[0].measures[0].deadline
    plan = edit_task(plan, 1, 0, deadline=deadline)
    rows = {row["path"]: row for row in smart(plan)}
    assert (rows["g1/t1"]["deadline_from"], rows["g1/t1"]["time_bound"]) == ("measure", True)
    assert (rows["g2/t2"]["deadline_from"], rows["g2/t2"]["time_bound"]) == ("task", True)
    yearless = attrs.evolve(edit_task(plan, 1, 0, deadline=None, owners=(), measures=()), year=None)
    yearless = edit_task(yearless, 0, 0, measures=plan.goals[0].tasks[0].measures[1:])
    rows = {row["path"]: row for row in smart(yearless)}
    assert smart(yearless).columns == (
        "path",
        "title",
        "specific",
        "measurable",
        "assignable",
        "time_bound",
        "deadline_from",
        "score",
        "missing",
    )
    bare = rows["g2/t2"]
    keys = ("deadline_from", "time_bound", "score", "missing")
    assert tuple(bare[key] for key in keys) == ("", False, 0, "SMAT")
    sport = rows["g1/t1"]
    assert tuple(sport[key] for key in keys) == ("", False, 2, "MT")


# --- the report of a check -------------------------------------------------------------------------------


def test_a_report_names_the_rules_run_and_the_plan() -> None:
    plan = clean_plan()
    report = wp.check(plan, select=["WP1"], ignore=["WP105"])
    assert report.rules == ("WP101", "WP102", "WP103", "WP104")
    assert (report.title, report.source) == (plan.title, plan.source)
    assert not report and not report.findings
    assert wp.check(BREAKERS["WP301"](plan), select=["WP301"])


def test_each_rule_is_timed_at_debug_level(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="workplan"):
        wp.check(clean_plan(), select=["WP10"])
    stages = [record.getMessage() for record in caplog.records if record.getMessage().startswith("check: ")]
    assert [stage.split(" ")[1:3] for stage in stages] == [
        ["WP101", "duplicate-id"],
        ["WP102", "goal-numbering"],
        ["WP103", "task-numbering"],
        ["WP104", "empty-goal"],
        ["WP105", "empty-task"],
    ]


def test_an_empty_report_still_has_its_columns() -> None:
    pytest.importorskip("pandas")
    frame = wp.Report(findings=(), rules=()).to_frame()
    assert [column for column in frame.columns if column in COLUMNS] == COLUMNS


def test_lines_count_a_newline_at_the_very_start() -> None:
    finding = Finding(
        code="WP001", name="n", severity=wp.Severity.INFO, path="", message="m", span=wp.Span(start=1, end=2)
    )
    assert wp.Report(findings=(finding,), rules=(), source="\nabc").line_of(finding) == 2


def test_a_report_shows_itself_in_a_notebook() -> None:
    html = _report()._repr_html_()
    assert "WP301" in html


# --- plug-ins load only when wanted ---------------------------------------------------------------------


@pytest.mark.parametrize("select", [["zz5"], "ZZ5", [" zz501 "]])
def test_selecting_an_unknown_code_loads_the_plugins_that_have_it(
    entry_points: list[_EntryPoint], select: Any
) -> None:
    def late(plan: wp.Plan) -> Iterator[Finding]:
        yield plugin.finding("", "from a plug-in")

    plugin = _contained("ZZ501", late)
    entry_points.append(_EntryPoint("late", plugin))
    assert [finding.code for finding in wp.check(wp.Plan(title="x"), select=select)] == ["ZZ501"]
    assert _registry.plugins_loaded()


@pytest.mark.parametrize("select", [None, ["WP1"], "wp101", ["ALL"], ["all"]])
def test_selecting_known_codes_leaves_the_entry_points_alone(
    entry_points: list[_EntryPoint], select: Any
) -> None:
    entry_points.append(_EntryPoint("late", _contained("ZZ502", _noop)))
    wp.check(clean_plan(), select=select)
    assert not _registry.plugins_loaded()


def test_without_the_gazetteer_file_name_variants_fall_back_to_the_heuristics(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workplan.checks import _owners

    monkeypatch.setattr(_owners, "_gazetteer_names", lambda: None)
    plan = wp.Plan(
        title="x", owners=(wp.Owner(id="o1", name="吉林省教育厅"), wp.Owner(id="o2", name="省教育厅"))
    )
    assert [finding.path for finding in wp.check(plan, select=["WP203"])] == ["o2"]
