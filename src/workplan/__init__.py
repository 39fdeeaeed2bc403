"""workplan: government work plans (工作要点) as typed, queryable, diffable data.

```python
import workplan as wp

plan = wp.datasets.load("changchun-edu-2020")
print(plan.counts())
text = wp.dumps(plan)
assert wp.loads(text) == plan
```

Public names live here; implementation lives in private modules.
Heavy dependencies (networkx, PyYAML, pandas, openpyxl) are imported lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._errors import ArgumentError as ArgumentError
from ._errors import ExcelError as ExcelError
from ._errors import FileFormatError as FileFormatError
from ._errors import LoadError as LoadError
from ._errors import MissingExtraError as MissingExtraError
from ._errors import NodeNotFoundError as NodeNotFoundError
from ._errors import ParseError as ParseError
from ._errors import PathSyntaxError as PathSyntaxError
from ._errors import QueryError as QueryError
from ._errors import RuleError as RuleError
from ._errors import WorkplanError as WorkplanError
from ._errors import WriteError as WriteError
from ._version import __version__ as __version__
from .model import Deadline as Deadline
from .model import Dependency as Dependency
from .model import Document as Document
from .model import DocumentRef as DocumentRef
from .model import DocumentRelation as DocumentRelation
from .model import Goal as Goal
from .model import Measure as Measure
from .model import NodePath as NodePath
from .model import Owner as Owner
from .model import OwnerRef as OwnerRef
from .model import OwnerRole as OwnerRole
from .model import Plan as Plan
from .model import Qualifier as Qualifier
from .model import Recurrence as Recurrence
from .model import Span as Span
from .model import Target as Target
from .model import TargetKind as TargetKind
from .model import Task as Task

if TYPE_CHECKING:
    from . import datasets as datasets
    from . import query as query
    from . import viz as viz
    from ._util import gc_paused as gc_paused
    from .checks import Finding as Finding
    from .checks import Report as Report
    from .checks import Severity as Severity
    from .checks import check as check
    from .compare import Change as Change
    from .compare import PlanDiff as PlanDiff
    from .compare import continuity as continuity
    from .compare import diff as diff
    from .compare import timeline as timeline
    from .io import dump as dump
    from .io import dumps as dumps
    from .io import json_schema as json_schema
    from .io import load as load
    from .io import loads as loads
    from .io._sqlite import to_sqlite as to_sqlite
    from .parse import parse_file as parse_file
    from .parse import parse_text as parse_text

# name -> module that defines it; imported on first use to keep `import workplan` fast.
_LAZY: dict[str, str] = {
    "Change": "workplan.compare",
    "PlanDiff": "workplan.compare",
    "continuity": "workplan.compare",
    "diff": "workplan.compare",
    "Finding": "workplan.checks",
    "Report": "workplan.checks",
    "Severity": "workplan.checks",
    "check": "workplan.checks",
    "datasets": "workplan.datasets",
    "query": "workplan.query",
    "dump": "workplan.io",
    "dumps": "workplan.io",
    "gc_paused": "workplan._util",
    "json_schema": "workplan.io",
    "load": "workplan.io",
    "loads": "workplan.io",
    "parse_file": "workplan.parse",
    "parse_text": "workplan.parse",
    "timeline": "workplan.compare",
    "to_sqlite": "workplan.io._sqlite",
    "viz": "workplan.viz",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'workplan' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(module_name)
    value = module if module_name.endswith("." + name) else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "ArgumentError",
    "Change",
    "Deadline",
    "Dependency",
    "Document",
    "DocumentRef",
    "DocumentRelation",
    "ExcelError",
    "FileFormatError",
    "Finding",
    "Goal",
    "LoadError",
    "Measure",
    "MissingExtraError",
    "NodeNotFoundError",
    "NodePath",
    "Owner",
    "OwnerRef",
    "OwnerRole",
    "ParseError",
    "PathSyntaxError",
    "Plan",
    "PlanDiff",
    "Qualifier",
    "QueryError",
    "Recurrence",
    "Report",
    "RuleError",
    "Severity",
    "Span",
    "Target",
    "TargetKind",
    "Task",
    "WorkplanError",
    "WriteError",
    "__version__",
    "check",
    "continuity",
    "datasets",
    "diff",
    "dump",
    "dumps",
    "gc_paused",
    "json_schema",
    "load",
    "loads",
    "parse_file",
    "parse_text",
    "query",
    "timeline",
    "to_sqlite",
    "viz",
]
