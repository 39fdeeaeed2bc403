"""`Plan`: one issuer's plan for one period, the root of the object graph."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, overload

import attrs
from attrs import validators as v

from .._errors import NodeNotFoundError
from ._memo import MemoKey, memo
from ._nodes import Dependency, Document, Goal, Measure, Owner, Target, Task
from ._paths import NodePath

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from ..query import Query

__all__ = ["Node", "NodeKind", "Plan"]

Node: TypeAlias = Goal | Task | Measure | Target | Owner | Document
"""Anything with an id in a plan."""

NodeKind = Literal["goal", "task", "measure", "target", "owner", "document"]
"""The ``kind`` of a node, as in the graph."""


def _tuple_of(kind: type) -> Any:
    return v.deep_iterable(v.instance_of(kind), v.instance_of(tuple))


@attrs.frozen(kw_only=True)
class Plan:
    """One issuer's work plan for one period.

    Goals hold tasks, tasks hold measures, measures hold targets; owners and
    documents sit in registries and are referenced by id. Everything is
    immutable: change a plan with `attrs.evolve`.
    """

    title: str = attrs.field(validator=v.instance_of(str))
    """The plan's title: 长春市教育局2020年工作要点."""
    issuer: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))
    """Who issued it: 长春市教育局 (the first of joint issuers)."""
    issuers: tuple[str, ...] = attrs.field(default=(), validator=_tuple_of(str))
    """Every issuing body of a joint plan, in the order printed: (中共安徽省委教育工委, 安徽省教育厅)."""
    year: int | None = attrs.field(default=None, validator=v.optional(v.instance_of(int)))
    """The year the plan covers; measures without a deadline are due within it."""
    issued: dt.date | None = attrs.field(default=None, validator=v.optional(v.instance_of(dt.date)))
    """The date it was issued, where known."""
    doc_number: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))
    """The notice's document number, such as 吉教发[2015]1号."""
    preamble: str = attrs.field(default="", validator=v.instance_of(str))
    """The general approach (总体思路/总体要求) before the first goal."""
    goals: tuple[Goal, ...] = attrs.field(default=(), validator=_tuple_of(Goal))
    """Top-level priorities, in order."""
    owners: tuple[Owner, ...] = attrs.field(default=(), validator=_tuple_of(Owner))
    """Registry of organisations that goals, tasks and measures refer to by id."""
    documents: tuple[Document, ...] = attrs.field(default=(), validator=_tuple_of(Document))
    """Registry of policy documents that measures refer to by id."""
    dependencies: tuple[Dependency, ...] = attrs.field(default=(), validator=_tuple_of(Dependency))
    """Explicit edges between items, by path or registry id."""
    source: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))
    """The original text the plan was parsed from; spans point into it."""
    _cache: dict[str, Any] = attrs.field(
        factory=dict, init=False, repr=False, eq=False, hash=False, alias="_cache"
    )
    """Derived indexes, by `MemoKey`; fill it only through `workplan.model.memo`."""

    # -- traversal -----------------------------------------------------------

    def walk(self) -> Iterator[tuple[str, Node]]:
        """Every node with its id, in document order; then owners, then documents.

        For one kind of node with its parent, see `walk_goals`, `walk_tasks`,
        `walk_measures` and `walk_targets`.
        """
        for goal in self.goals:
            goal_path = f"g{goal.number}"
            yield goal_path, goal
            for task in goal.tasks:
                task_path = f"{goal_path}/t{task.number}"
                yield task_path, task
                for m_index, measure in enumerate(task.measures, 1):
                    measure_path = f"{task_path}/m{m_index}"
                    yield measure_path, measure
                    for q_index, target in enumerate(measure.targets, 1):
                        yield f"{measure_path}/q{q_index}", target
        for owner in self.owners:
            yield owner.id, owner
        for document in self.documents:
            yield document.id, document

    @overload
    def nodes(self, kind: Literal["goal"]) -> Iterator[tuple[str, Goal]]: ...
    @overload
    def nodes(self, kind: Literal["task"]) -> Iterator[tuple[str, Task]]: ...
    @overload
    def nodes(self, kind: Literal["measure"]) -> Iterator[tuple[str, Measure]]: ...
    @overload
    def nodes(self, kind: Literal["target"]) -> Iterator[tuple[str, Target]]: ...
    @overload
    def nodes(self, kind: Literal["owner"]) -> Iterator[tuple[str, Owner]]: ...
    @overload
    def nodes(self, kind: Literal["document"]) -> Iterator[tuple[str, Document]]: ...
    @overload
    def nodes(self, kind: None = None) -> Iterator[tuple[str, Node]]: ...

    def nodes(self, kind: NodeKind | None = None) -> Iterator[tuple[str, Any]]:
        """Nodes of one kind (or all) with their ids, in document order."""
        wanted = _KIND_CLASS[kind] if kind is not None else None
        for node_id, node in self.walk():
            if wanted is None or isinstance(node, wanted):
                yield node_id, node

    def _index(self) -> dict[str, Node]:
        index: dict[str, Node] | None = self._cache.get(
            _NODES_BY_ID
        )  # memo()'s hit, inlined: get and `in` are hot
        return index if index is not None else memo(self, _NODES_BY_ID, _build_index)

    def get(self, node_id: str | NodePath) -> Node:
        """The node with this path id (``g2/t7/m3``) or registry id (``o4``, ``d12``).

        Raises `PathSyntaxError` for a malformed id and `NodeNotFoundError`
        when nothing has it.
        """
        key = str(node_id)
        found = self._index().get(key)
        if found is None:
            if not key.startswith(("o", "d")):
                NodePath.parse(key)  # raises for a malformed id
            raise NodeNotFoundError(key)
        return found

    def __contains__(self, node_id: object) -> bool:
        return isinstance(node_id, str | NodePath) and str(node_id) in self._index()

    def owner(self, name_or_id: str) -> Owner:
        """The owner with this registry id, canonical name or alias."""
        try:
            return memo(self, _OWNERS_BY_NAME, _build_owners_by_name)[name_or_id]
        except KeyError:
            raise NodeNotFoundError(name_or_id) from None

    def document(self, title_or_id: str) -> Document:
        """The document with this registry id or title (with or without 《》)."""
        title = title_or_id.strip("《》")
        for document in self.documents:
            if title_or_id in (document.id, document.title) or document.title == title:
                return document
        raise NodeNotFoundError(title_or_id)

    # -- derived views -------------------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The plan as a `networkx.MultiDiGraph`, built on first use and cached.

        See `workplan.graph` for its nodes, edges and helpers.
        """
        return memo(self, _GRAPH, _build_graph)

    def query(self) -> Query:
        """A `workplan.query.Query` over every node of the plan, to narrow with chained filters."""
        from ..query import Query

        return Query.of(self)

    def to_frame(self, kind: str) -> pd.DataFrame:
        """Goals, tasks, measures, targets, owners or documents as a DataFrame (the ``pandas`` extra)."""
        from .._views._frames import plan_frame

        return plan_frame(self, kind)

    def _repr_html_(self) -> str:
        from .._views._html import plan_html

        return plan_html(self)

    def counts(self) -> dict[str, int]:
        """How many goals, tasks, measures, targets, owners and documents the plan has."""
        counts = dict.fromkeys(_KIND_CLASS, 0)
        for _, node in self.walk():
            counts[_CLASS_KIND[type(node)]] += 1
        return counts


_NODES_BY_ID: MemoKey[dict[str, Node]] = MemoKey("model.nodes_by_id")
_OWNERS_BY_NAME: MemoKey[dict[str, Owner]] = MemoKey("model.owners_by_name")
_GRAPH: MemoKey[nx.MultiDiGraph[str]] = MemoKey("model.graph")


def _build_index(plan: Plan) -> dict[str, Node]:
    index: dict[str, Node] = {}
    for node_id, node in plan.walk():
        index.setdefault(node_id, node)  # the first of duplicates wins; check() reports them
    return index


def _build_owners_by_name(plan: Plan) -> dict[str, Owner]:
    by_name: dict[str, Owner] = {}
    for owner in plan.owners:
        for name in (owner.id, owner.name, *owner.aliases):
            by_name.setdefault(name, owner)
    return by_name


def _build_graph(plan: Plan) -> nx.MultiDiGraph[str]:
    from ..graph import build_graph

    return build_graph(plan)


_KIND_CLASS: dict[str, type] = {
    "goal": Goal,
    "task": Task,
    "measure": Measure,
    "target": Target,
    "owner": Owner,
    "document": Document,
}
_CLASS_KIND: dict[type, str] = {cls: kind for kind, cls in _KIND_CLASS.items()}


def kind_of(node: object) -> str:
    """``goal``, ``task``, ``measure``, ``target``, ``owner`` or ``document``."""
    return _CLASS_KIND[type(node)]
