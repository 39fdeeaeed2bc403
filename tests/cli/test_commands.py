"""The workplan command: --version, show, datasets, and errors as exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import workplan as wp
from workplan.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"workplan {wp.__version__}"


def test_datasets_lists_every_shipped_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    for name in wp.datasets.names():
        assert name in out


def test_show_a_dataset_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    name = wp.datasets.names()[0]
    plan = wp.datasets.load(name)
    assert main(["show", name]) == 0
    out = capsys.readouterr().out
    assert out.startswith(plan.title)
    assert f"{plan.counts()['task']} 项任务" in out
    for goal in plan.goals:
        assert f"g{goal.number}  {goal.title}" in out
    assert main(["show", name, "--lang", "en"]) == 0
    assert f"{plan.counts()['task']} tasks" in capsys.readouterr().out


def test_show_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = wp.datasets.load(wp.datasets.names()[0])
    path = tmp_path / "plan.yaml"
    wp.dump(plan, path)
    assert main(["show", str(path), "--depth", "3"]) == 0
    assert plan.goals[0].tasks[0].measures[0].text in capsys.readouterr().out


def test_bad_input_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.json"
    path.write_text('{"schema_version": 1}', encoding="utf-8")
    assert main(["show", str(path)]) == 2
    assert "required field missing: title @ $.title" in capsys.readouterr().err
    assert main(["show", "no-such-plan"]) == 2
    assert "no such file or dataset" in capsys.readouterr().err


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workplan", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("workplan ")
