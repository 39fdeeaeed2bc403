"""Select and filter a plan's nodes, and ask the graph questions analysts ask.

```python
import workplan as wp

plan = wp.datasets.load("changchun-edu-2020")
hits = plan.query().measures().owned_by("公安局").text("冰雪").due_before("2020-06-30")
for path, measure, kind in hits:
    print(path, measure.text)
frame = hits.to_frame()          # needs the pandas extra; hits.to_records() does not
```

Graph questions: `owner_work`, `workload`, `dependents` and `chain`.
"""

from ._index import Match as Match
from ._index import owner_index as owner_index
from ._questions import chain as chain
from ._questions import dependents as dependents
from ._questions import owner_work as owner_work
from ._questions import workload as workload
from ._select import KINDS as KINDS
from ._select import Query as Query
from ._select import QueryError as QueryError
from ._select import resolve_owners as resolve_owners
from ._table import Table as Table

__all__ = [
    "KINDS",
    "Match",
    "Query",
    "QueryError",
    "Table",
    "chain",
    "dependents",
    "owner_index",
    "owner_work",
    "resolve_owners",
    "workload",
]
