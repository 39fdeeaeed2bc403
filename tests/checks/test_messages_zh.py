"""Findings and parse diagnostics speak Chinese to people and keep their English for scripts."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import workplan as wp
from workplan.checks import Finding, Severity, rule
from workplan.cli import main
from workplan.parse import parse_with_diagnostics

from .plans import BREAKERS, clean_plan

SRC = Path(__file__).resolve().parents[2] / "src" / "workplan"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("code", sorted(BREAKERS))
def test_every_built_in_finding_has_a_chinese_message(code: str) -> None:
    report = wp.check(BREAKERS[code](clean_plan()), select=["WP"])
    assert list(report)
    for finding in report:
        assert CJK.search(finding.message_zh), finding
        assert finding.text() == finding.message_zh
        assert finding.text("en") == finding.message
        assert finding.message_zh in finding.format() and finding.message in str(finding)
        assert finding.message_zh in report.format_text() and finding.message in report.format_text(lang="en")


def _calls(folder: str, name: str) -> Iterator[tuple[str, int, ast.Call]]:
    for path in sorted((SRC / folder).glob("_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        copies = [  # a mutation-testing run's altered copies of our functions are not ours
            node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name
        ]
        skipped = {id(inner) for copy in copies for inner in ast.walk(copy)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and id(node) not in skipped:
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called == name:
                    yield path.name, node.lineno, node


def test_every_rule_and_every_diagnostic_is_written_with_its_chinese_message() -> None:
    """A new rule or diagnostic cannot forget its Chinese: people would read English in a Chinese view."""
    findings = [(f, n) for f, n, call in _calls("checks", "finding") if f != "_registry.py"]
    assert len(findings) >= 25
    missing = [
        (f, n)
        for f, n, call in _calls("checks", "finding")
        if f != "_registry.py" and not any(k.arg == "zh" for k in call.keywords)
    ]
    assert missing == []
    made = list(_calls("parse", "Diagnostic"))
    assert len(made) >= 18
    assert [(f, n) for f, n, call in made if not any(k.arg == "message_zh" for k in call.keywords)] == []


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("一、目标\n1.任务。\n" + "3.跳号。\n", "P304", "任务编号从 1 跳到 3"),
        ("一、目标\n1.任务。培训715岁儿童。\n", "P101", "年龄段"),
        ("首页 > 信息公开\n一、目标\n1.任务。\n", "P002", "已去除"),
        ("只有一段话,没有编号。\n", "P306", "未找到编号标题"),
    ],
)
def test_parse_diagnostics_read_in_chinese_by_default(text: str, code: str, words: str) -> None:
    found = [d for d in parse_with_diagnostics(text, year=2020).diagnostics if d.code == code]
    assert found, parse_with_diagnostics(text, year=2020).diagnostics
    assert words in found[0].text() and words in found[0].format(text)
    assert found[0].text("en") == found[0].message and not CJK.search(found[0].format(lang="en")[:5])
    if found[0].span is not None:
        assert "第 " in found[0].format(text) and "line " in found[0].format(text, "en")


def test_records_frames_and_json_carry_both_messages() -> None:
    report = wp.check(BREAKERS["WP105"](clean_plan()), select=["WP"])
    record = report.to_records()[0]
    assert record["message"] == report.findings[0].message
    assert record["message_zh"] == report.findings[0].message_zh and CJK.search(record["message_zh"])
    assert json.loads(report.to_json())[0]["message_zh"] == record["message_zh"]


def test_summary_and_github_annotations_follow_the_language() -> None:
    report = wp.check(BREAKERS["WP105"](clean_plan()), select=["WP"])
    assert report.summary() == "0 个错误\uff0c1 个警告\uff0c0 条提示"
    assert report.summary("en") == "0 errors, 1 warning, 0 info"
    assert report.findings[0].message_zh in report.format_github()
    assert report.findings[0].message in report.format_github(lang="en")
    with pytest.raises(ValueError, match="unknown language"):
        report.summary("fr")


def test_a_plugin_finding_without_chinese_shows_its_english_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workplan.checks import _registry

    monkeypatch.setattr(_registry, "_RULES", dict(_registry._RULES))  # the test's rule goes away after it
    finding = Finding(code="XY101", name="x", severity=Severity.INFO, path="", message="plain English")
    assert finding.text() == finding.text("en") == "plain English"

    @rule("XY901", "no-chinese", Severity.INFO, default=False)
    def no_chinese(plan: wp.Plan) -> Iterator[Finding]:
        yield no_chinese.finding("", "only English here")

    report = wp.check(clean_plan(), select=["XY901"])
    assert [f.text() for f in report] == ["only English here"]
    assert report.to_records()[0]["message_zh"] == ""


def test_check_command_prints_chinese_messages_and_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.json"
    wp.dump(BREAKERS["WP105"](clean_plan()), path)
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "下没有措施" in out and "has no measures" not in out
    main(["check", str(path), "--lang", "en"])
    out = capsys.readouterr().out
    assert "has no measures" in out and "下没有措施" not in out
