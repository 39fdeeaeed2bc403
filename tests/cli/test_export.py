"""``workplan export``: a Word document by suffix, like the other formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from workplan.cli import main


def test_export_docx_by_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "plan.docx"
    assert main(["export", "changchun-edu-2020", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    document = docx.Document(str(out))
    assert document.paragraphs[0].text.startswith("长春市教育局2020年工作要点")
    assert len(document.tables) == 1  # the 任务分解表 section
