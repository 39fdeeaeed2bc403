"""`Query`: select typed nodes of a plan and chain filters on them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

import attrs

from .._errors import NodeNotFoundError, QueryError
from ..model import (
    Document,
    DocumentRelation,
    Goal,
    Measure,
    Owner,
    OwnerRole,
    Plan,
    Qualifier,
    Target,
    TargetKind,
    Task,
)
from ._index import (
    Match,
    all_matches,
    due_index,
    effective_owners,
    kind_matches,
    owner_index,
    owner_matches,
    selection_kinds,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KINDS", "Query", "QueryError", "resolve_owners"]

KINDS: tuple[str, ...] = ("goal", "task", "measure", "target", "owner", "document")
"""The node kinds a query selects, in the order `Plan.walk` yields them."""


def _enum(kind: type[Any], value: Any, what: str) -> Any:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise QueryError(f"unknown {what} {value!r}; expected one of: {choices}") from None


def _date(plan: Plan, value: dt.date | str) -> dt.date:
    """A date from a `datetime.date`, ``YYYY-MM-DD``, or ``MM-DD`` in the plan's year."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{1,2}-\d{1,2}", text):
            if plan.year is None:
                raise QueryError(f"date {text!r} has no year and the plan has none either")
            month, day = (int(part) for part in text.split("-"))
            return dt.date(plan.year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"invalid date {text!r}; expected YYYY-MM-DD or MM-DD") from None


def resolve_owners(plan: Plan, owner: str) -> list[Owner]:
    """The owners that ``owner`` names: an id, a canonical name or an alias, else a part of one.

    An exact id, name or alias gives that owner alone; otherwise every owner
    whose name or an alias contains ``owner`` (``公安局`` finds ``市公安局``).
    Raise `NodeNotFoundError` when nothing matches.
    """
    try:
        return [plan.owner(owner)]
    except NodeNotFoundError:
        pass
    found = [
        candidate
        for candidate in plan.owners
        if owner and any(owner in name for name in (candidate.name, *candidate.aliases))
    ]
    if not found:
        raise NodeNotFoundError(f"owner {owner}")
    return found


def _text_of(node: object) -> str:
    if isinstance(node, Goal | Task):
        return node.title
    if isinstance(node, Measure):
        return node.text
    if isinstance(node, Target):
        return node.text or node.metric
    if isinstance(node, Owner):
        return node.name
    if isinstance(node, Document):
        return node.title
    return ""


def _searchable(node: object) -> tuple[str, ...]:
    if isinstance(node, Target):
        return (node.text, node.metric)
    if isinstance(node, Owner):
        return (node.name, *node.aliases)
    return (_text_of(node),)


def _target_matches(
    target: Target,
    units: frozenset[str] | None,
    kind: TargetKind | None,
    qualifier: Qualifier | None,
    low: Decimal | None,
    high: Decimal | None,
) -> bool:
    return (
        (units is None or target.unit in units)
        and (kind is None or target.kind is kind)
        and (qualifier is None or target.qualifier is qualifier)
        and (low is None or target.value >= low)
        and (high is None or target.value <= high)
    )


@attrs.frozen(kw_only=True)
class Query:
    """Selected nodes of a plan, in document order; every filter returns a new `Query`.

    Start from `Plan.query` (everything), narrow by kind, then chain filters:

    ```python
    plan.query().measures().owned_by("公安局").text("冰雪").due_before("2020-06-30")
    ```

    Iterating gives `Match` tuples ``(path, node, kind)``; `nodes`, `paths`,
    `to_records` and `to_frame` give other views of the same selection.
    """

    plan: Plan
    """The plan the nodes belong to."""
    matches: tuple[Match, ...]
    """The selected nodes with their paths, in document order."""

    @classmethod
    def of(cls, plan: Plan) -> Query:
        """Every node of ``plan``: goals, tasks, measures and targets in order, then owners and documents."""
        return cls(plan=plan, matches=all_matches(plan))

    # -- the selection as a sequence ----------------------------------------

    def __iter__(self) -> Iterator[Match]:
        return iter(self.matches)

    def __len__(self) -> int:
        return len(self.matches)

    def __bool__(self) -> bool:
        return bool(self.matches)

    @overload
    def __getitem__(self, index: int) -> Match: ...
    @overload
    def __getitem__(self, index: slice) -> Query: ...
    def __getitem__(self, index: int | slice) -> Match | Query:
        if isinstance(index, slice):
            return attrs.evolve(self, matches=self.matches[index])
        return self.matches[index]

    def __repr__(self) -> str:
        return f"<Query {len(self.matches)} nodes of {self.plan.title!r}>"

    def paths(self) -> list[str]:
        """The path ids (registry ids for owners and documents) of the selection."""
        return [match.path for match in self.matches]

    def nodes(self) -> list[Any]:
        """The model objects of the selection."""
        return [match.node for match in self.matches]

    def first(self) -> Match | None:
        """The first match, or None when nothing is selected."""
        return self.matches[0] if self.matches else None

    def where(self, predicate: Callable[[Match], bool]) -> Query:
        """Keep the matches for which ``predicate(match)`` is true."""
        return attrs.evolve(self, matches=tuple(match for match in self.matches if predicate(match)))

    def _keep_paths(self, paths: set[str] | frozenset[str]) -> Query:
        return attrs.evolve(self, matches=tuple(match for match in self.matches if match.path in paths))

    # -- by kind -------------------------------------------------------------

    def kind(self, *kinds: str) -> Query:
        """Keep nodes of these kinds: goal, task, measure, target, owner, document."""
        for kind in kinds:
            if kind not in KINDS:
                raise QueryError(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
        wanted = frozenset(kinds)
        base = selection_kinds(self.plan, self.matches)
        if base is not None:  # a whole-kind selection: the cached tuple, no pass over the nodes
            return attrs.evolve(self, matches=kind_matches(self.plan, base & wanted))
        return attrs.evolve(self, matches=tuple(match for match in self.matches if match.kind in wanted))

    def goals(self) -> Query:
        """Keep goals."""
        return self.kind("goal")

    def tasks(self) -> Query:
        """Keep tasks."""
        return self.kind("task")

    def measures(self) -> Query:
        """Keep measures."""
        return self.kind("measure")

    def targets(
        self,
        *,
        unit: str | Iterable[str] | None = None,
        kind: TargetKind | str | None = None,
        qualifier: Qualifier | str | None = None,
        min_value: Decimal | int | str | None = None,
        max_value: Decimal | int | str | None = None,
    ) -> Query:
        """Keep targets, optionally only those that pass `where_target` with the same arguments."""
        return self.kind("target").where_target(
            unit=unit, kind=kind, qualifier=qualifier, min_value=min_value, max_value=max_value
        )

    def owners(self) -> Query:
        """Keep owners (the registry entries)."""
        return self.kind("owner")

    def documents(self, *, relation: DocumentRelation | str | None = None) -> Query:
        """Keep documents; with ``relation``, only those some measure references that way."""
        selected = self.kind("document")
        return selected if relation is None else selected.related(relation)

    # -- filters -------------------------------------------------------------

    def owned_by(self, owner: str, role: OwnerRole | str | None = None) -> Query:
        """Keep what ``owner`` (id, name, alias or part of a name) works on, in ``role`` if given.

        Measures that name no owner inherit their task's owners; targets have
        their measure's. A task or goal is kept when it or any of its measures
        is the owner's; a document when one of the owner's measures references
        it; an owner when it is the one named.
        """
        wanted_role = None if role is None else _enum(OwnerRole, role, "role")
        owners = resolve_owners(self.plan, owner)
        kinds = selection_kinds(self.plan, self.matches)
        if kinds is not None and len(owners) == 1:  # start from the index: no pass over the plan's nodes
            return attrs.evolve(self, matches=owner_matches(self.plan, owners[0].id, wanted_role, kinds))
        index = owner_index(self.plan).paths
        paths: set[str] = set()
        for found in owners:
            paths |= index.get((found.id, wanted_role), {found.id} if wanted_role is None else set())
        return self._keep_paths(paths)

    def text(self, pattern: str, *, regex: bool = False, ignore_case: bool = False) -> Query:
        """Keep nodes whose wording contains ``pattern`` (or matches it as a regular expression).

        Goals and tasks are searched by title, measures and targets by text
        (targets also by metric), owners by name and aliases, documents by title.
        """
        if regex:
            try:
                compiled = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
            except re.error as error:
                raise QueryError(f"invalid regular expression {pattern!r}: {error}") from None

            def found(text: str) -> bool:
                return compiled.search(text) is not None
        elif ignore_case:
            folded = pattern.casefold()

            def found(text: str) -> bool:
                return folded in text.casefold()
        else:

            def found(text: str) -> bool:
                return pattern in text

        return self.where(lambda match: any(found(text) for text in _searchable(match.node)))

    def under(self, path: str) -> Query:
        """Keep the goal or task at ``path`` and everything inside it (``g2``, ``g2/t7``)."""
        if path not in self.plan:
            self.plan.get(path)  # raises PathSyntaxError or NodeNotFoundError
        prefix = path + "/"
        return self.where(lambda match: match.path == path or match.path.startswith(prefix))

    def due_between(self, start: dt.date | str | None = None, end: dt.date | str | None = None) -> Query:
        """Keep goals, tasks, measures and targets due (by their last day) within ``[start, end]``.

        Work without a dated deadline is due by the end of its task's deadline,
        else the plan's year. Dates are `datetime.date`, ``YYYY-MM-DD`` or
        ``MM-DD`` (in the plan's year).
        """
        low = None if start is None else _date(self.plan, start)
        high = None if end is None else _date(self.plan, end)
        due = due_index(self.plan)

        def within(match: Match) -> bool:
            found = due.get(match.path)
            if found is None or found[1] is None:
                return False
            return (low is None or found[1] >= low) and (high is None or found[1] <= high)

        return self.where(within)

    def due_before(self, date: dt.date | str) -> Query:
        """Keep work due on or before ``date``; see `due_between`."""
        return self.due_between(None, date)

    def due_after(self, date: dt.date | str) -> Query:
        """Keep work due on or after ``date``; see `due_between`."""
        return self.due_between(date, None)

    def where_target(
        self,
        *,
        unit: str | Iterable[str] | None = None,
        kind: TargetKind | str | None = None,
        qualifier: Qualifier | str | None = None,
        min_value: Decimal | int | str | None = None,
        max_value: Decimal | int | str | None = None,
    ) -> Query:
        """Keep targets that match, and measures, tasks and goals holding a target that matches.

        ``unit`` is one unit or several; the value range is inclusive.
        """
        units = None if unit is None else frozenset((unit,) if isinstance(unit, str) else unit)
        wanted_kind = None if kind is None else _enum(TargetKind, kind, "target kind")
        wanted_qualifier = None if qualifier is None else _enum(Qualifier, qualifier, "qualifier")
        low = None if min_value is None else Decimal(min_value)
        high = None if max_value is None else Decimal(max_value)

        def holds(node: object) -> bool:
            if isinstance(node, Target):
                return _target_matches(node, units, wanted_kind, wanted_qualifier, low, high)
            if isinstance(node, Measure):
                return any(holds(target) for target in node.targets)
            if isinstance(node, Task):
                return any(holds(measure) for measure in node.measures)
            if isinstance(node, Goal):
                return any(holds(task) for task in node.tasks)
            return False

        return self.where(lambda match: holds(match.node))

    def related(self, relation: DocumentRelation | str) -> Query:
        """Keep documents some measure references with ``relation``, and measures that reference one so.

        Relations are drafts, implements, revises and cites.
        """
        wanted = _enum(DocumentRelation, relation, "document relation")
        documents = {
            ref.document
            for _, measure in self.plan.nodes("measure")
            for ref in measure.documents
            if ref.relation is wanted
        }

        def keeps(match: Match) -> bool:
            if isinstance(match.node, Document):
                return match.path in documents
            if isinstance(match.node, Measure):
                return any(ref.relation is wanted for ref in match.node.documents)
            return False

        return self.where(keeps)

    # -- output --------------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per match: path, kind, text, owners, due date and deadline wording.

        Targets add metric, value, unit, target_kind and qualifier; owners add
        aliases; documents add the relations measures use. Needs no optional
        dependency.
        """
        plan = self.plan
        names = {owner.id: owner.name for owner in plan.owners}
        due = due_index(plan) if any(match.kind in ("task", "measure", "target") for match in self) else {}
        records: list[dict[str, Any]] = []
        relations: dict[str, set[str]] | None = None
        for path, node, kind in self.matches:
            record: dict[str, Any] = {"path": path, "kind": kind, "text": _text_of(node)}
            if kind in ("task", "measure", "target"):
                record["owners"] = "、".join(
                    names.get(ref.owner, ref.owner) for ref in effective_owners(plan, path)
                )
                _, end, wording = due.get(path, (None, None, ""))
                record["due"] = end.isoformat() if end is not None else None
                record["deadline"] = wording
            if isinstance(node, Target):
                record.update(
                    metric=node.metric,
                    value=node.value,
                    unit=node.unit,
                    target_kind=node.kind.value,
                    qualifier=node.qualifier.value,
                )
            elif isinstance(node, Owner):
                record["aliases"] = "、".join(node.aliases)
            elif isinstance(node, Document):
                if relations is None:
                    relations = {}
                    for _, measure in plan.nodes("measure"):
                        for ref in measure.documents:
                            relations.setdefault(ref.document, set()).add(ref.relation.value)
                record["relations"] = ",".join(sorted(relations.get(path, ())))
            records.append(record)
        return records

    def to_frame(self) -> pd.DataFrame:
        """The records as a `pandas.DataFrame` (needs the ``pandas`` extra); values become floats."""
        from .._views._tables import records_to_frame

        return records_to_frame(self.to_records())

    def to_json(self, *, indent: int | None = 2) -> str:
        """The records as a JSON array; values are decimal strings."""
        from .._views._tables import records_to_json

        return records_to_json(self.to_records(), indent=indent)
