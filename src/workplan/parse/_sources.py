"""Stage 0, read: a plan file as published (text, Word, web page, PDF) → the text the parser reads.

Guarantees of `read_source(path)`:

* ``.txt`` (and any other suffix): UTF-8 (with or without a BOM), else GB18030.
* ``.docx`` (python-docx, the ``office`` extra): body paragraphs and tables in
  document order. Numbering that Word generates (``w:numPr`` on the paragraph or
  its style, resolved through ``numbering.xml``) is written out as text, so a list
  item shows as ``一、…``, ``1.…`` or ``(一)…`` just as it prints. Typed numbering
  is kept as typed.
* ``.html``/``.htm`` (lxml, the ``html`` or ``office`` extra): the main text of the
  page. Scripts, styles, navigation, headers, footers and side bars go; the block
  with the densest text (little of it inside links) is kept; the page's ``<h1>``
  is put first when it stands outside that block.
* ``.pdf`` (pypdf, the ``office`` extra): the text layer, page by page. A PDF
  without one is refused with a message that says OCR is needed.
* ``.doc`` (legacy Word) is refused with the command that converts it.
* Tables (Word or HTML) whose header names a 任务分解表 (重点任务, 具体措施,
  牵头单位, 责任单位, 完成时限 and their usual aliases) become the lines the
  parser reads: ``N.task``, one line per measure, then ``牵头单位:…``,
  ``责任单位:…``, ``完成时限:…``. Rows of a merged task cell stay one task. Any
  other table gives one line per row, its cells joined by spaces: nothing is
  dropped. The same holds for such a table pasted into plain text, its cells cut by
  tabs (`tab_tables`, which `parse_text` applies too).

The text returned is what the parser sees and what `Plan.source` keeps, so spans
point into it. Every failure is a `FileFormatError` naming the file.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .._errors import FileFormatError, MissingExtraError
from .._util import chinese_number

__all__ = ["SOURCE_SUFFIXES", "read_source", "tab_tables", "table_lines"]

SOURCE_SUFFIXES: tuple[str, ...] = (".txt", ".docx", ".html", ".htm", ".pdf")
"""The suffixes `read_source` reads as plan text."""

# -- tables ----------------------------------------------------------------------

# Column headers of a 任务分解表, and what each column holds.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "serial": ("序号", "编号", "序"),
    "goal": ("类别", "领域", "重点领域", "工作领域", "目标", "板块"),
    "task": ("重点任务", "工作任务", "主要任务", "任务", "重点工作", "工作内容", "任务名称"),
    "measure": ("具体措施", "工作措施", "具体举措", "主要措施", "措施", "工作举措", "具体内容", "任务内容"),
    "lead": ("牵头单位", "牵头部门", "牵头处室", "责任处室", "责任科室", "主责单位"),
    "support": ("责任单位", "配合单位", "协办单位", "参与单位", "配合部门", "责任部门", "协同单位"),
    "deadline": ("完成时限", "时间节点", "完成时间", "时限", "时限要求", "进度安排"),
}
_LABEL = {"lead": "牵头单位", "support": "责任单位", "deadline": "完成时限"}
_SPACE = re.compile(r"\s+")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．]\s*")


def _cell(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _header_columns(header: Sequence[str]) -> dict[str, int] | None:
    """Which column holds what, when ``header`` is a 任务分解表 header; None otherwise."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        name = name.replace(" ", "")
        for column, aliases in _COLUMNS.items():
            if column not in found and name in aliases:
                found[column] = index
                break
    if "task" not in found and "measure" not in found:
        return None
    if len(found) < 2:
        return None
    if "lead" not in found and "support" in found and header[found["support"]].startswith("责任"):
        found["lead"] = found.pop("support")  # 责任单位 alone is the lead
    return found


def table_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """A table as lines of plan text: a 任务分解表 as tasks with label lines, others row by row.

    ``rows`` are cell texts, with a merged cell's text repeated in every row and
    column it spans (as python-docx and `_html_rows` give them).
    """
    rows = [[_cell(text) for text in row] for row in rows if any(text.strip() for text in row)]
    if not rows:
        return []
    header = rows[0]
    columns = _header_columns(header)
    if columns is None:
        return [_row_line(row) for row in rows]
    lines: list[str] = []
    last_goal = ""
    current: tuple[str, str] | None = None
    owners: dict[str, list[str]] = {}
    count = 0

    def flush() -> None:
        for key in ("lead", "support", "deadline"):
            values = list(dict.fromkeys(value for value in owners.get(key, ()) if value))
            if values:
                lines.append(f"{_LABEL[key]}:{'、'.join(values)}")
        owners.clear()

    for row in rows[1:]:

        def get(key: str, row: Sequence[str] = row) -> str:
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else ""

        if len(set(row)) == 1 and len(row) > 1:  # a row merged across: a goal heading
            flush()
            current = None
            lines.append(row[0])
            continue
        goal = get("goal")
        if goal and goal != last_goal:
            flush()
            current = None
            last_goal = goal
            lines.append(goal if _LEADING_NUMBER.match(goal) else f"{_goal_number(lines)}、{goal}")
        task, serial = get("task"), get("serial")
        # Other columns (备注, 责任领导…) follow the row's text as ``(备注:…)``: kept, and no new measure.
        notes = "".join(
            f"({header[index]}:{text})" if index < len(header) and header[index] else f"({text})"
            for index, text in enumerate(row)
            if index not in columns.values() and text
        )
        if serial and not serial.isdigit():  # (一), 1-2: not a task number, but kept
            notes = f"({header[columns['serial']]}:{serial})" + notes
        key = (serial, task) if task else (serial, get("measure"))
        if current is None or key != current:
            flush()
            current = key
            count += 1
            number = serial if serial.isdigit() else str(count)
            title = _LEADING_NUMBER.sub("", task) if task else get("measure") + notes
            lines.append(f"{number}.{title}")
            if task and get("measure"):
                lines.append(get("measure") + notes)
            elif task and notes:
                lines.append(notes)
        elif get("measure") or notes:
            lines.append(get("measure") + notes)
        for label_key in ("lead", "support", "deadline"):
            owners.setdefault(label_key, []).append(get(label_key))
    flush()
    return lines


_FILLED_DOWN = ("serial", "goal", "task")


def tab_tables(text: str) -> str:
    """``text`` with each block of tab-separated lines under a 任务分解表 header read as that table.

    Cells copied from Excel or a Word table and pasted as text arrive one row a line, cells
    cut by tabs; a merged cell is empty below its first row. Such a block, when its first
    line is a 任务分解表 header (`table_lines`), becomes the lines `table_lines` makes, the
    serial, goal and task cells of a row with a measure but no task filled from the row
    above. Any other text, tabs included, is returned as it was.
    """
    if "\t" not in text:
        return text
    out: list[str] = []
    for tabbed, block in itertools.groupby(text.split("\n"), key=lambda line: "\t" in line):
        lines = list(block)
        rows = [line.rstrip("\r").split("\t") for line in lines]
        columns = _header_columns([_cell(cell) for cell in rows[0]]) if tabbed and len(rows) > 1 else None
        out.extend(lines if columns is None else table_lines(_filled_down(rows, columns)))
    return "\n".join(out)


def _filled_down(rows: list[list[str]], columns: dict[str, int]) -> list[list[str]]:
    """A row with a measure but no task continues the task above: its empty merged cells filled."""

    def cell(row: list[str], key: str) -> str:
        at = columns.get(key)
        return row[at].strip() if at is not None and at < len(row) else ""

    for previous, row in zip(rows[1:], rows[2:]):
        if cell(row, "task") or not cell(row, "measure") or "task" not in columns:
            continue
        for key in _FILLED_DOWN:
            at = columns.get(key)
            if at is not None and at < min(len(row), len(previous)) and not row[at].strip():
                row[at] = previous[at]
    return rows


def _goal_number(lines: list[str]) -> str:
    return chinese_number(sum(1 for line in lines if "、" in line[:4]) + 1)


def _row_line(row: Sequence[str]) -> str:
    return " ".join(dict.fromkeys(text for text in row if text))


# -- plain text ------------------------------------------------------------------


def _read_text(path: Path) -> str:
    data = _read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as error:
            raise FileFormatError(path, f"neither UTF-8 nor GB18030 text ({error.reason})") from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FileFormatError(path, f"cannot be read: {error.strerror or error}") from None


def read_source(path: str | os.PathLike[str]) -> str:
    """The plan text in ``path``, by its suffix (see the module docstring)."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".doc":
        raise FileFormatError(
            file,
            "a legacy Word .doc cannot be read; convert it to .docx first: "
            f"soffice --headless --convert-to docx {file.name!r}",
        )
    if suffix == ".docx":
        return _read_docx(file)
    if suffix in (".html", ".htm"):
        return _read_html(file)
    if suffix == ".pdf":
        return _read_pdf(file)
    return _read_text(file)


# -- Word --------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_docx(path: Path) -> str:
    try:
        import docx
    except ImportError:
        raise MissingExtraError("python-docx", "office") from None
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    if not path.exists():
        raise FileFormatError(path, "no such file")
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, XMLSyntaxError) as error:
        raise FileFormatError(path, f"not a Word .docx file ({error})") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    from docx.table import Table

    for element in _body_blocks(document.element.body):
        if element.tag == f"{_W}p":
            style = element.find(f"{_W}pPr/{_W}pStyle")
            if style is not None and style.get(f"{_W}val") == "WorkplanTaskBreakdownTitle":
                continue  # the title of workplan's own 任务分解表, which restates the body
            text = _paragraph_text(element)
            prefix = numbering.prefix(element, document)
            if text.strip() or prefix:
                lines.append(prefix + text)
        elif element.tag == f"{_W}tbl":
            caption = element.find(f"{_W}tblPr/{_W}tblCaption")
            if caption is not None and caption.get(f"{_W}val") == _RESTATED:
                continue  # workplan's own 任务分解表 restates the body above it
            table = Table(element, document)
            rows = [[cell.text for cell in row.cells] for row in table.rows]
            lines.extend(table_lines(rows))
    text = "\n".join(lines)
    if not text.strip():
        raise FileFormatError(path, "the Word file holds no text")
    return text + "\n"


def _body_blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, also those inside content controls and custom XML."""
    for element in parent.iterchildren():
        if element.tag in (f"{_W}p", f"{_W}tbl"):
            yield element
        elif element.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = element.find(f"{_W}sdtContent")
            yield from _body_blocks(content if content is not None else element)


_RESTATED = "workplan:task-breakdown"
"""The caption (``w:tblCaption``) of a table that restates the plan; the reader skips it."""


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


class _Numbering:
    """Word's list numbering, replayed: numId and level → the prefix text Word prints."""

    def __init__(self, document: Any) -> None:
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}  # (abstract, ilvl) -> start, fmt, text
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        self.style_numbers: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for abstract in root.iterchildren(f"{_W}abstractNum"):
                abstract_id = abstract.get(f"{_W}abstractNumId")
                for level in abstract.iterchildren(f"{_W}lvl"):
                    ilvl = int(level.get(f"{_W}ilvl", "0"))
                    start = _val(level, "start")
                    self.levels[abstract_id, ilvl] = (
                        int(start) if start and start.lstrip("-").isdigit() else 1,
                        _val(level, "numFmt") or "decimal",
                        _val(level, "lvlText") or "",
                    )
            for num in root.iterchildren(f"{_W}num"):
                overrides = {}
                for override in num.iterchildren(f"{_W}lvlOverride"):
                    start = _val(override, "startOverride")
                    if start and start.isdigit():
                        overrides[int(override.get(f"{_W}ilvl", "0"))] = int(start)
                self.nums[num.get(f"{_W}numId")] = (_val(num, "abstractNumId") or "", overrides)
        for style in document.styles.element.iterchildren(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = _val(num_pr, "numId")
                if num_id:
                    self.style_numbers[style.get(f"{_W}styleId")] = (num_id, int(_val(num_pr, "ilvl") or 0))

    def prefix(self, paragraph: Any, document: Any) -> str:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "numId"), int(_val(num_pr, "ilvl") or 0)
        if num_id is None:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            if style is not None:
                num_id, ilvl = self.style_numbers.get(style.get(f"{_W}val"), (None, 0))
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                if level < 9:
                    counters[level] = start - 1
        ilvl = max(0, min(ilvl, 8))
        start, number_format, level_text = self.levels.get((abstract_id, ilvl), (1, "decimal", ""))
        counters[ilvl] = max(counters[ilvl] + 1, start) if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if number_format in ("bullet", "none"):
            return ""

        def fill(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_start, level_format, _ = self.levels.get((abstract_id, level), (1, "decimal", ""))
            return _format_number(counters[level] or level_start, level_format)

        return re.sub(r"%([1-9])", fill, level_text)


def _val(element: Any, child: str) -> str | None:
    found = element.find(f"{_W}{child}")
    return None if found is None else found.get(f"{_W}val")


_CHINESE_FORMATS = (
    "chineseCounting",
    "chineseCountingThousand",
    "ideographTraditional",
    "japaneseCounting",
    "chineseLegalSimplified",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
)


def _format_number(number: int, number_format: str) -> str:
    if number_format in _CHINESE_FORMATS:
        return chinese_number(number)
    if number_format == "decimalFullWidth":
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(number))
    if number_format == "decimalEnclosedCircle" and 0 < number <= 20:
        return chr(0x2460 + number - 1)
    if number_format in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman if number_format == "upperRoman" else roman.lower()
    return str(number)


def _roman(number: int) -> str:
    out = []
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


# -- web pages ---------------------------------------------------------------------

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "template",
    "svg",
    "head",
)
_CHROME_MARK = re.compile(
    r"nav|menu|footer|header|breadcrumb|crumb|sidebar|side-bar|share|copyright|banner|toolbar|"
    r"location|position|topbar|bottom|links|related|search",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "center",
        "main",
    }
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _decode_html(path: Path, data: bytes) -> str:
    declared = _CHARSET.search(data[:4096])
    tried = []
    if declared:
        tried.append(declared.group(1).decode("ascii").lower())
    tried += ["utf-8-sig", "gb18030"]
    for encoding in tried:
        if encoding in ("gb2312", "gbk"):
            encoding = "gb18030"
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise FileFormatError(path, "the web page is neither in its declared encoding, UTF-8 nor GB18030")


def _read_html(path: Path) -> str:
    try:
        import lxml.html
        from lxml import etree
    except ImportError:
        raise MissingExtraError("lxml", "html") from None
    markup = _decode_html(path, _read_bytes(path))
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)  # lxml refuses a str with an encoding declaration
    if not markup.strip():
        raise FileFormatError(path, "the web page is empty")
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as error:
        raise FileFormatError(path, f"not a readable web page ({error})") from None
    heading = next((_cell(h.text_content()) for h in root.iter("h1")), "")
    title = next((_cell(t.text_content()) for t in root.iter("title")), "")
    for element in list(root.iter(*_DROP_TAGS)):
        _drop(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments and processing instructions
            _drop(element)
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        if element.tag not in ("body", "html") and _CHROME_MARK.search(marks):
            _drop(element)
    body = root.find("body")
    if body is None:
        body = root
    block = _densest_block(body)
    lines = list(_html_lines(block))
    if heading and heading not in "\n".join(lines[:5]):
        lines.insert(0, heading)
    elif not heading and title and not any(title in line for line in lines[:5]):
        lines.insert(0, title.split("_")[0].split("-")[0].strip())
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise FileFormatError(path, "the web page has no main text")
    return text + "\n"


def _drop(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _densest_block(body: Any) -> Any:
    """The element holding the page's main text: most text, least of it in links (Readability's idea).

    Each paragraph (``p``, ``li``, ``pre``, a table row, a heading, or any element with ten characters of
    its own text) credits its text, less its link text, plus a bonus per comma and
    full stop, to its parent in full and to its grandparent by half. The
    best-credited element wins; from inside a table or list it climbs to the
    element that holds the table, and it climbs once more when siblings hold a
    good share of the text too (a main text split over several blocks).
    """
    scores: dict[Any, float] = {}
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("p", "li", "pre", "tr", "h1", "h2", "h3", "h4", "h5", "h6"):
            text, holder = _cell(element.text_content()), element.getparent()
        else:
            text = _cell((element.text or "") + "".join(child.tail or "" for child in element))
            holder = element
        if len(text) < 10 or holder is None:
            continue
        links = sum(len(_cell(a.text_content())) for a in element.iter("a"))
        weight = max(0.0, len(text) - links) + 10 * sum(text.count(mark) for mark in ",,。;;")
        scores[holder] = scores.get(holder, 0.0) + weight
        above = holder.getparent()
        if above is not None:
            scores[above] = scores.get(above, 0.0) + weight / 2
    if not scores:
        return body
    best = max(scores, key=lambda element: scores[element])
    while best.tag in ("tr", "tbody", "thead", "table", "td", "th", "li", "ul", "ol", "p", "span", "font"):
        if best.getparent() is None:
            break
        best = best.getparent()
    parent = best.getparent()
    if parent is not None and best is not body:
        siblings = sum(scores.get(sibling, 0.0) for sibling in parent if sibling is not best)
        if siblings >= 0.3 * scores.get(best, 0.0):
            best = parent
    return best


def _html_rows(table: Any) -> list[list[str]]:
    """A table's cell texts, a merged cell repeated over the rows and columns it spans."""
    grid: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows left, text)
    for row in table.iter("tr"):
        cells: list[str] = []
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            _fill_pending(cells, pending)
            text = "\n".join(_html_lines(cell))
            down = _int(cell.get("rowspan"))
            for _ in range(_int(cell.get("colspan"))):
                if down > 1:
                    pending[len(cells)] = (down - 1, text)
                cells.append(text)
        _fill_pending(cells, pending)
        grid.append(cells)
    return grid


def _fill_pending(cells: list[str], pending: dict[int, tuple[int, str]]) -> None:
    """Append the texts of cells merged down from rows above into the next columns of ``cells``."""
    while len(cells) in pending:
        left, text = pending[len(cells)]
        if left <= 1:
            del pending[len(cells)]
        else:
            pending[len(cells)] = (left - 1, text)
        cells.append(text)


def _int(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and 0 < int(value) < 100 else 1


_LAYOUT_BLOCKS = ("p", "div", "table", "h1", "h2", "h3", "h4", "ul", "ol")


def _is_layout(table: Any) -> bool:
    """A table used for page layout (old government sites): its cells hold paragraphs or tables."""
    return any(
        cell.find(f".//{tag}") is not None for cell in table.iter("td", "th") for tag in _LAYOUT_BLOCKS
    )


def _html_lines(element: Any) -> Iterator[str]:
    """The element's text, one line per block; tables through `table_lines`."""
    buffer: list[str] = []

    def walk(node: Any) -> Iterator[str]:
        if not isinstance(node.tag, str):
            return
        if node.tag == "table" and not _is_layout(node):
            yield from flush()
            yield from table_lines(_html_rows(node))
            if node.tail:
                buffer.append(node.tail)
            return
        block = node.tag in _BLOCKS
        if block:
            yield from flush()
        if node.text:
            buffer.append(node.text)
        for child in node:
            yield from walk(child)
        if block:
            yield from flush()
        if node.tail:
            buffer.append(node.tail)

    def flush() -> Iterator[str]:
        line = _cell("".join(buffer))
        buffer.clear()
        if line:
            yield line

    if element.text:
        buffer.append(element.text)
    for child in element:
        yield from walk(child)
    yield from flush()


# -- PDF -------------------------------------------------------------------------------


def _read_pdf(path: Path) -> str:
    try:
        import pypdf
        from pypdf.errors import PdfReadError
    except ImportError:
        raise MissingExtraError("pypdf", "office") from None
    if not path.exists():
        raise FileFormatError(path, "no such file")
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileFormatError(path, "the PDF is encrypted; remove its password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise FileFormatError(path, f"not a readable PDF ({error})") from None
    text = "\n".join(_pdf_page(page) for page in pages)
    if len(_SPACE.sub("", text)) < 20:
        raise FileFormatError(
            path,
            f"the PDF has no text layer ({len(pages)} page(s), images only): it needs OCR first, "
            "for example: ocrmypdf -l chi_sim in.pdf out.pdf",
        )
    return text + "\n"


# A space that text extraction puts between a Chinese character and a digit, letter or
# Chinese punctuation (runs in different fonts: 2024 年, 一、 加强) is not in the plan.
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_EXTRACTION_SPACE = re.compile(
    rf"(?<=[{_CJK}]) +(?=[0-9A-Za-z%,.:;!?(){_CJK}])|(?<=[0-9A-Za-z%,.:;!?()]) +(?=[{_CJK}])"
)


# Radical forms that some PDF writers (Chromium, Skia) map common characters to: 长 as ⻓ (U+2ED3).
# NFKC turns the Kangxi radicals (⼯ U+2F2F) into characters; these supplement forms it leaves alone.
_RADICALS = str.maketrans(
    {
        "\u2e9f": "母",
        "\u2ea0": "民",
        "\u2ec5": "见",
        "\u2ec6": "角",
        "\u2ec9": "贝",
        "\u2ecb": "车",
        "\u2ed3": "长",
        "\u2ed4": "门",
        "\u2ed9": "韦",
        "\u2ed8": "青",
        "\u2eda": "页",
        "\u2edb": "风",
        "\u2edc": "飞",
        "\u2edd": "食",
        "\u2ee2": "马",
        "\u2ee3": "骨",
        "\u2ee4": "鬼",
        "\u2ee5": "鱼",
        "\u2ee6": "鸟",
        "\u2ee7": "卤",
        "\u2ee8": "麦",
        "\u2ee9": "黄",
        "\u2eea": "黾",
        "\u2eec": "齐",
        "\u2eee": "齿",
        "\u2ef0": "龙",
        "\u2ef3": "龟",
    }
)


def _pdf_page(text: str) -> str:
    """One page's text: NULs and radical forms repaired, extraction spaces gone, wrapped lines joined."""
    # Some CMaps decode to UTF-16 code units that pypdf leaves with NULs between the characters.
    text = unicodedata.normalize("NFKC", text.replace("\x00", "")).translate(_RADICALS)
    lines = [_EXTRACTION_SPACE.sub("", line.strip()) for line in text.splitlines()]
    return "\n".join(_unwrap([line for line in lines if line]))


_ENDS_SENTENCE = tuple("。;:!?;:!?」』”)")
_STARTS_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|[((][一二三四五六七八九十\d]+[))]|第[一二三四五六七八九十\d]+|"
    r"(?:牵头|责任|配合|协办|参与)(?:单位|部门)|完成时限|时间节点|附件)"
)


def _width(line: str) -> int:
    """The printed width of a line: two for a Chinese character, one for a digit or letter."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _unwrap(lines: list[str]) -> list[str]:
    """Join the lines a PDF wrapped at the right margin back into paragraphs.

    A line continues the one before when that one is nearly as wide as a
    full line of the page (so it ran into the margin), does not end a sentence,
    and the line does not open a numbered item or a label of its own.
    """
    if not lines:
        return lines
    widths = sorted(_width(line) for line in lines)
    full = widths[int(0.9 * (len(widths) - 1))]  # a full line, not the odd overlong one
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        if (
            full >= 30
            and _width(previous.rsplit("\n", 1)[-1]) >= 0.8 * full
            and not previous.endswith(_ENDS_SENTENCE)
            and not _STARTS_ITEM.match(line)
        ):
            out[-1] = previous + line
        else:
            out.append(line)
    return out
