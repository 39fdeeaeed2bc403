"""``workplan diff``: the Word 新旧对照表, ``--series`` over several years, and ``-f jsonl``."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import workplan as wp
from workplan.cli import main
from workplan.testing import mutate


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The 2020 plan and two mutated next years, written out of order."""
    folder = tmp_path_factory.mktemp("series")
    base = wp.datasets.load("changchun-edu-2020")
    plans = [base]
    for seed, year in ((1, 2021), (2, 2022)):
        plans.append(
            attrs.evolve(mutate(plans[-1], seed=seed), year=year, title=f"长春市教育局{year}年工作要点")
        )
    paths = []
    for plan in reversed(plans):  # written newest first: --series must sort by year
        path = folder / f"{plan.year}.json"
        wp.dump(plan, path)
        paths.append(path)
    return paths


def test_series_diffs_consecutive_years_in_order(
    years: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "--series", *map(str, years), "-f", "jsonl"]) == 0
    documents = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["old"]["year"], d["new"]["year"]) for d in documents] == [(2020, 2021), (2021, 2022)]
    assert all(d["schema"] == "workplan.diff" and d["changes"] for d in documents)


def test_series_with_exit_code_says_the_plans_differ(years: list[Path]) -> None:
    assert main(["diff", "--series", *map(str, years), "-q", "--exit-code"]) == 1


def test_series_needs_two_plans_and_not_old_new_too(
    years: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "--series", str(years[0])]) == 2
    assert "two or more" in capsys.readouterr().err
    assert main(["diff", str(years[0]), str(years[1]), "--series", str(years[2])]) == 2


def test_docx_revision_table(years: list[Path], tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "out" / "diff.docx"
    assert main(["diff", str(years[2]), str(years[1]), "-o", str(out)]) == 0
    document = docx.Document(str(out))
    (table,) = document.tables
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["原文", "修改后", "修改说明"]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    notes = {row[2] for row in rows}
    assert "未变" in notes and ({"新增", "删除"} & notes)
    added = [row for row in rows if row[2] == "新增"]
    assert all(row[0] == "" and row[1] for row in added)  # an added item stands on its new side alone
    # edits are marked: struck-through runs in 原文, underlined runs in 修改后
    marks = {
        (bool(run.font.strike), bool(run.font.underline))
        for row in table.rows[1:]
        for cell in row.cells[:2]
        for run in cell.paragraphs[0].runs
    }
    assert (True, False) in marks and (False, True) in marks
