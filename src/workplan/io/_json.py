"""JSON and YAML text for plans.

Writing: `dumps` gives the same text with or without orjson (the ``fast``
extra): two-space indent, ``": "`` after keys, characters outside ASCII kept
as they are, except lone surrogates, which JSON can only hold as ``\\udxxx``
escapes. orjson writes it in C; without it, a small writer here (strings
escaped by the stdlib's C ``encode_basestring``) is about 3x faster than
``json.dumps(indent=2)``, whose indenting encoder is pure Python.

Reading refuses, with a `LoadError` rather than a raw exception: duplicate
keys, nesting deeper than the interpreter can follow (about 1,000 levels),
integers of more than 4,300 digits, YAML aliases (``*name``: an alias bomb
expands a few kilobytes into gigabytes) and YAML keys that are not text.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from .._errors import LoadError, MissingExtraError
from ..model import Plan
from ._converter import SCHEMA_VERSION, consume_plan, structure_plan, unstructure_plan
from ._direct import Unusual, orjson_default, shallow
from ._direct import text as direct_text

__all__ = ["dumps", "dumps_yaml", "loads", "loads_yaml"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(plan: Plan, *, indent: int | None = 2) -> str:
    """The plan as JSON text (UTF-8 characters kept as they are; lone surrogates escaped)."""
    if indent == 2:
        fast = _orjson_dumps(plan)
        if fast is not None:  # orjson refuses lone surrogates, so its text never holds one
            return fast
        return _stdlib_dumps(plan)
    return _dumps_data(unstructure_plan(plan), indent)


def _stdlib_dumps(plan: Plan) -> str:
    """`dumps` without orjson: the text written straight from the objects, no dict built first."""
    try:
        body = direct_text(plan)
    except (Unusual, TypeError):  # a value the direct writer does not know: through the dict
        return _dumps_data(unstructure_plan(plan), 2)
    return _escape_surrogates(f'{{\n  "schema_version": {SCHEMA_VERSION},{body[1:]}')


def _dumps_data(data: dict[str, Any], indent: int | None) -> str:
    """JSON-ready data as `dumps` writes it."""
    if indent == 2:
        fast = _orjson_data(data)
        if fast is not None:
            return fast.decode("utf-8")
    if indent is None:
        text = json.dumps(data, ensure_ascii=False)
    else:
        try:
            text = _encode(data, "\n", " " * indent)
        except TypeError:  # a value the small writer does not know; the stdlib knows more
            text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _escape_surrogates(text)


def _escape_surrogates(text: str) -> str:
    """Lone surrogates as ``\\udxxx`` escapes (UTF-8 cannot hold them)."""
    try:
        text.encode("utf-8")  # C speed; a regex search over megabytes is not
    except UnicodeEncodeError:
        text = _SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return text


def _orjson_dumps(plan: Plan) -> str | None:
    fast = _orjson_bytes(plan)
    return None if fast is None else fast.decode("utf-8")


def _orjson_bytes(plan: Plan) -> bytes | None:
    """orjson's text of the plan, written straight from the objects; None without orjson or when it refuses.

    orjson walks the plan itself and asks the default hook for each object's own fields, so no
    dict of the whole plan is built first. The text is the same as the stdlib path's
    (tested); anything unusual (lone surrogates, integers beyond 64 bits, a value the
    direct functions do not know) returns None, and the stdlib path writes it.
    """
    try:
        import orjson
    except ImportError:
        return None
    try:
        top = {"schema_version": SCHEMA_VERSION, **shallow(plan)}
        return orjson.dumps(top, default=orjson_default(Plan), option=orjson.OPT_INDENT_2)
    except (orjson.JSONEncodeError, TypeError, Unusual):
        return None


def _orjson_data(data: dict[str, Any]) -> bytes | None:
    try:
        import orjson
    except ImportError:
        return None
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except (orjson.JSONEncodeError, TypeError):  # lone surrogates, integers beyond 64 bits
        return None


def dump_bytes(plan: Plan) -> bytes:
    """`dumps` as UTF-8 bytes with a final newline, for files: orjson's bytes skip a decode and an encode."""
    fast = _orjson_bytes(plan)
    if fast is not None:
        return fast + b"\n"
    return (_dumps_data(unstructure_plan(plan), 2) + "\n").encode("utf-8")


def _encode(value: Any, newline: str, step: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=len(step))`` for JSON-ready data, faster."""
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + step
        return (
            "{"
            + inner
            + ("," + inner).join(
                encode_basestring(key) + ": " + _encode(item, inner, step) for key, item in value.items()
            )
            + newline
            + "}"
        )
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = newline + step
        return "[" + inner + ("," + inner).join(_encode(item, inner, step) for item in value) + newline + "]"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    raise TypeError(f"not JSON-ready: {type(value).__name__}")


class _Duplicate(dict[str, Any]):
    """A JSON object that repeated a key; found after decoding to name its path."""

    key: str


def _duplicate_hook() -> tuple[Any, list[bool]]:
    """``object_pairs_hook`` that marks objects with a repeated key, and a flag set once it saw one.

    A plain function, not an object with ``__call__``: the decoder calls it once per JSON object.
    """
    seen: list[bool] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            keys: set[str] = set()
            duplicate = _Duplicate(result)
            duplicate.key = next(key for key, _ in pairs if key in keys or keys.add(key))  # type: ignore[func-returns-value]
            seen.append(True)
            return duplicate
        return result

    return hook, seen


def _find_duplicate(value: Any, where: str) -> tuple[str, str] | None:
    if isinstance(value, _Duplicate):
        return where, value.key
    children = (
        value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    )
    for key, child in children:
        if isinstance(child, dict | list):
            step = f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}"
            found = _find_duplicate(child, step)
            if found is not None:
                return found
    return None


def loads(text: str | bytes) -> Plan:
    """Read a plan from JSON text; raise `LoadError` naming the JSON path."""
    plan = consume_plan(_parse(text))  # the usual file: built directly, the parsed data freed as it goes
    # Anything unusual: parse again (the first data is half gone) for cattrs and its messages.
    return plan if plan is not None else structure_plan(_parse(text))


def _parse(text: str | bytes) -> Any:
    """The JSON data; a `LoadError` for what is not JSON, or repeats a key."""
    hook, seen = _duplicate_hook()
    try:
        # Decimal keeps every digit of a number written as a JSON number (0.1 stays 0.1).
        data = json.loads(text, object_pairs_hook=hook, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise LoadError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}", "$"
        ) from None
    except UnicodeDecodeError as error:
        raise LoadError(f"not UTF-8 text: {error.reason}", "$") from None
    except RecursionError:
        raise LoadError("not a plan: nested too deeply (a plan needs about 12 levels)", "$") from None
    except ValueError as error:  # int() refuses more than 4,300 digits
        raise LoadError(f"not a plan: {error}", "$") from None
    if seen:  # the walk costs about a tenth of a load; only files with a repeated key pay it
        try:
            duplicate = _find_duplicate(data, "$")
        except RecursionError:
            raise LoadError("not a plan: nested too deeply (a plan needs about 12 levels)", "$") from None
        if duplicate is not None:
            where, key = duplicate
            raise LoadError(f"duplicate key {key!r}", f"{where}.{key}")
    return data


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:
        raise MissingExtraError("PyYAML", "yaml") from None
    return yaml


def dumps_yaml(plan: Plan) -> str:
    """The plan as YAML text (needs the ``yaml`` extra); never uses anchors or aliases."""
    yaml = _yaml()
    data = unstructure_plan(plan)
    for base in (getattr(yaml, "CSafeDumper", None), yaml.SafeDumper):
        if base is None:
            continue
        dumper = type("Dumper", (base,), {"ignore_aliases": lambda self, data: True})
        try:
            return str(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False))
        except UnicodeEncodeError:  # libyaml cannot write lone surrogates; the Python emitter escapes them
            continue
    raise AssertionError("unreachable: the Python emitter escapes every character")  # pragma: no cover


def _at(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def loads_yaml(text: str | bytes) -> Plan:
    """Read a plan from YAML text with a safe loader; refuse duplicate keys, aliases and non-text keys."""
    yaml = _yaml()

    class Loader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                where = _at(event.start_mark)
                raise LoadError(f"YAML aliases (*{event.anchor}) are not allowed in plan files, at {where}")
            return super().compose_node(parent, index)

    def construct_mapping(loader: Any, node: Any) -> dict[Any, Any]:
        loader.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                raise LoadError(f"a key must be text, got {type(key).__name__} at {_at(key_node.start_mark)}")
            if key in mapping:
                raise LoadError(f"duplicate key {key!r} at {_at(key_node.start_mark)}")
            mapping[key] = loader.construct_object(value_node)
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    # YAML would read 2020-04-15 as a date and 0.5 as a float; the format wants strings.
    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    try:
        data = yaml.load(text, Loader=Loader)
    except LoadError:
        raise
    except yaml.YAMLError as error:
        raise LoadError(f"not valid YAML: {error}") from None
    except RecursionError:
        raise LoadError("not a plan: nested too deeply (a plan needs about 12 levels)") from None
    except ValueError as error:  # int() refuses more than 4,300 digits
        raise LoadError(f"not a plan: {error}") from None
    return structure_plan(data)
