"""The derived graph: one node per object, edges only between existing nodes."""

from __future__ import annotations

import networkx as nx
from hypothesis import given

from workplan.graph import build_graph, dependency_cycles, dependents, owners_of, work_of
from workplan.model import Dependency, Goal, Measure, OwnerRef, OwnerRole, Plan, Task
from workplan.testing import plans, synthetic_plan

EDGE_KINDS = {"contains", "targets", "owned_by", "drafts", "implements", "revises", "cites", "depends_on"}


@given(plans())
def test_one_node_per_model_object_and_only_known_edges(plan: Plan) -> None:
    graph = plan.graph
    ids = [node_id for node_id, _ in plan.walk()]
    assert sorted(graph.nodes) == sorted(ids)
    assert len(ids) == len(set(ids))
    for node_id, node in plan.walk():
        assert graph.nodes[node_id]["kind"] == type(node).__name__.lower()
    for source, target, kind in graph.edges(data="kind"):
        assert source in graph and target in graph
        assert kind in EDGE_KINDS
    assert graph.graph["dangling"] == []


def test_graph_is_cached() -> None:
    plan = synthetic_plan(200)
    assert plan.graph is plan.graph


def test_fast_edge_fill_equals_networkx_add_edges() -> None:
    plan = synthetic_plan(500)
    ours = build_graph(plan)
    theirs = nx.MultiDiGraph()
    theirs.add_nodes_from(ours.nodes(data=True))
    theirs.add_edges_from(ours.edges(data=True))  # keys assigned by networkx itself
    assert sorted(ours.edges(keys=True, data="kind")) == sorted(theirs.edges(keys=True, data="kind"))
    assert {n: dict(a) for n, a in ours.adj.items()} == {n: dict(a) for n, a in theirs.adj.items()}


def plan_with_dependencies(*pairs: tuple[str, str]) -> Plan:
    task = Task(
        number=1,
        title="t",
        measures=(
            Measure(text="a"),
            Measure(text="b", owners=(OwnerRef(owner="o2", role=OwnerRole.SUPPORT),)),
            Measure(text="c"),
        ),
        owners=(OwnerRef(owner="o1"),),
    )
    from workplan.model import Owner

    return Plan(
        title="p",
        goals=(Goal(number=1, title="g", tasks=(task,)),),
        owners=(Owner(id="o1", name="市教育局", aliases=("教育局",)), Owner(id="o2", name="市公安局")),
        dependencies=tuple(Dependency(source=s, target=t) for s, t in pairs),
    )


def test_owners_are_inherited_from_the_task() -> None:
    plan = plan_with_dependencies()
    assert [ref.owner for ref in owners_of(plan, "g1/t1/m1")] == ["o1"]
    assert [ref.owner for ref in owners_of(plan, "g1/t1/m2")] == ["o2"]
    assert {ref.owner for ref in owners_of(plan, "g1")} == {"o1", "o2"}


def test_work_of_an_owner_includes_inherited_measures() -> None:
    plan = plan_with_dependencies()
    assert work_of(plan, "教育局") == ["g1/t1", "g1/t1/m1", "g1/t1/m3"]
    assert work_of(plan, "市公安局", OwnerRole.SUPPORT) == ["g1/t1/m2"]
    assert work_of(plan, "市公安局", OwnerRole.LEAD) == []


def test_dependents_direct_and_transitive() -> None:
    plan = plan_with_dependencies(("g1/t1/m2", "g1/t1/m1"), ("g1/t1/m3", "g1/t1/m2"))
    assert dependents(plan, "g1/t1/m1") == ["g1/t1/m2", "g1/t1/m3"]
    assert dependents(plan, "g1/t1/m1", transitive=False) == ["g1/t1/m2"]
    assert dependents(plan, "g1/t1/m3") == []
    assert dependency_cycles(plan) == []


def test_dependency_cycles_are_found() -> None:
    plan = plan_with_dependencies(("g1/t1/m2", "g1/t1/m1"), ("g1/t1/m1", "g1/t1/m2"))
    assert dependency_cycles(plan) == [["g1/t1/m1", "g1/t1/m2"]]


def test_dangling_references_get_no_edge() -> None:
    plan = plan_with_dependencies(("g1/t1/m2", "g9/t9"))
    task = Task(number=1, title="t", owners=(OwnerRef(owner="o7"),))
    from attrs import evolve

    plan = evolve(plan, goals=(*plan.goals, Goal(number=2, title="h", tasks=(evolve(task, number=2),))))
    graph = plan.graph
    assert "o7" not in graph and "g9/t9" not in graph
    assert ("g2/t2", "o7") in graph.graph["dangling"]
    assert ("g1/t1/m2", "g9/t9") in graph.graph["dangling"]


@given(plans())
def test_owners_of_measures_and_targets_follow_the_inheritance_rule(plan: Plan) -> None:
    from workplan.model import effective_owners, path_to_target, walk_measures

    for path, task, measure in walk_measures(plan):
        assert owners_of(plan, path) == effective_owners(task, measure)
        for index in range(1, len(measure.targets) + 1):
            assert owners_of(plan, path_to_target(path, index)) == effective_owners(task, measure)
