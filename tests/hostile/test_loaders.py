"""Hostile plan files get a `LoadError` with a place, fast, and never a raw exception (issue 12)."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

import workplan as wp
from workplan.io import dumps_yaml, loads_yaml

BASE = {"schema_version": 1, "title": "x"}


def _with_target(value: Any) -> str:
    target = {"metric": "m", "value": value}
    measure = {"text": "m", "targets": [target]}
    goal = {"number": 1, "title": "g", "tasks": [{"number": 1, "title": "t", "measures": [measure]}]}
    return json.dumps({**BASE, "goals": [goal]})


def alias_bomb(levels: int = 9, fan: int = 9) -> str:
    """A YAML billion-laughs shaped as a plan: each level repeats the one below ``fan`` times."""
    lines = [
        "schema_version: 1",
        "title: bomb",
        "x0: &a0 [目标, 目标, 目标, 目标, 目标, 目标, 目标, 目标, 目标]",
    ]
    for level in range(1, levels):
        lines.append(f"x{level}: &a{level} [{', '.join(f'*a{level - 1}' for _ in range(fan))}]")
    lines.append(f"goals: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_a_yaml_alias_bomb_fails_fast() -> None:
    text = alias_bomb()
    assert len(text.encode()) < 5_000
    start = time.process_time()
    with pytest.raises(wp.LoadError, match=r"aliases \(\*a0\) are not allowed.*line 4"):
        loads_yaml(text)
    assert time.process_time() - start < 5  # generous: it stops at the first alias


def test_yaml_we_write_has_no_anchors_even_for_shared_values() -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    text = dumps_yaml(plan)
    assert "&id" not in text and "*id" not in text
    assert loads_yaml(text) == plan


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version: 1\n1: x\n", r"a key must be text, got int at line 2, column 1"),
        ("schema_version: 1\n? [1, 2]\n: x\n", r"a key must be text, got list at line 2"),
        ("schema_version: 1\ntitle: x\n" + "goals: " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
        ("schema_version: 1\ntitle: x\nyear: " + "9" * 5000 + "\n", "4300"),
    ],
)
def test_bad_yaml_is_a_load_error(text: str, message: str) -> None:
    with pytest.raises(wp.LoadError, match=message):
        loads_yaml(text)


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deep_json_nesting_is_a_load_error(depth: int) -> None:
    with pytest.raises(wp.LoadError, match="nested too deeply"):
        wp.loads('{"schema_version": 1, "title": ' + "[" * depth + "]" * depth + "}")


def test_deep_nesting_with_a_duplicate_key_is_a_load_error() -> None:
    text = '{"a": 1, "a": 2, "b": ' + '{"c": ' * 900 + "1" + "}" * 900 + "}"
    with pytest.raises(wp.LoadError):
        wp.loads(text)


def test_an_integer_of_5000_digits_is_a_load_error() -> None:
    with pytest.raises(wp.LoadError, match="4300 digits"):
        wp.loads('{"schema_version": 1, "title": "x", "year": ' + "9" * 5000 + "}")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1_000", "expected a number"),
        ("１０", "expected a number"),  # full-width digits
        ("١٠", "expected a number"),  # Arabic-Indic digits
        ("1e999999999", "expected a number|out of range"),
        ("1e60", "out of range"),
        ("0." + "1" * 60, "out of range"),
        ("9" * 4500, "expected a number"),
        (" 1", "expected a number"),
        ("Infinity", "finite"),
        ("NaN", "finite"),
        (True, "expected a number"),
        (10**60, "out of range"),
    ],
)
def test_decimals_refuse_what_is_not_a_plain_number(value: Any, message: str) -> None:
    with pytest.raises(wp.LoadError, match=message) as caught:
        wp.loads(_with_target(value))
    assert caught.value.where is not None and caught.value.where.endswith(".targets[0].value")


@pytest.mark.parametrize("value", ["80", "-1.5", "1e3", ".5", "12345678901234567890.123456789", 80, 0.1])
def test_decimals_accept_plain_numbers_exactly(value: Any) -> None:
    plan = wp.loads(_with_target(value))
    from decimal import Decimal

    assert plan.goals[0].tasks[0].measures[0].targets[0].value == Decimal(str(value))


def test_a_json_float_keeps_every_digit() -> None:
    plan = wp.loads(_with_target(0).replace('"value": 0', '"value": 0.12345678901234567890123'))
    assert str(plan.goals[0].tasks[0].measures[0].targets[0].value) == "0.12345678901234567890123"


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        ({**BASE, "owners": [{"id": "o1", "name": "a", "aliases": "财政局"}]}, "$.owners[0].aliases", "list"),
        ({**BASE, "goals": "g"}, "$.goals", "expected a list"),
        ({**BASE, "year": True}, "$.year", "integer"),
        ({**BASE, "year": "2020"}, "$.year", "integer"),
    ],
)
def test_strict_types(data: dict[str, Any], where: str, message: str) -> None:
    with pytest.raises(wp.LoadError, match=message) as caught:
        wp.loads(json.dumps(data))
    assert caught.value.where == where


def test_a_missing_file_names_the_file_not_a_json_path(tmp_path: Any) -> None:
    missing = tmp_path / "nosuch.json"
    with pytest.raises(wp.LoadError) as caught:
        wp.load(missing)
    assert str(missing) in str(caught.value) and "@ $" not in str(caught.value)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(wp.LoadError, match="is a folder"):
        wp.load(folder)


def test_a_bad_file_names_the_file_and_the_json_path(tmp_path: Any) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({**BASE, "title": 3}), encoding="utf-8")
    with pytest.raises(wp.LoadError) as caught:
        wp.load(path)
    assert caught.value.file == str(path) and caught.value.where == "$.title"
    assert str(caught.value) == f"{path}: expected a string, got int @ $.title"
