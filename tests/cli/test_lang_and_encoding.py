"""The shared ``--lang`` and ``--encoding`` options: Chinese and a BOM by default, on every command."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import workplan as wp
from workplan.cli import main
from workplan.cli._main import build_parser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXCERPT = str(EXAMPLES / "changchun-edu-2019-excerpt.txt")
BOM = b"\xef\xbb\xbf"


@pytest.fixture(autouse=True)
def _no_language_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKPLAN_LANG", raising=False)


def test_every_command_that_renders_for_people_takes_lang() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in ("show", "check", "query", "diff", "continuity", "timeline", "export", "report"):
        lang = next(action for action in commands[name]._actions if "--lang" in action.option_strings)
        assert tuple(lang.choices) == ("zh", "en") and lang.default is None, (
            name
        )  # None: zh or $WORKPLAN_LANG
    for name in ("export", "query", "continuity", "timeline"):
        assert any("--encoding" in action.option_strings for action in commands[name]._actions), name


def test_the_variable_sets_the_language_and_the_option_wins(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKPLAN_LANG", "en")
    assert main(["show", "changchun-edu-2020", "--depth", "1"]) == 0
    assert "38 tasks" in capsys.readouterr().out
    assert main(["show", "changchun-edu-2020", "--depth", "1", "--lang", "zh"]) == 0
    assert "38 项任务" in capsys.readouterr().out
    monkeypatch.setenv("WORKPLAN_LANG", "fr")
    assert main(["show", "changchun-edu-2020"]) == 2
    assert "WORKPLAN_LANG='fr'" in capsys.readouterr().err
    assert main(["show", "changchun-edu-2020", "--lang", "en"]) == 0  # the option does not read it


def test_check_text_and_many_plans_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "changchun-edu-2020", EXCERPT]) == 0
    captured = capsys.readouterr()
    assert "共发现" in captured.out and "2 份计划：0 个错误" in captured.err
    assert main(["check", "changchun-edu-2020", EXCERPT, "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "Found " in captured.out and "2 plans: 0 errors" in captured.err


def test_continuity_and_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["continuity", EXCERPT, "changchun-edu-2020"]) == 0
    assert capsys.readouterr().out.startswith("上年承诺的延续情况\n")
    assert main(["continuity", EXCERPT, "changchun-edu-2020", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("Continuity of last period's commitments\n")
    assert main(["timeline", EXCERPT, "changchun-edu-2020", "-f", "md", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("# Timeline\n")


def test_csv_to_a_file_has_a_bom_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "continuity.csv"
    assert main(["continuity", EXCERPT, "changchun-edu-2020", "-f", "csv", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(BOM + b"kind,subject,status")
    assert "长春市加快推进教育现代化实施方案" in data.decode("utf-8-sig")
    assert main(["continuity", EXCERPT, "changchun-edu-2020", "-f", "csv"]) == 0
    assert capsys.readouterr().out.startswith("kind,")  # standard output: no BOM
    markdown = tmp_path / "continuity.md"
    assert main(["continuity", EXCERPT, "changchun-edu-2020", "-f", "md", "-o", str(markdown)]) == 0
    assert markdown.read_bytes().startswith("# 上年".encode())  # not CSV: plain UTF-8


def test_encoding_gbk_writes_gbk_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "timeline.csv"
    args = ["timeline", EXCERPT, "changchun-edu-2020", "-f", "csv", "-o", str(out)]
    assert main([*args, "--encoding", "gbk"]) == 0
    data = out.read_bytes()
    assert not data.startswith(BOM)
    text = data.decode("gbk")
    assert "全面加强党的领导" in text
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert main([*args, "--encoding", "utf-8"]) == 0
    assert out.read_bytes().decode("utf-8") == text  # the same text, no BOM


def test_query_csv_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "targets.csv"
    assert main(["query", "changchun-edu-2020", "--kind", "target", "-f", "csv", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(BOM + b"path,kind")
    assert (
        main(
            [
                "query",
                "changchun-edu-2020",
                "--kind",
                "target",
                "-f",
                "csv",
                "-o",
                str(out),
                "--encoding",
                "gbk",
            ]
        )
        == 0
    )
    assert "国家级冰雪特色校" in out.read_bytes().decode("gbk")
    capsys.readouterr()


def test_export_csv_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "changchun-edu-2020", "-o", str(tmp_path / "plan.csv")]) == 0
    nodes = (tmp_path / "plan.nodes.csv").read_bytes()
    assert nodes.startswith(BOM)
    assert main(["export", "changchun-edu-2020", "-o", str(tmp_path / "gbk.csv"), "--encoding", "gbk"]) == 0
    gbk = (tmp_path / "gbk.nodes.csv").read_bytes()
    assert gbk.decode("gbk") == nodes.decode("utf-8-sig")
    capsys.readouterr()


def test_text_gbk_cannot_hold_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    first = plan.goals[0]
    task = attrs.evolve(first.tasks[0], title=first.tasks[0].title + "𠀀")  # no GBK code for it
    odd = attrs.evolve(plan, goals=(attrs.evolve(first, tasks=(task, *first.tasks[1:])), *plan.goals[1:]))
    source = tmp_path / "odd.json"
    wp.dump(odd, source)
    out = tmp_path / "odd.csv"
    code = main(["timeline", str(source), str(source), "-f", "csv", "-o", str(out), "--encoding", "gbk"])
    err = capsys.readouterr().err
    assert code == 1 and "cannot write as gbk" in err and str(out) in err
    assert not out.exists()


def test_unknown_encoding_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["timeline", EXCERPT, "changchun-edu-2020", "--encoding", "klingon"])
    assert raised.value.code == 2
    assert "unknown encoding: 'klingon'" in capsys.readouterr().err


def test_word_outputs_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = pytest.importorskip("docx")
    chinese, english = tmp_path / "zh.docx", tmp_path / "en.docx"
    assert main(["diff", EXCERPT, "changchun-edu-2020", "-o", str(chinese)]) == 0
    assert main(["diff", EXCERPT, "changchun-edu-2020", "-o", str(english), "--lang", "en"]) == 0
    zh_table, en_table = docx.Document(str(chinese)).tables[0], docx.Document(str(english)).tables[0]
    assert [cell.text for cell in zh_table.rows[0].cells] == ["原文", "修改后", "修改说明"]
    assert [cell.text for cell in en_table.rows[0].cells] == ["old", "new", "note"]
    assert "新旧对照表" in docx.Document(str(chinese)).paragraphs[0].text
    assert "side by side" in docx.Document(str(english)).paragraphs[0].text
    notes = {row.cells[2].text for row in en_table.rows[1:]}
    assert "added" in notes and "removed" in notes
    plan_zh, plan_en = tmp_path / "plan.docx", tmp_path / "plan-en.docx"
    assert main(["export", "changchun-edu-2020", "-o", str(plan_zh)]) == 0
    assert main(["export", "changchun-edu-2020", "-o", str(plan_en), "--lang", "en"]) == 0
    zh_document, en_document = docx.Document(str(plan_zh)), docx.Document(str(plan_en))
    zh_text = "\n".join(p.text for p in zh_document.paragraphs)
    en_text = "\n".join(p.text for p in en_document.paragraphs)
    assert "\n一、以教育治理现代化为目标" in zh_text and zh_text.endswith("任务分解表")
    assert "\nGoal 1. 以教育治理现代化为目标" in en_text and en_text.endswith(": task breakdown")
    assert [cell.text for cell in zh_document.tables[-1].rows[0].cells][:3] == [
        "序号",
        "重点任务",
        "具体措施",
    ]
    assert [cell.text for cell in en_document.tables[-1].rows[0].cells][:3] == ["no.", "key task", "measures"]
    report = tmp_path / "report.docx"
    assert main(["report", "changchun-edu-2020", "-o", str(report), "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"wrote {report} (")
    assert "Check findings: " in "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
