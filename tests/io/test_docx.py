"""Word out: ``wp.dump(plan, "x.docx")`` read back with python-docx, and printed by LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import workplan as wp
from workplan._util import chinese_number
from workplan.io._docx import BODY_FONT, BREAKDOWN_HEADER, HEADING_FONT, build_docx, xml_text
from workplan.testing import plans

docx = pytest.importorskip("docx")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def plan() -> wp.Plan:
    return wp.datasets.load("changchun-edu-2020")


@pytest.fixture(scope="module")
def word_file(plan: wp.Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "plan.docx"
    wp.dump(plan, path)
    return path


def _east_asian_font(run: object) -> str | None:
    fonts = run._element.find(f"{W}rPr/{W}rFonts")  # type: ignore[attr-defined]
    return None if fonts is None else fonts.get(f"{W}eastAsia")


def test_document_reads_back_with_its_paragraphs(word_file: Path, plan: wp.Plan) -> None:
    document = docx.Document(str(word_file))
    paragraphs = [p for p in document.paragraphs if p.text]
    texts = [p.text for p in paragraphs]
    assert texts[0] == plan.title
    assert texts[1] == "长春市教育局  2020年4月15日"
    headings = [p for p in paragraphs if re.match("[一二三四五六七八九十]+、", p.text)]
    assert [p.text for p in headings] == [f"{chinese_number(g.number)}、{g.title}" for g in plan.goals]
    assert {_east_asian_font(run) for p in headings for run in p.runs} == {HEADING_FONT}
    for goal in plan.goals:
        for task in goal.tasks:
            assert f"{task.number}.{task.title}" in texts
    measures = [measure.text for _, measure in plan.nodes("measure")]
    assert all(text in texts for text in measures)
    measure_paragraph = paragraphs[texts.index(measures[0])]
    assert _east_asian_font(measure_paragraph.runs[0]) == BODY_FONT
    assert measure_paragraph.paragraph_format.first_line_indent is not None
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.title == plan.title


def test_document_has_the_task_breakdown_table_in_landscape(word_file: Path, plan: wp.Plan) -> None:
    document = docx.Document(str(word_file))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert tuple(cell.text for cell in table.rows[0].cells) == BREAKDOWN_HEADER
    tasks = [task for _, task in plan.nodes("task")]
    assert len(table.rows) == len(tasks) + 1
    first = tasks[0]
    row = [cell.text for cell in table.rows[1].cells]
    assert row[0] == str(first.number) and row[1] == first.title
    assert row[2].splitlines() == [f"{i}. {m.text}" for i, m in enumerate(first.measures, 1)]
    header_properties = table.rows[0]._tr.trPr
    assert header_properties.find(f"{W}tblHeader") is not None  # repeated on every page
    landscape = document.sections[-1]
    assert len(document.sections) == 2
    assert (round(landscape.page_width.mm), round(landscape.page_height.mm)) == (297, 210)


def test_font_table_names_fallbacks(word_file: Path) -> None:
    import zipfile

    with zipfile.ZipFile(word_file) as archive:
        fonts = archive.read("word/fontTable.xml").decode("utf-8")
    assert f'w:name="{BODY_FONT}"' in fonts
    assert 'w:altName w:val="仿宋"' in fonts
    assert 'w:altName w:val="SimHei"' in fonts


def test_word_round_trip_keeps_the_plan(word_file: Path, plan: wp.Plan) -> None:
    again = wp.load(word_file)
    assert again.title == plan.title and again.issuer == plan.issuer and again.issued == plan.issued
    assert again.counts()["task"] == plan.counts()["task"]
    assert again.counts()["measure"] == plan.counts()["measure"]
    assert [t.title for _, t in again.nodes("task")] == [t.title for _, t in plan.nodes("task")]
    assert [(t.metric, t.value) for _, t in again.nodes("target")] == [
        (t.metric, t.value) for _, t in plan.nodes("target")
    ]


def test_owners_and_deadlines_are_written_and_read_back(tmp_path: Path) -> None:
    source = (
        "某区教育局2024年工作要点\n一、办好学前教育\n1.扩大普惠资源\n新建公办幼儿园3所。\n"
        "牵头单位:区教育局\n责任单位:区财政局\n完成时限:2024年12月底前\n"
    )
    plan = wp.parse_text(source)
    path = tmp_path / "plan.docx"
    wp.dump(plan, path)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "牵头单位：区教育局" in texts and "完成时限：2024年12月底前" in texts
    row = [cell.text for cell in document.tables[0].rows[1].cells]
    assert row[3:] == ["区教育局", "区财政局", "2024年12月底前"]
    again = wp.load(path)
    task = again.goals[0].tasks[0]
    assert task.deadline is not None and task.deadline.end is not None and task.deadline.end.year == 2024
    assert {again.owner(ref.owner).name for ref in task.owners} == {"区教育局", "区财政局"}


def test_report_adds_findings(plan: wp.Plan) -> None:
    report = wp.check(plan)  # type: ignore[attr-defined]
    document = build_docx(plan, report=report)
    texts = [p.text for p in document.paragraphs]
    assert texts.count(next(t for t in texts if t.startswith("检查发现："))) == 1
    assert sum(text.startswith("【") for text in texts) == len(report.findings)


def test_missing_python_docx_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, plan: wp.Plan
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(wp.MissingExtraError, match=r"workplan\[office\]"):
        wp.dump(plan, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()
    with pytest.raises(wp.MissingExtraError, match=r"workplan\[office\]"):
        wp.parse_file(tmp_path / "x.docx")


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer)"
)
def test_libreoffice_prints_the_document(word_file: Path, tmp_path: Path, plan: wp.Plan) -> None:
    pypdf = pytest.importorskip("pypdf")
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(word_file),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    printed = tmp_path / "plan.pdf"
    reader = pypdf.PdfReader(str(printed))
    pages = len(reader.pages)
    sizes = [
        (round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72 * 25.4))
        for p in reader.pages
    ]
    portrait = [index for index, size in enumerate(sizes) if size == (210, 297)]
    landscape = [index for index, size in enumerate(sizes) if size == (297, 210)]
    assert portrait and landscape and len(portrait) + len(landscape) == pages
    assert max(portrait) < min(landscape)  # the text first, then the table
    assert 10 <= len(portrait) <= 40 and len(landscape) <= 20  # measured: 21 and 12 pages
    texts = [page.extract_text().replace("\x00", "") for page in reader.pages]
    table_text = "".join(texts[i] for i in landscape).replace(" ", "").replace("\n", "")
    for column in BREAKDOWN_HEADER:
        assert column in texts[landscape[0]].replace(" ", "")
    assert plan.goals[0].tasks[0].title in table_text
    if PDFTOPPM is not None:
        import matplotlib.image

        subprocess.run(
            [PDFTOPPM, "-r", "40", "-png", "-f", "1", "-l", "1", str(printed), str(tmp_path / "page")],
            check=True,
            timeout=120,
        )
        picture = next(tmp_path.glob("page*.png"))
        pixels = matplotlib.image.imread(picture)
        assert pixels.shape[0] > pixels.shape[1]  # portrait
        assert pixels[..., :3].min() < 0.3  # ink on the page


def test_control_characters_are_shown_not_dropped(tmp_path: Path) -> None:
    plan = wp.parse_text("某校2024年工作计划\x01\n一、目标\x02\n1.任务\n新增教室3间\x04")
    path = tmp_path / "odd.docx"
    wp.dump(plan, path)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "一、目标\ufffd" in texts


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_can_be_written(plan: wp.Plan) -> None:
    document = build_docx(plan)
    texts = "\n".join(p.text for p in document.paragraphs)
    assert all(xml_text(goal.title) in texts for goal in plan.goals)
