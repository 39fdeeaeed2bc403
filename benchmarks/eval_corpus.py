"""Parser accuracy on real plan excerpts, scored against golden files written by hand.

Run: .venv/bin/python benchmarks/eval_corpus.py [--corpus DIR] [--golden DIR] [--verbose]

``--corpus`` (default ``../shared/corpus`` beside the repository) holds ``NAME.txt`` plan
texts; ``--golden`` (default ``tests/parse/corpus_expected``) holds ``NAME.expected.json``
beside them. A text without a golden file is skipped. The same script scores plans you
have not seen: write their golden files by reading the text, never from parser output.

Golden file format (JSON; every key optional, and a key left out is not judged)::

    {
      "header": {"title": "…", "issuer": "…", "issuers": ["…"], "year": 2019,
                 "issued": "2019-04-15", "doc_number": "…"},    # null: the text gives none
      "goals": ["goal title", …],                  # titles without numbers
      "tasks": ["task title", …],                  # every task, in any order
      "targets": [["metric", "6.2", "%"], …],      # clean metric name, value, unit
      "owners": [["name as written", "lead"], …],  # every mention, with its role
      "documents": [["title", "drafts"], …],       # distinct (title, relation) pairs
      "deadlines": ["年底前", …],                   # wording of every measure/task deadline
      "not_deadlines": ["(2018-2022)", …]          # wording that must never be a deadline
    }

For each field kind the table gives right, wrong (found but not expected) and missed
(expected but not found), with precision = right / (right + wrong) and recall =
right / (right + missed). A target is right when value and unit match; its metric is
also counted under ``target metrics`` (clean names). ``owner jurisdiction`` counts
relative names (市教育局) resolved outside the issuer's own place, and ``deadline from
period`` counts deadlines whose wording the golden file lists under ``not_deadlines``
or that repeat a document's period; both should be 0. The script always exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import workplan as wp
from workplan.parse import place_of

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus"
DEFAULT_GOLDEN = ROOT / "tests" / "parse" / "corpus_expected"
HEADER_FIELDS = ("title", "issuer", "issuers", "year", "issued", "doc_number")
KINDS = (
    "header",
    "goals",
    "tasks",
    "targets",
    "target metrics",
    "owners with role",
    "documents with relation",
    "deadlines",
    "owner jurisdiction",
    "deadline from period",
)


@dataclass
class Score:
    """Right, wrong and missed counts for one field kind."""

    right: int = 0
    wrong: int = 0
    missed: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, found: Iterable[Any], expected: Iterable[Any], where: str) -> None:
        got, want = Counter(found), Counter(expected)
        self.right += sum((got & want).values())
        self.wrong += sum((got - want).values())
        self.missed += sum((want - got).values())
        self.notes += [f"{where}: wrong {item!r}" for item in (got - want)]
        self.notes += [f"{where}: missed {item!r}" for item in (want - got)]

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 1.0


def _title(text: str) -> str:
    return re.sub(r"\s+", "", text).strip("。 ")


def _header_value(plan: wp.Plan, name: str) -> Any:
    value = getattr(plan, name)
    if name == "issued":
        return value.isoformat() if value else None
    if name == "issuers":
        return list(value) or None
    return value if value not in ("",) or name == "title" else None


def _owner_refs(plan: wp.Plan) -> list[wp.OwnerRef]:
    refs: list[wp.OwnerRef] = []
    for goal in plan.goals:
        for task in goal.tasks:
            refs.extend(task.owners)
            for measure in task.measures:
                refs.extend(measure.owners)
    return refs


def _deadlines(plan: wp.Plan) -> list[str]:
    found = []
    for goal in plan.goals:
        for task in goal.tasks:
            if task.deadline is not None:
                found.append(task.deadline.text)
            found.extend(m.deadline.text for m in task.measures if m.deadline is not None)
    return found


_RELATIVE = re.compile(r"^(?P<level>省|市(?!场)|区|县)")
_LEVELS = {"省": "province", "市": "city", "区": "county", "县": "county"}


def _outside_jurisdiction(plan: wp.Plan) -> list[str]:
    """Relative names resolved to a body of another place than the issuer's."""
    place = place_of(plan.issuer)
    wrong = []
    for ref in _owner_refs(plan):
        owner = plan.owner(ref.owner)
        prefix = _RELATIVE.match(ref.text)
        if prefix is None or owner.relative or owner.name == ref.text:
            continue
        home = place.at(_LEVELS[prefix.group("level")])
        if home is None or not owner.name.startswith(home):
            wrong.append(f"{ref.text} -> {owner.name}")
    return wrong


def score_plan(plan: wp.Plan, golden: dict[str, Any], name: str, scores: dict[str, Score]) -> None:
    """Add one plan's figures to ``scores``."""
    header = golden.get("header", {})
    for key in HEADER_FIELDS:
        if key not in header:
            continue
        want, got = header[key], _header_value(plan, key)
        if key == "title" and want == "":
            want = got if got == "" else None
        score = scores["header"]
        if got == want:
            score.right += 1
        elif got in (None, "", []):
            score.missed += 1
            score.notes.append(f"{name}: {key} missed {want!r}")
        else:
            score.wrong += 1
            score.notes.append(f"{name}: {key} {got!r}, expected {want!r}")
    if "goals" in golden:
        scores["goals"].add((_title(g.title) for g in plan.goals), map(_title, golden["goals"]), name)
    if "tasks" in golden:
        found = (_title(t.title) for g in plan.goals for t in g.tasks)
        scores["tasks"].add(found, map(_title, golden["tasks"]), name)
    if "targets" in golden:
        targets = [t for _, t in plan.nodes("target")]
        scores["targets"].add(
            ((t.value, t.unit) for t in targets),
            ((Decimal(value), unit) for _, value, unit in golden["targets"]),
            name,
        )
        expected = Counter((Decimal(value), unit, metric) for metric, value, unit in golden["targets"])
        matched = Counter((t.value, t.unit, t.metric) for t in targets)
        keys = Counter((value, unit) for value, unit, _ in expected.elements())
        both = Counter((t.value, t.unit) for t in targets) & keys
        clean = sum((matched & expected).values())
        scores["target metrics"].right += clean
        scores["target metrics"].wrong += sum(both.values()) - clean
        scores["target metrics"].notes += [f"{name}: metric {m!r}" for m in (matched - expected)]
    if "owners" in golden:
        scores["owners with role"].add(
            ((ref.text, ref.role.value) for ref in _owner_refs(plan)),
            (tuple(row) for row in golden["owners"]),
            name,
        )
    if "documents" in golden:
        found_documents = {
            (plan.document(ref.document).title, ref.relation.value)
            for _, measure in plan.nodes("measure")
            for ref in measure.documents
        }
        scores["documents with relation"].add(
            found_documents, {tuple(row) for row in golden["documents"]}, name
        )
    if "deadlines" in golden:
        scores["deadlines"].add(_deadlines(plan), golden["deadlines"], name)
    outside = _outside_jurisdiction(plan)
    scores["owner jurisdiction"].wrong += len(outside)
    scores["owner jurisdiction"].notes += [f"{name}: {item}" for item in outside]
    periods = {d.period.text for d in plan.documents if d.period is not None}
    banned = set(golden.get("not_deadlines", ())) | periods
    from_period = [text for text in _deadlines(plan) if text in banned]
    scores["deadline from period"].wrong += len(from_period)
    scores["deadline from period"].notes += [f"{name}: {text}" for text in from_period]


def evaluate(corpus: Path, golden: Path) -> tuple[dict[str, Score], int]:
    """Scores per field kind over every text in ``corpus`` with a golden file, and how many."""
    scores = {kind: Score() for kind in KINDS}
    count = 0
    for path in sorted(corpus.glob("*.txt")):
        expected_path = golden / f"{path.stem}.expected.json"
        if not expected_path.exists():
            continue
        count += 1
        plan = wp.parse_file(path)
        score_plan(plan, json.loads(expected_path.read_text("utf-8")), path.stem, scores)
    return scores, count


def render(scores: dict[str, Score], count: int) -> str:
    """The per-field table with totals."""
    lines = [
        f"{count} plans",
        f"{'field':<26}{'right':>7}{'wrong':>7}{'missed':>8}{'precision':>11}{'recall':>8}",
    ]
    total = Score()
    for kind, score in scores.items():
        lines.append(
            f"{kind:<26}{score.right:>7}{score.wrong:>7}{score.missed:>8}"
            f"{score.precision:>11.3f}{score.recall:>8.3f}"
        )
        if kind not in ("target metrics", "owner jurisdiction", "deadline from period"):
            total.right += score.right
            total.wrong += score.wrong
            total.missed += score.missed
    lines.append(
        f"{'total':<26}{total.right:>7}{total.wrong:>7}{total.missed:>8}"
        f"{total.precision:>11.3f}{total.recall:>8.3f}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of NAME.txt plans")
    parser.add_argument("--golden", type=Path, default=DEFAULT_GOLDEN, help="folder of NAME.expected.json")
    parser.add_argument("--verbose", action="store_true", help="list every wrong and missed item")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return
    scores, count = evaluate(args.corpus, args.golden)
    print(render(scores, count))
    if args.verbose:
        for kind, score in scores.items():
            for note in score.notes:
                print(f"  {kind}: {note}")


if __name__ == "__main__":
    main()
