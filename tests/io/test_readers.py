"""Plans in from Word, web pages and PDF, made here the way a bureau makes them, then parsed."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import workplan as wp
from workplan.parse._sources import read_source, table_lines

docx = pytest.importorskip("docx")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(document: Any) -> str:
    """Add a two-level list to the document (一、 then 1.) and return its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(f"{{{W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _numbered(document: Any, text: str, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


@pytest.fixture(scope="module")
def word_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document = docx.Document()
    document.add_paragraph("某市教育局2024年工作要点")
    document.add_paragraph("2024年全市教育工作的总体思路是:坚持立德树人,办好人民满意的教育。")
    num_id = _numbering(document)
    _numbered(document, "加强党的建设,落实全面从严治党", num_id, 0)
    _numbered(document, "深化党建品牌建设", num_id, 1)
    document.add_paragraph("新增党建示范校10所。全面推进基层党组织标准化建设。")
    _numbered(document, "强化师德师风建设", num_id, 1)
    document.add_paragraph("师德培训覆盖率达到100%。")
    _numbered(document, "推进教育优质均衡发展", num_id, 0)
    _numbered(document, "扩大学前教育资源", num_id, 1)
    document.add_paragraph("新建改扩建公办幼儿园15所,新增学位4500个。")
    document.add_paragraph("三、完善教育保障体系")  # typed numbering stays as typed
    table = document.add_table(rows=4, cols=6)
    header = ("序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限")
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        cell.text = name
    rows = (
        ("4", "加强经费保障", "确保一般公共预算教育支出逐年只增不减。", "财务科", "各学校", "2024年12月底前"),
        ("4", "加强经费保障", "新增生均公用经费200元。", "财务科", "各学校", "2024年12月底前"),
        ("5", "改善办学条件", "完成30所学校校舍维修改造。", "基建科", "", "2024年9月底前"),
    )
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    # 序号 and 重点任务 of task 4 merged over its two measures, as bureaus lay them out
    for column in (0, 1):
        top, below = table.cell(1, column), table.cell(2, column)
        below.text = ""
        top.merge(below)
        top.text = rows[0][column]
    path = tmp_path_factory.mktemp("word") / "要点.docx"
    document.save(str(path))
    return path


def test_word_numbering_is_written_out(word_file: Path) -> None:
    text = read_source(word_file)
    lines = text.splitlines()
    assert "一、加强党的建设,落实全面从严治党" in lines
    assert "1.深化党建品牌建设" in lines
    assert "2.强化师德师风建设" in lines
    assert "二、推进教育优质均衡发展" in lines
    assert "1.扩大学前教育资源" in lines  # the second level restarts under a new first-level item
    assert "三、完善教育保障体系" in lines


def test_word_plan_parses(word_file: Path) -> None:
    plan = wp.load(word_file)
    assert plan.title == "某市教育局2024年工作要点"
    assert [goal.title for goal in plan.goals][:2] == [
        "加强党的建设,落实全面从严治党",
        "推进教育优质均衡发展",
    ]
    assert len(plan.goals) == 3
    tasks = {task.title: task for goal in plan.goals for task in goal.tasks}
    assert set(tasks) >= {
        "深化党建品牌建设",
        "强化师德师风建设",
        "扩大学前教育资源",
        "加强经费保障",
        "改善办学条件",
    }
    funding = tasks["加强经费保障"]
    assert len(funding.measures) == 2  # the merged task cell keeps both measures on one task
    assert funding.deadline is not None and funding.deadline.text == "2024年12月底前"
    values = {(t.metric, t.value) for _, t in plan.nodes("target")}
    assert ("党建示范校", Decimal(10)) in values
    assert any(value == Decimal(4500) for _, value in values)
    # provenance: spans point into the extracted text, which the plan keeps
    assert plan.source == read_source(word_file)
    for _, target in plan.nodes("target"):
        assert target.span is not None
        assert target.text == plan.source[target.span.start : target.span.end]


def test_table_lines_keep_unknown_tables_row_by_row() -> None:
    assert table_lines([["年份", "经费"], ["2023", "100"]]) == ["年份 经费", "2023 100"]
    lines = table_lines(
        [
            ["序号", "重点任务", "具体措施", "责任处室", "时间节点", "备注"],
            ["1", "办好学前教育", "新增学位2000个", "基教处", "6月底前", "续建"],
        ]
    )
    assert lines == ["1.办好学前教育", "新增学位2000个(备注:续建)", "牵头单位:基教处", "完成时限:6月底前"]


def test_legacy_doc_names_the_conversion(tmp_path: Path) -> None:
    path = tmp_path / "要点.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    with pytest.raises(wp.FileFormatError, match="soffice --headless --convert-to docx") as caught:
        wp.load(path)
    assert str(path) in str(caught.value)


def test_broken_word_file_is_a_workplan_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(wp.FileFormatError, match=r"broken\.docx"):
        wp.load(path)


GOV_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某县教育局2023年工作要点_某县人民政府</title>
<style>.nav{color:red}</style><script>var tracker = "一、不要读我";</script></head>
<body>
<div class="header"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/xxgk">信息公开</a></div>
<div class="nav-bar"><ul><li><a href="/1">机构概况</a></li><li><a href="/2">政策文件</a></li>
<li><a href="/3">通知公告</a></li></ul></div>
<div class="location">您当前的位置:<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<table class="layout" width="1000"><tr>
<td class="left-menu" width="200"><a href="/a">教育要闻</a><br><a href="/b">基础教育</a><br>
<a href="/c">职业教育</a><br><a href="/d">招生考试</a></td>
<td width="800"><div class="article">
<h1>某县教育局2023年工作要点</h1>
<div class="info">发布时间:2023-02-20 来源:县教育局 浏览次数:318</div>
<div class="content">
<p>2023年全县教育工作的总体要求是:坚持立德树人根本任务,推动教育高质量发展。</p>
<p>一、推进学前教育普惠发展</p>
<p>1.扩大普惠性资源。新建公办幼儿园3所,新增学位900个。</p>
<p>2.提升保教质量。省级示范幼儿园达到5所以上。</p>
<p>二、推动义务教育优质均衡</p>
<p>3.深化集团化办学。组建教育集团6个。</p>
<p>牵头单位:县教育局基础教育股</p>
<p>4.减轻学生过重负担。课后服务覆盖率达到100%。</p>
</div></div></td></tr></table>
<div class="footer">版权所有:某县人民政府 主办单位:某县人民政府办公室 <a href="/map">网站地图</a></div>
<script>document.write("三、也不要读我");</script>
</body></html>
"""


@pytest.fixture(scope="module")
def web_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("lxml")
    path = tmp_path_factory.mktemp("html") / "index.htm"
    path.write_bytes(GOV_PAGE.encode("gb18030"))
    return path


def test_web_page_main_text_without_chrome(web_page: Path) -> None:
    text = read_source(web_page)
    assert text.startswith("某县教育局2023年工作要点\n")
    assert "新建公办幼儿园3所" in text
    for chrome in ("首页", "机构概况", "教育要闻", "版权所有", "不要读我", "网站地图", "color:red"):
        assert chrome not in text


def test_web_page_plan_parses(web_page: Path) -> None:
    plan = wp.load(web_page)
    assert plan.title == "某县教育局2023年工作要点"
    assert [goal.title for goal in plan.goals] == ["推进学前教育普惠发展", "推动义务教育优质均衡"]
    assert [task.number for goal in plan.goals for task in goal.tasks] == [1, 2, 3, 4]
    values = {t.value for _, t in plan.nodes("target")}
    assert {Decimal(3), Decimal(900), Decimal(5), Decimal(6), Decimal(100)} <= values
    assert plan.source == read_source(web_page)


def test_web_page_task_table(tmp_path: Path) -> None:
    page = tmp_path / "fenjie.html"
    page.write_text(
        "<html><body><div id='menu'><a href='/'>首页</a></div><div class='main'>"
        "<h1>某区2024年重点工作任务分解表</h1><p>一、提升教育质量</p><table border=1>"
        "<tr><th>序号</th><th>工作任务</th><th>工作措施</th><th>牵头单位</th><th>协办单位</th><th>完成时间</th></tr>"
        "<tr><td rowspan=2>1</td><td rowspan=2>改善办学条件</td><td>新建学校2所</td>"
        "<td rowspan=2>区教育局</td><td>区财政局</td><td>12月底前</td></tr>"
        "<tr><td>改造运动场10个</td><td>区体育局</td><td>10月底前</td></tr>"
        "</table></div></body></html>",
        encoding="utf-8",
    )
    plan = wp.load(page)
    task = plan.goals[0].tasks[0]
    assert task.title == "改善办学条件"
    assert [measure.text for measure in task.measures] == ["新建学校2所", "改造运动场10个"]
    assert {plan.owner(ref.owner).name for ref in task.owners if ref.role is wp.OwnerRole.LEAD} == {
        "区教育局"
    }


def _cjk_font() -> Path | None:
    for candidate in (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ):
        if Path(candidate).is_file():
            return Path(candidate)
    return None


PDF_TEXT = (
    "某市教育局2022年工作要点",
    "一、加强教师队伍建设",
    "1.提升教师学历水平。新增研究生学历教师200人。",
    "2.深化教师培训。完成全员培训5000人次以上。",
    "二、促进职业教育发展",
    "3.推进产教融合。建设实训基地8个。",
)


def test_text_pdf_plan_parses(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 writes the test PDF (pip install fpdf2)")
    pytest.importorskip("pypdf")
    font = _cjk_font()
    if font is None:
        pytest.skip("no CJK font to write a Chinese PDF (apt-get install fonts-noto-cjk)")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("cjk", fname=str(font), collection_font_number=2 if "Sans" in font.name else 0)
    pdf.set_font("cjk", size=12)
    for page_lines in (PDF_TEXT[:4], PDF_TEXT[4:]):  # two pages, as printed
        pdf.add_page()
        for line in page_lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "要点.pdf"
    pdf.output(str(path))
    plan = wp.load(path)
    assert plan.title == PDF_TEXT[0]
    assert [goal.title for goal in plan.goals] == ["加强教师队伍建设", "促进职业教育发展"]
    assert [task.title for goal in plan.goals for task in goal.tasks] == [
        "提升教师学历水平",
        "深化教师培训",
        "推进产教融合",
    ]
    values = {t.value for _, t in plan.nodes("target")}
    assert {Decimal(200), Decimal(5000), Decimal(8)} <= values
    _, target = next(plan.nodes("target"))
    assert plan.source is not None and target.span is not None
    assert plan.source[target.span.start : target.span.end] == target.text


def test_pdf_without_text_layer_says_ocr(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 writes the test PDF (pip install fpdf2)")
    pytest.importorskip("pypdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a scan: marks, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(wp.FileFormatError, match="OCR") as caught:
        wp.load(path)
    assert "scan.pdf" in str(caught.value)


def test_not_a_pdf(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "fake.pdf"
    path.write_text("not a pdf", encoding="utf-8")
    with pytest.raises(wp.FileFormatError, match=r"fake\.pdf"):
        wp.load(path)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer)"
)
def test_word_converted_to_pdf_by_libreoffice_reads_the_same(word_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
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
        timeout=180,
    )
    plan = wp.load(tmp_path / (word_file.stem + ".pdf"))
    assert [goal.title for goal in plan.goals][:2] == [
        "加强党的建设,落实全面从严治党",
        "推进教育优质均衡发展",
    ]
    assert any(t.value == Decimal(4500) for _, t in plan.nodes("target"))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.html", b"", "the web page is empty"),
        ("blank.htm", b"   \n ", "the web page is empty"),
        (
            "chrome.html",
            b"<html><body><div class='nav'><a href='/'>home</a></div></body></html>",
            "no main text",
        ),
        ("binary.html", bytes(range(256)) * 4, "neither in its declared encoding"),
        ("comment.html", b"<!-- only a comment -->", "not a readable web page"),
        ("zip.docx", b"PK\x05\x06" + b"\x00" * 18, "not a Word .docx file"),
        ("empty.pdf", b"", "not a readable PDF"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "not a readable PDF"),
        ("binary.txt", bytes([0x81, 0x30, 0xFF, 0xFF]), "neither UTF-8 nor GB18030"),
    ],
)
def test_bad_files_raise_file_format_errors(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    pytest.importorskip("lxml")
    pytest.importorskip("pypdf")
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(wp.FileFormatError, match=message) as caught:
        wp.load(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_xml_declared_page_is_read(tmp_path: Path) -> None:
    pytest.importorskip("lxml")
    path = tmp_path / "xhtml.html"
    path.write_bytes(
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>一、总体要求</p></body></html>".encode()
    )
    assert read_source(path) == "一、总体要求\n"


def test_missing_file_is_named(tmp_path: Path) -> None:
    for name in ("none.docx", "none.html", "none.pdf", "none.txt"):
        with pytest.raises(wp.FileFormatError, match=name.replace(".", r"\.")):
            wp.load(tmp_path / name)


def test_numbering_from_a_list_style(tmp_path: Path) -> None:
    """Word's own 'List Number' style carries its numbering: the paragraphs have no numPr of their own."""
    document = docx.Document()
    document.add_paragraph("某校2024年工作计划")
    document.add_paragraph("一、加强教学管理")
    for text in ("规范课程设置", "开展教学视导", "新建实验室2间"):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "计划.docx"
    document.save(str(path))
    assert read_source(path).splitlines()[2:] == ["1.规范课程设置", "2.开展教学视导", "3.新建实验室2间"]
    plan = wp.load(path)
    assert [task.title for task in plan.goals[0].tasks] == ["规范课程设置", "开展教学视导", "新建实验室2间"]


_CELL = st.text(alphabet="学校新增所个一二三1234 ,。(", max_size=8)


@given(
    header=st.permutations(["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "备注"]),
    rows=st.lists(st.lists(_CELL, min_size=7, max_size=7), max_size=6),
)
def test_task_tables_drop_nothing(header: list[str], rows: list[list[str]]) -> None:
    lines = table_lines([header, *rows])
    text = "\n".join(lines)
    serial = header.index("序号")
    for row in rows:
        for index, cell in enumerate(row):
            cell = " ".join(cell.split())
            if cell and not (index == serial and cell.isdigit()):
                assert cell in text, (cell, lines)


@given(st.lists(st.lists(_CELL, max_size=5), max_size=6))
def test_other_tables_drop_nothing(rows: list[list[str]]) -> None:
    lines = table_lines(rows)
    text = "\n".join(lines)
    for row in rows:
        for cell in row:
            cell = " ".join(cell.split())
            assert cell in text


def test_paragraphs_inside_content_controls_are_read(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("某校2024年工作计划")
    control = parse_xml(
        f'<w:sdt xmlns:w="{W}"><w:sdtPr/><w:sdtContent>'
        "<w:p><w:r><w:t>一、加强教学管理</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>1.规范课程设置</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(1, control)
    path = tmp_path / "控件.docx"
    document.save(str(path))
    assert read_source(path).splitlines() == ["某校2024年工作计划", "一、加强教学管理", "1.规范课程设置"]


def test_parse_command_reads_word(word_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workplan.cli import main

    assert main(["parse", str(word_file)]) == 0
    plan = wp.loads(capsys.readouterr().out)
    assert plan.title == "某市教育局2024年工作要点"
