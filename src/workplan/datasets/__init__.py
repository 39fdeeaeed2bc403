"""Plans that ship with workplan, ready to load by name.

```python
import workplan as wp

wp.datasets.names()                       # ['changchun-edu-2020', ...]
plan = wp.datasets.load("changchun-edu-2020")
text = wp.datasets.source("changchun-edu-2020")   # the published text, where shipped
```
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .._errors import NodeNotFoundError
from .._util import package_files
from ..model import MemoKey, Plan, Span, memo

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from ..parse import Diagnostic

__all__ = ["load", "names", "source"]


def _data() -> Traversable:
    return package_files("workplan.datasets").joinpath("data")


def names() -> list[str]:
    """The names of the shipped plans, sorted."""
    return sorted(entry.name[: -len(".json")] for entry in _data().iterdir() if entry.name.endswith(".json"))


def _entry(name: str, suffix: str) -> Traversable:
    entry = _data().joinpath(name + suffix)
    if not entry.is_file():
        raise NodeNotFoundError(f"dataset {name!r} (shipped: {', '.join(names())})")
    return entry


def load(name: str) -> Plan:
    """The shipped plan called ``name``; see `names()`."""
    from ..io import loads

    plan = loads(_entry(name, ".json").read_bytes())
    stored = package_files("workplan.datasets").joinpath("diagnostics").joinpath(name + ".json")
    if stored.is_file():
        memo(plan, _DIAGNOSTICS, lambda _: _diagnostics(stored.read_text("utf-8")))
    return plan


# Where `parse_text` leaves a plan's diagnostics. A shipped plan carries the ones its build
# stored, as if just parsed, so that `check` (WP002) need not load the parser to find them.
_DIAGNOSTICS: MemoKey[tuple[Diagnostic, ...]] = MemoKey("diagnostics")


def _diagnostics(text: str) -> tuple[Diagnostic, ...]:
    from ..parse import Diagnostic

    return tuple(
        Diagnostic(
            code=record["code"],
            message=record["message"],
            message_zh=record.get("message_zh", ""),
            span=None if record["start"] is None else Span(start=record["start"], end=record["end"]),
        )
        for record in json.loads(text)
    )


def source(name: str) -> str:
    """The published text that the shipped plan ``name`` was parsed from."""
    return str(_entry(name, ".txt").read_text("utf-8"))
