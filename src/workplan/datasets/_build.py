"""Regenerate the shipped datasets from their source text and reviewed corrections.

```
python -m workplan.datasets._build          # rewrite data/NAME.json and diagnostics/NAME.json
python -m workplan.datasets._build --check  # exit 1 when a shipped file is stale
```

Each dataset is ``data/NAME.txt`` (the published text, byte for byte) parsed by
`workplan.parse.parse_text`, then ``corrections/NAME.json`` applied: facts that no parser
can know, each reviewed by hand (a document's issuer that the text leaves implicit).
``diagnostics/NAME.json`` keeps what the parser noticed in the text, so that a loaded
dataset has them as a freshly parsed plan does, without parsing it again.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ..model import Plan

__all__ = ["DATASETS", "build", "main", "render", "render_diagnostics"]

_HERE = Path(__file__).resolve().parent

DATASETS: tuple[str, ...] = ("changchun-edu-2020",)
"""The datasets built from text, by name."""


def _apply(plan: Plan, corrections: dict[str, Any]) -> Plan:
    plan = attrs.evolve(plan, **corrections.get("plan", {}))
    documents = {document.title: document for document in plan.documents}
    for title, fields in corrections.get("documents", {}).items():
        if title not in documents:
            raise KeyError(f"correction for a document the parser did not find: {title!r}")
        documents[title] = attrs.evolve(documents[title], **fields)
    owners = {owner.name: owner for owner in plan.owners}
    for name, fields in corrections.get("owners", {}).items():
        if name not in owners:
            raise KeyError(f"correction for an owner the parser did not find: {name!r}")
        if "aliases" in fields:
            fields = {**fields, "aliases": tuple(fields["aliases"])}
        owners[name] = attrs.evolve(owners[name], **fields)
    return attrs.evolve(plan, documents=tuple(documents.values()), owners=tuple(owners.values()))


def build(name: str) -> Plan:
    """The dataset ``name`` as parsed from its text with its corrections applied."""
    from ..parse import parse_text

    text = (_HERE / "data" / f"{name}.txt").read_bytes().decode("utf-8")
    plan = parse_text(text)
    corrections_path = _HERE / "corrections" / f"{name}.json"
    if corrections_path.is_file():
        plan = _apply(plan, json.loads(corrections_path.read_text("utf-8")))
    return plan


def render(name: str) -> str:
    """The canonical JSON text of dataset ``name``, as shipped."""
    from ..io import dumps

    return dumps(build(name)) + "\n"


def render_diagnostics(name: str) -> str:
    """The JSON text of the parser's diagnostics for dataset ``name``'s source, as shipped."""
    from ..parse import parse_with_diagnostics

    text = (_HERE / "data" / f"{name}.txt").read_bytes().decode("utf-8")
    records = [
        {
            "code": diagnostic.code,
            "message": diagnostic.message,
            "message_zh": diagnostic.message_zh,
            "start": diagnostic.span.start if diagnostic.span is not None else None,
            "end": diagnostic.span.end if diagnostic.span is not None else None,
        }
        for diagnostic in parse_with_diagnostics(text).diagnostics
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or with ``--check`` compare) every dataset's JSON; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    stale = []
    for name in DATASETS:
        for target, text in (
            (_HERE / "data" / f"{name}.json", render(name)),
            (_HERE / "diagnostics" / f"{name}.json", render_diagnostics(name)),
        ):
            if check:
                if not target.is_file() or target.read_text("utf-8") != text:
                    stale.append(f"{target.parent.name}/{target.name}")
            else:
                target.parent.mkdir(exist_ok=True)
                target.write_text(text, "utf-8")
                print(f"wrote {target}")
    if stale:
        print(f"stale datasets: {', '.join(stale)}; run python -m workplan.datasets._build", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
