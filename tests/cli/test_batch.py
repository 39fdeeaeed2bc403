"""The batch command line: many PLANs (files, globs, folders, -), per-input failures, JSON Lines."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

import workplan as wp
from workplan.cli import main
from workplan.cli._inputs import expand
from workplan.cli._output import Progress, use_colour


@pytest.fixture(scope="module")
def seed_text() -> str:
    return wp.datasets.source("changchun-edu-2020")


@pytest.fixture
def folder(tmp_path: Path, seed_text: str) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.txt").write_text(seed_text, "utf-8")
    (plans / "b.txt").write_text(seed_text.replace("2020", "2021"), "utf-8")
    (plans / "notes.md").write_text("not a plan", "utf-8")
    return plans


def test_expand_folders_globs_datasets_and_missing(folder: Path) -> None:
    items = expand([str(folder), str(folder / "*.txt"), "changchun-edu-2020", "nope", "-"])
    assert [item.kind for item in items] == ["file", "file", "dataset", "missing", "stdin"]
    assert [Path(item.name).name for item in items[:2]] == ["a.txt", "b.txt"]  # the glob adds nothing new
    assert "no such file or dataset" in items[3].problem


def test_parse_folder_writes_one_json_per_input(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["parse", str(folder), "-o", str(out), "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    assert wp.load(out / "b.json").year == 2021


def test_parse_jobs_two_keeps_input_order(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(folder / "b.txt"), str(folder / "a.txt"), "-f", "jsonl", "--jobs", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [wp.loads(line).year for line in lines] == [2021, 2020]


def test_one_bad_input_is_named_and_does_not_stop_the_others(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "broken.json").write_text("{not json", "utf-8")
    out = tmp_path / "out"
    assert main(["parse", str(folder), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err and "1 of 3 inputs failed" in err
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]


def test_several_inputs_need_an_outdir_or_jsonl(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(folder)]) == 2
    assert "-o OUTDIR" in capsys.readouterr().err


def test_parse_stdin(
    monkeypatch: pytest.MonkeyPatch, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO(seed_text.encode("utf-8")), encoding="utf-8")
    )
    assert main(["parse", "-"]) == 0
    assert wp.loads(capsys.readouterr().out).year == 2020


def test_check_many_plans_jsonl_has_a_plan_field(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(folder), "-f", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {Path(r["plan"]).name for r in records} == {"a.txt", "b.txt"}
    assert all({"code", "severity", "path"} <= set(r) for r in records)


def test_check_json_over_many_plans_is_one_array(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(folder), "changchun-edu-2020", "-f", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert "changchun-edu-2020" in {r["plan"] for r in records}


def test_check_fail_on_and_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A prose plan (一是/二是, no numbered headings) has a parse warning (WP002) but no errors.
    plan = tmp_path / "prose.txt"
    plan.write_text("长春市教育局2021年工作要点\n一是新增学校10所。二是建设智慧校园。\n", encoding="utf-8")
    report = wp.check(wp.parse_file(plan))
    assert report.warnings and not report.errors
    assert main(["check", str(plan), "-q"]) == 0
    assert main(["check", str(plan), "--fail-on", "warning", "-q"]) == 1
    assert main(["check", str(plan), "--fail-on", "warning", "--exit-zero", "-q"]) == 0


def test_check_list_rules_needs_no_plan_and_plain_check_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--list-rules"]) == 0
    assert "WP101" in capsys.readouterr().out
    assert main(["check"]) == 2


def test_check_unreadable_input_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "changchun-edu-2020", "missing.txt", "-q"]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_query_many_plans_adds_a_plan_column(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(folder), "--kind", "target", "-f", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("plan,path,kind")
    assert {line.split(",")[0].rsplit("/", 1)[-1] for line in lines[1:]} == {"a.txt", "b.txt"}


def test_query_jsonl_one_record_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "changchun-edu-2020", "--kind", "target", "-f", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    targets = sum(1 for _ in wp.datasets.load("changchun-edu-2020").nodes("target"))
    assert len(lines) == targets and json.loads(lines[0])["kind"] == "target"


def test_export_sqlite_from_a_folder_is_incremental(folder: Path, tmp_path: Path) -> None:
    database = tmp_path / "plans.db"
    assert main(["export", str(folder / "a.txt"), "--sqlite", str(database), "-q"]) == 0
    assert main(["export", str(folder), "--sqlite", str(database), "-q", "--jobs", "2"]) == 0
    with sqlite3.connect(database) as connection:
        years = [row[0] for row in connection.execute("SELECT year FROM plans ORDER BY year")]
        diffs = connection.execute("SELECT count(*) FROM diffs").fetchone()[0]
    assert years == [2020, 2021] and diffs == 1


def test_quiet_and_verbose_work_before_and_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "check", "changchun-edu-2020"]) == 0
    assert main(["check", "-v", "changchun-edu-2020"]) == 0


def test_no_color_and_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert use_colour(terminal)
    assert not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(terminal)

    bar = Progress(10, "parse", enabled=True, stream=terminal)
    for _ in range(10):
        bar.step()
    bar.close()
    assert "10/10" in terminal.getvalue()
    quiet = Progress(10, "parse", enabled=False, stream=Terminal())
    quiet.step()
    assert not quiet.enabled
    assert not Progress(10, "parse", enabled=True, stream=io.StringIO()).enabled
    assert not Progress(3, "parse", enabled=True, stream=Terminal()).enabled


def test_show_many_plans(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(folder), "--depth", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("== ") == 2 and "2021年工作要点" in out


def test_very_verbose_logs_stage_timings(capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    assert main(["check", "-vv", "changchun-edu-2020"]) == 0
    err = capsys.readouterr().err
    assert "workplan: DEBUG: check: WP101 duplicate-id" in err
    logger = logging.getLogger("workplan")
    assert logger.handlers == [] and logger.level == logging.NOTSET  # the command cleans up


def test_a_crash_on_one_input_is_reported_and_the_others_run(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import workplan.parse

    real = workplan.parse.parse_with_diagnostics

    def flaky(text: str, **options: object) -> object:
        if "2021" in text:
            raise RuntimeError("boom")
        return real(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(workplan.parse, "parse_with_diagnostics", flaky)
    assert main(["parse", str(folder), "-o", str(tmp_path / "out")]) == 2
    assert "b.txt: internal error (RuntimeError: boom)" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.json"]
