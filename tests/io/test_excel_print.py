"""The 任务分解表 as a clerk prints it: LibreOffice turns the workbook into a PDF, poppler reads it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import workplan as wp
from workplan.io._excel import TABLE_COLUMNS, write_excel

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
PDFTOPPM = shutil.which("pdftoppm")

pytestmark = pytest.mark.skipif(
    not (SOFFICE and PDFTOTEXT and PDFINFO and PDFTOPPM),
    reason="needs LibreOffice (soffice) and poppler-utils: apt-get install libreoffice-calc poppler-utils",
)


def _print(workbook: Path, folder: Path) -> Path:
    profile = folder / "profile"
    subprocess.run(
        [
            str(SOFFICE),
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = folder / (workbook.stem + ".pdf")
    assert pdf.exists()
    return pdf


def _pages(pdf: Path) -> int:
    info = subprocess.run([str(PDFINFO), str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        [str(PDFTOTEXT), "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_the_2020_table_prints_one_page_wide(tmp_path: Path, paper: str) -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    workbook = tmp_path / "plan.xlsx"
    write_excel(plan, workbook, paper=paper)  # type: ignore[arg-type]
    pdf = _print(workbook, tmp_path)
    first = _page_text(pdf, 1)
    for column in TABLE_COLUMNS:  # every column on the first page: one page wide
        assert column in first, column
    assert "第 1 页" in first  # the footer
    pages = _pages(pdf)
    assert pages < 25, pages
    second = _page_text(pdf, 2)
    assert "具体措施" in second  # the header row repeats on every page
    picture = tmp_path / "first"
    subprocess.run(
        [str(PDFTOPPM), "-f", "1", "-l", "1", "-r", "40", "-png", str(pdf), str(picture)], check=True
    )
    assert any(tmp_path.glob("first*.png"))
