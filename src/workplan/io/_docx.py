"""Word out: a plan as a 公文-style .docx, with its 任务分解表 as a landscape table (the ``office`` extra).

The document follows the layout of a government notice (GB/T 9704 in spirit):

* A4 portrait, margins 37/35/28/26 mm; the title centred in 方正小标宋简体 二号
  (22 pt); the issuer and date under it in 楷体; body text 仿宋_GB2312 三号 (16 pt).
* Goals as ``一、`` headings in 黑体; tasks as ``1.`` paragraphs in bold 仿宋;
  each measure a paragraph with a two-character first-line indent; a task's
  owners and deadline as ``牵头单位:…`` lines, the way bureaus print them (and the
  way the parser reads them back).
* A second section, A4 landscape: the 任务分解表 (序号, 重点任务, 具体措施,
  牵头单位, 责任单位, 完成时限), one row per task, its header repeated on every page.
* Page numbers in the footer, ``— 1 —``.

Chinese fonts are named for East Asian text through ``w:eastAsia`` (Latin text
uses Times New Roman), and the font table gives each an ``altName`` fallback
(仿宋_GB2312 → 仿宋, 方正小标宋简体 → 宋体), so that Word and LibreOffice pick a
close font where the exact one is missing.

The labels around the plan's text (牵头单位, 检查发现, the table header) come from
the catalogue (`workplan._views._labels`): Chinese by default, English with
``lang="en"``; the plan's own text and its 一、 numbering are as written.

`write_docx` is what ``wp.dump(plan, "plan.docx")`` calls. The table helpers
(`add_table`, `landscape_section`, `set_run_font`) are shared with the other
Word outputs (a diff's 新旧对照表).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._errors import MissingExtraError
from .._util import chinese_number
from ..model import Deadline, OwnerRef, OwnerRole, Plan, Task
from ._atomic import write_atomic
from ._fonts import BODY_FONT, HEADING_FONT, LATIN_FONT, SIGNATURE_FONT, TITLE_FONT

if TYPE_CHECKING:
    from ..checks import Report

__all__ = [
    "BODY_FONT",
    "HEADING_FONT",
    "TITLE_FONT",
    "add_table",
    "landscape_section",
    "set_run_font",
    "write_docx",
    "xml_text",
]


_FALLBACKS: dict[str, tuple[str, str]] = {
    # font -> (altName, the family class Word uses when neither is installed)
    TITLE_FONT: ("宋体", "roman"),
    HEADING_FONT: ("SimHei", "swiss"),
    BODY_FONT: ("仿宋", "roman"),
    SIGNATURE_FONT: ("楷体", "roman"),
}

BREAKDOWN_HEADER = ("序号", "重点任务", "具体措施", "牵头单位", "责任单位", "完成时限")
"""The columns of the 任务分解表, in the bureau's words."""
_BREAKDOWN_KEYS = (
    "serial",
    "key_task",
    "measures_text",
    "lead",
    "support",
    "deadline",
)  # the same, as labels
_BREAKDOWN_WIDTHS_MM = (12, 45, 120, 32, 36, 27)  # 272 mm: A4 landscape less 12.5 mm margins
_RESTATED = "workplan:task-breakdown"  # the table's caption: the reader skips a table that restates the body
RESTATED_TITLE_STYLE = "WorkplanTaskBreakdownTitle"
"""The paragraph style of the 任务分解表's title, which the reader skips too."""


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with characters XML cannot hold (control characters) shown as U+FFFD, not dropped."""
    return _NOT_XML.sub("\ufffd", text)


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise MissingExtraError("python-docx", "office") from None
    return docx


# -- helpers shared by Word outputs ------------------------------------------------


def set_run_font(run: Any, font: str, size_pt: float | None = None, *, bold: bool | None = None) -> None:
    """Give ``run`` a Chinese font (``w:eastAsia``) with Times New Roman for Latin text."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN_FONT
    properties = run._element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:hint"), "eastAsia")
    if size_pt is not None:
        run.font.size = Pt(size_pt)
    if bold is not None:
        run.font.bold = bold


def _paragraph(
    document: Any,
    text: str,
    font: str = BODY_FONT,
    size_pt: float = 16,
    *,
    bold: bool = False,
    centre: bool = False,
    indent: bool = True,
    container: Any = None,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    paragraph = (container or document).add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(size_pt * 1.75)
    fmt.space_before = fmt.space_after = Pt(0)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        fmt.first_line_indent = Pt(size_pt * 2)
    set_run_font(paragraph.add_run(xml_text(text)), font, size_pt, bold=bold)
    return paragraph


def landscape_section(document: Any) -> Any:
    """Start a new section on a new page, A4 landscape with 12.5 mm margins; return it."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(12.5)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    return section


def add_table(
    document: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[str | Sequence[str]]],
    widths_mm: Sequence[float],
    *,
    size_pt: float = 10.5,
    caption: str | None = None,
) -> Any:
    """A bordered table: a bold 黑体 header repeated on each page, 仿宋 cells, rows kept whole.

    A cell given as a sequence of strings gets one paragraph per string.
    """
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    properties = table._tbl.tblPr
    if caption is not None:
        element = properties.makeelement(qn("w:tblCaption"), {qn("w:val"): caption})
        properties.append(element)

    def fill(cell: Any, value: str | Sequence[str], font: str, bold: bool) -> None:
        texts = [value] if isinstance(value, str) else list(value) or [""]
        first = cell.paragraphs[0]
        for index, text in enumerate(texts):
            paragraph = first if index == 0 else cell.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(1)
            set_run_font(paragraph.add_run(xml_text(text)), font, size_pt, bold=bold)

    header_row = table.rows[0]
    row_properties = header_row._tr.get_or_add_trPr()
    row_properties.append(row_properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for cell, name in zip(header_row.cells, header, strict=True):
        fill(cell, name, HEADING_FONT, True)
    for values in rows:
        row = table.add_row()
        row_properties = row._tr.get_or_add_trPr()
        row_properties.append(row_properties.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))
        for cell, value in zip(row.cells, values, strict=True):
            fill(cell, value, BODY_FONT, False)
    # Word reads the cell widths, LibreOffice the grid: set both, and a fixed layout.
    layout = properties.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"})
    properties.append(layout)
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
    return table


def _page_numbers(section: Any) -> None:
    """``— N —`` centred in the footer, N a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(paragraph.add_run("— "), BODY_FONT, 14)
    run = paragraph.add_run()
    set_run_font(run, BODY_FONT, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind is not None:
            run._r.append(run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))
        else:
            instruction = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            instruction.text = text
            run._r.append(instruction)
    set_run_font(paragraph.add_run(" —"), BODY_FONT, 14)


def _add_font_fallbacks(document: Any) -> None:
    """Name each Chinese font in the font table with an ``altName`` Word and LibreOffice fall back to."""
    from lxml import etree

    part = next(
        (part for part in document.part.package.iter_parts() if str(part.partname) == "/word/fontTable.xml"),
        None,
    )
    if part is None:
        return
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    w = f"{{{namespace}}}"
    root = etree.fromstring(part.blob)
    for name, (alternative, family) in _FALLBACKS.items():
        font = etree.SubElement(root, f"{w}font", {f"{w}name": name})
        etree.SubElement(font, f"{w}altName", {f"{w}val": alternative})
        etree.SubElement(font, f"{w}charset", {f"{w}val": "86"})  # GB2312
        etree.SubElement(font, f"{w}family", {f"{w}val": family})
        etree.SubElement(font, f"{w}pitch", {f"{w}val": "variable"})
    # A plain Part keeps its bytes in ``_blob``; python-docx has no API for the font table.
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- the plan as a document --------------------------------------------------------


def _owner_text(refs: Sequence[OwnerRef], names: dict[str, str], lead: bool) -> str:
    seen = dict.fromkeys(
        ref.text or names.get(ref.owner, ref.owner) for ref in refs if (ref.role is OwnerRole.LEAD) == lead
    )
    return "、".join(seen)


def _task_owners(task: Task) -> list[OwnerRef]:
    return [*task.owners, *(ref for measure in task.measures for ref in measure.owners)]


def _task_deadline(task: Task) -> str:
    deadlines: list[Deadline] = [task.deadline] if task.deadline else []
    deadlines += [measure.deadline for measure in task.measures if measure.deadline]
    return "、".join(dict.fromkeys(deadline.text for deadline in deadlines))


def _date(plan: Plan, lang: str = "zh") -> str:
    if plan.issued is None:
        return ""
    if lang != "zh":
        return plan.issued.isoformat()
    return f"{plan.issued.year}年{plan.issued.month}月{plan.issued.day}日"


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def build_docx(plan: Plan, *, report: Report | None = None, lang: str = "zh") -> Any:
    """The plan as a python-docx ``Document`` (see the module docstring); findings appended when given."""
    from .._views._labels import check_lang, label

    check_lang(lang)
    docx = _docx()
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    from docx.oxml.ns import qn

    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _add_font_fallbacks(document)
    properties = document.core_properties
    properties.title = xml_text(plan.title)
    properties.author = xml_text(plan.issuer or "")
    properties.language = "zh-CN"
    _page_numbers(section)

    names = {owner.id: owner.name for owner in plan.owners}
    _paragraph(document, plan.title, TITLE_FONT, 22, centre=True)
    facts = [fact for fact in (plan.doc_number, plan.issuer, _date(plan, lang)) if fact]
    if facts:
        _paragraph(document, "  ".join(facts), SIGNATURE_FONT, 16, centre=True)
    _paragraph(document, "", centre=True)
    if plan.preamble:
        for line in plan.preamble.splitlines():
            if line.strip():
                _paragraph(document, line.strip())
    for goal in plan.goals:
        number = (
            f"{chinese_number(goal.number)}、"
            if lang == "zh"
            else f"{label('goal', lang).title()} {goal.number}. "
        )
        _paragraph(document, f"{number}{goal.title}", HEADING_FONT, 16)
        for task in goal.tasks:
            _paragraph(document, f"{task.number}.{task.title}", BODY_FONT, 16, bold=True)
            for measure in task.measures:
                _paragraph(document, measure.text)
            lead = _owner_text(task.owners, names, True)
            support = _owner_text(task.owners, names, False)
            for key, value in (
                ("lead", lead),
                ("support", support),
                ("deadline", task.deadline.text if task.deadline else ""),
            ):
                if value:
                    _paragraph(document, f"{label(key, lang)}{_colon(lang)}{value}", SIGNATURE_FONT, 16)
    if report is not None:
        _findings(document, report, lang)
    if any(goal.tasks for goal in plan.goals):
        _breakdown(document, plan, names, lang)
    return document


def _findings(document: Any, report: Report, lang: str = "zh") -> None:
    from .._views._labels import enum_label, label, summary

    counts = (len(report.errors), len(report.warnings), len(report.infos))
    heading = f"{label('check_findings', lang)}{_colon(lang)}{summary(*counts, lang=lang)}"
    _paragraph(document, heading, HEADING_FONT, 16)
    for finding in report.findings:
        where = f"{finding.path} " if finding.path else ""
        severity = enum_label(finding.severity, lang)
        marked = f"【{severity}】" if lang == "zh" else f"[{severity}] "
        _paragraph(document, f"{marked}{finding.code} {where}{finding.text(lang)}", BODY_FONT, 12)


def _breakdown(document: Any, plan: Plan, names: dict[str, str], lang: str = "zh") -> None:
    from .._views._labels import label

    section = landscape_section(document)
    section.footer.is_linked_to_previous = True
    title = _paragraph(
        document, label("breakdown_title", lang, title=plan.title), TITLE_FONT, 18, centre=True
    )
    from docx.enum.style import WD_STYLE_TYPE

    # Named, so that the reader skips the title with the table it heads (both restate the body).
    title.style = document.styles.add_style(RESTATED_TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    rows: list[list[str | list[str]]] = []
    for goal in plan.goals:
        for task in goal.tasks:
            owners = _task_owners(task)
            measures = [f"{index}. {measure.text}" for index, measure in enumerate(task.measures, 1)]
            rows.append(
                [
                    str(task.number),
                    task.title,
                    measures,
                    _owner_text(owners, names, True),
                    _owner_text(owners, names, False),
                    _task_deadline(task),
                ]
            )
    header = BREAKDOWN_HEADER if lang == "zh" else tuple(label(key, lang) for key in _BREAKDOWN_KEYS)
    add_table(document, header, rows, _BREAKDOWN_WIDTHS_MM, caption=_RESTATED)


def docx_bytes(plan: Plan, *, report: Report | None = None, lang: str = "zh") -> bytes:
    """The .docx file's bytes; labels in ``lang`` (``zh``, the default, or ``en``)."""
    buffer = io.BytesIO()
    build_docx(plan, report=report, lang=lang).save(buffer)
    return buffer.getvalue()


def write_docx(
    plan: Plan, path: str | os.PathLike[str], *, report: Report | None = None, lang: str = "zh"
) -> None:
    """Write ``plan`` as a 公文-style Word document with its 任务分解表; atomic."""
    write_atomic(path, docx_bytes(plan, report=report, lang=lang))
