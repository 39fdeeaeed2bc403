"""``workplan report``: a self-contained HTML page, checked in a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import workplan as wp
from workplan._util import chinese_number
from workplan.cli import main
from workplan.cli._report import build_report
from workplan.parse._sources import _pdf_page

from .test_repr_html import well_formed_text

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)


@pytest.fixture(scope="module")
def plan() -> wp.Plan:
    return wp.datasets.load("changchun-edu-2020")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", "changchun-edu-2020", "-o", str(path)]) == 0
    return path


def test_page_has_every_section(page: Path, plan: wp.Plan) -> None:
    markup = page.read_text(encoding="utf-8")
    text = well_formed_text(markup)
    for section in ("overview", "goals", "targets", "owners", "findings", "map"):
        assert f'id="{section}"' in markup
    assert plan.title in text
    assert all(goal.title in text for goal in plan.goals)
    assert all(owner.name in text for owner in plan.owners)
    _, target = next(plan.nodes("target"))
    assert target.metric in text
    report = wp.check(plan)  # type: ignore[attr-defined]
    assert f"{len(report.findings)}检查发现" in text.replace(" ", "")
    for label in ("概览", "目标与任务", "指标", "单位", "牵头", "任务图"):
        assert label in text


def test_page_lists_measures_with_marks(page: Path, plan: wp.Plan) -> None:
    markup = page.read_text(encoding="utf-8")
    text = well_formed_text(markup)
    measures = [measure for _, measure in plan.nodes("measure")]
    assert all(measure.text in text for measure in measures)
    marked = [t for m in measures for t in m.targets if t.text and t.text in m.text]
    assert marked
    assert markup.count('<mark class="wp-target">') == len(marked)
    target = marked[0]
    assert f'<mark class="wp-target">{target.text}</mark>' in markup
    due = [m.deadline for m in measures if m.deadline is not None and m.deadline.text in m.text]
    assert markup.count('<mark class="wp-due">') == len(due)
    owners = [ref for m in measures for ref in m.owners if ref.text and ref.text in m.text]
    assert owners
    assert markup.count('<mark class="wp-owner">') == len(owners)
    assert "一、" + plan.goals[0].title in text
    assert "九、" + plan.goals[8].title in text


def test_page_has_a_print_layout(page: Path) -> None:
    markup = page.read_text(encoding="utf-8")
    css = markup[markup.index("@media print") :]
    assert "size:A4" in css
    assert ".wp-goal-section,#goals{break-before:page}" in css
    assert "nav,footer" in css and "display:none" in css


def test_page_in_english(plan: wp.Plan) -> None:
    text = well_formed_text(build_report(plan, with_map=False, lang="en"))
    for label in ("Overview", "Goals and tasks", "Targets", "Owners", "Check findings", "increase"):
        assert label in text
    assert "概览" not in text


def test_page_is_self_contained(page: Path) -> None:
    markup = page.read_text(encoding="utf-8")
    assert "<svg" in markup  # the plan map, inline
    assert not re.search(r"<(script|link|iframe)\b", markup)
    assert not re.search(r"""\b(src|href)=["'](https?:)?//""", markup)
    assert "@import" not in markup


def test_page_without_map_or_check(plan: wp.Plan) -> None:
    markup = build_report(plan, with_map=False, with_check=False)
    assert "<svg" not in markup
    assert 'id="findings"' not in markup
    well_formed_text(markup)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_page_renders_in_headless_chromium(page: Path, tmp_path: Path) -> None:
    import matplotlib.image

    shot = tmp_path / "report.png"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1200,1600",
        page.resolve().as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    pixels = matplotlib.image.imread(shot)
    assert pixels.shape[:2] == (1600, 1200)
    # Not a blank page: the top has the dark title and header rules on white.
    top = pixels[:400, :, :3]
    assert top.min() < 0.3
    assert top.std() > 0.05


def test_large_plan_gets_a_map_of_its_first_goals() -> None:
    from workplan.testing import synthetic_plan

    big = synthetic_plan(2400)  # 300 tasks in 12 goals: too many for one map
    markup = build_report(big, with_check=False)
    assert "<svg" in markup
    well_formed_text(markup)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_page_prints_on_a4_with_a_page_per_goal(tmp_path: Path, plan: wp.Plan) -> None:
    pypdf = pytest.importorskip("pypdf")
    page = tmp_path / "report.html"
    assert main(["report", "changchun-edu-2020", "-o", str(page), "--no-map", "--no-check"]) == 0
    printed = tmp_path / "report.pdf"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={printed}",
        page.resolve().as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    reader = pypdf.PdfReader(str(printed))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    texts = [_pdf_page(page.extract_text()).replace(" ", "").replace("\n", "") for page in reader.pages]
    assert len(reader.pages) > len(plan.goals)
    for goal in plan.goals:  # every goal starts a page of its own
        heading = f"{chinese_number(goal.number)}、{goal.title[:8]}"
        assert any(text.removeprefix("目标与任务").startswith(heading) for text in texts), heading
    assert "概览" in texts[0]
    assert not any(
        "概览目标与任务指标单位任务图" in text.replace("\n", "") for text in texts
    )  # no navigation


def test_report_command_writes_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = pytest.importorskip("docx")
    path = tmp_path / "report.docx"
    assert main(["report", "changchun-edu-2020", "-o", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"已写入 {path}（")
    document = docx.Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert any(text.startswith("检查发现：") for text in texts)
    assert len(document.tables) == 1


def test_report_command_says_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.html"
    assert main(["report", "changchun-edu-2020", "-o", str(path), "--no-map"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"已写入 {path}（")
    assert "9 项目标，38 项任务" in line
    report = wp.check(wp.datasets.load("changchun-edu-2020"))  # type: ignore[attr-defined]
    assert line.endswith(
        f"检查：{len(report.errors)} 个错误，{len(report.warnings)} 个警告，{len(report.infos)} 条提示"
    )
    assert main(["report", "changchun-edu-2020", "-o", str(path), "--no-map", "--lang", "en"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"wrote {path} (") and "9 goals, 38 tasks" in line
    assert line.endswith(f"check: {report.summary('en')}")
    assert (
        report.summary()
        == f"{len(report.errors)} 个错误，{len(report.warnings)} 个警告，{len(report.infos)} 条提示"
    )


def test_report_command_takes_a_language(tmp_path: Path) -> None:
    path = tmp_path / "en.html"
    assert main(["report", "changchun-edu-2020", "-o", str(path), "--no-map", "--lang", "en"]) == 0
    text = well_formed_text(path.read_text(encoding="utf-8"))
    assert "Goals and tasks" in text and "目标与任务" not in text
    with pytest.raises(SystemExit):
        main(["report", "changchun-edu-2020", "-o", str(path), "--lang", "fr"])
