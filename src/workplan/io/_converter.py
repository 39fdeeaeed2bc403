"""The one cattrs converter for the wire format shared by JSON and YAML.

Dates are ISO 8601 strings, `Decimal` values are strings (numbers are accepted
on input), spans are ``[start, end]`` pairs, enums are their values. Fields at
their default are left out. Unknown keys are errors, so that a typo in a
hand-written file is caught instead of silently dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, get_origin

from .._errors import LoadError
from ..model import Plan, Span

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "SCHEMA_VERSION",
    "get_converter",
    "structure_plan",
    "unstructure_plan",
]

SCHEMA_VERSION = 1
"""The version of the file format written by this release."""

MAX_DIGITS = 50
"""The most significant digits a number in a plan file may have (a target value, a weight)."""

MAX_EXPONENT = 50
"""The largest power of ten a number in a plan file may reach, either way (1e50, 1e-50)."""

# ASCII digits only: Decimal() alone would accept "1_000", full-width "１０" and Arabic-Indic digits.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
# A short number without an exponent is always within the limits: fewer digits than
# MAX_DIGITS, and no power of ten beyond MAX_EXPONENT either way.
_SHORT_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_SHORT = min(MAX_DIGITS, MAX_EXPONENT) - 2


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise TypeError(f"expected a number or a numeric string, got {type(value).__name__}")
    if type(value) is str and len(value) <= _SHORT and _SHORT_NUMBER.fullmatch(value):
        return Decimal(value)  # the usual case, checked by its shape alone
    if isinstance(value, str):
        if len(value) > 4 * MAX_DIGITS or not _NUMBER.fullmatch(value):
            special = value.strip().lstrip("+-").lower() in ("inf", "infinity", "nan", "snan")
            raise ValueError(f"expected a {'finite ' if special else ''}number, got {value[:40]!r}")
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):  # ValueError: int beyond 4,300 digits
            raise ValueError("expected a number") from None
    if not number.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    digits = len(number.as_tuple().digits)
    if digits > MAX_DIGITS or (number and abs(number.adjusted()) > MAX_EXPONENT):
        raise ValueError(
            f"number out of range: at most {MAX_DIGITS} digits and powers of ten up to {MAX_EXPONENT}"
        )
    return number


def _is_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple


def _structure_date(value: Any, _: type) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string, got {type(value).__name__}")
    return dt.date.fromisoformat(value)


def _structure_span(value: Any, _: type) -> Span:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)
    ):
        raise TypeError("expected a span [start, end] of two integers")
    return Span(start=value[0], end=value[1])


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise TypeError(f"expected true or false, got {type(value).__name__}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _make_converter() -> cattrs.Converter:
    import cattrs

    made = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True, detailed_validation=True)
    made.register_unstructure_hook(Decimal, str)
    made.register_structure_hook(Decimal, _structure_decimal)
    made.register_unstructure_hook(dt.date, dt.date.isoformat)
    made.register_structure_hook(dt.date, _structure_date)
    made.register_unstructure_hook(Span, lambda span: [span.start, span.end])
    made.register_structure_hook(Span, _structure_span)
    # cattrs would coerce 3 -> "3" and "3" -> 3; a file with the wrong type is an error.
    made.register_structure_hook(str, _structure_str)
    made.register_structure_hook(int, _structure_int)
    made.register_structure_hook(bool, _structure_bool)  # else bool would take int's hook and refuse true
    # cattrs would read "财政局" as the tuple ("财", "政", "局"); a list must be a list.
    tuple_hook = made._structure_tuple

    def _structure_tuple(value: Any, type_: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return tuple_hook(value, type_)

    made.register_structure_hook_func(_is_tuple, _structure_tuple)
    return made


@functools.cache
def get_converter() -> cattrs.Converter:
    """The converter, made on first use; use `unstructure_plan` and `structure_plan` rather than this.

    The usual plans never need it (`_direct` reads and writes them): importing cattrs and
    registering the hooks costs about 22 ms of CPU, a quarter of ``import workplan``.
    """
    return _make_converter()


def __getattr__(name: str) -> Any:
    if name == "converter":  # the module attribute of earlier releases
        return get_converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def unstructure_plan(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON-ready data, with ``schema_version`` first."""
    from ._direct import unstructure_or_cattrs

    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    data.update(unstructure_or_cattrs(plan))
    return data


def structure_plan(data: Any) -> Plan:
    """Build a `Plan` from plain data; raise `LoadError` naming the JSON path."""
    from ._direct import structure

    body = _body(data)
    try:
        plan: Plan = structure(body, Plan)  # the usual data, directly
        return plan
    except Exception:  # anything unusual: cattrs builds it, or says what is wrong and where
        pass
    try:
        return get_converter().structure(body, Plan)
    except RecursionError:
        raise LoadError("not a plan: nested too deeply", "$") from None
    except Exception as error:  # cattrs wraps every structuring failure
        raise _load_error(error) from None


def consume_plan(data: Any) -> Plan | None:
    """`structure_plan` for freshly parsed data that no one else holds, emptying its lists as it goes.

    None when the data is unusual in any way: ``data`` is then half-emptied, and the caller
    parses its text again for `structure_plan` (and its error messages).
    """
    from ._direct import consume

    body = _body(data)
    try:
        plan: Plan = consume(body, Plan)
        return plan
    except Exception:  # anything unusual
        return None


def _body(data: Any) -> dict[str, Any]:
    """The plan's fields, once ``schema_version`` is checked."""
    if not isinstance(data, dict):
        raise LoadError(f"expected an object, got {type(data).__name__}", "$")
    if "schema_version" not in data:
        raise LoadError("required field missing: schema_version", "$")
    version = data["schema_version"]
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise LoadError(
            f"unknown schema_version {version!r}; this release reads version {SCHEMA_VERSION}",
            "$.schema_version",
        )
    body = data.copy()
    del body["schema_version"]
    return body


def _load_error(error: Exception) -> LoadError:
    import cattrs

    if isinstance(error, cattrs.BaseValidationError):
        messages = cattrs.transform_error(error, path="$", format_exception=_format_exception)
        first = messages[0] if messages else str(error)
        message, _, where = first.rpartition(" @ ")
        return LoadError(message or first, where or "$")
    return LoadError(str(error), "$")


def _format_exception(error: BaseException, type_: type | None) -> str:
    if isinstance(error, KeyError):
        return f"required field missing: {error.args[0]}" if error.args else "required field missing"
    import cattrs

    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(error.extra_fields))}"
    if isinstance(error, ValueError) and type_ is not None and hasattr(type_, "__members__"):
        allowed = ", ".join(repr(member.value) for member in type_)  # type: ignore[attr-defined]
        return f"invalid value for {type_.__name__}; expected one of {allowed}"
    if str(error):
        return str(error)
    name = getattr(type_, "__name__", None)
    return f"invalid value ({type(error).__name__})" if name is None else f"invalid {name}"
