"""Plain rows and their optional pandas view, shared by query results, reports and summaries."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Table", "records_to_frame", "records_to_json"]


def records_to_frame(
    records: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """A `pandas.DataFrame` of ``records``; raise `MissingExtraError` without pandas.

    `Decimal` values become floats, so that columns of numbers are numeric.
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("pandas", "pandas") from None
    rows = [
        {key: float(value) if isinstance(value, Decimal) else value for key, value in record.items()}
        for record in records
    ]
    frame: pd.DataFrame = pd.DataFrame(rows, columns=list(columns) if columns is not None else None)
    return frame


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def records_to_json(records: Sequence[Mapping[str, Any]], *, indent: int | None = 2) -> str:
    """``records`` as a JSON array; decimals are strings, dates ISO 8601, Chinese kept as is."""
    return json.dumps(list(records), ensure_ascii=False, indent=indent, default=_default)


@attrs.frozen(kw_only=True)
class Table:
    """Rows of plain values with the same keys: a workload, a chain of ownership, a SMART summary.

    Iterate it for the rows; `to_frame` gives the same rows as a DataFrame.
    """

    columns: tuple[str, ...]
    """The keys every row has, in display order."""
    rows: tuple[Mapping[str, Any], ...]
    """The rows, each a mapping from column to a plain value."""

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as a list of new dicts; needs no optional dependency."""
        return [dict(row) for row in self.rows]

    def to_frame(self) -> pd.DataFrame:
        """The rows as a `pandas.DataFrame` (needs the ``pandas`` extra)."""
        return records_to_frame(self.rows, self.columns)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The rows as a JSON array."""
        return records_to_json(self.rows, indent=indent)
