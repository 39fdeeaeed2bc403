"""JSON and YAML: round trips, the schema, and errors that name the place."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

import workplan as wp
from workplan.io import dumps_yaml, json_schema, loads_yaml, unstructure_plan
from workplan.io._schema import shipped_schema
from workplan.model import Plan
from workplan.testing import plans


@given(plans())
def test_json_round_trip(plan: Plan) -> None:
    assert wp.loads(wp.dumps(plan)) == plan


@given(plans())
def test_yaml_round_trip(plan: Plan) -> None:
    assert loads_yaml(dumps_yaml(plan)) == plan


@settings(max_examples=30)  # jsonschema validation is slow; the round-trip tests cover breadth
@given(plans(max_goals=3, max_tasks=3, max_measures=3))
def test_written_files_satisfy_the_shipped_schema(plan: Plan) -> None:
    jsonschema.validate(json.loads(wp.dumps(plan)), shipped_schema())


def test_shipped_schema_file_is_current() -> None:
    # Regenerate with: python -c "import json,workplan as wp; print(json.dumps(wp.json_schema(), ...))"
    assert shipped_schema() == json_schema()
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_dataset_round_trips_through_files(tmp_path: Path) -> None:
    plan = wp.datasets.load(wp.datasets.names()[0])
    for suffix in (".json", ".yaml", ".yml"):
        path = tmp_path / f"plan{suffix}"
        wp.dump(plan, path)
        assert wp.load(path) == plan


def test_decimals_are_strings_and_defaults_are_left_out() -> None:
    data = json.loads(wp.dumps(wp.datasets.load(wp.datasets.names()[0])))
    assert data["schema_version"] == 1
    first_value = next(
        target["value"]
        for goal in data["goals"]
        for task in goal["tasks"]
        for measure in task.get("measures", [])
        for target in measure.get("targets", [])
    )
    assert isinstance(first_value, str)


VALID = {"schema_version": 1, "title": "x", "goals": [{"number": 1, "title": "g"}]}
TARGET = "$.goals[0].tasks[0].measures[0].targets[0]"


def with_target(**fields: object) -> dict[str, object]:
    target = {"metric": "m", "value": "1", **fields}
    measure = {"text": "m", "targets": [target]}
    return {
        **VALID,
        "goals": [{"number": 1, "title": "g", "tasks": [{"number": 1, "title": "t", "measures": [measure]}]}],
    }


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (json.dumps({**VALID, "title": 3}), "$.title", "expected a string"),
        (json.dumps({**VALID, "goals": [{"number": "1", "title": "g"}]}), "$.goals[0].number", "integer"),
        (json.dumps({"schema_version": 1}), "$.title", "required field missing"),
        (json.dumps({**VALID, "schema_version": 2}), "$.schema_version", "unknown schema_version 2"),
        (json.dumps({"title": "x"}), "$", "schema_version"),
        (json.dumps(with_target(kind="more")), f"{TARGET}.kind", "'increase'"),
        (json.dumps(with_target(value="eighty")), f"{TARGET}.value", "expected a number"),
        (json.dumps(with_target(value="Infinity")), f"{TARGET}.value", "finite"),
        (json.dumps(with_target(span=[5, 2])), f"{TARGET}.span", "before its start"),
        (json.dumps({**VALID, "colour": "red"}), "$", "unknown field(s): colour"),
        (
            '{"schema_version": 1, "title": "x", "goals": [{"number": 1, "title": "a", "title": "b"}]}',
            "$.goals[0].title",
            "duplicate key 'title'",
        ),
        (json.dumps(VALID) + " trailing", "$", "Extra data at line 1"),
        ("[1, 2]", "$", "expected an object"),
        ("", "$", "not valid JSON"),
    ],
)
def test_bad_json_names_the_place(text: str, where: str, message: str) -> None:
    with pytest.raises(wp.LoadError) as caught:
        wp.loads(text)
    assert caught.value.where == where
    assert message in caught.value.message
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).endswith(f"@ {where}")


def test_bad_yaml_is_refused_without_executing_it() -> None:
    with pytest.raises(wp.LoadError, match="duplicate key 'title'"):
        loads_yaml("schema_version: 1\ntitle: a\ntitle: b\n")
    with pytest.raises(wp.LoadError, match="not valid YAML"):
        loads_yaml("!!python/object/apply:os.system ['echo pwned']")
    with pytest.raises(wp.LoadError, match=r"\$.goals\[0\].number"):
        loads_yaml("schema_version: 1\ntitle: a\ngoals:\n- {number: x, title: g}\n")


def test_yaml_dates_and_numbers_stay_strings() -> None:
    plan = wp.datasets.load(wp.datasets.names()[0])
    text = dumps_yaml(plan)
    assert "issued: '2020-04-15'" in text
    assert loads_yaml(text).issued == plan.issued


def test_unknown_suffix_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(wp.LoadError, match="unknown suffix"):
        wp.load(tmp_path / "plan.odt")
    with pytest.raises(wp.WriteError, match="unknown suffix"):
        wp.dump(Plan(title="x"), tmp_path / "plan.odt")


def test_failed_dump_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old", encoding="utf-8")

    def broken_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        wp.dump(Plan(title="x"), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_failed_serialisation_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"

    class Unserialisable(Exception):
        pass

    def explode(plan: Plan) -> dict[str, object]:
        raise Unserialisable

    import workplan.io._json as json_module

    original = json_module.unstructure_plan
    json_module.unstructure_plan = explode  # type: ignore[assignment]
    try:
        with pytest.raises(Unserialisable):
            wp.dump(Plan(title="x"), path)
    finally:
        json_module.unstructure_plan = original
    assert list(tmp_path.iterdir()) == []


def test_unstructured_plan_is_plain_json_data() -> None:
    data = unstructure_plan(wp.datasets.load(wp.datasets.names()[0]))
    assert json.loads(json.dumps(data)) == data


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = tmp_path / "plan.json"
        wp.dump(Plan(title="x"), path)
        assert path.stat().st_mode & 0o777 == 0o644
        path.chmod(0o600)  # an existing file keeps its mode
        wp.dump(Plan(title="y"), path)
        assert path.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)


def test_graph_files_by_suffix(tmp_path: Path) -> None:
    import networkx as nx

    plan = wp.datasets.load("changchun-edu-2020")
    wp.dump(plan, tmp_path / "plan.graphml")
    wp.dump(plan, tmp_path / "plan.gexf")
    graph = nx.read_graphml(tmp_path / "plan.graphml")
    assert graph.number_of_nodes() == plan.graph.number_of_nodes()
    assert nx.read_gexf(tmp_path / "plan.gexf").number_of_nodes() == plan.graph.number_of_nodes()
    with pytest.raises(wp.LoadError, match="unknown suffix"):
        wp.load(tmp_path / "plan.graphml")
