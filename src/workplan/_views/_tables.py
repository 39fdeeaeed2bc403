"""Tables of plain rows, and the one rule for their cells.

Every table a person or pandas gets from workplan goes through here:

* `Decimal` becomes a float in a DataFrame (so a column of numbers is numeric)
  and a string in JSON (so no digit is lost);
* a date stays a `datetime.date` in records, becomes ISO 8601 text in JSON and
  ``datetime64`` in a DataFrame column the caller names;
* a list of owners is one cell, names joined with 、 (`join_owners`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._errors import MissingExtraError
from ..model import OwnerRef, OwnerRole

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["join_owners", "pandas", "records_to_frame", "records_to_json"]

OWNER_SEPARATOR = "、"
"""Joins several owner names in one cell, as bureau tables do."""


def pandas() -> Any:
    """The pandas module; raise `MissingExtraError` naming the ``pandas`` extra without it."""
    try:
        import pandas
    except ImportError:
        raise MissingExtraError("pandas", "pandas") from None
    return pandas


def join_owners(refs: Iterable[OwnerRef], names: Mapping[str, str], *, lead: bool) -> str:
    """The names of the leads (``lead=True``) or of everyone else in ``refs``, joined with 、."""
    return OWNER_SEPARATOR.join(
        names.get(ref.owner, ref.owner) for ref in refs if (ref.role is OwnerRole.LEAD) == lead
    )


def _frame_cell(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def records_to_frame(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    *,
    dates: Sequence[str] = (),
) -> pd.DataFrame:
    """A `pandas.DataFrame` of ``records``, with these columns in this order even when there are no rows.

    `Decimal` values become floats; the ``dates`` columns become ``datetime64``.

    Raises:
        MissingExtraError: pandas (the ``pandas`` extra) is not installed.
    """
    module = pandas()
    rows = [{key: _frame_cell(value) for key, value in record.items()} for record in records]
    frame: pd.DataFrame = module.DataFrame.from_records(rows, columns=list(columns) if columns else None)
    for column in dates:
        frame[column] = module.to_datetime(frame[column])
    return frame


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def records_to_json(records: Iterable[Mapping[str, Any]], *, indent: int | None = 2) -> str:
    """``records`` as a JSON array; decimals are strings, dates ISO 8601, Chinese kept as is."""
    return json.dumps(list(records), ensure_ascii=False, indent=indent, default=_json_default)
