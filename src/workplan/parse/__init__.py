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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._api import MAX_CHARS as MAX_CHARS
    from ._api import PAUSE_FROM_CHARS as PAUSE_FROM_CHARS
    from ._api import parse_file as parse_file
    from ._api import parse_text as parse_text
    from ._api import parse_warnings as parse_warnings
    from ._api import parse_with_diagnostics as parse_with_diagnostics
    from ._diagnostics import CODES as CODES
    from ._diagnostics import WARNINGS as WARNINGS
    from ._diagnostics import Diagnostic as Diagnostic
    from ._diagnostics import ParseResult as ParseResult
    from ._gazetteer import Gazetteer as Gazetteer
    from ._gazetteer import Organisation as Organisation
    from ._gazetteer import Place as Place
    from ._gazetteer import place_of as place_of

# name -> the private module that defines it, imported on first use: the gazetteer or the
# diagnostics' codes load without the parser's patterns (about 70 ms of CPU at start-up).
_LAZY: dict[str, str] = {
    "CODES": "._diagnostics",
    "Diagnostic": "._diagnostics",
    "Gazetteer": "._gazetteer",
    "MAX_CHARS": "._api",
    "PAUSE_FROM_CHARS": "._api",
    "Organisation": "._gazetteer",
    "ParseResult": "._diagnostics",
    "Place": "._gazetteer",
    "WARNINGS": "._diagnostics",
    "parse_file": "._api",
    "parse_text": "._api",
    "parse_warnings": "._api",
    "parse_with_diagnostics": "._api",
    "place_of": "._gazetteer",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


__all__ = [
    "CODES",
    "MAX_CHARS",
    "PAUSE_FROM_CHARS",
    "WARNINGS",
    "Diagnostic",
    "Gazetteer",
    "Organisation",
    "ParseResult",
    "Place",
    "parse_file",
    "parse_text",
    "parse_warnings",
    "parse_with_diagnostics",
    "place_of",
]
