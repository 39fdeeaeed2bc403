"""Alignment quality on real year pairs: precision and recall of `wp.diff`'s goal and task matches.

Run: .venv/bin/python benchmarks/eval_pairs.py [--pairs ../shared/corpus/pairs.json] [--json]

Reads a pairs file (``pairs.json``: see ``../shared/corpus/README.md``). Each pair names an
old and a new plan, a file relative to the pairs file's folder or ``dataset`` (the
``changchun-edu-2020`` dataset); both are parsed with `wp.parse_text` (or loaded) and
compared with `wp.diff`. The reviewer's annotation gives, per level (``goals``, ``tasks``),
the pairs ``[old number, new number]`` that are the same commitment, and ``not_goals`` /
``not_tasks`` pairs that share a topic but must stay apart; ``documents`` gives the expected
`wp.continuity` status of documents by title.

How numbers map to paths: a goal number is the goal printed with that number (``g{n}``). A
task number is the first task, in document order, printed with that number; when no task is
(a plan whose tasks are unnumbered lead sentences that the parser numbered per goal), the
n-th task of the plan. The excerpts are cut mid-text, so only items both excerpts show are
judged, and an annotation's list for a level is the reviewer's whole list for what is shown:

- recall: annotated pairs found / annotated pairs;
- wrong: predicted matches at an annotated level that are not in the annotation (this
  includes every violation of ``not_goals`` / ``not_tasks``, counted again on its own);
- precision: right / predicted at annotated levels.

Exits 0 (it reports; the figures are pinned by ``tests/compare/test_eval_pairs.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import workplan as wp
from workplan.compare import document_key
from workplan.model import Plan

DEFAULT_PAIRS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "pairs.json"
LEVELS = (("goals", "goal"), ("tasks", "task"))


def load_side(name: str, folder: Path) -> Plan:
    """A plan of a pair: ``dataset`` or a text file relative to the pairs file."""
    if name == "dataset":
        return wp.datasets.load("changchun-edu-2020")
    return wp.parse_text((folder / name).read_text(encoding="utf-8"))


def goal_path(plan: Plan, number: int) -> str | None:
    """The path of the goal printed with ``number``."""
    return next((f"g{goal.number}" for goal in plan.goals if goal.number == number), None)


def task_path(plan: Plan, number: int) -> str | None:
    """The path of the task printed with ``number``, else of the n-th task."""
    tasks = list(plan.nodes("task"))
    for path, task in tasks:
        if task.number == number:
            return path
    return tasks[number - 1][0] if 0 < number <= len(tasks) else None


def evaluate_pair(pair: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Counts for one pair: per level expected, found, wrong, violations; document checks."""
    old, new = load_side(pair["old"], folder), load_side(pair["new"], folder)
    delta = wp.diff(old, new)
    result: dict[str, Any] = {"pair": f"{pair['old']} → {pair['new']}", "levels": {}, "documents": []}
    for key, level in LEVELS:
        if key not in pair and f"not_{key}" not in pair:
            continue
        path = goal_path if level == "goal" else task_path
        expected = {
            (path(old, a), path(new, b))
            for a, b in pair.get(key, [])
            if path(old, a) is not None and path(new, b) is not None
        }
        apart = {(path(old, a), path(new, b)) for a, b in pair.get(f"not_{key}", [])}
        predicted = {(match.old_path, match.new_path) for match in delta.matches.of_level(level)}
        wrong = sorted(predicted - expected) if key in pair else sorted(predicted & apart)
        result["levels"][level] = {
            "expected": len(expected),
            "found": len(expected & predicted),
            "predicted": len(predicted) if key in pair else len(predicted & (expected | apart)),
            "wrong": [f"{a}↔{b}" for a, b in wrong],
            "violations": [f"{a}↔{b}" for a, b in sorted(predicted & apart)],
        }
    if pair.get("documents"):
        table = wp.continuity(old, new)
        statuses = {document_key(row.subject): row.status.value for row in table if row.kind == "document"}
        for expectation in pair["documents"]:
            got = statuses.get(document_key(expectation["title"]), "absent")
            result["documents"].append(
                {"title": expectation["title"], "expected": expectation["status"], "got": got}
            )
    return result


def evaluate(pairs_file: Path) -> list[dict[str, Any]]:
    """Every pair of a pairs file, evaluated."""
    data = json.loads(pairs_file.read_text(encoding="utf-8"))
    return [evaluate_pair(pair, pairs_file.parent) for pair in data["pairs"]]


def totals(results: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Summed counts per level, plus document checks passed / checked."""
    summed: dict[str, dict[str, int]] = {}
    for result in results:
        for level, counts in result["levels"].items():
            into = summed.setdefault(
                level, {"expected": 0, "found": 0, "predicted": 0, "wrong": 0, "violations": 0}
            )
            into["expected"] += counts["expected"]
            into["found"] += counts["found"]
            into["predicted"] += counts["predicted"]
            into["wrong"] += len(counts["wrong"])
            into["violations"] += len(counts["violations"])
    checked = [document for result in results for document in result["documents"]]
    summed["documents"] = {
        "checked": len(checked),
        "right": sum(document["expected"] == document["got"] for document in checked),
    }
    return summed


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "  — "


def report(results: Sequence[dict[str, Any]]) -> str:
    """The evaluation as a plain-text table."""
    lines = [
        f"{'pair':<52} {'level':<6} {'expected':>8} {'found':>6} {'recall':>6} {'precision':>9} {'wrong':>5}"
    ]
    for result in results:
        for level, counts in result["levels"].items():
            right = counts["predicted"] - len(counts["wrong"])
            lines.append(
                f"{result['pair']:<52} {level:<6} {counts['expected']:>8} {counts['found']:>6} "
                f"{_ratio(counts['found'], counts['expected']):>6} {_ratio(right, counts['predicted']):>9} "
                f"{len(counts['wrong']):>5}"
                + (f"  wrong: {', '.join(counts['wrong'])}" if counts["wrong"] else "")
                + (f"  not_ violated: {', '.join(counts['violations'])}" if counts["violations"] else "")
            )
        for document in result["documents"]:
            mark = "ok" if document["expected"] == document["got"] else "MISSED"
            lines.append(
                f"{'':<52} doc    《{document['title']}》 expected {document['expected']}, "
                f"got {document['got']} ({mark})"
            )
    summed = totals(results)
    for level in ("goal", "task"):
        if level in summed:
            counts = summed[level]
            right = counts["predicted"] - counts["wrong"]
            lines.append(
                f"{'TOTAL':<52} {level:<6} {counts['expected']:>8} {counts['found']:>6} "
                f"{_ratio(counts['found'], counts['expected']):>6} {_ratio(right, counts['predicted']):>9} "
                f"{counts['wrong']:>5}  (not_ violations: {counts['violations']})"
            )
    documents = summed["documents"]
    lines.append(f"{'TOTAL':<52} doc    {documents['right']} of {documents['checked']} statuses as expected")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pairs", type=Path, default=DEFAULT_PAIRS, help="the pairs file (default: %(default)s)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.pairs.exists():
        print(f"no pairs file at {args.pairs}", file=sys.stderr)
        return 0
    results = evaluate(args.pairs)
    if args.json:
        print(json.dumps({"pairs": results, "totals": totals(results)}, ensure_ascii=False, indent=2))
    else:
        print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
