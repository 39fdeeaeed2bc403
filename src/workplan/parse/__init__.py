"""The text parser: Chinese work-plan text (工作要点) in, a typed `Plan` out.

```python
from workplan.parse import parse_with_diagnostics

result = parse_with_diagnostics(text)
result.plan.goals
for diagnostic in result.diagnostics:
    print(diagnostic.format(text))
```

The pipeline runs in four stages, each in its own private module whose docstring
states what it guarantees: normalise (``_normalise``) → segment (``_segment``) →
extract (``_extract_targets``, ``_extract_refs``, ``_extract_time``) → build (``_build``).
"""

from ._api import MAX_CHARS as MAX_CHARS
from ._api import parse_file as parse_file
from ._api import parse_text as parse_text
from ._api import parse_with_diagnostics as parse_with_diagnostics
from ._diagnostics import CODES as CODES
from ._diagnostics import WARNINGS as WARNINGS
from ._diagnostics import Diagnostic as Diagnostic
from ._diagnostics import ParseResult as ParseResult
from ._gazetteer import Gazetteer as Gazetteer
from ._gazetteer import Organisation as Organisation
from ._gazetteer import Place as Place
from ._gazetteer import place_of as place_of

__all__ = [
    "CODES",
    "MAX_CHARS",
    "WARNINGS",
    "Diagnostic",
    "Gazetteer",
    "Organisation",
    "ParseResult",
    "Place",
    "parse_file",
    "parse_text",
    "parse_with_diagnostics",
    "place_of",
]
