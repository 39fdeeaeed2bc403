"""Selecting and filtering nodes with `Plan.query()`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from checks.plans import clean_plan

import workplan as wp
from workplan.query import Match, Query, QueryError


@pytest.fixture
def plan() -> wp.Plan:
    return clean_plan()


def test_everything_in_document_order(plan: wp.Plan) -> None:
    query = plan.query()
    assert isinstance(query, Query)
    assert query.paths() == [path for path, _ in plan.walk()]
    first = query.first()
    assert first is not None
    path, node, kind = first
    assert (path, kind) == ("g1", "goal") and node is plan.goals[0]
    assert isinstance(query[1], Match) and len(query[:3]) == 3


def test_by_kind(plan: wp.Plan) -> None:
    assert plan.query().measures().paths() == ["g1/t1/m1", "g1/t1/m2", "g2/t2/m1"]
    assert plan.query().tasks().paths() == ["g1/t1", "g2/t2"]
    assert plan.query().goals().paths() == ["g1", "g2"]
    assert plan.query().owners().paths() == ["o1", "o2"]
    assert plan.query().kind("target", "document").paths() == ["g1/t1/m1/q1", "g2/t2/m1/q1", "d1", "d2"]
    with pytest.raises(QueryError, match="unknown kind 'step'"):
        plan.query().kind("step")


def test_by_owner_through_aliases_and_roles(plan: wp.Plan) -> None:
    measures = plan.query().measures()
    assert measures.owned_by("市公安局").paths() == ["g1/t1/m1", "g1/t1/m2", "g2/t2/m1"]  # an alias
    assert measures.owned_by("公安局", role="lead").paths() == ["g2/t2/m1"]  # part of a name
    assert measures.owned_by("o2", role=wp.OwnerRole.SUPPORT).paths() == ["g1/t1/m1", "g1/t1/m2"]
    assert plan.query().owned_by("长春市体育局").paths() == [
        "g1",
        "g1/t1",
        "g1/t1/m1",
        "g1/t1/m1/q1",
        "g1/t1/m2",
        "o1",
        "d1",
        "d2",
    ]
    with pytest.raises(wp.NodeNotFoundError):
        measures.owned_by("财政局")
    with pytest.raises(QueryError, match="role"):
        measures.owned_by("o1", role="boss")


def test_a_measure_naming_an_owner_does_not_inherit_its_task_owners(plan: wp.Plan) -> None:
    from checks.plans import edit_measure

    changed = edit_measure(plan, 0, 0, 1, owners=(wp.OwnerRef(owner="o2", role=wp.OwnerRole.LEAD),))
    assert changed.query().measures().owned_by("o1").paths() == ["g1/t1/m1"]
    assert changed.query().tasks().owned_by("o2", role="lead").paths() == ["g1/t1", "g2/t2"]


def test_by_text_and_regex(plan: wp.Plan) -> None:
    assert plan.query().text("冰雪").paths() == ["g1", "g1/t1", "g1/t1/m1", "g1/t1/m1/q1", "d1"]
    assert plan.query().measures().text(r"\d+%", regex=True).paths() == ["g2/t2/m1"]
    assert plan.query().owners().text("市公安局").paths() == ["o2"]  # aliases are searched
    with pytest.raises(QueryError, match="regular expression"):
        plan.query().text("(", regex=True)


def test_under_a_goal_or_task(plan: wp.Plan) -> None:
    assert plan.query().under("g2").paths() == ["g2", "g2/t2", "g2/t2/m1", "g2/t2/m1/q1"]
    assert plan.query().measures().under("g1/t1").paths() == ["g1/t1/m1", "g1/t1/m2"]
    with pytest.raises(wp.NodeNotFoundError):
        plan.query().under("g7")


def test_by_deadline_window_with_the_plan_year_as_default(plan: wp.Plan) -> None:
    measures = plan.query().measures()
    assert measures.due_before("2020-06-30").paths() == ["g1/t1/m1"]
    assert measures.due_before("06-30").paths() == ["g1/t1/m1"]  # in the plan's year
    assert measures.due_before(dt.date(2020, 6, 29)).paths() == []
    assert measures.due_after("07-01").paths() == ["g1/t1/m2", "g2/t2/m1"]  # the plan's year-end
    assert measures.due_between("2020-01-01", "2020-12-31").paths() == measures.paths()
    with pytest.raises(QueryError, match="invalid date"):
        measures.due_before("June")
    undated = attrs.evolve(plan, year=None)
    assert undated.query().measures().due_before("2030-01-01").paths() == ["g1/t1/m1"]


def test_task_deadline_is_inherited(plan: wp.Plan) -> None:
    from checks.plans import edit_task

    changed = edit_task(plan, 1, 0, deadline=wp.Deadline(text="9月底前", end=dt.date(2020, 9, 30)))
    assert changed.query().due_before("09-30").paths() == [
        "g1/t1/m1",
        "g1/t1/m1/q1",
        "g2/t2",
        "g2/t2/m1",
        "g2/t2/m1/q1",
    ]


def test_targets_by_unit_kind_qualifier_and_value(plan: wp.Plan) -> None:
    query = plan.query()
    assert query.targets(unit="%").paths() == ["g2/t2/m1/q1"]
    assert query.targets(kind="increase").paths() == ["g1/t1/m1/q1"]
    assert query.targets(qualifier="exact", min_value=50, max_value=90).paths() == ["g1/t1/m1/q1"]
    assert query.targets(min_value=Decimal("100.5")).paths() == []
    assert query.targets(unit=["所", "%"]).paths() == ["g1/t1/m1/q1", "g2/t2/m1/q1"]
    assert query.measures().where_target(unit="%").paths() == ["g2/t2/m1"]
    assert query.goals().where_target(kind="level").paths() == ["g2"]
    with pytest.raises(QueryError, match="target kind"):
        query.targets(kind="more")


def test_documents_by_relation(plan: wp.Plan) -> None:
    assert plan.query().documents(relation="drafts").paths() == ["d1"]
    assert plan.query().documents(relation=wp.DocumentRelation.IMPLEMENTS).paths() == ["d2"]
    assert plan.query().measures().related("implements").paths() == ["g1/t1/m2"]


def test_chained_filters_match_the_issue_example(plan: wp.Plan) -> None:
    found = plan.query().measures().owned_by("公安局").text("冰雪").due_before("2020-06-30")
    assert [(path, node) for path, node, _ in found] == [("g1/t1/m1", plan.get("g1/t1/m1"))]


def test_records_and_frame(plan: wp.Plan) -> None:
    records = plan.query().targets().to_records()
    assert records[0] == {
        "path": "g1/t1/m1/q1",
        "kind": "target",
        "text": "新增国家级冰雪特色校80所",
        "owners": "长春市体育局、长春市公安局",
        "due": "2020-06-30",
        "deadline": "6月底前",
        "metric": "国家级冰雪特色校",
        "value": Decimal(80),
        "unit": "所",
        "target_kind": "increase",
        "qualifier": "exact",
    }
    frame = plan.query().targets().to_frame()
    assert list(frame["value"]) == [80.0, 100.0]
    documents = plan.query().documents().to_records()
    assert [record["relations"] for record in documents] == ["drafts", "implements"]
    assert '"value": "80"' in plan.query().targets().to_json()


def test_frame_without_pandas(plan: wp.Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(wp.MissingExtraError, match=r"pip install 'workplan\[pandas\]'"):
        plan.query().to_frame()
    assert plan.query().to_records()  # needs no dependency


def test_indexes_are_cached_on_the_plan(plan: wp.Plan) -> None:
    plan.query().owned_by("o1").due_before("06-30")
    assert {"query.all", "query.owner_index", "model.dues"} <= set(plan._cache)
