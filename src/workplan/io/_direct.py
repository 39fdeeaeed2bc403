"""Direct (un)structuring of the model: one function per attrs class, made once from its fields.

The cattrs converter in `_converter` stays the reference. The functions here give
exactly its results for the usual shapes, at a fraction of the cost, and give up
(raise `Unusual`) on anything else: a value of an unexpected type, a missing or an
unknown key, a value a constructor refuses. Callers then take the cattrs path, so
error messages and their locations are cattrs' own, word for word.

The code of each function is put together from the class's own field names, types
and defaults (as cattrs does); data read from a file is never part of any code.

Three kinds of function per class:

- ``unstructure``: the JSON-ready dict cattrs makes (``omit_if_default``);
- ``shallow``: the same dict one level deep, children left as objects, tuples as
  tuples, enums as enums, for orjson's ``default=`` hook (orjson walks the rest;
  `orjson_default` is one hook for every class of a plan);
- ``structure``: the object from the dict, strict about types as the converter is.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

import attrs

from ..model import Span
from . import _converter
from ._converter import _structure_decimal

__all__ = [
    "Unusual",
    "consume",
    "orjson_default",
    "shallow",
    "structure",
    "structure_or_cattrs",
    "text",
    "unstructure",
    "unstructure_or_cattrs",
]

_Function = Callable[..., Any]


class Unusual(Exception):
    """A value the direct functions do not handle; the caller takes the cattrs path instead."""


_MISSING = object()


def _unusual(*_: Any) -> Any:
    raise Unusual


def _date_out(value: Any) -> str:
    if type(value) is not dt.date:  # a datetime, say: leave it to cattrs
        raise Unusual
    return value.isoformat()


def _date_in(value: Any) -> dt.date:
    if type(value) is not str:
        raise Unusual
    return dt.date.fromisoformat(value)


def _decimal_in(value: Any) -> Decimal:
    return _structure_decimal(value, Decimal)


def _span_in(value: Any) -> Span:
    if type(value) is not list or len(value) != 2 or type(value[0]) is not int or type(value[1]) is not int:
        raise Unusual
    return Span(start=value[0], end=value[1])


def _texts_in(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise Unusual
    for item in value:
        if type(item) is not str:
            raise Unusual
    return tuple(value)


def _pairs_in(value: Any) -> tuple[tuple[str, str], ...]:
    if type(value) is not list:
        raise Unusual
    pairs = []
    for pair in value:
        if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str or type(pair[1]) is not str:
            raise Unusual
        pairs.append((pair[0], pair[1]))
    return tuple(pairs)


_STEP = "  "  # the indent `text` writes


def _int_text(value: Any) -> str:
    if type(value) is not int:  # a bool where an int belongs (attrs allows it): cattrs' business
        raise Unusual
    return int.__repr__(value)


def _bool_text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise Unusual


def _span_text(value: Span, at: str) -> str:
    inner = at + _STEP
    return "[" + inner + _int_text(value.start) + "," + inner + _int_text(value.end) + at + "]"


def _texts_text(value: tuple[str, ...], at: str) -> str:
    if not value:
        return "[]"
    inner = at + _STEP
    return "[" + inner + ("," + inner).join([encode_basestring(item) for item in value]) + at + "]"


def _pairs_text(value: tuple[tuple[str, str], ...], at: str) -> str:
    if not value:
        return "[]"
    inner = at + _STEP
    return "[" + inner + ("," + inner).join([_texts_text(pair, inner) for pair in value]) + at + "]"


def _objects_text(value: tuple[Any, ...], at: str, write: Callable[[Any, str], str]) -> str:
    if not value:
        return "[]"
    inner = at + _STEP
    return "[" + inner + ("," + inner).join([write(item, inner) for item in value]) + at + "]"


def _consumed(value: Any, make: _Function) -> tuple[Any, ...]:
    """The objects of a list of dicts, then the list emptied: its dicts are freed as soon as they
    are done with, so the collector does not walk the whole parsed document again and again."""
    if type(value) is not list:
        raise Unusual
    made = tuple([make(item) for item in value])
    value.clear()
    return made


def _optional(type_: Any) -> Any:
    """``X`` for ``X | None``, else None."""
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(type_) if arg is not type(None)]
        if len(rest) == 1 and len(typing.get_args(type_)) == 2:
            return rest[0]
    return None


def _item(type_: Any) -> Any:
    """``X`` for ``tuple[X, ...]``, else None."""
    if typing.get_origin(type_) is tuple:
        args = typing.get_args(type_)
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
    return None


def _is_pair(type_: Any) -> bool:
    return typing.get_origin(type_) is tuple and typing.get_args(type_) == (str, str)


class _Maker:
    """Writes the three functions of each class, from its fields; keeps them."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, type], _Function] = {}
        self.making: set[tuple[str, type]] = set()
        self.lock = threading.RLock()
        self.names: dict[str, Any] = {
            "Unusual": Unusual,
            "_unusual": _unusual,
            "_date_out": _date_out,
            "_date_in": _date_in,
            "_decimal_in": _decimal_in,
            "_span_in": _span_in,
            "_texts_in": _texts_in,
            "_pairs_in": _pairs_in,
            "_consumed": _consumed,
            "_int_text": _int_text,
            "_bool_text": _bool_text,
            "_span_text": _span_text,
            "_texts_text": _texts_text,
            "_pairs_text": _pairs_text,
            "_objects_text": _objects_text,
            "_enc": encode_basestring,
            "_STEP": _STEP,
            "_MISSING": _MISSING,
            "str": str,
            "int": int,
            "bool": bool,
            "dict": dict,
            "list": list,
            "tuple": tuple,
            "type": type,
        }

    def function(self, kind: str, cls: type) -> _Function:
        """The ``kind`` function of ``cls``, made on first use (once, whatever the threads)."""
        found = self.made.get((kind, cls))
        if found is None:
            with self.lock:  # re-entrant: a class's function makes its fields' classes' first
                found = self.made.get((kind, cls))
                if found is None:
                    if (kind, cls) in self.making:
                        raise TypeError(f"{cls.__name__} holds itself")  # pragma: no cover - not in the model
                    self.making.add((kind, cls))
                    try:
                        found = self.made[(kind, cls)] = self.compile(kind, cls)
                    finally:
                        self.making.discard((kind, cls))
        return found

    def name(self, value: Any, hint: str) -> str:
        """A global name in the generated code for ``value``."""
        name = f"_{hint}_{len(self.names)}"
        self.names[name] = value
        return name

    def fields(self, cls: type) -> list[tuple[attrs.Attribute[Any], Any]]:
        hints = typing.get_type_hints(cls)
        made = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            if not field.name.isidentifier() or field.alias != field.name:
                raise TypeError(f"{cls.__name__}.{field.name}: not a plain field")  # pragma: no cover
            made.append((field, hints[field.name]))
        return made

    # -- one value -------------------------------------------------------------

    def out(self, type_: Any, value: str, deep: bool) -> str:
        """An expression for ``value`` (a name) unstructured, as cattrs would."""
        inner = _optional(type_)
        if inner is not None:
            return f"(None if {value} is None else {self.out(inner, value, deep)})"
        if type_ in (str, int, bool):
            return value
        if type_ is Decimal:
            return f"str({value})"
        if type_ is dt.date:
            return f"_date_out({value})"
        if type_ is Span:
            return f"[{value}.start, {value}.end]"
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return f"{value}.value" if deep else value
        if attrs.has(type_):
            if not deep:
                return value  # orjson hands it to the default hook
            return f"{self.name(self.function('unstructure', type_), 'u')}({value})"
        item = _item(type_)
        if item is not None:
            if not deep or item is str or _is_pair(item):
                return f"list({value})" if deep else value
            return f"[{self.out(item, 'item', deep)} for item in {value}]"
        raise TypeError(f"no direct unstructuring for {type_!r}")  # pragma: no cover

    def text(self, type_: Any, value: str, at: str) -> str:
        """An expression for ``value`` as JSON text, its closing bracket on the line ``at`` starts."""
        inner = _optional(type_)
        if inner is not None:
            return f'("null" if {value} is None else {self.text(inner, value, at)})'
        if type_ is str:
            return f"_enc({value})"
        if type_ is int:
            return f"_int_text({value})"
        if type_ is bool:
            return f"_bool_text({value})"
        if type_ is Decimal:
            return f"_enc(str({value}))"
        if type_ is dt.date:
            return f"_enc(_date_out({value}))"
        if type_ is Span:
            return f"_span_text({value}, {at})"
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            if not all(type(member.value) is str for member in type_):
                raise TypeError(f"{type_!r}: values must be str")  # pragma: no cover
            return f"_enc({value}.value)"
        if attrs.has(type_):
            return f"{self.name(self.function('text', type_), 'w')}({value}, {at})"
        item = _item(type_)
        if item is not None:
            if item is str:
                return f"_texts_text({value}, {at})"
            if _is_pair(item):
                return f"_pairs_text({value}, {at})"
            if attrs.has(item):
                return f"_objects_text({value}, {at}, {self.name(self.function('text', item), 'w')})"
        raise TypeError(f"no direct text for {type_!r}")  # pragma: no cover

    def into(self, type_: Any, value: str, kind: str = "structure") -> str:
        """An expression for ``value`` (a name) structured as ``type_``; raises on anything unusual."""
        inner = _optional(type_)
        if inner is not None:
            return f"(None if {value} is None else {self.into(inner, value, kind)})"
        if type_ in (str, int, bool):
            return f"({value} if type({value}) is {type_.__name__} else _unusual())"
        if type_ is Decimal:
            return f"_decimal_in({value})"
        if type_ is dt.date:
            return f"_date_in({value})"
        if type_ is Span:
            return f"_span_in({value})"
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            members = {member.value: member for member in type_}
            if not all(type(key) is str for key in members):
                raise TypeError(f"{type_!r}: values must be str")  # pragma: no cover
            return f"{self.name(members, 'members')}[{value}]"  # KeyError (or TypeError) when unknown
        if attrs.has(type_):
            return f"{self.name(self.function(kind, type_), 's')}({value})"
        item = _item(type_)
        if item is not None:
            if item is str:
                return f"_texts_in({value})"
            if _is_pair(item):
                return f"_pairs_in({value})"
            if kind == "consume" and attrs.has(item):
                return f"_consumed({value}, {self.name(self.function(kind, item), 's')})"
            return (
                f"(tuple([{self.into(item, 'item', kind)} for item in {value}])"
                f" if type({value}) is list else _unusual())"
            )
        raise TypeError(f"no direct structuring for {type_!r}")  # pragma: no cover

    # -- one class -------------------------------------------------------------

    def compile(self, kind: str, cls: type) -> _Function:
        if kind in ("structure", "consume"):
            lines = self.structure_lines(cls, kind)
        elif kind == "text":
            lines = self.text_lines(cls)
        else:
            lines = self.unstructure_lines(cls, deep=kind == "unstructure")
        return self.run(lines, f"{kind} {cls.__qualname__}")

    def run(self, lines: list[str], what: str) -> _Function:
        """The function ``lines`` define."""
        source = "\n".join(lines) + "\n"
        scope: dict[str, Any] = {}
        code = compile(source, f"<workplan direct {what}>", "exec")
        exec(code, self.names, scope)  # code from our own class definitions, never from data
        function: _Function = scope["function"]
        return function

    def unstructure_lines(self, cls: type, *, deep: bool) -> list[str]:
        required = []
        optional = []
        for field, type_, test in self.tests(cls):
            if test is None:
                required.append(f"{field.name!r}: {self.out(type_, 'value.' + field.name, deep)}")
                continue
            optional.append(f"    item = value.{field.name}")
            optional.append(f"    if {test}:")
            optional.append(f"        result[{field.name!r}] = {self.out(type_, 'item', deep)}")
        return [
            "def function(value):",
            f"    result = {{{', '.join(required)}}}",
            *optional,
            "    return result",
        ]

    def default_hook(self, root: type) -> _Function:
        """One function for every model class under ``root``, most frequent first: orjson calls it
        once per object, and a chain of ``is`` tests costs less than a call more per object."""
        depth: dict[type, int] = {root: 0}
        level = [root]
        while level:  # breadth first: each class at its shallowest depth
            below = []
            for cls in level:
                for _, type_ in self.fields(cls):
                    inner = _optional(type_) or type_
                    inner = _item(inner) or inner
                    if attrs.has(inner) and inner is not Span and inner not in depth:
                        depth[inner] = depth[cls] + 1
                        below.append(inner)
            level = below
        # Deepest first: a plan has more measures than tasks, more tasks than goals.
        found = sorted((cls for cls in depth if cls is not root), key=lambda cls: -depth[cls])
        lines = ["def function(value):", "    cls = type(value)"]
        for cls in found:
            lines.append(f"    if cls is {self.name(cls, 'cls')}:")
            lines.extend("    " + line for line in self.unstructure_lines(cls, deep=False)[1:])
        lines.append('    raise TypeError(f"not JSON-ready: {cls.__name__}")')
        return self.run(lines, f"default hook {root.__qualname__}")

    def tests(self, cls: type) -> list[tuple[attrs.Attribute[Any], Any, str | None]]:
        """Each field with its type and the test that it is not at its default (None: required)."""
        made: list[tuple[attrs.Attribute[Any], Any, str | None]] = []
        for field, type_ in self.fields(cls):
            if field.default is attrs.NOTHING:
                test = None
            elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                test = f"item != {self.name(field.default, 'factory')}.factory()"  # pragma: no cover
            elif field.default is None or isinstance(field.default, bool | enum.Enum):
                test = f"item is not {self.name(field.default, 'default')}"
            elif field.default == () and _item(type_) is not None:
                test = "item"  # a tuple (the validator says so): not empty
            else:
                test = f"item != {self.name(field.default, 'default')}"
            made.append((field, type_, test))
        return made

    def text_lines(self, cls: type) -> list[str]:
        required = []
        optional = []
        for field, type_, test in self.tests(cls):
            key = encode_basestring(field.name) + ": "
            if test is None:
                required.append(f"{key!r} + {self.text(type_, 'value.' + field.name, 'inner')}")
                continue
            optional.append(f"    item = value.{field.name}")
            optional.append(f"    if {test}:")
            optional.append(f"        parts.append({key!r} + {self.text(type_, 'item', 'inner')})")
        return [
            "def function(value, at):",
            "    inner = at + _STEP",
            f"    parts = [{', '.join(required)}]",
            *optional,
            '    return "{" + inner + ("," + inner).join(parts) + at + "}" if parts else "{}"',
        ]

    def structure_lines(self, cls: type, kind: str) -> list[str]:
        keys = frozenset(field.name for field, _ in self.fields(cls))
        head = [
            "def function(data):",
            f"    if type(data) is not dict or not {self.name(keys, 'keys')}.issuperset(data):",
            "        raise Unusual",
            "    get = data.get",
        ]
        values = []
        for field, type_ in self.fields(cls):
            if field.default is attrs.NOTHING:
                values.append((field.name, self.into(type_, f"data[{field.name!r}]", kind)))
                continue
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                default = f"{self.name(field.default, 'factory')}.factory()"  # pragma: no cover
            else:
                default = self.name(field.default, "default")
            values.append(
                (
                    field.name,
                    f"({self.into(type_, 'item', kind)}"
                    f" if (item := get({field.name!r}, _MISSING)) is not _MISSING else {default})",
                )
            )
        built = self.without_init(cls, values)
        if built is not None:
            return head + built
        return [
            *head,
            f"    return {self.name(cls, 'cls')}(",
            *(f"        {name}={expression}," for name, expression in values),
            "    )",
        ]

    def without_init(self, cls: type, values: list[tuple[str, str]]) -> list[str] | None:
        """Lines that fill a new instance's slots and run the validators that check more than types.

        The values are already of the exact types the type validators (``instance_of``,
        ``optional``, ``deep_iterable`` of them) ask for, so only the others run: ``ge``, a
        span's end after its start, a finite number. None (call the class) when the class
        has anything else: converters, hooks around ``__init__``, a cached hash, an unknown
        init-less field.
        """
        if any(hasattr(cls, hook) for hook in ("__attrs_pre_init__", "__attrs_post_init__")):
            return None  # pragma: no cover
        if "__attrs_cached_hash" in getattr(cls, "__slots__", ()):
            return None  # pragma: no cover
        lines = [f"    value = {self.name(object.__new__, 'new')}({self.name(cls, 'cls')})"]
        checks = []
        given = dict(values)
        for field in attrs.fields(cls):
            owner = next((klass for klass in cls.__mro__ if field.name in klass.__dict__), None)
            slot = None if owner is None else owner.__dict__[field.name]
            if field.converter is not None or not isinstance(slot, types.MemberDescriptorType):
                return None  # pragma: no cover
            setter = self.name(slot.__set__, "set")
            if field.init:
                lines.append(f"    {setter}(value, {given[field.name]})")
            elif isinstance(field.default, attrs.Factory) and not field.default.takes_self:  # type: ignore[arg-type]
                lines.append(f"    {setter}(value, {self.name(field.default.factory, 'factory')}())")
            else:
                return None  # pragma: no cover
            for validator in _checks(field.validator):
                check, attribute = self.name(validator, "check"), self.name(field, "field")
                checks.append(f"    {check}(value, {attribute}, value.{field.name})")
        return [*lines, *checks, "    return value"]


def _checks(validator: Any) -> list[Any]:
    """The parts of a field's validator that check more than the type of the value."""
    if validator is None or _type_only(validator):
        return []
    parts = getattr(validator, "_validators", None)  # attrs' and_ (a list of validators)
    if parts is not None:
        return [part for inner in parts for part in _checks(inner)]
    return [validator]


def _type_only(validator: Any) -> bool:
    """Whether a validator checks types alone: ``instance_of``, and ``optional``, ``deep_iterable``
    and ``and_`` made of them."""
    from attrs import validators

    kind = type(validator)
    if kind is type(validators.instance_of(str)):
        return True
    if kind is type(validators.optional(validators.instance_of(str))):
        return _type_only(validator.validator)
    if kind is type(validators.deep_iterable(validators.instance_of(str))):
        members, iterable = validator.member_validator, validator.iterable_validator
        return _type_only(members) and (iterable is None or _type_only(iterable))
    parts = getattr(validator, "_validators", None)
    return parts is not None and all(_type_only(part) for part in parts)


_MAKER = _Maker()


def unstructure(value: Any) -> Any:
    """``converter.unstructure(value)`` for a model object; raises `Unusual` rather than guess."""
    return _MAKER.function("unstructure", type(value))(value)


def unstructure_or_cattrs(value: Any) -> Any:
    """`unstructure`, or cattrs' own result when the direct path gives up."""
    try:
        return unstructure(value)
    except Unusual:
        return _converter.get_converter().unstructure(value)


def shallow(value: Any) -> Any:
    """A model object as a dict of its own (non-default) fields, children left for orjson."""
    return _MAKER.function("shallow", type(value))(value)


def orjson_default(root: type) -> _Function:
    """orjson's ``default=`` hook for the objects inside a ``root`` (`shallow`, one function for all)."""
    found = _DEFAULTS.get(root)
    if found is None:
        found = _DEFAULTS[root] = _MAKER.default_hook(root)
    return found


_DEFAULTS: dict[type, _Function] = {}


def text(value: Any) -> str:
    """``json.dumps(converter.unstructure(value), ensure_ascii=False, indent=2)``, written straight from
    the objects (lone surrogates left as they are); raises `Unusual` rather than guess."""
    written: str = _MAKER.function("text", type(value))(value, "\n")
    return written


def consume(data: Any, cls: type) -> Any:
    """`structure` that empties the lists of ``data`` as it goes (parsed data no one else holds).

    On any error ``data`` is left half-emptied: the caller parses its text again for cattrs.
    """
    return _MAKER.function("consume", cls)(data)


def structure(data: Any, cls: type) -> Any:
    """``converter.structure(data, cls)`` for the usual data; raises (`Unusual` or any error) otherwise."""
    return _MAKER.function("structure", cls)(data)


def structure_or_cattrs(data: Any, cls: Any) -> Any:
    """`structure`, or cattrs' own result (or error) when the direct path gives up."""
    if attrs.has(cls):
        try:
            return structure(data, cls)
        except Exception:  # anything: cattrs says what is wrong, and where
            pass
    return _converter.get_converter().structure(data, cls)
