"""How stable the alignment of the reviewer pairs is when the excerpts are cut elsewhere.

Run: .venv/bin/python benchmarks/eval_truncation.py [--pairs ../shared/corpus/pairs.json] [--verbose]

The corpus excerpts end wherever the person who saved them stopped. A method fitted to
those exact cuts could fail on the same plans cut a few lines earlier, which is what an
unseen excerpt looks like. For each pair in the pairs file (``eval_pairs.py``'s format),
this keeps the first k lines of the old text for every k from half to all of them, and the
first half, three quarters and all of the new text (for the ``dataset`` side: 40, 60 and all
lines of its published source), parses both, diffs them, and checks the reviewer's
judgements that still apply:

- an expected goal or task pair counts only when both items are still there under the same
  number *with the same title* as in the full excerpt (a cut can remove an item, or leave a
  heading that the parser then reads as something else);
- a ``not_`` pair is wrong when it is matched.

It prints the runs, how many lost an expected pair (``missing``) and how many matched a
``not_`` pair (``wrong``), with the cuts of each, so that a failure can be read. A missed
pair where the cut removed all the evidence (a goal whose retitled heading is aligned only
by its tasks' votes, with those tasks cut away) is a limit of the excerpt, not of the
method; a wrong pair is always a fault.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_pairs import DEFAULT_PAIRS, LEVELS

import workplan as wp
from workplan.model import Plan


def _text(name: str, folder: Path) -> str:
    if name == "dataset":
        source = wp.datasets.source("changchun-edu-2020")
        assert source is not None
        return source
    return (folder / name).read_text(encoding="utf-8")


def _path(plan: Plan, level: str, number: int) -> str | None:
    kind = "goal" if level == "goal" else "task"
    return next((path for path, item in plan.nodes(kind) if item.number == number), None)


def _titles(plan: Plan) -> dict[str, str]:
    return {path: item.title for kind in ("goal", "task") for path, item in plan.nodes(kind)}


def _judged(
    pair: dict[str, Any], key: str, level: str, cut: tuple[Plan, Plan], full: tuple[Plan, Plan]
) -> set[tuple[str, str, str]]:
    """The reviewer's pairs of ``key`` whose two items survive the cut, as (level, old, new) paths."""
    titles = [_titles(plan) for plan in full]
    kept = []
    for a, b in pair.get(key, []):
        paths = (_path(cut[0], level, a), _path(cut[1], level, b))
        if None in paths:
            continue
        old_path, new_path = paths
        assert old_path is not None and new_path is not None
        if _titles(cut[0]).get(old_path) == titles[0].get(old_path) and _titles(cut[1]).get(
            new_path
        ) == titles[1].get(new_path):
            kept.append((level, old_path, new_path))
    return set(kept)


def evaluate(pairs_file: Path) -> list[dict[str, Any]]:
    """One record per run: the pair, the cuts, missing and wrong pairs."""
    folder = pairs_file.parent
    runs: list[dict[str, Any]] = []
    for pair in json.loads(pairs_file.read_text(encoding="utf-8"))["pairs"]:
        old_lines = _text(pair["old"], folder).splitlines()
        new_lines = _text(pair["new"], folder).splitlines()
        full = (wp.parse_text("\n".join(old_lines)), wp.parse_text("\n".join(new_lines)))
        if pair["new"] == "dataset":
            new_cuts = sorted({min(40, len(new_lines)), min(60, len(new_lines)), len(new_lines)})
        else:
            new_cuts = sorted({len(new_lines) // 2, (3 * len(new_lines)) // 4, len(new_lines)})
        for old_cut in range(len(old_lines) // 2, len(old_lines) + 1):
            for new_cut in new_cuts:
                cut = (
                    wp.parse_text("\n".join(old_lines[:old_cut])),
                    wp.parse_text("\n".join(new_lines[:new_cut])),
                )
                delta = wp.diff(*cut)
                found = {
                    (m.level, m.old_path, m.new_path) for m in delta.matches if m.level in ("goal", "task")
                }
                expected: set[tuple[str, str, str]] = set()
                apart: set[tuple[str, str, str]] = set()
                for key, level in LEVELS:
                    expected |= _judged(pair, key, level, cut, full)
                    apart |= _judged(pair, f"not_{key}", level, cut, full)
                runs.append(
                    {
                        "pair": f"{pair['old']} → {pair['new']}",
                        "cut": [old_cut, len(old_lines), new_cut, len(new_lines)],
                        "judged": len(expected) + len(apart),
                        "missing": sorted("↔".join(item[1:]) + f" ({item[0]})" for item in expected - found),
                        "wrong": sorted("↔".join(item[1:]) + f" ({item[0]})" for item in found & apart),
                    }
                )
    return runs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pairs", type=Path, default=DEFAULT_PAIRS, help="the pairs file (default: %(default)s)"
    )
    parser.add_argument("--verbose", action="store_true", help="list every run, not only the failing ones")
    args = parser.parse_args(argv)
    if not args.pairs.exists():
        print(f"no pairs file at {args.pairs}", file=sys.stderr)
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runs = evaluate(args.pairs)
    for run in runs:
        if args.verbose or run["missing"] or run["wrong"]:
            old_cut, old_all, new_cut, new_all = run["cut"]
            print(
                f"{run['pair']}  old {old_cut}/{old_all} lines, new {new_cut}/{new_all}: "
                f"missing {', '.join(run['missing']) or '-'}; wrong {', '.join(run['wrong']) or '-'}"
            )
    judged = [run for run in runs if run["judged"]]
    missing = sum(bool(run["missing"]) for run in judged)
    wrong = sum(bool(run["wrong"]) for run in judged)
    print(f"runs {len(runs)}, with a judgement left {len(judged)}: ", end="")
    print(f"{missing} missing a pair, {wrong} with a wrong match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
