"""pandas at the edge: imported only when a frame is asked for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._errors import MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["frame"]


def frame(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of ``records`` with these columns, in this order, even when there are no rows."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("pandas", "pandas") from None
    table: pd.DataFrame = pd.DataFrame.from_records(list(records), columns=list(columns))
    return table
