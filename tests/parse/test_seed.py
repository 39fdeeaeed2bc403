"""The reference plan against a hand-written answer key (seed_expected.json).

Precision and recall for targets, documents and owners are computed here against the
key, which was written by reading the text, not from parser output.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import workplan as wp
from workplan.model import Plan

HERE = Path(__file__).parent
EXPECTED = json.loads((HERE / "seed_expected.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def plan() -> Plan:
    return wp.parse_text(wp.datasets.source("changchun-edu-2020"))


def _scores(found: Counter[object], expected: Counter[object]) -> tuple[float, float]:
    hits = sum((found & expected).values())
    return hits / max(1, sum(found.values())), hits / max(1, sum(expected.values()))


def test_header(plan: Plan) -> None:
    assert plan.title == EXPECTED["title"]
    assert plan.issuer == EXPECTED["issuer"]
    assert plan.year == EXPECTED["year"]
    assert plan.issued == dt.date.fromisoformat(EXPECTED["issued"])
    assert plan.preamble.startswith("2020年全市教育工作的总体思路是:")
    assert plan.preamble.endswith("为庆祝建党100周年打下坚实基础。")


def test_goals_and_tasks(plan: Plan) -> None:
    assert [goal.title for goal in plan.goals] == EXPECTED["goals"]
    assert [len(goal.tasks) for goal in plan.goals] == EXPECTED["tasks_per_goal"]
    tasks = [task for goal in plan.goals for task in goal.tasks]
    assert [task.title for task in tasks] == EXPECTED["tasks"]
    assert [task.number for task in tasks] == list(range(1, 39))
    assert all(task.measures for task in tasks)


def test_spans_point_into_the_source(plan: Plan) -> None:
    source = plan.source
    assert source is not None
    for _, measure in plan.nodes("measure"):
        assert measure.span is not None
        assert source[measure.span.start : measure.span.end] == measure.text
        for target in measure.targets:
            assert target.span is not None
            assert source[target.span.start : target.span.end] == target.text
        for owner in measure.owners:
            assert owner.span is not None
            assert source[owner.span.start : owner.span.end] == owner.text
    for goal in plan.goals:
        assert goal.span is not None
        assert source[goal.span.start : goal.span.end].startswith(
            ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、")
        )


def test_targets_precision_recall(plan: Plan) -> None:
    found = Counter(
        (int(path.split("/")[1][1:]), target.value, target.unit) for path, target in plan.nodes("target")
    )
    expected = Counter((row[0], Decimal(row[1]), row[2]) for row in EXPECTED["targets"])
    precision, recall = _scores(found, expected)
    assert (precision, recall) == (1.0, 1.0), sorted(found - expected, key=str) + sorted(
        expected - found, key=str
    )


def test_targets_kind_qualifier_metric(plan: Plan) -> None:
    by_key: dict[tuple[int, Decimal, str], list[wp.Target]] = {}
    for path, target in plan.nodes("target"):
        by_key.setdefault((int(path.split("/")[1][1:]), target.value, target.unit), []).append(target)
    wrong = []
    for task, value, unit, kind, qualifier, word in EXPECTED["targets"]:
        candidates = by_key.get((task, Decimal(value), unit), [])
        if not any(
            t.kind.value == kind and t.qualifier.value == qualifier and word in t.metric for t in candidates
        ):
            wrong.append(
                (
                    task,
                    value,
                    unit,
                    kind,
                    qualifier,
                    word,
                    [(t.kind, t.qualifier, t.metric) for t in candidates],
                )
            )
    assert not wrong


def test_documents_precision_recall(plan: Plan) -> None:
    found = Counter(document.title for document in plan.documents)
    expected = Counter(row[0] for row in EXPECTED["documents"])
    assert _scores(found, expected) == (1.0, 1.0)
    assert [d.id for d in plan.documents] == [f"d{i}" for i in range(1, len(plan.documents) + 1)]
    relations = {}
    for _, measure in plan.nodes("measure"):
        for ref in measure.documents:
            relations.setdefault(plan.document(ref.document).title, ref.relation.value)
    for title, relation, issuer in EXPECTED["documents"]:
        assert relations[title] == relation, title
        assert plan.document(title).issuer == issuer, title


def test_own_title_is_not_a_document(plan: Plan) -> None:
    assert all(document.title != plan.title for document in plan.documents)


def test_owners_precision_recall(plan: Plan) -> None:
    issuer = plan.owner(EXPECTED["issuer"])
    found = Counter(owner.name for owner in plan.owners if owner is not issuer)
    expected = Counter(list(EXPECTED["owners"]))
    assert _scores(found, expected) == (1.0, 1.0), (found - expected, expected - found)
    mentions: dict[str, set[str]] = {}
    for _, measure in plan.nodes("measure"):
        for ref in measure.owners:
            mentions.setdefault(plan.owner(ref.owner).name, set()).add(ref.text)
    for name, spellings in EXPECTED["owners"].items():
        assert mentions[name] == set(spellings), name
        assert set(spellings) - {name} <= set(plan.owner(name).aliases)


def test_owner_roles(plan: Plan) -> None:
    roles = {
        (int(path.split("/")[1][1:]), ref.text): ref.role.value
        for path, measure in plan.nodes("measure")
        for ref in measure.owners
    }
    for task, text, role in EXPECTED["owner_roles"]:
        assert roles[(task, text)] == role, (task, text)


def test_deadlines(plan: Plan) -> None:
    found = {
        (int(path.split("/")[1][1:]), measure.deadline.text): measure.deadline
        for path, measure in plan.nodes("measure")
        if measure.deadline is not None
    }
    for task, text, start, end, recurrence in EXPECTED["deadlines"]:
        deadline = found[(task, text)]
        assert deadline.start == (dt.date.fromisoformat(start) if start else None)
        assert deadline.end == (dt.date.fromisoformat(end) if end else None)
        assert (deadline.recurrence.value if deadline.recurrence else None) == recurrence


def test_diagnostics() -> None:
    from workplan.parse import parse_with_diagnostics

    result = parse_with_diagnostics(wp.datasets.source("changchun-edu-2020"))
    source = result.plan.source
    assert source is not None
    flagged = {(d.code, source[d.span.start : d.span.end]) for d in result.diagnostics if d.span}
    assert ("P101", "715岁") in flagged
    assert ("P102", "未来35年") in flagged
    assert ("P103", "20172035") in flagged
    assert ("P104", "2020415") in flagged
    assert any(code == "P202" for code, _ in flagged)


def test_no_deadline_from_a_document_period(plan: Plan) -> None:
    periods = {document.title: document.period for document in plan.documents if document.period}
    assert periods["长春市规划区幼儿园布局专项规划(2017-2035)"].end == dt.date(2035, 12, 31)
    for _, measure in plan.nodes("measure"):
        deadline = measure.deadline
        assert deadline is None or deadline.end is None or deadline.end.year <= 2020, measure.text


def test_owners_have_jurisdictions(plan: Plan) -> None:
    assert plan.owner("市应急局").name == "长春市应急管理局"
    assert plan.owner("中央党校").jurisdiction == "national"
    assert all(owner.jurisdiction is not None for owner in plan.owners)
