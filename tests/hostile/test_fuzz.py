"""Bounded fuzzing: parse_text, loads and loads_yaml on arbitrary and mutated input.

Each loader either returns a `Plan` or raises `LoadError`: never another
exception. The number of examples follows the Hypothesis profile in use
(``HYPOTHESIS_PROFILE``): ``dev`` runs a few dozen per test, ``ci`` 400
(about 2,000 in all, under a minute of CPU), ``fuzz`` 5,000.
`benchmarks/fuzz_loaders.py` runs the same properties for as long as asked.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workplan as wp
from workplan.io import dumps_yaml, loads_yaml
from workplan.testing import plans

_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
EXAMPLES = {"ci": 400, "fuzz": 5000}.get(_PROFILE, 40)

fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def _seed() -> wp.Plan:
    plan = wp.datasets.load("changchun-edu-2020")
    goals = tuple(goal.__class__(**{**_fields(goal), "tasks": goal.tasks[:2]}) for goal in plan.goals[:2])
    return plan.__class__(**{**_fields(plan), "goals": goals})


def _fields(instance: object) -> dict[str, object]:
    import attrs

    return {
        field.alias: getattr(instance, field.name) for field in attrs.fields(type(instance)) if field.init
    }


SEED = _seed()
SEED_JSON = wp.dumps(SEED)
SEED_YAML = dumps_yaml(SEED)

# Characters that change a file's structure, numbers and escapes, plus any character at all.
_HOSTILE = st.sampled_from(
    [*list("{}[]\",:\\/-+.eE0123456789 \n\t&*!?|>#%@`'"), "\\u0000", "\\ud800", "1e999"]
)
_EDIT = st.tuples(
    st.integers(min_value=0), st.sampled_from(["insert", "delete", "replace"]), _HOSTILE | st.text(max_size=3)
)


def mutate(text: str, edits: list[tuple[int, str, str]]) -> str:
    """``text`` with each edit applied at a position taken modulo the current length."""
    for position, operation, piece in edits:
        at = position % (len(text) + 1)
        if operation == "insert":
            text = text[:at] + piece + text[at:]
        elif operation == "delete":
            text = text[:at] + text[at + len(piece) + 1 :]
        else:
            text = text[:at] + piece + text[at + len(piece) :]
    return text


def _loads_or_load_error(load: object, text: str | bytes) -> None:
    try:
        plan = load(text)  # type: ignore[operator]
    except wp.LoadError as error:
        message = str(error)
    else:
        assert isinstance(plan, wp.Plan)
        return
    assert message  # a LoadError always says what is wrong


@fuzz
@given(st.lists(_EDIT, min_size=1, max_size=8))
def test_mutated_json_is_a_plan_or_a_load_error(edits: list[tuple[int, str, str]]) -> None:
    _loads_or_load_error(wp.loads, mutate(SEED_JSON, edits))


@fuzz
@given(st.lists(_EDIT, min_size=1, max_size=8))
def test_mutated_yaml_is_a_plan_or_a_load_error(edits: list[tuple[int, str, str]]) -> None:
    _loads_or_load_error(loads_yaml, mutate(SEED_YAML, edits))


@fuzz
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_arbitrary_bytes_are_a_plan_or_a_load_error(data: bytes) -> None:
    _loads_or_load_error(wp.loads, data)
    _loads_or_load_error(loads_yaml, data)


_PLAN_CHARS = st.sampled_from(list("一二三四五六七八九十、.。,;:()（）《》第条年月日%万元所个\n 0123456789"))


@fuzz
@given(st.text(_PLAN_CHARS | st.characters(), max_size=300))
def test_parse_text_never_crashes(text: str) -> None:
    plan = wp.parse_text(text)
    assert isinstance(plan, wp.Plan)
    assert wp.loads(wp.dumps(plan)) == plan


@settings(max_examples=max(10, EXAMPLES // 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_round_trips_through_json_and_yaml_the_same_with_or_without_orjson(plan: wp.Plan) -> None:
    from workplan.io import _json, unstructure_plan

    text = wp.dumps(plan)
    assert text == _json._encode(unstructure_plan(plan), "\n", "  ") or "\\ud" in text
    assert wp.loads(text) == plan
    assert loads_yaml(dumps_yaml(plan)) == plan
