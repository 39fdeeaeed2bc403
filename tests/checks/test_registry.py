"""Selecting and ignoring rules, config from pyproject.toml, and third-party plug-ins."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import workplan as wp
from workplan.checks import Finding, Rule, _registry, _shared, load_config, load_plugins, rule, select_rules

from .plans import BREAKERS, clean_plan


def codes(rules: list[Rule]) -> list[str]:
    return [found.code for found in rules if found.code.startswith("WP")]


def test_default_selection_leaves_out_off_by_default_rules() -> None:
    selected = codes(select_rules())
    assert "WP604" not in selected and "WP101" in selected


def test_select_and_ignore_by_prefix() -> None:
    assert codes(select_rules(["WP3"])) == ["WP301", "WP302", "WP303", "WP304", "WP305"]
    assert codes(select_rules(["WP3"], ["WP301", "WP305"])) == ["WP302", "WP303", "WP304"]
    assert "WP604" in codes(select_rules(["WP6"]))
    assert codes(select_rules("wp101")) == ["WP101"]  # a single string and lower case are fine


@pytest.mark.parametrize(("select", "ignore", "bad"), [(["WP9"], None, "WP9"), (None, ["WP3O1"], "WP3O1")])
def test_unknown_code_is_a_rule_error_naming_it(select: Any, ignore: Any, bad: str) -> None:
    with pytest.raises(wp.RuleError, match=bad) as raised:
        wp.check(clean_plan(), select=select, ignore=ignore)
    assert isinstance(raised.value, ValueError)


def test_ignore_wins_over_select() -> None:
    plan = BREAKERS["WP301"](clean_plan())
    assert not list(wp.check(plan, select=["WP301"], ignore=["WP3"]))


def test_a_rule_code_cannot_be_taken_twice() -> None:
    with pytest.raises(wp.RuleError, match="WP101"):

        @rule("WP101", "other", "error")
        def other(plan: wp.Plan) -> Iterator[Finding]:
            yield from ()


def test_invalid_rule_code() -> None:
    with pytest.raises(wp.RuleError, match="invalid rule code"):
        rule("X1", "bad", "info")


def test_config_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.workplan]\nselect = ["WP3"]\nignore = ["WP305"]\n', encoding="utf-8"
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    config = load_config(nested)
    assert config.select == ("WP3",) and config.ignore == ("WP305",)
    assert config.path == tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    "text",
    [
        '[tool.workplan]\nselect = ["WP3"]\n',
        '[ tool . "workplan" ]\nselect = ["WP3"]\n',
        'tool.workplan.select = ["WP3"]\n',
        '[tool]\nworkplan = { select = ["WP3"] }\n',
        '[tool]\nworkplan.select = ["WP3"]\n',
        '[project]\nname = "workplan-rules"\n\n[tool.workplan]\nselect = ["WP3"]\n',
    ],
)
def test_config_in_every_toml_spelling(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert load_config(tmp_path).select == ("WP3",)


def test_a_pyproject_that_names_workplan_only_elsewhere_configures_nothing(tmp_path: Path) -> None:
    text = '[project]\nname = "workplan-rules"\ndependencies = ["workplan"]\n[tool.hatch]\nworkplan_x = 1\n'
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    config = load_config(tmp_path)
    assert config.select is None and config.ignore == () and config.path == tmp_path / "pyproject.toml"


def test_config_without_table_and_with_a_bad_value(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(tmp_path).select is None
    (tmp_path / "pyproject.toml").write_text("[tool.workplan]\nignore = 3\n", encoding="utf-8")
    with pytest.raises(wp.RuleError, match="ignore"):
        load_config(tmp_path)


# -- plug-ins ---------------------------------------------------------------------


class _EntryPoint:
    def __init__(self, name: str, load: Any) -> None:
        self.name = name
        self._load = load

    def load(self) -> Any:
        return self._load()


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[_EntryPoint]]:
    import networkx  # noqa: F401  # networkx scans entry points on import; let it see the real ones

    entry_points: list[_EntryPoint] = []
    registered = dict(_registry._RULES)
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group: list(entry_points))
    monkeypatch.setattr(_registry, "_plugin_errors", None)
    yield entry_points
    _registry._RULES.clear()
    _registry._RULES.update(registered)
    _registry._plugin_errors = None


def _broken() -> Any:
    raise ImportError("No module named 'bureau_rules'")


def _good() -> Any:
    def run(plan: wp.Plan) -> Iterator[Finding]:
        for path, task in plan.nodes("task"):
            if task.key is None:
                yield keyless.finding(path, "task has no key")

    keyless = Rule(code="ZZ101", name="task-without-key", severity=wp.Severity.INFO, function=run)
    return [keyless]


def _crashing() -> Any:
    def run(plan: wp.Plan) -> Iterator[Finding]:
        raise RuntimeError("boom")

    return Rule(code="ZZ201", name="crashes", severity=wp.Severity.ERROR, function=run)


def test_plugins_load_and_a_broken_one_is_reported_by_name(plugins: list[_EntryPoint]) -> None:
    plugins.extend(
        [_EntryPoint("bureau", _broken), _EntryPoint("good", _good), _EntryPoint("bad", _crashing)]
    )
    plan = BREAKERS["WP301"](clean_plan())
    assert "ZZ101" not in {finding.code for finding in wp.check(plan)}  # entry points scanned only on request
    report = wp.check(plan, plugins=True)
    found = {finding.code for finding in report}
    assert {"WP301", "ZZ101", "WP001"} <= found
    failures = [finding.message for finding in report if finding.code == "WP001"]
    assert any("'bureau'" in message and "No module named 'bureau_rules'" in message for message in failures)
    assert any("ZZ201" in message and "RuntimeError: boom" in message for message in failures)
    assert load_plugins() == {"bureau": "ImportError: No module named 'bureau_rules'"}
    assert "ZZ101" in [found.code for found in select_rules(["ZZ"])]


def test_the_decorator_registers_a_rule(plugins: list[_EntryPoint]) -> None:
    @rule("ZZ301", "plan-without-issuer", "warning", default=False)
    def plan_without_issuer(plan: wp.Plan) -> Iterator[Finding]:
        """The plan names no issuer."""
        if plan.issuer is None:
            yield plan_without_issuer.finding("", "the plan names no issuer")

    assert isinstance(plan_without_issuer, Rule)
    assert plan_without_issuer.summary == "The plan names no issuer."
    plan = wp.Plan(title="x")
    assert not [f for f in wp.check(plan) if f.code == "ZZ301"]
    assert [f.code for f in wp.check(plan, select=["ZZ3"])] == ["ZZ301"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "WP601",
            [
                (
                    "g1/t1/m2",
                    "《长春市冰雪运动进校园实施方案》 is implemented as in force here "
                    "but drafted at g1/t1/m1",
                )
            ],
        ),
        ("WP602", [("g1/t1/m2", "《长春市冰雪运动进校园实施方案》 is drafted here and already at g1/t1/m1")]),
        ("WP603", [("g2/t2/m1", "document 'd9' is not in the plan's documents")]),
        ("WP604", [("d3", "《长春市智慧校园建设指南》 is referenced by no measure")]),
    ],
)
def test_document_findings_name_the_title_and_both_places(code: str, expected: list[tuple[str, str]]) -> None:
    plan = BREAKERS[code](clean_plan())
    assert [(finding.path, finding.message) for finding in wp.check(plan, select=[code])] == expected


def test_a_document_title_is_looked_up_by_id_and_the_first_entry_wins() -> None:
    from workplan.checks._documents import _Titles

    plan = attrs.evolve(
        clean_plan(),
        documents=(
            wp.Document(id="d1", title="first"),
            wp.Document(id="d1", title="second"),
            wp.Document(id="d2", title="other"),
        ),
    )
    title = _Titles(plan)
    assert (title("d1"), title("d2"), title("d9")) == ("《first》", "《other》", "d9")


def test_the_rules_share_one_walk_per_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    walk = _shared._walk

    def counted(plan: wp.Plan) -> _shared.Columns:
        calls.append(plan.title)
        return walk(plan)

    monkeypatch.setattr(_shared, "_walk", counted)
    plan = clean_plan()
    wp.check(plan, select=["ALL"])
    wp.check(plan)
    assert calls == [plan.title]


def test_a_finding_made_by_a_rule_equals_one_built_with_validation() -> None:
    built_in = next(found for found in select_rules(["WP101"]))
    span = wp.Span(start=1, end=4)
    made = built_in.finding("g1/t2", "a message", span)
    assert made == Finding(
        code="WP101",
        name="duplicate-id",
        severity=wp.Severity.ERROR,
        path="g1/t2",
        message="a message",
        span=span,
    )
    assert hash(made) == hash(attrs.evolve(made))
    with pytest.raises(TypeError):
        built_in.finding(3, "a message")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        built_in.finding("g1", "a message", (1, 4))  # type: ignore[arg-type]


def test_a_rule_with_a_bad_slug_still_gets_its_findings_validated() -> None:
    odd = Rule(code="XY901", name=7, severity=wp.Severity.INFO, function=lambda plan: iter(()))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        odd.finding("g1", "message")
