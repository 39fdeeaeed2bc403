"""JSON and YAML text for plans."""

from __future__ import annotations

import json
from typing import Any

from .._errors import LoadError, MissingExtraError
from ..model import Plan
from ._converter import structure_plan, unstructure_plan

__all__ = ["dumps", "dumps_yaml", "loads", "loads_yaml"]


def dumps(plan: Plan, *, indent: int | None = 2) -> str:
    """The plan as JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(unstructure_plan(plan), ensure_ascii=False, indent=indent)


class _Duplicate(dict[str, Any]):
    """A JSON object that repeated a key; found after decoding to name its path."""

    key: str


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicate = _Duplicate(result)
        duplicate.key = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        return duplicate
    return result


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
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        raise LoadError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}", "$"
        ) from None
    except UnicodeDecodeError as error:
        raise LoadError(f"not UTF-8 text: {error.reason}", "$") from None
    duplicate = _find_duplicate(data, "$")
    if duplicate is not None:
        where, key = duplicate
        raise LoadError(f"duplicate key {key!r}", f"{where}.{key}")
    return structure_plan(data)


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:
        raise MissingExtraError("PyYAML", "yaml") from None
    return yaml


def dumps_yaml(plan: Plan) -> str:
    """The plan as YAML text (needs the ``yaml`` extra)."""
    yaml = _yaml()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(unstructure_plan(plan), Dumper=dumper, allow_unicode=True, sort_keys=False))


def loads_yaml(text: str | bytes) -> Plan:
    """Read a plan from YAML text with a safe loader that refuses duplicate keys."""
    yaml = _yaml()

    class Loader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
        pass

    def construct_mapping(loader: Any, node: Any) -> dict[Any, Any]:
        loader.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if key in mapping:
                mark = key_node.start_mark
                raise LoadError(
                    f"duplicate key {key!r} at line {mark.line + 1}, column {mark.column + 1}", "$"
                )
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
    except yaml.YAMLError as error:
        raise LoadError(f"not valid YAML: {error}", "$") from None
    return structure_plan(data)
