"""Decision snapshot of `wp.diff`: every match and every change for a fixed set of plan pairs.

Run: .venv/bin/python benchmarks/diff_snapshot.py [--write] [--out tests/compare/data/decisions.json]

A speed change must not change what the diff decides. This script records, for each pair,
every aligned pair (level, old path, new path, score rounded to 6 places) and every change
(its JSON record), in both directions (``diff(a, b)`` and ``diff(b, a)``). Without
``--write`` it compares the current output with the stored snapshot and prints the first
differences; ``tests/compare/test_decisions.py`` does the same in the test suite.

The pairs: the shipped 2020 plan against the hypothetical 2021 draft and the 2019 excerpt
(``examples/``), the test fixture pair (``tests/compare/data/pairs.json``), the reviewer's
real pairs (``../shared/corpus/pairs.json``, when present beside the clone), and synthetic
pairs (`workplan.testing.synthetic_plan` and `mutate`), the usual and the heavy edit, at
about 300 measures (every pair scored) and about 3 000 measures (candidates blocked).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import workplan as wp
from workplan.model import Plan
from workplan.testing import mutate, synthetic_plan

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "compare" / "data" / "decisions.json"
SHARED_PAIRS = ROOT.parent / "shared" / "corpus" / "pairs.json"
OWN_PAIRS = ROOT / "tests" / "compare" / "data" / "pairs.json"
EDITS: dict[str, dict[str, float]] = {"usual": {}, "heavy": {"reword": 0.3, "move": 0.1, "churn": 0.1}}
SYNTHETIC_SIZES = (300, 3_000)


def _side(name: str, folder: Path) -> Plan:
    if name == "dataset":
        return wp.datasets.load("changchun-edu-2020")
    return wp.parse_text((folder / name).read_text(encoding="utf-8"))


def _listed(pairs_file: Path, prefix: str) -> Iterator[tuple[str, Callable[[], tuple[Plan, Plan]]]]:
    for entry in json.loads(pairs_file.read_text(encoding="utf-8"))["pairs"]:
        old, new = entry["old"], entry["new"]
        yield (
            f"{prefix}:{Path(old).stem}->{Path(new).stem}",
            lambda old=old, new=new: (_side(old, pairs_file.parent), _side(new, pairs_file.parent)),
        )


def _synthetic(size: int, edit: str) -> tuple[Plan, Plan]:
    old = synthetic_plan(size, seed=size)
    return old, mutate(old, seed=size + 1, **EDITS[edit])  # type: ignore[arg-type]


def pairs() -> Iterator[tuple[str, Callable[[], tuple[Plan, Plan]]]]:
    """(name, loader) of every snapshot pair; the reviewer's pairs only when ../shared is present."""
    examples = ROOT / "examples"
    for draft in ("changchun-edu-2019-excerpt", "changchun-edu-2021-HYPOTHETICAL-draft"):
        path = examples / f"{draft}.txt"
        yield (
            f"seed:changchun-edu-2020<->{draft}",
            lambda path=path: (
                wp.datasets.load("changchun-edu-2020"),
                wp.parse_text(path.read_text(encoding="utf-8")),
            ),
        )
    yield from _listed(OWN_PAIRS, "own")
    if SHARED_PAIRS.exists():
        yield from _listed(SHARED_PAIRS, "corpus")
    for size in SYNTHETIC_SIZES:
        for edit in EDITS:
            yield f"synthetic:{edit}-{size}", lambda size=size, edit=edit: _synthetic(size, edit)


def decisions(old: Plan, new: Plan, *, texts: bool = True) -> dict[str, list[Any]]:
    """Every match (level, old path, new path, score to 6 places) and every change record.

    Without ``texts`` a change keeps no ``old``/``new`` value (they follow from its paths), to
    keep the snapshot of large pairs small.
    """
    delta = wp.diff(old, new)
    dropped = () if texts else ("old", "new")
    return {
        "matches": [
            [match.level, match.old_path, match.new_path, round(match.score, 6)] for match in delta.matches
        ],
        "changes": [
            {
                key: value
                for key, value in change.to_record().items()
                if value is not None and key not in dropped
            }
            for change in delta.changes
        ],
    }


def snapshot(names: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Decisions of every pair (or of the named ones), both directions."""
    found: dict[str, dict[str, Any]] = {}
    for name, load in pairs():
        if names is not None and name not in names:
            continue
        old, new = load()
        texts = not name.endswith(f"-{SYNTHETIC_SIZES[-1]}")
        found[name] = {
            "forward": decisions(old, new, texts=texts),
            "backward": decisions(new, old, texts=texts),
        }
    return found


def differences(stored: dict[str, Any], current: dict[str, Any], limit: int = 10) -> list[str]:
    """Readable first differences between two snapshots (empty when equal)."""
    lines: list[str] = []
    for name in sorted(stored.keys() | current.keys()):
        if name not in current or name not in stored:
            lines.append(f"{name}: only in {'stored' if name in stored else 'current'}")
            continue
        for direction in ("forward", "backward"):
            for part in ("matches", "changes"):
                before, after = stored[name][direction][part], current[name][direction][part]
                if before == after:
                    continue
                gone = [json.dumps(x, ensure_ascii=False) for x in before if x not in after]
                came = [json.dumps(x, ensure_ascii=False) for x in after if x not in before]
                lines.append(f"{name} {direction} {part}: {len(before)} -> {len(after)}")
                lines += [f"  - {x}" for x in gone[:limit]] + [f"  + {x}" for x in came[:limit]]
    return lines


def dump(found: dict[str, dict[str, Any]]) -> str:
    """JSON with one match or change per line: a reviewable diff when a decision changes."""

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{"]
    for n, (name, directions) in enumerate(found.items()):
        lines.append(f" {compact(name)}: {{")
        for d, (direction, parts) in enumerate(directions.items()):
            lines.append(f"  {compact(direction)}: {{")
            for p, (part, items) in enumerate(parts.items()):
                lines.append(f"   {compact(part)}: [")
                lines += [f"    {compact(item)}," for item in items[:-1]]
                lines += [f"    {compact(item)}" for item in items[-1:]]
                lines.append("   ]" + ("," if p < len(parts) - 1 else ""))
            lines.append("  }" + ("," if d < len(directions) - 1 else ""))
        lines.append(" }" + ("," if n < len(found) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--write", action="store_true", help="write the snapshot instead of comparing")
    args = parser.parse_args()
    current = snapshot()
    if args.write:
        args.out.write_text(dump(current), encoding="utf-8")
        print(f"wrote {args.out} ({len(current)} pairs)")
        return 0
    stored = json.loads(args.out.read_text(encoding="utf-8"))
    if SHARED_PAIRS.exists():
        compared = stored
    else:
        compared = {name: value for name, value in stored.items() if not name.startswith("corpus:")}
    lines = differences(compared, current)
    print("\n".join(lines) if lines else f"identical ({len(current)} pairs)")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
