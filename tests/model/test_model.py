"""The model: local validation, immutability, traversal and lookup."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import workplan as wp
from workplan.model import (
    Deadline,
    Document,
    DocumentRef,
    DocumentRelation,
    Goal,
    Measure,
    Owner,
    OwnerRef,
    Plan,
    Span,
    Target,
    TargetKind,
    Task,
)


def small_plan() -> Plan:
    target = Target(metric="国家级冰雪特色校", value=Decimal(80), unit="所", kind=TargetKind.INCREASE)
    skating = Task(
        number=35,
        title="深化百万学子上冰雪行动",
        measures=(
            Measure(text="新增国家级冰雪特色校80所。", targets=(target,)),
            Measure(text="有序推广冰雪健身操。", owners=(OwnerRef(owner="o1", text="长职院"),)),
        ),
        owners=(OwnerRef(owner="o2"),),
    )
    return Plan(
        title="长春市教育局2020年工作要点",
        year=2020,
        goals=(
            Goal(number=1, title="科学谋划教育工作", tasks=(Task(number=1, title="编制规划"),)),
            Goal(number=8, title="提高百姓教育获得感", tasks=(skating,)),
        ),
        owners=(
            Owner(id="o1", name="长春职业技术学院", aliases=("长职院",)),
            Owner(id="o2", name="长春市教育局"),
        ),
        documents=(Document(id="d1", title="依法治教实施纲要(2016-2020年)", issuer="教育部"),),
    )


def test_classes_are_frozen_and_keyword_only() -> None:
    target = Target(metric="m", value=Decimal(1))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        target.value = Decimal(2)  # type: ignore[misc]
    with pytest.raises(TypeError):
        Target("m", Decimal(1))  # type: ignore[misc]
    assert attrs.evolve(target, value=Decimal(2)).value == Decimal(2)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Target(metric="m", value=Decimal("NaN")),
        lambda: Target(metric="m", value=3),  # not a Decimal
        lambda: Span(start=5, end=2),
        lambda: Span(start=-1, end=2),
        lambda: Deadline(text="x", start=dt.date(2020, 6, 1), end=dt.date(2020, 1, 1)),
        lambda: Task(number=0, title="t"),
        lambda: Goal(number=1, title="g", tasks=[]),  # a list, not a tuple
    ],
)
def test_constructors_check_local_facts(build: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        build()  # type: ignore[operator]


def test_constructors_leave_cross_object_facts_to_check() -> None:
    # A dangling owner reference and duplicate task numbers still build; check() reports them.
    plan = Plan(
        title="t",
        goals=(Goal(number=1, title="g", tasks=(Task(number=1, title="a"), Task(number=1, title="b"))),),
    )
    assert plan.get("g1/t1").title == "a"  # type: ignore[union-attr]


def test_walk_is_document_order_with_registries_last() -> None:
    ids = [node_id for node_id, _ in small_plan().walk()]
    assert ids == ["g1", "g1/t1", "g8", "g8/t35", "g8/t35/m1", "g8/t35/m1/q1", "g8/t35/m2", "o1", "o2", "d1"]


def test_get_by_path_and_registry_id() -> None:
    plan = small_plan()
    assert plan.get("g8/t35/m1/q1").value == Decimal(80)  # type: ignore[union-attr]
    assert plan.get(wp.NodePath.parse("g8/t35")).title == "深化百万学子上冰雪行动"  # type: ignore[union-attr]
    assert plan.get("d1").issuer == "教育部"  # type: ignore[union-attr]
    assert "g8/t35/m2" in plan
    assert "g8/t36" not in plan


def test_get_errors_say_what_is_wrong() -> None:
    plan = small_plan()
    with pytest.raises(wp.NodeNotFoundError, match="g2"):
        plan.get("g2")
    with pytest.raises(wp.PathSyntaxError, match="g2/x"):
        plan.get("g2/x")
    with pytest.raises(KeyError):  # also the builtin
        plan.get("o9")


def test_owner_lookup_through_aliases() -> None:
    plan = small_plan()
    assert plan.owner("长职院").id == "o1"
    assert plan.owner("o2").name == "长春市教育局"
    with pytest.raises(wp.NodeNotFoundError):
        plan.owner("市公安局")


def test_document_lookup_by_title_with_or_without_brackets() -> None:
    plan = small_plan()
    assert plan.document("《依法治教实施纲要(2016-2020年)》").id == "d1"
    assert plan.document("d1").title.startswith("依法治教")


def test_counts() -> None:
    assert small_plan().counts() == {
        "goal": 2,
        "task": 2,
        "measure": 2,
        "target": 1,
        "owner": 2,
        "document": 1,
    }


def test_equal_plans_compare_equal_and_hash_equal() -> None:
    first, second = small_plan(), small_plan()
    first.graph  # noqa: B018 - fills the cache, which must not affect equality
    assert first == second
    assert hash(first) == hash(second)


def test_document_ref_defaults_to_cites() -> None:
    assert DocumentRef(document="d1").relation is DocumentRelation.CITES
