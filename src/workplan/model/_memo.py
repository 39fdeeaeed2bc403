"""Memoised indexes: derived data built once per plan and kept on it, under typed keys.

A plan is immutable, so an index built from it never goes stale. Each index
has a `MemoKey` that names it and says what it holds; `memo` builds it on first
use and returns the kept one after that:

```python
OWNERS_BY_NAME: MemoKey[dict[str, Owner]] = MemoKey("model.owners_by_name")

def owners_by_name(plan: Plan) -> dict[str, Owner]:
    return memo(plan, OWNERS_BY_NAME, _build_owners_by_name)
```

Keys are strings (their names, prefixed by the package that owns them), so
``plan._cache`` stays readable in a debugger; define each key once, at module
level, beside the function that builds its index.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from ._plan import Plan

__all__ = ["MemoKey", "memo", "memo_peek"]

T = TypeVar("T")


class MemoKey(str, Generic[T]):
    """The name of an index kept on a plan, typed by what the index holds: ``MemoKey[Graph]("graph")``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"MemoKey({str.__repr__(self)})"


def memo(plan: Plan, key: MemoKey[T], build: Callable[[Plan], T]) -> T:
    """The index ``key`` of ``plan``: ``build(plan)`` the first time, the kept result after that.

    When ``build`` raises, nothing is kept, and the next call tries again.
    """
    try:
        return plan._cache[key]  # type: ignore[no-any-return]  # what `key` says it holds
    except KeyError:
        found = plan._cache[key] = build(plan)
        return found


def memo_peek(plan: Plan, key: MemoKey[T]) -> T | None:
    """The index ``key`` of ``plan`` if it was built already, else None; never builds it."""
    return plan._cache.get(key)
