"""Plans that ship with workplan, ready to load by name.

```python
import workplan as wp

wp.datasets.names()                       # ['changchun-edu-2020', ...]
plan = wp.datasets.load("changchun-edu-2020")
text = wp.datasets.source("changchun-edu-2020")   # the published text, where shipped
```
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from .._errors import NodeNotFoundError
from ..model import Plan

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = ["load", "names", "source"]


def _data() -> Traversable:
    return files("workplan.datasets").joinpath("data")


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

    return loads(_entry(name, ".json").read_bytes())


def source(name: str) -> str:
    """The published text that the shipped plan ``name`` was parsed from."""
    return str(_entry(name, ".txt").read_text("utf-8"))
