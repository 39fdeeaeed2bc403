"""Graph rules (WP5xx): dependency cycles and dependencies on nothing."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Plan
from ._finding import Finding, Severity
from ._registry import rule


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle of ``depends_on`` edges once, starting at its smallest id, sorted."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from((source, target) for source, targets in edges.items() for target in targets)
    cycles = []
    for cycle in nx.simple_cycles(graph):
        smallest = cycle.index(min(cycle))
        cycles.append(cycle[smallest:] + cycle[:smallest])
    return sorted(cycles)


@rule("WP501", "dependency-cycle", Severity.ERROR)
def dependency_cycle(plan: Plan) -> Iterator[Finding]:
    """Dependencies go round in a circle, so none of the work in it can start first."""
    edges: dict[str, list[str]] = {}
    for dependency in plan.dependencies:
        if dependency.source in plan and dependency.target in plan:
            edges.setdefault(dependency.source, []).append(dependency.target)
    if not edges:
        return
    for cycle in _cycles(edges):
        loop = " → ".join([*cycle, cycle[0]])
        yield dependency_cycle.finding(cycle[0], f"dependency cycle: {loop}", zh=f"依赖关系成环：{loop}")


@rule("WP502", "dangling-dependency", Severity.ERROR)
def dangling_dependency(plan: Plan) -> Iterator[Finding]:
    """A dependency names a path or id that is not in the plan."""
    for dependency in plan.dependencies:
        for end in (dependency.source, dependency.target):
            if end not in plan:
                yield dangling_dependency.finding(
                    dependency.source if end == dependency.target else "",
                    f"dependency {dependency.source} → {dependency.target} names {end!r}, "
                    "which is not in the plan",
                    zh=f"依赖关系 {dependency.source} → {dependency.target} 所指的 {end!r} 不在本计划中",
                )
