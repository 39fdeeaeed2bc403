"""Year-over-year diffing: match two plans' items, report typed changes, follow items across years.

```python
import workplan as wp

delta = wp.diff(old, new)            # PlanDiff: iterable of Change(kind, old_path, new_path, ...)
print(delta.render("text"))          # also "md", "html", "json"
table = wp.continuity(old, new)      # what happened to last year's commitments
lines = wp.timeline([p2018, p2019, p2020])
```
"""

import sys
import types

from ..model import Plan
from ._changes import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from ._changes import DIFF_SCHEMA_VERSION as DIFF_SCHEMA_VERSION
from ._changes import Change as Change
from ._changes import ChangeKind as ChangeKind
from ._changes import PlanDiff as PlanDiff
from ._changes import diff as diff
from ._continuity import Commitment as Commitment
from ._continuity import ContinuityTable as ContinuityTable
from ._continuity import Status as Status
from ._continuity import continuity as continuity
from ._text import using_rapidfuzz as using_rapidfuzz
from ._timeline import Timeline as Timeline
from ._timeline import TimelineEntry as TimelineEntry
from ._timeline import timeline as timeline

__all__ = [
    "DEFAULT_THRESHOLD",
    "DIFF_SCHEMA_VERSION",
    "Change",
    "ChangeKind",
    "Commitment",
    "ContinuityTable",
    "PlanDiff",
    "Status",
    "Timeline",
    "TimelineEntry",
    "continuity",
    "diff",
    "timeline",
    "using_rapidfuzz",
]


class _CallableModule(types.ModuleType):
    """``workplan.diff`` is both this package and the `diff` function.

    Importing the package binds ``workplan.diff`` to it (Python sets the parent's
    attribute on import), so ``wp.diff(old, new)`` must work on the module itself.
    """

    def __call__(self, old: Plan, new: Plan, *, threshold: float = DEFAULT_THRESHOLD) -> PlanDiff:
        return diff(old, new, threshold=threshold)


sys.modules[__name__].__class__ = _CallableModule
