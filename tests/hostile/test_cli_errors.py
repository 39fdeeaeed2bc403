"""The command line prints one line and an exit code for every user error, never a traceback (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workplan.cli import main

PLAN_TEXT = "长春市教育局2020年工作要点\n一、目标\n1.编制规划。\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"schema_version": 1, "title": "x"}), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".xlsx", ".graphml", ".gexf", ".csv"])
def test_export_into_a_missing_folder_creates_it_for_every_format(
    tmp_path: Path, plan_file: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "new" / "deeper" / f"out{suffix}"
    status, err = run(capsys, "export", str(plan_file), "-o", str(output))
    assert (status, err) == (0, "")
    assert list(output.parent.iterdir())


def test_parse_into_a_missing_folder_creates_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(PLAN_TEXT, encoding="utf-8")
    assert run(capsys, "parse", str(source), "-o", str(tmp_path / "a" / "plan.json"))[0] == 0
    assert (tmp_path / "a" / "plan.json").is_file()


def test_writing_onto_a_folder_is_one_line_and_exit_1(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dir.json"
    folder.mkdir()
    status, err = run(capsys, "export", str(plan_file), "-o", str(folder))
    assert status == 1
    assert err.count("\n") == 1 and str(folder) in err and "is a folder" in err


@pytest.mark.parametrize("command", ["show", "check", "export"])
def test_a_folder_given_as_a_plan_is_one_line(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dir.json"
    folder.mkdir()
    extra = ["-o", str(tmp_path / "x.json")] if command == "export" else []
    status, err = run(capsys, command, str(folder), *extra)
    assert status == 2 and err.count("\n") == 1 and str(folder) in err


def test_a_file_of_another_kind_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b"PK\x03\x04 not json at all \xff")
    status, err = run(capsys, "show", str(path))
    assert status == 2 and str(path) in err and "@ $" in err


def test_a_missing_plan_says_the_name_without_a_json_path(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, "show", "nosuch.json")
    assert status == 2 and "nosuch.json" in err and "@ $" not in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PLAN_TEXT.encode("utf-16"), "utf-16"),
        (PLAN_TEXT.encode("utf-16-le"), "utf-16-le"),
        ("一、目標\n1.編制規劃。\n".encode("big5"), "big5"),
        (bytes(range(256)) * 4, None),
    ],
)
def test_parse_refuses_undecodable_text_unless_told_the_encoding(
    tmp_path: Path, data: bytes, encoding: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    status = main(["parse", str(path)])
    out, err = capsys.readouterr()
    assert status == 2 and str(path) in err and "--encoding" in err and "Traceback" not in err
    assert out == ""  # no mojibake plan printed
    if encoding is not None:
        assert main(["parse", str(path), "--encoding", encoding]) == 0
        assert "1.编制规划" in capsys.readouterr().out or encoding == "big5"


def test_parse_with_an_unknown_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    status, err = run(capsys, "parse", str(path), "--encoding", "klingon")
    assert status == 2 and "unknown encoding 'klingon'" in err


def test_a_config_that_does_not_exist_is_an_error(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run(capsys, "check", str(plan_file), "--config", "nosuch.toml")
    assert status == 2 and "no such config file: 'nosuch.toml'" in err


def test_version_imports_no_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom workplan.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('workplan.') and m.count('.') > 1"
        " and m.startswith(('workplan.cli._check', 'workplan.parse', 'workplan.checks', 'workplan.io'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["workplan 0.1.0", "[]"]


def test_a_plan_with_a_lone_surrogate_is_shown_or_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.json"
    path.write_text('{"schema_version": 1, "title": "a\\ud800b"}', encoding="utf-8")
    status = main(["show", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert (status == 0 and "a\ud800b" in out) or (status == 1 and err.count("\n") == 1)
    assert main(["export", str(path), "-o", str(tmp_path / "copy.json")]) == 0
    assert (tmp_path / "copy.json").read_text(encoding="utf-8") == path.read_text(encoding="utf-8").replace(
        '{"schema_version": 1, "title": "a\\ud800b"}',
        '{\n  "schema_version": 1,\n  "title": "a\\ud800b"\n}\n',
    )
