"""Public entry points: wp.parse_text, wp.parse_file, wp.load(.txt), Gazetteer, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import workplan as wp
from workplan.cli import main
from workplan.parse import CODES, Diagnostic, Gazetteer, Organisation, ParseResult, parse_with_diagnostics

CORPUS = Path(__file__).parent / "corpus"
BREAKDOWN = CORPUS / "19-anshan-lishan-gov-2023-task-breakdown.txt"


def test_top_level_names() -> None:
    assert wp.parse_text is wp.parse.parse_text  # type: ignore[attr-defined]
    assert "parse_text" in wp.__all__ and "parse_file" in wp.__all__


def test_parse_file_and_load_txt(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(BREAKDOWN.read_bytes())
    assert wp.parse_file(path) == wp.load(path) == wp.parse_file(str(path))


def test_parse_file_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(BREAKDOWN.read_text("utf-8").encode("gb18030"))
    assert wp.parse_file(path).issuer == "立山区人民政府"


def test_year_and_issuer_override() -> None:
    plan = wp.parse_text("一、目标\n1.新增学校3所。", year=2030, issuer="某局")
    assert (plan.year, plan.issuer) == (2030, "某局")
    assert plan.goals[0].tasks[0].measures[0].targets[0].value == 3


def test_not_a_string() -> None:
    with pytest.raises(TypeError):
        wp.parse_text(b"bytes")  # type: ignore[arg-type]


def test_result_and_diagnostic_types() -> None:
    result = parse_with_diagnostics("一、目标\n1.为715岁儿童提供服务。")
    assert isinstance(result, ParseResult)
    diagnostic = result.diagnostics[0]
    assert isinstance(diagnostic, Diagnostic)
    assert diagnostic.code in CODES and diagnostic.slug == "suspicious-age-range"
    assert "^" in diagnostic.format("一、目标\n1.为715岁儿童提供服务。")


def test_gazetteer_user_entries() -> None:
    default = Gazetteer.default()
    assert default.resolve("长职院") is not None and default.resolve("长职院").name == "长春职业技术学院"  # type: ignore[union-attr]
    assert "汽高专" in default and default.resolve("某某局") is None
    extended = default.with_entries(
        Organisation(name="某市体育局", aliases=("市体育局",)), {"name": "甲公司"}
    )
    assert extended.resolve("市体育局").name == "某市体育局"  # type: ignore[union-attr]
    assert len(extended) == len(default) + 2
    assert default.extend(["乙集团"]).resolve("乙集团") is not None
    plan = wp.parse_text("一、目标\n1.合作。与市体育局深度合作,联合甲公司开展活动。", gazetteer=extended)
    owners = {owner.name: owner for owner in plan.owners}
    assert owners["某市体育局"].aliases == ("市体育局",)
    roles = [ref.role.value for ref in plan.goals[0].tasks[0].measures[0].owners]
    assert roles == ["partner", "partner"]


def test_generic_phrases_are_not_owners() -> None:
    plan = wp.parse_text(
        "一、目标\n1.统筹。指导各县(市)区、职业院校、普通高中学校与政府相关部门合作,支持市直属学校发展。"
    )
    assert plan.owners == ()


def test_cli_parse_json_yaml_and_diagnostics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(BREAKDOWN), "--diagnostics"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["issuer"] == "立山区人民政府"
    assert "条诊断" in captured.err
    out = tmp_path / "plan.yaml"
    assert main(["parse", str(BREAKDOWN), "-o", str(out)]) == 0
    assert wp.load(out) == wp.parse_file(BREAKDOWN)


def test_cli_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "no-such-file.txt"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_import_workplan_does_not_import_the_parser() -> None:
    code = "import sys, workplan; assert 'workplan.parse' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_opencc_missing_is_a_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "opencc", None)
    result = parse_with_diagnostics("一、推進教育現代化\n1.加強師資。新增學校3所。")
    assert any(d.code == "P001" and "workplan[zh]" in d.message for d in result.diagnostics)
    assert result.plan.goals[0].title == "推進教育現代化"
