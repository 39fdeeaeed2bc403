"""Consistency checks: small registered rules that report `Finding`s, collected in a `Report`.

```python
import workplan as wp

report = wp.check(plan, select=["WP3"], ignore=["WP305"])
for finding in report:
    print(finding.path, finding.code, finding.message)
print(report.summary(), report.ok)
```

Codes are grouped by concern: WP0xx parsing, WP1xx structure, WP2xx owners, WP3xx targets,
WP4xx time, WP5xx graph, WP6xx documents. Write your own rule with `rule`
and register it under the ``workplan.rules`` entry-point group.
"""

from ._check import check as check
from ._config import CheckConfig as CheckConfig
from ._config import find_pyproject as find_pyproject
from ._config import load_config as load_config
from ._finding import Finding as Finding
from ._finding import Severity as Severity
from ._registry import ENTRY_POINT_GROUP as ENTRY_POINT_GROUP
from ._registry import Rule as Rule
from ._registry import all_rules as all_rules
from ._registry import load_plugins as load_plugins
from ._registry import rule as rule
from ._registry import select_rules as select_rules
from ._report import Report as Report
from ._smart import smart as smart

__all__ = [
    "ENTRY_POINT_GROUP",
    "CheckConfig",
    "Finding",
    "Report",
    "Rule",
    "Severity",
    "all_rules",
    "check",
    "find_pyproject",
    "load_config",
    "load_plugins",
    "rule",
    "select_rules",
    "smart",
]
