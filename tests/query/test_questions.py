"""Graph questions: owner work, dependents, the chain from a goal to its owners, workload."""

from __future__ import annotations

import attrs
import pytest
from checks.plans import clean_plan

import workplan as wp
from workplan.query import QueryError, chain, dependents, owner_work, workload


def test_owner_work_with_inherited_measures() -> None:
    table = owner_work(clean_plan(), "市公安局")
    assert [(row["path"], row["role"], row["inherited"]) for row in table] == [
        ("g1/t1", "support", False),
        ("g1/t1/m1", "support", True),
        ("g1/t1/m2", "support", True),
        ("g2/t2", "lead", False),
        ("g2/t2/m1", "lead", True),
    ]
    assert [row["path"] for row in owner_work(clean_plan(), "o2", role="lead")] == ["g2/t2", "g2/t2/m1"]
    assert list(owner_work(clean_plan(), "o2").to_frame().columns) == [
        "path",
        "kind",
        "owner",
        "role",
        "inherited",
        "text",
    ]


def test_dependents_direct_and_transitive() -> None:
    plan = attrs.evolve(
        clean_plan(),
        dependencies=(
            wp.Dependency(source="g1/t1/m2", target="g1/t1/m1"),
            wp.Dependency(source="g2/t2/m1", target="g1/t1/m2"),
            wp.Dependency(source="g2/t2", target="g9/t9"),  # dangling: skipped
        ),
    )
    assert dependents(plan, "g1/t1/m1").paths() == ["g1/t1/m2", "g2/t2/m1"]
    assert dependents(plan, "g1/t1/m1", transitive=False).paths() == ["g1/t1/m2"]
    assert dependents(plan, "g2/t2/m1").paths() == []
    with pytest.raises(wp.NodeNotFoundError):
        dependents(plan, "g5")


def test_dependents_in_a_cycle_exclude_the_node_itself() -> None:
    plan = attrs.evolve(
        clean_plan(),
        dependencies=(
            wp.Dependency(source="g1/t1/m2", target="g1/t1/m1"),
            wp.Dependency(source="g1/t1/m1", target="g1/t1/m2"),
        ),
    )
    assert dependents(plan, "g1/t1/m1").paths() == ["g1/t1/m2"]


def test_chain_from_goal_to_owners() -> None:
    plan = clean_plan()
    rows = chain(plan, "g2").to_records()
    assert rows == [
        {
            "goal": "g2",
            "task": "g2/t2",
            "measure": "g2/t2/m1",
            "owner": "o2",
            "name": "长春市公安局",
            "role": "lead",
            "via": "task",
        }
    ]
    from checks.plans import edit_task

    unowned = chain(edit_task(plan, 1, 0, owners=()), "g2").to_records()
    assert [(row["name"], row["via"]) for row in unowned] == [("长春市教育局", "issuer")]
    with pytest.raises(QueryError, match="goal path"):
        chain(plan, "g1/t1")


def test_workload_across_goals() -> None:
    rows = workload(clean_plan()).to_records()
    assert [(row["owner"], row["goal"], row["tasks"], row["inherited"], row["leads"]) for row in rows] == [
        ("o1", "g1", 1, 2, 3),
        ("o2", "g1", 1, 2, 0),
        ("o2", "g2", 1, 1, 2),
    ]
    assert [row["goal"] for row in workload(clean_plan(), "体育局")] == ["g1"]
