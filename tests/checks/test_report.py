"""The report's views, the SMART summary, and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import workplan as wp
from workplan.checks import Severity, smart
from workplan.cli import main
from workplan.io import dump

from .plans import BREAKERS, SOURCE, clean_plan


@pytest.fixture
def broken() -> wp.Plan:
    return BREAKERS["WP303"](BREAKERS["WP301"](clean_plan()))


def test_report_views(broken: wp.Plan) -> None:
    report = wp.check(broken)
    assert [finding.code for finding in report] == ["WP301", "WP303"]
    assert [finding.code for finding in report.errors] == ["WP303"]
    assert [finding.code for finding in report.warnings] == ["WP301"]
    assert not report.ok and report.codes() == {"WP301": 1, "WP303": 1}
    records = report.to_records()
    assert records[0]["code"] == "WP301" and records[0]["severity"] == "warning"
    assert records[0]["name"] == "target-without-unit" and records[0]["path"] == "g1/t1/m1/q1"
    assert records[0]["line"] == 3
    assert json.loads(report.to_json()) == records
    frame = report.to_frame()
    assert list(frame["code"]) == ["WP301", "WP303"]
    finding = report.findings[0]
    assert finding.slug == finding.name and finding.severity is Severity.WARNING


def test_text_format_shows_the_source_line_with_a_caret(broken: wp.Plan) -> None:
    text = wp.check(broken).format_text()
    lines = text.splitlines()
    assert lines[0].startswith("g1/t1/m1/q1: WP301 [warning]")
    assert "1.深化百万学子上冰雪行动。6月底前新增国家级冰雪特色校80所" in lines[2]
    assert lines[3].strip().startswith("^~")
    assert lines[-1] == "共发现 1 个错误，1 个警告，0 条提示。"
    assert wp.check(broken).format_text(lang="en").splitlines()[-1] == "Found 1 error, 1 warning, 0 info."


def test_github_format(broken: wp.Plan) -> None:
    text = wp.check(broken).format_github("plan.json")
    first = text.splitlines()[0]
    assert first.startswith("::warning file=plan.json,line=3,title=WP301 target-without-unit::g1/t1/m1/q1:")


def test_missing_pandas_gives_an_install_hint(broken: wp.Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(wp.MissingExtraError, match=r"workplan\[pandas\]"):
        wp.check(broken).to_frame()


def test_smart_summary() -> None:
    plan = BREAKERS["WP305"](BREAKERS["WP201"](clean_plan()))
    rows = {row["path"]: row for row in smart(plan)}
    assert rows["g1/t1"]["score"] == 4 and rows["g1/t1"]["deadline_from"] == "measure"
    assert rows["g2/t2"]["missing"] == "MA" and rows["g2/t2"]["deadline_from"] == "plan"
    assert list(smart(plan).to_frame().columns)[:3] == ["path", "title", "specific"]


def test_cli_exit_codes_and_formats(
    broken: wp.Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "plan.json"
    dump(broken, path)
    dump(clean_plan(), tmp_path / "clean.json")
    assert main(["check", str(tmp_path / "clean.json")]) == 0
    assert main(["check", str(path)]) == 1
    assert "WP303" in capsys.readouterr().out
    assert main(["check", str(path), "--ignore", "WP303"]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--select", "WP301", "--format", "json"]) == 0
    assert [record["code"] for record in json.loads(capsys.readouterr().out)] == ["WP301"]
    assert main(["check", str(path), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::warning file=")
    assert main(["check", str(path), "--select", "WP9"]) == 2
    assert "unknown rule code 'WP9'" in capsys.readouterr().err
    assert main(["check", str(path), "--smart", "--ignore", "WP3"]) == 0
    assert "得分" in capsys.readouterr().out
    assert main(["check", str(path), "--smart", "--ignore", "WP3", "--lang", "en"]) == 0
    assert "score" in capsys.readouterr().out


def test_cli_reads_pyproject(broken: wp.Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.workplan]\nignore = ["WP303"]\n', encoding="utf-8")
    dump(broken, tmp_path / "plan.json")
    assert main(["check", "plan.json"]) == 0
    assert main(["check", "plan.json", "--select", "WP303"]) == 0  # still ignored by the file


def test_cli_lists_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "x", "--list-rules"]) == 0
    out = capsys.readouterr().out
    assert "WP301\ttarget-without-unit\twarning" in out and "(off by default)" in out


def test_source_is_the_plans_text() -> None:
    assert clean_plan().source == SOURCE


def test_long_source_lines_are_shown_as_a_window_around_the_span() -> None:
    from workplan._views._findings import excerpt as _excerpt

    source = "标题\n" + "甲" * 100 + "目标文字" + "乙" * 100 + "\n"
    start = source.index("目标文字")
    header, line, caret = _excerpt(source, start, start + 4).splitlines()
    assert header == "第 2 行，第 101 列："
    assert _excerpt(source, start, start + 4, "en").splitlines()[0] == "line 2, column 101:"
    assert line.strip().startswith("…甲") and line.strip().endswith("乙…")
    assert "目标文字" in line and len(line.strip()) < 60
    assert caret.strip() == "^" + "~" * 7  # four characters, two terminal cells each
    assert caret.index("^") == 2 + 1 + 2 * 24  # indent, the ellipsis, then 24 wide characters
