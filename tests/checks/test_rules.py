"""Each rule fires on a plan built to trigger it, and on nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

import workplan as wp
from workplan.checks import Severity, all_rules

from .plans import BREAKERS, clean_plan

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_the_clean_plan_has_no_findings_even_with_every_rule() -> None:
    report = wp.check(clean_plan(), select=["WP"])
    assert list(report) == []
    assert report.ok


@pytest.mark.parametrize("code", sorted(BREAKERS))
def test_a_plan_built_to_break_a_rule_triggers_exactly_that_rule(code: str) -> None:
    plan = BREAKERS[code](clean_plan())
    report = wp.check(plan, select=["WP"])
    assert {finding.code for finding in report} == {code}, report.format_text()
    for finding in report:
        assert finding.message
        assert finding.path == "" or finding.path in plan or finding.code == "WP502"


def test_every_built_in_rule_has_a_breaking_plan() -> None:
    assert sorted(BREAKERS) == [rule.code for rule in all_rules() if rule.code.startswith("WP")]


def test_every_rule_has_a_docs_entry_with_an_example() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for rule in all_rules():
        if rule.code.startswith("WP"):
            assert f"### {rule.code} {rule.name}" in text, rule.code


def test_registry_is_sorted_and_codes_are_grouped_by_concern() -> None:
    # Only the built-in rules: other tests (and the docs examples) register their own codes.
    rules = [rule for rule in all_rules() if rule.code.startswith("WP")]
    codes = [rule.code for rule in rules]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    groups = {
        "0": "_parse",
        "1": "_structure",
        "2": "_owners",
        "3": "_targets",
        "4": "_time",
        "5": "_graph",
        "6": "_documents",
    }
    for rule in rules:
        assert rule.function.__module__.endswith(groups[rule.code[2]]), rule.code
        assert rule.summary
        assert rule.name == rule.name.lower() and " " not in rule.name


def test_severities_of_key_rules() -> None:
    by_code = {rule.code: rule for rule in all_rules()}
    assert by_code["WP201"].severity is Severity.INFO  # the issuer is the implicit owner
    assert by_code["WP305"].severity is Severity.INFO
    assert by_code["WP101"].severity is Severity.ERROR
    assert not by_code["WP604"].default


def test_numbering_restarting_in_each_goal_is_fine() -> None:
    import attrs

    from .plans import edit_task

    plan = edit_task(clean_plan(), 1, 0, number=1)
    assert not [f for f in wp.check(plan) if f.code == "WP103"]
    second = attrs.evolve(plan.goals[1].tasks[0], number=3)
    broken = attrs.evolve(
        plan, goals=(plan.goals[0], attrs.evolve(plan.goals[1], tasks=(*plan.goals[1].tasks, second)))
    )
    found = [f for f in wp.check(broken) if f.code == "WP103"]
    assert [(f.path, f.message) for f in found] == [("g2/t3", "task 2 is missing before task 3")]


def test_duplicate_numbers_are_reported_once_each() -> None:
    import attrs

    plan = clean_plan()
    plan = attrs.evolve(plan, goals=(plan.goals[0], attrs.evolve(plan.goals[1], number=1)), dependencies=())
    messages = [f.message for f in wp.check(plan, select=["WP102"])]
    assert messages == ["goal number 1 is used twice"]


def test_owner_variants_use_the_gazetteer_and_the_abbreviation_heuristic() -> None:
    import attrs

    plan = clean_plan()
    abbreviated = attrs.evolve(
        plan,
        owners=(*plan.owners, wp.Owner(id="o3", name="长春职业技术学院"), wp.Owner(id="o4", name="长职院")),
    )
    found = list(wp.check(abbreviated, select=["WP203"]))
    assert len(found) == 1
    assert "长职院" in found[0].message
    # 市教育局 and 区教育局 are two organisations: a different place, not a shortened one
    two = attrs.evolve(
        plan, owners=(*plan.owners, wp.Owner(id="o3", name="市教育局"), wp.Owner(id="o4", name="区教育局"))
    )
    assert not list(wp.check(two, select=["WP203"]))


def test_conflicting_targets_ignore_increases_that_add_up() -> None:
    from decimal import Decimal

    from .plans import _add_measure

    plan = clean_plan()
    more = wp.Measure(
        text="新增国家级冰雪特色校20所。",
        targets=(
            wp.Target(metric="国家级冰雪特色校", value=Decimal(20), unit="所", kind=wp.TargetKind.INCREASE),
        ),
    )
    assert not list(wp.check(_add_measure(plan, 0, 0, more), select=["WP304"]))


def test_plan_without_year_skips_the_period_rule() -> None:
    import attrs

    plan = attrs.evolve(BREAKERS["WP401"](clean_plan()), year=None)
    assert not list(wp.check(plan, select=["WP401"]))
