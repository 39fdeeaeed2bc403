"""The plan's building blocks: frozen, slotted, keyword-only attrs classes.

Constructors check local facts only (types, finite numbers, start <= end).
Facts that span objects (unique ids, references that resolve) are `check()`'s.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
from attrs import validators as v

from ._enums import DocumentRelation, OwnerRole, Qualifier, Recurrence, TargetKind

__all__ = [
    "Deadline",
    "Dependency",
    "Document",
    "DocumentRef",
    "Goal",
    "Measure",
    "Owner",
    "OwnerRef",
    "Span",
    "Target",
    "Task",
]


def _tuple_of(kind: type) -> v._DeepIterable:  # type: ignore[name-defined]
    return v.deep_iterable(v.instance_of(kind), v.instance_of(tuple))


_text = v.instance_of(str)
_optional_text = v.optional(v.instance_of(str))


@attrs.frozen(kw_only=True)
class Span:
    """Where an extracted item stands in the original source text: ``text[start:end]``."""

    start: int = attrs.field(validator=[v.instance_of(int), v.ge(0)])
    """Offset of the first character."""
    end: int = attrs.field(validator=v.instance_of(int))
    """Offset just past the last character."""

    @end.validator
    def _end_after_start(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value < self.start:
            raise ValueError(f"span end {value} is before its start {self.start}")


_span = v.optional(v.instance_of(Span))


def _extra_pairs(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value == ():
        return
    if not isinstance(value, tuple) or not all(
        isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(part, str) for part in pair)
        for pair in value
    ):
        raise TypeError(f"{attribute.name} must be a tuple of (column, text) pairs of str, got {value!r}")


def _finite(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not value.is_finite():
        raise ValueError(f"{attribute.name} must be a finite number, got {value}")


@attrs.frozen(kw_only=True)
class Target:
    """A quantified commitment: 新增国家级冰雪特色校80所."""

    metric: str = attrs.field(validator=_text)
    """What is counted or measured: 国家级冰雪特色校."""
    value: Decimal = attrs.field(validator=[v.instance_of(Decimal), _finite])
    """The number, exactly as promised (80, 0.5, 6.2)."""
    unit: str = attrs.field(default="", validator=_text)
    """所, 个, %, 万元; empty when the text gives none."""
    kind: TargetKind = attrs.field(default=TargetKind.LEVEL, validator=v.instance_of(TargetKind))
    """Whether the number is an increase, a level, a decrease, a rate or a ratio."""
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, validator=v.instance_of(Qualifier))
    """How firmly it is promised: exactly, about, at least, at most, or strive for."""
    text: str = attrs.field(default="", validator=_text)
    """The original wording of the target."""
    span: Span | None = attrs.field(default=None, validator=_span)
    """Where the wording stands in the source text."""


@attrs.frozen(kw_only=True)
class Deadline:
    """When work is due: a date, a period, a recurrence, and the original wording.

    A measure whose ``deadline`` is None is due within the plan's own year.
    """

    text: str = attrs.field(validator=_text)
    """The original wording: 年底前, 上半年, (2017-2035), 每学期."""
    start: dt.date | None = attrs.field(default=None, validator=v.optional(v.instance_of(dt.date)))
    """First day of the period, where known."""
    end: dt.date | None = attrs.field(default=None, validator=v.optional(v.instance_of(dt.date)))
    """Last day by which the work is due, where known."""
    recurrence: Recurrence | None = attrs.field(default=None, validator=v.optional(v.instance_of(Recurrence)))
    """How often recurring work is due, or None for one-off work."""
    span: Span | None = attrs.field(default=None, validator=_span)
    """Where the wording stands in the source text."""

    @end.validator
    def _end_after_start(self, attribute: attrs.Attribute[dt.date | None], value: dt.date | None) -> None:
        if value is not None and self.start is not None and value < self.start:
            raise ValueError(f"deadline ends ({value}) before it starts ({self.start})")


@attrs.frozen(kw_only=True)
class Owner:
    """An organisation in the plan's registry, with the other names it goes by."""

    id: str = attrs.field(validator=_text)
    """Registry id, ``o1``, ``o2``, ... unique in the plan."""
    name: str = attrs.field(validator=_text)
    """Canonical full name: 长春职业技术学院."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_tuple_of(str))
    """Other names seen or known: 长职院."""
    jurisdiction: str | None = attrs.field(default=None, validator=_optional_text)
    """Where it belongs: ``national``, a province, city or county name (苏州市), where known."""
    relative: bool = attrs.field(default=False, validator=v.instance_of(bool))
    """Whether the name is relative (市教育局) and its place could not be told from the issuer."""


@attrs.frozen(kw_only=True)
class OwnerRef:
    """An owner's part in a task or measure."""

    owner: str = attrs.field(validator=_text)
    """The registry id of the owner."""
    role: OwnerRole = attrs.field(default=OwnerRole.LEAD, validator=v.instance_of(OwnerRole))
    """Lead, support, partner or oversight."""
    text: str = attrs.field(default="", validator=_text)
    """The name exactly as written here (an alias, perhaps)."""
    span: Span | None = attrs.field(default=None, validator=_span)
    """Where the name stands in the source text."""


@attrs.frozen(kw_only=True)
class Document:
    """A policy document in the plan's registry."""

    id: str = attrs.field(validator=_text)
    """Registry id, ``d1``, ``d2``, ... unique in the plan."""
    title: str = attrs.field(validator=_text)
    """The title inside 《》, as written."""
    issuer: str | None = attrs.field(default=None, validator=_optional_text)
    """Who issued it, where the text says: 教育部, 国务院."""
    period: Deadline | None = attrs.field(default=None, validator=v.optional(v.instance_of(Deadline)))
    """The years it covers, from a range in or after its title: (2017-2035); never a deadline."""


@attrs.frozen(kw_only=True)
class DocumentRef:
    """What a measure does with a document."""

    document: str = attrs.field(validator=_text)
    """The registry id of the document."""
    relation: DocumentRelation = attrs.field(
        default=DocumentRelation.CITES, validator=v.instance_of(DocumentRelation)
    )
    """Drafts, implements, revises or cites."""
    text: str = attrs.field(default="", validator=_text)
    """The reference as written, verb included: 制定《…》."""
    span: Span | None = attrs.field(default=None, validator=_span)
    """Where the reference stands in the source text."""


@attrs.frozen(kw_only=True)
class Dependency:
    """An explicit typed edge: ``source`` needs ``target`` first."""

    source: str = attrs.field(validator=_text)
    """Path or registry id of the dependent item."""
    target: str = attrs.field(validator=_text)
    """Path or registry id of what it depends on."""
    kind: str = attrs.field(default="requires", validator=_text)
    """The nature of the dependency, free text: requires, follows."""
    text: str = attrs.field(default="", validator=_text)
    """Why, in the plan's words, where it says."""


@attrs.frozen(kw_only=True)
class Measure:
    """One concrete action, a clause or sentence inside a task."""

    text: str = attrs.field(validator=_text)
    """The original wording."""
    targets: tuple[Target, ...] = attrs.field(default=(), validator=_tuple_of(Target))
    """Quantified commitments stated in this measure."""
    owners: tuple[OwnerRef, ...] = attrs.field(default=(), validator=_tuple_of(OwnerRef))
    """Owners named for this measure; empty means the task's owners."""
    documents: tuple[DocumentRef, ...] = attrs.field(default=(), validator=_tuple_of(DocumentRef))
    """Documents this measure drafts, implements, revises or cites."""
    deadline: Deadline | None = attrs.field(default=None, validator=v.optional(v.instance_of(Deadline)))
    """When it is due; None means the task's deadline, else the plan's year."""
    extra: tuple[tuple[str, str], ...] = attrs.field(default=(), validator=_extra_pairs)
    """Cells of a table's other columns (备注, 责任领导 …) as (column, text) pairs, kept for writing back."""
    span: Span | None = attrs.field(default=None, validator=_span)
    """Where the measure stands in the source text."""


@attrs.frozen(kw_only=True)
class Task:
    """A numbered key task under a goal: 35.深化百万学子上冰雪行动."""

    number: int = attrs.field(validator=[v.instance_of(int), v.ge(1)])
    """The number printed before it (task numbers often run on across goals)."""
    title: str = attrs.field(validator=_text)
    """The title as written, without its number."""
    measures: tuple[Measure, ...] = attrs.field(default=(), validator=_tuple_of(Measure))
    """Its concrete actions, in order."""
    owners: tuple[OwnerRef, ...] = attrs.field(default=(), validator=_tuple_of(OwnerRef))
    """Task-level owners (牵头单位, 责任单位), inherited by measures that name none."""
    deadline: Deadline | None = attrs.field(default=None, validator=v.optional(v.instance_of(Deadline)))
    """Task-level deadline (完成时限), inherited by measures that state none."""
    key: str | None = attrs.field(default=None, validator=_optional_text)
    """Optional user-given id that stays the same across years; the diff matches it first."""
    extra: tuple[tuple[str, str], ...] = attrs.field(default=(), validator=_extra_pairs)
    """Cells of a table's other columns (备注, 责任领导 …) as (column, text) pairs, kept for writing back."""
    span: Span | None = attrs.field(default=None, validator=_span)
    """Where the task stands in the source text."""

    def _repr_html_(self) -> str:
        from .._views._html import task_html

        return task_html(self)


@attrs.frozen(kw_only=True)
class Goal:
    """A top-level priority: 一、以教育治理现代化为目标,科学谋划教育工作."""

    number: int = attrs.field(validator=[v.instance_of(int), v.ge(1)])
    """The number printed before it (一 is 1)."""
    title: str = attrs.field(validator=_text)
    """The title as written, without its number."""
    tasks: tuple[Task, ...] = attrs.field(default=(), validator=_tuple_of(Task))
    """Its key tasks, in order."""
    span: Span | None = attrs.field(default=None, validator=_span)
    """Where the goal heading stands in the source text."""

    def _repr_html_(self) -> str:
        from .._views._html import goal_html

        return goal_html(self)
