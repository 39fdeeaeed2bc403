"""`Table`: plain rows with the same keys, shared by query questions and summaries."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Table"]


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
        from .._views._tables import records_to_frame

        return records_to_frame(self.rows, self.columns)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The rows as a JSON array."""
        from .._views._tables import records_to_json

        return records_to_json(self.rows, indent=indent)
