"""The JSON Schema of the plan file format, derived from the model classes.

The same schema ships as ``workplan/io/plan.schema.json`` for software in
other languages; a test keeps the file equal to `json_schema()`.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from ..model import Plan, Span
from ._converter import SCHEMA_VERSION

__all__ = ["json_schema"]

_DECIMAL = {"type": "string", "pattern": r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$"}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every plan file written by workplan satisfies."""
    definitions: dict[str, Any] = {}
    root = _class_schema(Plan, definitions)
    root["properties"] = {"schema_version": {"const": SCHEMA_VERSION}, **root["properties"]}
    root["required"] = ["schema_version", *root["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:workplan:plan-schema:{SCHEMA_VERSION}",
        "title": "workplan plan file",
        "description": "A government work plan as data (workplan file format, "
        f"schema_version {SCHEMA_VERSION}).",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def _field_docs(cls: type) -> dict[str, str]:
    """The one-line docstrings written under each field in the class body."""
    import ast
    import inspect
    import textwrap

    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    docs: dict[str, str] = {}
    statements = getattr(body, "body", [])
    for statement, following in zip(statements, statements[1:], strict=False):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = following.value.value.strip()
    return docs


def _class_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    docs = _field_docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        schema = _type_schema(hints[field.name], definitions)
        if field.name in docs:
            schema = {**schema, "description": docs[field.name]}
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type_schema(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(arg, definitions) for arg in typing.get_args(hint)]
        return {"anyOf": options}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(hint)[0], definitions)}
    if hint is type(None):
        return {"type": "null"}
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is Decimal:
        return dict(_DECIMAL)
    if hint is dt.date:
        return {"type": "string", "format": "date"}
    if hint is Span:
        definitions["Span"] = {
            "description": "A character span [start, end) in the source text.",
            "type": "array",
            "prefixItems": [{"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 0}],
            "items": False,
            "minItems": 2,
        }
        return {"$ref": "#/$defs/Span"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        definitions[hint.__name__] = {
            "description": (hint.__doc__ or "").strip(),
            "enum": [member.value for member in hint],
        }
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if attrs.has(hint):
        if hint.__name__ not in definitions:
            definitions[hint.__name__] = {}  # placeholder against recursion
            schema = _class_schema(hint, definitions)
            definitions[hint.__name__] = {
                "description": (hint.__doc__ or "").strip().splitlines()[0],
                **schema,
            }
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no JSON Schema for {hint!r}")  # pragma: no cover - a new model type


def shipped_schema() -> dict[str, Any]:
    """The schema file that ships inside the package."""
    import json

    from .._util import package_files

    return json.loads(package_files("workplan.io").joinpath("plan.schema.json").read_text("utf-8"))  # type: ignore[no-any-return]
