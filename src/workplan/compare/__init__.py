"""Comparing plans across years: align two plans' items, report typed changes, follow items over years.

The package is ``workplan.compare``; its main function is `diff`, also ``wp.diff``.

```python
import workplan as wp

delta = wp.diff(old, new)            # PlanDiff: iterable of Change(kind, old_path, new_path, ...)
for match in delta.matches:          # every aligned pair, with score and evidence
    print(match.level, match.old_path, match.new_path, match.evidence)
print(delta.render("text"))          # also "md", "html", "json"
table = wp.continuity(old, new)      # what happened to last year's commitments
lines = wp.timeline([p2018, p2019, p2020])
```
"""

from ._changes import diff as diff
from ._continuity import Commitment as Commitment
from ._continuity import ContinuityTable as ContinuityTable
from ._continuity import Status as Status
from ._continuity import continuity as continuity
from ._registry import document_key as document_key
from ._result import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from ._result import DIFF_SCHEMA_VERSION as DIFF_SCHEMA_VERSION
from ._result import Alignment as Alignment
from ._result import Change as Change
from ._result import ChangeKind as ChangeKind
from ._result import Match as Match
from ._result import PlanDiff as PlanDiff
from ._text import using_rapidfuzz as using_rapidfuzz
from ._timeline import Timeline as Timeline
from ._timeline import TimelineEntry as TimelineEntry
from ._timeline import timeline as timeline

__all__ = [
    "DEFAULT_THRESHOLD",
    "DIFF_SCHEMA_VERSION",
    "Alignment",
    "Change",
    "ChangeKind",
    "Commitment",
    "ContinuityTable",
    "Match",
    "PlanDiff",
    "Status",
    "Timeline",
    "TimelineEntry",
    "continuity",
    "diff",
    "document_key",
    "timeline",
    "using_rapidfuzz",
]
