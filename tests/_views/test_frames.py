"""DataFrames: plan.to_frame(kind), and the frames of reports, diffs and timelines."""

from __future__ import annotations

import sys
from decimal import Decimal

import attrs
import pytest

import workplan as wp
from workplan._views._frames import FRAME_COLUMNS, FRAME_KINDS

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def plan() -> wp.Plan:
    return wp.datasets.load("changchun-edu-2020")


@pytest.mark.parametrize("kind", FRAME_KINDS)
def test_one_row_per_node_indexed_by_id(plan: wp.Plan, kind: str) -> None:
    frame = plan.to_frame(kind)
    expected = [node_id for node_id, _ in plan.nodes(kind[:-1])]  # type: ignore[call-overload]
    assert list(frame.index) == expected
    assert frame.index.name == "id"
    assert tuple(frame.columns) == FRAME_COLUMNS[kind]


def test_singular_kind_works_too(plan: wp.Plan) -> None:
    assert plan.to_frame("goal").equals(plan.to_frame("goals"))


def test_unknown_kind(plan: wp.Plan) -> None:
    with pytest.raises(ValueError, match="unknown frame kind"):
        plan.to_frame("paragraphs")


def test_targets_frame_has_numeric_values(plan: wp.Plan) -> None:
    frame = plan.to_frame("targets")
    assert frame["value"].dtype == "float64"
    target_id, target = next(plan.nodes("target"))
    row = frame.loc[target_id]
    assert Decimal(str(row["value"])) == target.value
    assert row["metric"] == target.metric
    assert row["kind"] == target.kind.value


def test_counts_add_up(plan: wp.Plan) -> None:
    goals = plan.to_frame("goals")
    counts = plan.counts()
    assert goals["tasks"].sum() == counts["task"]
    assert goals["measures"].sum() == counts["measure"]
    assert goals["targets"].sum() == counts["target"]
    assert plan.to_frame("tasks")["targets"].sum() == counts["target"]


def test_owner_workload_and_document_uses(plan: wp.Plan) -> None:
    owners = plan.to_frame("owners")
    refs = [
        ref
        for _, node in plan.walk()
        if isinstance(node, wp.Task | wp.Measure)
        for ref in node.owners
        if ref.role is wp.OwnerRole.LEAD
    ]
    assert owners["lead"].sum() == len(refs)
    documents = plan.to_frame("documents")
    uses = sum(len(measure.documents) for _, measure in plan.nodes("measure"))
    assert documents[["drafts", "implements", "revises", "cites"]].to_numpy().sum() == uses


def test_due_dates_are_datetimes() -> None:
    plan = wp.Plan(
        title="t",
        goals=(
            wp.Goal(
                number=1,
                title="g",
                tasks=(
                    wp.Task(
                        number=1,
                        title="a",
                        deadline=wp.Deadline(text="年底前", end=__import__("datetime").date(2020, 12, 31)),
                        measures=(wp.Measure(text="m"),),
                    ),
                    wp.Task(number=2, title="b"),
                ),
            ),
        ),
    )
    tasks = plan.to_frame("tasks")
    assert str(tasks["due"].dtype).startswith("datetime64")
    assert tasks["due"].isna().tolist() == [False, True]
    measures = plan.to_frame("measures")
    assert measures.loc["g1/t1/m1", "deadline"] == "年底前"  # inherited from the task


def test_empty_plan_gives_empty_frames() -> None:
    plan = wp.Plan(title="empty")
    for kind in FRAME_KINDS:
        frame = plan.to_frame(kind)
        assert frame.empty
        assert tuple(frame.columns) == FRAME_COLUMNS[kind]


def test_missing_pandas(monkeypatch: pytest.MonkeyPatch, plan: wp.Plan) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(wp.MissingExtraError, match=r"workplan\[pandas\]"):
        plan.to_frame("goals")


def test_report_diff_and_timeline_frames(plan: wp.Plan) -> None:
    report = wp.check(plan)  # type: ignore[attr-defined]
    assert isinstance(report.to_frame(), pd.DataFrame)
    goals = list(plan.goals)
    goals[0] = attrs.evolve(goals[0], title=goals[0].title + "(修订)")
    newer = attrs.evolve(plan, goals=tuple(goals), year=(plan.year or 2020) + 1)
    delta = wp.diff(plan, newer)  # type: ignore[attr-defined]
    changes = delta.to_frame()
    assert isinstance(changes, pd.DataFrame)
    assert len(changes) >= 1
    timeline = wp.timeline([plan, newer])  # type: ignore[attr-defined]
    assert isinstance(timeline.to_frame(), pd.DataFrame)
