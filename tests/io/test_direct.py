"""The direct (un)structuring path gives cattrs' results, and cattrs' errors, exactly."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workplan as wp
from workplan.io import _direct, _json, unstructure_plan
from workplan.io._converter import converter
from workplan.model import Deadline, Document, Measure, Owner, Plan, Span, Task
from workplan.testing import plans, synthetic_plan

# Any character but lone surrogates (orjson refuses them; the stdlib path escapes them).
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


@st.composite
def rich_plans(draw: st.DrawFn) -> Plan:
    """`plans()` with what it leaves out: other columns, relative owners, joint issuers, periods, source."""
    plan: Plan = draw(plans(max_goals=2, max_tasks=3, max_measures=3))
    pairs = st.lists(st.tuples(_TEXT, _TEXT), max_size=2).map(tuple)

    def measure(item: Measure) -> Measure:
        return attrs.evolve(item, extra=draw(pairs), text=draw(_TEXT) or item.text)

    def task(item: Task) -> Task:
        return attrs.evolve(item, extra=draw(pairs), measures=tuple(measure(m) for m in item.measures))

    goals = tuple(attrs.evolve(goal, tasks=tuple(task(t) for t in goal.tasks)) for goal in plan.goals)
    owners = tuple(
        attrs.evolve(owner, relative=draw(st.booleans()), jurisdiction=draw(st.none() | _TEXT))
        for owner in plan.owners
    )
    period = Deadline(text="(2017-2035)", start=dt.date(2017, 1, 1), end=dt.date(2035, 12, 31))
    documents = tuple(
        attrs.evolve(document, period=draw(st.sampled_from((None, period)))) for document in plan.documents
    )
    return attrs.evolve(
        plan,
        goals=goals,
        owners=owners,
        documents=documents,
        issuers=tuple(draw(st.lists(_TEXT, max_size=2))),
        doc_number=draw(st.none() | _TEXT),
        source=draw(st.none() | _TEXT),
    )


def cattrs_data(plan: Plan) -> dict[str, Any]:
    return {"schema_version": 1, **converter.unstructure(plan)}


@settings(max_examples=60, deadline=None)
@given(rich_plans())
def test_direct_unstructuring_and_structuring_are_cattrs_own(plan: Plan) -> None:
    data = cattrs_data(plan)
    assert unstructure_plan(plan) == data
    assert _direct.unstructure(plan) == converter.unstructure(plan)
    body = {key: value for key, value in data.items() if key != "schema_version"}
    assert _direct.structure(json.loads(json.dumps(body)), Plan) == converter.structure(body, Plan) == plan


@settings(max_examples=60, deadline=None)
@given(rich_plans())
def test_orjson_text_is_the_stdlib_text_byte_for_byte(plan: Plan) -> None:
    pytest.importorskip("orjson")
    fast = _json._orjson_bytes(plan)
    assert fast is not None
    assert fast.decode("utf-8") == _json._encode(cattrs_data(plan), "\n", "  ")
    assert fast.decode("utf-8") == json.dumps(cattrs_data(plan), ensure_ascii=False, indent=2)
    assert wp.loads(fast) == plan


@settings(max_examples=60, deadline=None)
@given(rich_plans())
def test_the_stdlib_text_straight_from_the_objects_is_json_dumps(plan: Plan) -> None:
    expected = json.dumps(cattrs_data(plan), ensure_ascii=False, indent=2)
    assert _json._stdlib_dumps(plan) == expected
    body = {key: value for key, value in cattrs_data(plan).items() if key != "schema_version"}
    assert _direct.text(plan) == json.dumps(body, ensure_ascii=False, indent=2)


def test_escapes_are_the_same_with_and_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ['"', "\\", "\n\r\t\b\f", "\x00\x01\x1f\x7f", "\u2028\u2029", "😀", "</script>", "é"]
    plan = Plan(
        title="".join(texts),
        goals=(
            wp.Goal(
                number=1,
                title="目标",
                tasks=(Task(number=1, title="任务", measures=tuple(Measure(text=t) for t in texts)),),
            ),
        ),
    )
    fast = wp.dumps(plan)
    monkeypatch.setattr(_json, "_orjson_dumps", lambda plan: None)
    assert wp.dumps(plan) == fast == json.dumps(cattrs_data(plan), ensure_ascii=False, indent=2)


def test_values_the_direct_path_does_not_know_are_cattrs_business() -> None:
    # A datetime is a date to attrs' validator; cattrs, not the direct path, decides how it is written.
    odd = Deadline(text="年底前", end=dt.datetime(2020, 12, 31, 8, 30))
    plan = Plan(
        title="x", goals=(wp.Goal(number=1, title="g", tasks=(Task(number=1, title="t", deadline=odd),)),)
    )
    with pytest.raises(_direct.Unusual):
        _direct.unstructure(plan)
    with pytest.raises(_direct.Unusual):
        _direct.text(plan)
    assert unstructure_plan(plan) == cattrs_data(plan)
    huge = Plan(title="x", year=10**30)  # beyond orjson's 64 bits
    flag = attrs.evolve(plan, goals=(wp.Goal(number=True, title="g"),))  # attrs takes a bool for an int
    for odd_plan in (plan, huge, flag):
        expected = json.dumps(cattrs_data(odd_plan), ensure_ascii=False, indent=2)
        assert wp.dumps(odd_plan) == _json._stdlib_dumps(odd_plan) == expected


def test_relative_owners_round_trip_and_a_number_is_not_a_flag() -> None:
    plan = Plan(title="x", owners=(Owner(id="o1", name="市教育局", relative=True),))
    text = wp.dumps(plan)
    assert wp.loads(text) == plan
    with pytest.raises(wp.LoadError, match=r"expected true or false, got int") as caught:
        wp.loads(text.replace("true", "1"))
    assert caught.value.where == "$.owners[0].relative"


def _sample() -> dict[str, Any]:
    plan = Plan(
        title="计划",
        year=2020,
        issued=dt.date(2020, 3, 1),
        goals=(
            wp.Goal(
                number=1,
                title="目标",
                tasks=(
                    Task(
                        number=1,
                        title="任务",
                        measures=(
                            Measure(
                                text="措施",
                                targets=(wp.Target(metric="学校", value=Decimal("80"), unit="所"),),
                                owners=(wp.OwnerRef(owner="o1"),),
                                deadline=Deadline(text="年底前", end=dt.date(2020, 12, 31)),
                                extra=(("备注", "无"),),
                                span=Span(start=0, end=2),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        owners=(Owner(id="o1", name="市教育局"),),
        documents=(Document(id="d1", title="规划"),),
    )
    return json.loads(wp.dumps(plan))


def _measure(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["goals"][0]["tasks"][0]["measures"][0]
    return result


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path
        node: Any = data
        for step in parents:
            node = node[step]
        node[last] = value

    return edit


_MEASURE = ("goals", 0, "tasks", 0, "measures", 0)
_EDITS = {
    "title a number": _set(("title",), 3),
    "year a string": _set(("year",), "2020"),
    "year true": _set(("year",), True),
    "issued not a date": _set(("issued",), "2020-13-01"),
    "goal number zero": _set(("goals", 0, "number"), 0),
    "task a list": _set(("goals", 0, "tasks", 0), []),
    "measure text missing": lambda data: _measure(data).pop("text"),
    "measure unknown field": _set((*_MEASURE, "colour"), "red"),
    "target value text": _set((*_MEASURE, "targets", 0, "value"), "八十"),
    "target value infinite": _set((*_MEASURE, "targets", 0, "value"), "Infinity"),
    "target value huge": _set((*_MEASURE, "targets", 0, "value"), "1e99"),
    "target value bool": _set((*_MEASURE, "targets", 0, "value"), True),
    "target kind unknown": _set((*_MEASURE, "targets", 0, "kind"), "more"),
    "target kind a list": _set((*_MEASURE, "targets", 0, "kind"), ["level"]),
    "owner role unknown": _set((*_MEASURE, "owners", 0, "role"), "boss"),
    "span backwards": _set((*_MEASURE, "span"), [5, 2]),
    "span negative": _set((*_MEASURE, "span"), [-1, 2]),
    "span of three": _set((*_MEASURE, "span"), [1, 2, 3]),
    "deadline backwards": _set((*_MEASURE, "deadline", "start"), "2021-01-01"),
    "extra a triple": _set((*_MEASURE, "extra"), [["a", "b", "c"]]),
    "extra of numbers": _set((*_MEASURE, "extra"), [["a", 1]]),
    "targets an object": _set((*_MEASURE, "targets"), {"metric": "x"}),
    "aliases a string": _set(("owners", 0, "aliases"), "长职院"),
    "relative a number": _set(("owners", 0, "relative"), 1),
}


@pytest.mark.parametrize("name", sorted(_EDITS))
def test_errors_are_cattrs_own_word_for_word(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _sample()
    _EDITS[name](data)
    text = json.dumps(data, ensure_ascii=False)
    with pytest.raises(wp.LoadError) as direct:
        wp.loads(text)

    def unusual(data: Any, cls: type) -> Any:
        raise _direct.Unusual

    monkeypatch.setattr(_direct, "structure", unusual)
    with pytest.raises(wp.LoadError) as cattrs_only:
        wp.loads(text)
    assert (str(direct.value), direct.value.where) == (str(cattrs_only.value), cattrs_only.value.where)


def test_the_direct_path_is_the_one_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    from workplan.io import _converter

    plan = synthetic_plan(200)
    text = wp.dumps(plan)

    class Refuse:
        def structure(self, *args: Any) -> Any:
            raise AssertionError("cattrs was asked")

        unstructure = structure

    monkeypatch.setattr(_converter, "get_converter", Refuse)
    assert wp.loads(text) == plan
    assert unstructure_plan(plan) == json.loads(text)


def test_functions_made_from_many_threads_at_once_are_made_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    plan = synthetic_plan(50)
    body = {key: value for key, value in json.loads(wp.dumps(plan)).items() if key != "schema_version"}
    maker = _direct._Maker()

    def build(_: int) -> Plan:
        made: Plan = maker.function("structure", Plan)(body)
        return made

    with ThreadPoolExecutor(8) as pool:
        assert all(made == plan for made in pool.map(build, range(32)))
    assert len({id(maker.function("structure", Plan)) for _ in range(3)}) == 1
