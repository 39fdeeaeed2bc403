"""Stage 2, segment: find the header, the goals, the tasks and their bodies.

Grammar (over paragraphs of the normalised text; a paragraph is a line, or a piece of
a line cut just before an inline heading marker, because some published texts lost
every line break)::

    plan     := header goal*
    header   := notice? title? preamble?        (doc number, issuer, issue date found inside)
    goal     := GOAL_HEADING task*              (the top numbering level present)
    task     := TASK_HEADING body*              (the next level down)
    body     := paragraph | LABEL_LINE          (deeper numbering levels are body text)
    paragraph may end in ASSIGNMENT              ((人事处牵头,财务处配合), 【责任处室:X】)

Numbering levels rank ``一、`` > ``(一)`` > ``1.``/``1、`` > ``1.1`` > ``(1)``. The highest level
present is the goal level and the next one the task level; so 一、 with (一) makes (一)
the tasks and their 1. items body text, and (一) with 1. makes (一) the goals. A plan
with one level only has its headings as tasks under one untitled goal, except 一、
alone, where each goal holds one task with the goal's title.

A task's owners come from its label lines (牵头单位:, 责任处室:, also inside brackets,
``(责任单位:X)`` or ``【责任处室:X】``) or from an ASSIGNMENT closing one of its paragraphs: a
bracketed list of ``organisations + verb`` parts, ``(人事处牵头,教师工作处、财务处配合)``,
``(基础教育处负责)``. Each part must name organisations (each ends like one: 处, 室, 局,
中心…, or is a 各… collective) and one verb: 牵头/主责 lead, 负责 responsible (its first
organisation leads unless another part leads), 配合/参与/协同/协助 support. A bracket
that does not read wholly so stays body text.

Guarantees of `segment()`: every heading it returns is in sequence (a goal numbered one
more than the one before; a task one more, or 1 after a new goal), or, at the start of a
line only, skips at most three numbers (with a P304 diagnostic); any other heading-like
line is body text with a P301 diagnostic; a decimal such as ``1.8万元`` is
never a heading; all offsets are into the normalised text.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from ._diagnostics import Diagnostic
from ._normalise import Normalised

__all__ = ["GoalBlock", "Header", "Segmented", "TaskBlock", "segment"]

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# level 0 一、  level 1 (一)  level 2 1. or 1、  level 3 1.1 (under 1.)  level 4 (1)
_HEADING = re.compile(
    r"(?:(?P<goal>[一二三四五六七八九十]{1,3})、"
    r"|\((?P<paren>[一二三四五六七八九十]{1,3})\)"
    r"|(?P<num>\d{1,3})(?:\.(?!\d)|、) ?"
    r"|(?P<major>\d{1,2})\.(?P<dec>\d{1,2})\.? ?(?=[\u4e00-\u9fff])(?![万亿倍个元])"
    r"|\((?P<pnum>\d{1,2})\))"
)
_INLINE = re.compile(
    r"(?<=[。;!?:] )(?=[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,3}[.、](?!\d))"
    r"|(?<=[。;!?])(?=[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,3}\.(?!\d))"
    r"|(?<=[\u4e00-\u9fff)] )"
    r"(?=[一二三四五六七八九十]{1,3}、[\u4e00-\u9fff]|\d{1,3}\.(?![\d ])[\u4e00-\u9fff])"
)
LABEL = re.compile(
    r"(?P<label>牵头单位|牵头部门|牵头处室|责任单位|责任部门|责任处室|配合单位|配合部门|配合处室|协办单位|参与单位|"
    r"完成时限|完成时间|时间节点|时限要求)"
    r"(?:、(?:单位|部门))?(?:\([^()\n]{0,30}\))? ?:"
)
# A paragraph's closing (人事处牵头,财务处、教师工作处配合): see the module docstring.
_ASSIGNMENT = re.compile(r"[(【\[](?P<inner>[^()【】\[\]\n]{3,120})[)】\]][ 。;.]*\Z")
_ASSIGNMENT_PART = re.compile(
    r"(?:由)?(?P<orgs>[^,;:]{2,100}?)"
    r"(?P<verb>牵头负责|牵头|主责|共同负责|具体负责|负责|配合|参与|协同|协助|协办)(?:实施|落实|推进)?"
)
_ASSIGNMENT_ORG = re.compile(
    r"(?:各[\u4e00-\u9fff()]{1,12}|[\u4e00-\u9fff()]{1,30}"
    r"(?:处|室|科|局|厅|委|办|部|中心|站|院|馆|所|会|组|队|校|学校|大学|政府|单位|部门|机构))"
)
_LEAD_VERBS = ("牵头负责", "牵头", "主责")
_SUPPORT_VERBS = ("配合", "参与", "协同", "协助", "协办")
_SUBHEAD = re.compile(r"(?:目标任务|工作措施|主要措施|具体措施|工作目标|主要目标|重点任务|工作任务)\s?:")
_NOTICE = re.compile(r"关于印发 ?《([^《》\n]{1,120})》 ?的通知")
# The same without 《》: 关于印发2023年教育工作要点的通知 (the title must read as one).
# The notice's own words for what it sends: 现将《某市教育局2024年工作要点》印发给你们.
_FORWARDED = re.compile(r"现将 ?《([^《》\n]{1,120})》 ?(?:印发|转发|下发|发给|予以印发)")
_BARE_NOTICE = re.compile(r"关于印发 ?([^《》\n,。:;]{2,60}?) ?的通知")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[\[〔(【]\d{4}[\]〕)】] ?\d{1,4}号")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_CN_DATE = re.compile(
    r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_CN_YEAR_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_INNER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff\d]) (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) (?=\d)")
_TITLE_END = re.compile(r"(?:工作要点|工作计划|工作意见|工作安排|工作思路|要点|计划|方案|安排)$")
# Repost and news wrappers around a title: 【转发】, 资讯丨速递!, …全文来了.
_WRAPPER_HEAD = re.compile(
    r"^(?:【[^】]{1,8}】|\[[^\]]{1,8}\]"
    r"|(?:资讯|转发|转载|速递|快讯|头条|重磅|关注|聚焦|新闻|权威发布|最新|图解)[丨|:!?·\- ]*)+"
)
_WRAPPER_TAIL = re.compile(r"(?:全文(?:来了|发布|公布)?|(?:正式)?(?:发布|出炉|公布|来了))[!?。.]*$")
_TITLE_ISSUER = re.compile(
    r"^(.{2,40}?)(?:关于)?"
    r"(?:(?:19|20)\d{2} ?年|[〇零○一二][〇零○一二三四五六七八九]{3}年"
    r"|(?=(?:教育)?工作(?:要点|计划|意见|安排|思路)$))"
)
_NOTICE_ISSUER = re.compile(r"^(.{2,40}?)关于印发")
_SOURCE = re.compile(
    r"来源:([\u4e00-\u9fff]{2,20}?(?:局|厅|部|委员会|委|政府|办公室|院|中心|司))(?![\u4e00-\u9fff]{0,2}办公室)"
)
_STATED_YEAR = re.compile(r"((?:19|20)\d{2}) ?年(?=是|全省|全市|全区|全县|全国|教育|工作|的|,|我)")
_BARE_DATE = re.compile(r"(?:^| )((?:19|20)\d{5,6})$")
_TITLE_WORDS = re.compile(
    r"工作要点|工作计划|工作意见|工作安排|工作思路|要点|计划|方案|安排|任务分解|责任分工"
)
_ORG_END = re.compile(r"(?:局|厅|部|委|办|政府|委员会|工委|党组|院|司|处|中心|办公室|公司|集团|学校|大学)$")
_TITLE_INSIDE = re.compile(r"《[^《》]*》")
# A lead sentence is a task title: short, one clause.
_LEAD_SENTENCE = 30
_YEAR_IS = re.compile(r"(?:19|20)\d{2} ?年是")
_GENERAL = re.compile(r"总体要求|总体思路|基本思路|指导思想|总体目标|工作思路")
_ENUMERATION = re.compile(r"(?:(?<=^)|(?<=[,;。:\s]))([一二三四五六七八九十])是")
_PLACE_END = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:省|市|区|县)$")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


@attrs.frozen(kw_only=True)
class TaskBlock:
    """A task as found in the text; offsets into the normalised text."""

    number: int
    """The printed number."""
    title: str
    """The title without number or closing 。."""
    start: int
    """Start of the heading (its number)."""
    end: int
    """End of the task's last paragraph."""
    title_range: tuple[int, int]
    """Where the title sentence stands, its 。 included."""
    body: tuple[tuple[int, int], ...]
    """Paragraph ranges of the body, without markers and sub-headings."""
    labels: tuple[tuple[str, int, int], ...]
    """Label lines such as 牵头单位: as (label, value start, value end)."""


@attrs.frozen(kw_only=True)
class GoalBlock:
    """A goal as found in the text."""

    number: int
    """The printed number."""
    title: str
    """The title without number."""
    start: int
    """Start of the heading."""
    end: int
    """End of the heading line."""
    tasks: tuple[TaskBlock, ...]
    """Its tasks in order."""


@attrs.frozen(kw_only=True)
class Header:
    """What the text says about the plan itself."""

    title: str
    """The plan's title."""
    issuer: str | None
    """The issuing body, where found (the first of joint issuers)."""
    issuers: tuple[str, ...] = ()
    """Every issuing body, in the order printed."""
    issued: dt.date | None
    """The issue date, where found."""
    year: int | None
    """The plan year, from the title or the issue date."""
    doc_number: str | None
    """The notice's document number."""
    preamble: str
    """The general approach paragraphs, joined by line breaks."""
    spans: tuple[tuple[int, int], ...] = ()
    """Where the header's pieces read as title, issuer, date, notice or preamble stand."""


@attrs.frozen(kw_only=True)
class Segmented:
    """The result of segmentation."""

    header: Header
    """Facts about the plan."""
    goals: tuple[GoalBlock, ...]
    """Goals with their tasks."""


@attrs.frozen(kw_only=True)
class _Unit:
    start: int
    end: int
    inline: bool
    level: int | None = None
    number: int = 0
    content: int = 0
    major: int | None = None
    """For 1.2: the 1, the number of the heading it must stand under."""


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(text, 0)


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line:
            continue
        begin = 0
        for match in _INLINE.finditer(line):
            cut = match.start()
            piece = line[begin:cut].rstrip(" ")
            if piece:
                units.append(
                    _Unit(start=line_start + begin, end=line_start + begin + len(piece), inline=begin > 0)
                )
            begin = cut
        units.append(_Unit(start=line_start + begin, end=line_start + len(line), inline=begin > 0))
    classified = []
    for unit in units:
        heading = _HEADING.match(text, unit.start, unit.end)
        if heading is None or heading.end() >= unit.end:
            classified.append(unit)
            continue
        kind = heading.lastgroup or ""
        raw = heading.group(kind)
        if kind == "dec" and unit.inline:  # 1.2 only at the start of a line
            classified.append(unit)
            continue
        level = {"goal": 0, "paren": 1, "num": 2, "dec": 3, "pnum": 4}[kind]
        number = int(raw) if raw.isdigit() else _cn_number(raw)
        classified.append(
            _Unit(
                start=unit.start,
                end=unit.end,
                inline=unit.inline,
                level=level,
                number=number,
                content=heading.end(),
                major=int(heading.group("major")) if kind == "dec" else None,
            )
        )
    return classified


def _find_sentence_end(text: str, start: int, end: int) -> int:
    """Offset just past the first 。 outside 《》 in ``text[start:end]``, or -1."""
    depth = 0
    for index in range(start, end):
        ch = text[index]
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            return index + 1
    return -1


_PART = re.compile(r"^第[一二三四五六七八九十]{1,3}(?:部分|篇) ?")


def _clean_title(text: str) -> str:
    cleaned = _squash(_CJK_SPACE.sub("", text.strip(" 。:;,"))).strip()
    # 第二部分 2024年工作要点: the plan as one part of a longer report (回顾 and 要点)
    return _PART.sub("", cleaned) if _TITLE_END.search(cleaned) else cleaned


def _parse_bare_date(digits: str) -> dt.date | None:
    year, rest = int(digits[:4]), digits[4:]
    for month_len in (1, 2):
        month, day = rest[:month_len], rest[month_len:]
        if not day or len(day) > 2:
            continue
        try:
            return dt.date(year, int(month), int(day))
        except ValueError:
            continue
    return None


def _looks_like_header_line(part: str) -> bool:
    if len(part) > 50 or not part:
        return False
    return bool(
        _DATE.fullmatch(part)
        or _BARE_DATE.fullmatch(part)
        or part.startswith("附件")
        or (_TITLE_WORDS.search(part) and ":" not in part and "," not in part)
    )


def _squash(text: str) -> str:
    """Drop the spaces a PDF or web page left inside words and dates: 2022 年工作要点."""
    return _INNER_SPACE.sub("", text)


def _unwrap(title: str) -> str:
    """A title without repost and news wrappers: 【转发】…, 资讯丨速递!…全文来了."""
    title = _WRAPPER_HEAD.sub("", title)
    unwrapped = _WRAPPER_TAIL.sub("", title)
    return unwrapped if _TITLE_END.search(unwrapped) else title


def _org_names(text: str, places: bool = False) -> tuple[str, ...]:
    """The bodies in ``text`` when it holds only body names, apart by spaces or 、.

    中共安徽省委教育工委 安徽省教育厅 gives both.

    With ``places``, a place name (昆山市) counts too: it issues a plan through its government.
    """
    parts = [part for part in re.split(r"[ 、]+", text.strip()) if part]
    if not parts or len(parts) > 4:
        return ()
    if all(
        2 <= len(part) <= 24 and (_ORG_END.search(part) or (places and _PLACE_END.search(part)))
        for part in parts
    ):
        return tuple(parts)
    return ()


def _title_issuers(raw_title: str) -> tuple[str, ...]:
    head = _TITLE_ISSUER.match(_unwrap(raw_title.strip()))
    return _org_names(head.group(1), places=True) if head else ()


def _chinese_date(match: re.Match[str]) -> dt.date | None:
    digits = "".join(str(_CN_YEAR_DIGITS[ch]) for ch in match.group(1))
    try:
        return dt.date(int(digits), _cn_number(match.group(2)), _cn_number(match.group(3)))
    except ValueError:
        return None


def _header(norm: Normalised, units: list[_Unit], diagnostics: list[Diagnostic], body_start: int) -> Header:
    text = norm.text
    joined = "\n".join(text[u.start : u.end] for u in units)
    # Texts that lost their line breaks keep title, signature and date apart by spaces only.
    pieces: list[str] = []
    starts: list[int] = []
    for u in units:
        piece = text[u.start : u.end]
        parts = piece.split(" ")
        whole_title = len(piece) <= 60 and _TITLE_END.search(_unwrap(piece)) and "。" not in piece
        if len(parts) > 1 and not whole_title and any(_looks_like_header_line(part) for part in parts):
            offset = u.start
            for part in parts:
                pieces.append(part)
                starts.append(offset)
                offset += len(part) + 1
        else:
            pieces.append(piece)
            starts.append(u.start)
    used: set[int] = set()
    title = ""
    notice = _NOTICE.search(joined.replace("\n", ""))  # a notice title may break over lines
    if notice:
        title = _clean_title(_unwrap(notice.group(1)))
    bare = None if notice else _BARE_NOTICE.search(joined.replace("\n", ""))
    doc_number_match = _DOC_NUMBER.search(joined)
    doc_number = doc_number_match.group() if doc_number_match else None
    issued: dt.date | None = None
    signers: tuple[str, ...] = ()
    title_index = -1
    raw_title = ""
    for index, (piece_start, piece) in enumerate(zip(starts, pieces)):
        squashed = _squash(piece)
        date = _DATE.search(squashed)
        cn_date = _CN_DATE.search(squashed) if date is None else None
        bare_date = _BARE_DATE.search(piece) if date is None and cn_date is None else None
        found: dt.date | None = None
        before = ""
        if date is not None and issued is None and (len(squashed) <= 60 or date.end() == len(squashed)):
            try:
                found = dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
            except ValueError:
                found = None
            before = squashed[: date.start()]
        elif cn_date is not None and issued is None and len(squashed) <= 60:
            found = _chinese_date(cn_date)
            before = squashed[: cn_date.start()]
        elif bare_date is not None and issued is None:
            found = _parse_bare_date(bare_date.group(1))
            before = piece[: bare_date.start(1)]
            if found is not None:
                start = piece_start + bare_date.start(1)
                diagnostics.append(
                    Diagnostic(
                        code="P104",
                        message=f"date {bare_date.group(1)} lost its 年月日; read as {found.isoformat()}",
                        message_zh=f"日期 {bare_date.group(1)} 缺少年月日，按 {found.isoformat()} 读取",
                        span=norm.span(start, start + len(bare_date.group(1))),
                    )
                )
        if found is not None:
            issued = found
            used.add(index)
            names = _org_names(before.strip()) if before.strip() else ()
            if not names and not before.strip() and index > 0:
                names = _org_names(pieces[index - 1])
                if names:
                    used.add(index - 1)
            if names:
                signers = names
        if (
            (title_index < 0 or (title and _clean_title(_unwrap(piece)) == title))
            and "关于印发" not in piece
            and "印发给" not in piece
            and not piece.startswith("现将")
        ):
            cleaned = _clean_title(_unwrap(piece.removeprefix("附件:")))
            if cleaned == title or (
                not title
                and len(cleaned) <= 60
                and _TITLE_WORDS.search(cleaned)
                and ":" not in cleaned
                and "," not in cleaned
            ):
                title_index = index
                raw_title = piece
                used.add(index)
                # A title broken over two lines: 立山区政府2023年重点工作 / 任务分解和责任分工方案.
                previous = pieces[index - 1].strip() if index > 0 else ""
                if (
                    not title
                    and previous
                    and index - 1 not in used
                    and len(previous) <= 30
                    and not _TITLE_END.search(previous)
                    and not re.search(r"[,。:;、()\[\]【】〔〕]|文件$|通知$|附件|\d{4}-\d", previous)
                    and not _DATE.search(_squash(previous))
                    and (re.search(r"\d{4} ?年", previous) or _TITLE_END.search(cleaned))
                    and not re.search(r"\d{4} ?年", cleaned)
                ):
                    cleaned = _clean_title(_unwrap(previous)) + cleaned
                    raw_title = previous + piece
                    used.add(index - 1)
                elif (
                    not title
                    and previous
                    and index - 1 not in used
                    and re.match(r"(?:19|20)\d{2} ?年", cleaned)
                    and _org_names(previous)
                ):
                    # The issuer on a line of its own above a title that starts with the year:
                    # 长春市教育局 / 2020年工作要点.
                    cleaned = _clean_title(_unwrap(previous)) + cleaned
                    raw_title = previous + piece
                    used.add(index - 1)
                if not title:
                    title = cleaned
    forwarded = None if title else _FORWARDED.search(joined.replace("\n", ""))
    if forwarded and _TITLE_END.search(_clean_title(_unwrap(forwarded.group(1)))):
        title = _clean_title(_unwrap(forwarded.group(1)))
    if not title and bare and _TITLE_END.search(bare.group(1)):
        # no title line of its own: the notice's words, 关于印发2023年教育工作要点的通知
        title = _clean_title(_unwrap(bare.group(1)))
    if title_index < 0 and title:
        title_index = max((i for i, p in enumerate(pieces) if "印发" in p), default=-1)
    # Issuers: a signature before the date, the title's own words, the notice, 某某文件, 来源:.
    issuers = signers or _title_issuers(raw_title or title)
    if not issuers:
        for piece in pieces:
            head = _NOTICE_ISSUER.match(piece)
            if head:
                issuers = _org_names(head.group(1))
                if issuers:
                    break
    if not issuers:
        for index, piece in enumerate(pieces):
            if piece.endswith("文件") and len(piece) <= 24:
                issuers = _org_names(piece[: -len("文件")])
                if issuers:
                    used.add(index)
                    break
    if not issuers:
        for index, piece in enumerate(pieces):
            source = _SOURCE.search(piece)
            if source:
                issuers = (source.group(1),)
                used.add(index)
                break
    for index, piece in enumerate(pieces):
        if (
            "印发" in piece
            or "通知" in piece
            or _DOC_NUMBER.search(piece)
            or piece.startswith("附件")
            or piece.endswith(("文件", ":"))  # 某某文件, and the addressees of a notice
        ):
            used.add(index)
    # The preamble: the long paragraphs just before the first goal, after the title.
    preamble: list[str] = []
    preamble_start = body_start
    for index in range(len(pieces) - 1, title_index, -1):
        piece = pieces[index].strip()
        if len(piece) < 30 or "印发给" in piece or piece.startswith("现将《") or piece.endswith(":"):
            break
        preamble.append(piece)
        used.add(index)
        preamble_start = starts[index]
    preamble.reverse()
    year_match = re.search(r"((?:19|20)\d{2}) ?年", title)
    cn_year = None if year_match else re.search(r"([〇零○一二]{2}[〇零○一二三四五六七八九]{2})年", title)
    if year_match:
        year: int | None = int(year_match.group(1))
    elif cn_year and cn_year.group(1)[:2] in ("一九", "二〇", "二零", "二○"):  # 二〇二四年工作要点
        year = int("".join(str(_CN_YEAR_DIGITS[ch]) for ch in cn_year.group(1)))
    else:
        year = issued.year if issued else None
    if year is None:
        # 2022 年是…, 2016年全省教育工作的总体要求是: the text states the year its header lacks.
        stated = _STATED_YEAR.search(text, 0, body_start)
        if stated is not None:
            year = int(stated.group(1))
            diagnostics.append(
                Diagnostic(
                    code="P305",
                    message=f"the header names no year; read {year} from the text",
                    message_zh=f"标题部分未写年份，从正文读出 {year} 年",
                    span=norm.span(stated.start(1), stated.end(1)),
                )
            )
    for index, piece in enumerate(pieces):
        if index not in used and piece.strip() and len(diagnostics) < 10_000:
            diagnostics.append(
                Diagnostic(
                    code="P308",
                    message="header text not read as title, issuer, date, notice or preamble",
                    message_zh="文首文字未能识别为标题、发文单位、日期、通知或导语",
                    span=norm.span(starts[index], starts[index] + len(piece)),
                )
            )
    del preamble_start
    spans = tuple((starts[index], starts[index] + len(pieces[index])) for index in sorted(used))
    return Header(
        spans=spans,
        title=title,
        issuer=issuers[0] if issuers else None,
        issuers=issuers,
        issued=issued,
        year=year,
        doc_number=doc_number,
        preamble="\n".join(preamble),
    )


def _levels(units: list[_Unit]) -> tuple[int | None, int | None]:
    present = sorted({u.level for u in units if u.level is not None and (not u.inline or u.number == 1)})
    if not present:
        return None, None
    top = present[0]
    below = [level for level in present if level > top]
    return top, below[0] if below else None


def _task_block(norm: Normalised, number: int, heading: _Unit, body: list[_Unit]) -> TaskBlock:
    text = norm.text
    title_end = _find_sentence_end(text, heading.content, heading.end)
    paragraphs: list[tuple[int, int]] = []
    if title_end < 0 or title_end >= heading.end:
        title_range = (heading.content, heading.end)
    else:
        title_range = (heading.content, title_end)
        paragraphs.append((title_end, heading.end))
    for unit in body:
        start = unit.content if unit.level is not None else unit.start
        paragraphs.append((start, unit.end))
    cleaned: list[tuple[int, int]] = []
    labels: list[tuple[str, int, int]] = []
    for start, end in paragraphs:
        while start < end and text[start] == " ":
            start += 1
        sub = _SUBHEAD.match(text, start, end)
        if sub:
            start = sub.end()
        label = LABEL.search(text, start, end)
        if label is not None:
            body_end = label.start()
            if body_end > start and text[body_end - 1] in "(【[":
                body_end -= 1
            if body_end > start:
                cleaned.append((start, body_end))
            found = list(LABEL.finditer(text, label.start(), end))
            for here, after in zip(found, [*found[1:], None]):
                value_end = after.start() if after is not None else end
                stops = [
                    at for at in (text.find(close, here.end(), value_end) for close in ")】]") if at >= 0
                ]
                if stops:
                    value_end = min(stops)
                labels.append((here.group("label"), here.end(), value_end))
            continue
        assigned = _assignment(text, start, end)
        if assigned is not None:
            body_end, found_labels = assigned
            labels.extend(found_labels)
            end = body_end
        if end > start:
            cleaned.append((start, end))
    title = _clean_title(text[title_range[0] : title_range[1]])
    return TaskBlock(
        number=number,
        title=title,
        start=heading.start,
        end=body[-1].end if body else heading.end,
        title_range=title_range,
        body=tuple(cleaned),
        labels=tuple(labels),
    )


def _assignment(text: str, start: int, end: int) -> tuple[int, list[tuple[str, int, int]]] | None:
    """A paragraph's closing assignment (see the module docstring): where the body ends, and its labels."""
    found = _ASSIGNMENT.search(text, start, end)
    if found is None:
        return None
    labels: list[tuple[str, int, int]] = []
    position = found.start("inner")
    for part in re.split(r"[,;]", found.group("inner")):
        at = text.index(part, position, found.end("inner")) if part else position
        position = at + len(part)
        if not part.strip():
            continue
        match = _ASSIGNMENT_PART.fullmatch(part.strip())
        if match is None:
            return None
        orgs = match.group("orgs")
        if not all(_ASSIGNMENT_ORG.fullmatch(org) for org in orgs.split("、")):
            return None
        verb = match.group("verb")
        label = "牵头单位" if verb in _LEAD_VERBS else "配合单位" if verb in _SUPPORT_VERBS else "责任单位"
        orgs_start = at + part.index(orgs)
        labels.append((label, orgs_start, orgs_start + len(orgs)))
    return (found.start(), labels) if labels else None


def segment(norm: Normalised, diagnostics: list[Diagnostic]) -> Segmented:
    """Split the normalised text into header, goals and tasks (see the module docstring)."""
    text = norm.text
    units = _units(text)
    goal_level, task_level = _levels(units)
    if goal_level is not None and task_level is None and goal_level != 0:
        goal_level, task_level = None, goal_level
    first = next(
        (
            i
            for i, u in enumerate(units)
            if u.level is not None and u.level == (goal_level if goal_level is not None else task_level)
        ),
        len(units),
    )
    # Each goal picks its own task level: the highest numbering level present under it.
    goal_task_levels: dict[int, int | None] = {}
    if goal_level is not None:
        heads: list[int] = []
        expected = 1
        for index in range(first, len(units)):
            if units[index].level == goal_level and units[index].number == expected:
                heads.append(index)
                expected += 1
        for position, head in enumerate(heads):
            stop = heads[position + 1] if position + 1 < len(heads) else len(units)
            present = {
                u.level for u in units[head + 1 : stop] if u.level is not None and u.level > goal_level
            }
            goal_task_levels[head] = min(present) if present else None
    if first == len(units):
        return _prose(norm, units, diagnostics)
    header = _header(norm, units[:first], diagnostics, units[first].start)
    if first == len(units):
        if text.strip():
            diagnostics.append(
                Diagnostic(
                    code="P303",
                    message="found no numbered goals or tasks; the plan has a header only",
                    message_zh="未找到编号的目标或任务，计划只有文首部分",
                    span=norm.span(0, len(text)),
                )
            )
        return Segmented(header=header, goals=())
    # Walk the units, accepting headings that keep the sequence.
    goals: list[GoalBlock] = []
    goal_heading: _Unit | None = None
    goal_number = 0
    goal_tasks: list[TaskBlock] = []
    task_heading: _Unit | None = None
    task_number = 0
    task_body: list[_Unit] = []
    new_goal = True
    orphans: list[_Unit] = []

    def close_task() -> None:
        nonlocal task_heading, task_body
        if task_heading is not None:
            goal_tasks.append(_task_block(norm, task_number, task_heading, task_body))
        task_heading, task_body = None, []

    def close_goal() -> None:
        nonlocal goal_tasks
        close_task()
        if goal_heading is not None:
            title = _clean_title(text[goal_heading.content : goal_heading.end])
            tasks = goal_tasks
            if task_level is None and not tasks:
                tasks = _lead_sentence_tasks(norm, orphans_of_goal, diagnostics)
                if not tasks:
                    # The goal is its one task. A heading line that goes on after its first sentence
                    # (一、加强党的建设。一是…;二是…) is titled by that sentence, the rest its body.
                    block = _task_block(norm, goal_number, goal_heading, orphans_of_goal)
                    if block.title and block.title_range[1] < goal_heading.end:
                        title = block.title
                    else:
                        block = attrs.evolve(block, title=title)
                    tasks = [block]
            goals.append(
                GoalBlock(
                    number=goal_number,
                    title=title,
                    start=goal_heading.start,
                    end=goal_heading.end,
                    tasks=tuple(tasks),
                )
            )
        elif goal_tasks:
            goals.append(
                GoalBlock(
                    number=1,
                    title="",
                    start=goal_tasks[0].start,
                    end=goal_tasks[0].start,
                    tasks=tuple(goal_tasks),
                )
            )
        goal_tasks = []

    orphans_of_goal: list[_Unit] = []
    misplaced = 0
    for index in range(first, len(units)):
        unit = units[index]
        if unit.level is not None and unit.level == goal_level and _next_in_sequence(unit, goal_number):
            _note_gap(norm, unit, goal_number, "goal", diagnostics)
            close_goal()
            orphans_of_goal = []
            goal_heading, goal_number, new_goal = unit, unit.number, True
            task_level = goal_task_levels.get(index)
            continue
        if (
            unit.level is not None
            and unit.level == task_level
            and ((new_goal and unit.number == 1) or _next_in_sequence(unit, task_number))
            and (goal_level is None or goal_heading is not None)
            and (unit.major is None or goal_level is None or unit.major == goal_number)  # 2.1 only under 2.
        ):
            if not (new_goal and unit.number == 1):
                _note_gap(norm, unit, task_number, "task", diagnostics)
            close_task()
            task_heading, task_number, new_goal = unit, unit.number, False
            continue
        if unit.level is not None and unit.level in (goal_level, task_level):
            if unit.inline:
                unit = attrs.evolve(unit, level=None)
            elif misplaced < 20:
                misplaced += 1
                diagnostics.append(
                    Diagnostic(
                        code="P301",
                        message="heading-like line out of sequence; kept as body text of the item before",
                        message_zh="形似标题的行不合编号顺序，作为上一项的正文保留",
                        span=norm.span(unit.start, unit.end),
                    )
                )
            if not unit.inline:
                unit = attrs.evolve(unit, level=None)
        if task_heading is not None:
            if unit.inline and task_body and unit.level is None:
                task_body[-1] = attrs.evolve(task_body[-1], end=unit.end)
            elif unit.inline and not task_body and unit.level is None:
                task_heading = attrs.evolve(task_heading, end=unit.end)
            else:
                task_body.append(unit)
        elif goal_heading is not None and task_level is None:
            orphans_of_goal.append(unit)
        else:
            orphans.append(unit)
    close_goal()
    for unit in orphans:
        diagnostics.append(
            Diagnostic(
                code="P302",
                message="text between a goal heading and its first task could not be placed",
                message_zh="目标标题与其第一项任务之间的文字无法归属",
                span=norm.span(unit.start, unit.end),
            )
        )
    return Segmented(header=header, goals=tuple(goals))


def _paragraphs(units: list[_Unit]) -> list[_Unit]:
    """Units joined back into whole lines (inline pieces belong to the line before)."""
    merged: list[_Unit] = []
    for unit in units:
        if unit.inline and merged:
            merged[-1] = attrs.evolve(merged[-1], end=unit.end)
        else:
            merged.append(attrs.evolve(unit, level=None, inline=False))
    return merged


def _is_lead_sentence(text: str, unit: _Unit) -> bool:
    """Whether a paragraph opens with a short lead sentence, a task's title: 建好一流专业。统筹推进…"""
    end = _find_sentence_end(text, unit.start, unit.end)
    if end < 0:
        return False
    lead = text[unit.start : end - 1]
    bare = _TITLE_INSIDE.sub("《》", lead)
    return 2 <= len(bare) <= _LEAD_SENTENCE and not re.search(r"[,;:]", bare)


def _lead_sentence_tasks(
    norm: Normalised, units: list[_Unit], diagnostics: list[Diagnostic]
) -> list[TaskBlock]:
    """Tasks written as unnumbered lead sentences under a goal (the MoE department plans).

    Two or more paragraphs that open with a short sentence ending in 。 make a goal's
    tasks; a paragraph before the first is the goal's introduction (P302).
    """
    text = norm.text
    paragraphs = _paragraphs(units)
    leads = [i for i, unit in enumerate(paragraphs) if _is_lead_sentence(text, unit)]
    if len(leads) < 2:
        return []
    for unit in paragraphs[: leads[0]]:
        diagnostics.append(
            Diagnostic(
                code="P302",
                message="the goal's introduction is not a task; kept out of the plan's items",
                message_zh="目标的引言不是任务，未列入计划条目",
                span=norm.span(unit.start, unit.end),
            )
        )
    tasks = []
    for number, (index, stop) in enumerate(zip(leads, [*leads[1:], len(paragraphs)]), 1):
        heading = attrs.evolve(paragraphs[index], level=2, number=number, content=paragraphs[index].start)
        tasks.append(_task_block(norm, number, heading, paragraphs[index + 1 : stop]))
    return tasks


def _prose(norm: Normalised, units: list[_Unit], diagnostics: list[Diagnostic]) -> Segmented:
    """A plan without numbered headings: a news report of a plan, or a prose plan.

    The header is read from the lines before the first paragraph; the paragraphs, or the
    一是/二是 items inside them, become the tasks of one implicit goal, with a P306 warning.
    A first paragraph stating the general approach (总体要求) is the preamble.
    """
    text = norm.text
    body = next(
        (
            i
            for i, unit in enumerate(units)
            if not unit.inline
            and ("。" in text[unit.start : unit.end] or unit.end - unit.start >= 40)
            and not re.search(r"印发给|现将|关于印发", text[unit.start : unit.end])
        ),
        len(units),
    )
    body_start = units[body].start if body < len(units) else len(text)
    header = _header(norm, units[:body], diagnostics, body_start)
    header = attrs.evolve(header, preamble="")
    paragraphs = _paragraphs(units[body:])
    if (
        paragraphs
        and len(paragraphs) > 1
        and (
            _GENERAL.search(text, paragraphs[0].start, paragraphs[0].start + 40)
            or _YEAR_IS.match(text, paragraphs[0].start)
        )
    ):
        header = attrs.evolve(
            header,
            preamble=text[paragraphs[0].start : paragraphs[0].end],
            spans=(*header.spans, (paragraphs[0].start, paragraphs[0].end)),
        )
        paragraphs = paragraphs[1:]
    if not paragraphs:
        if text.strip() and not header.title:
            diagnostics.append(
                Diagnostic(
                    code="P303",
                    message="found no numbered goals or tasks and no paragraphs; the plan has a header only",
                    message_zh="未找到编号的目标或任务，也没有段落，计划只有文首部分",
                    span=norm.span(0, len(text)),
                )
            )
        return Segmented(header=header, goals=())
    items: list[_Unit] = []
    for paragraph in paragraphs:
        for item in _enumerated_items(text, paragraph):
            lead_in = text[item.start : item.end].rstrip().endswith(":")
            if not item.content and lead_in and item.end < paragraph.end:
                # 今年将重点做好以下工作: leads into the items; it is not a task of its own.
                diagnostics.append(
                    Diagnostic(
                        code="P302",
                        message="the words that lead into the 一是/二是 items are not a task",
                        message_zh="引出“一是、二是”各项的文字不是任务",
                        span=norm.span(item.start, item.end),
                    )
                )
                continue
            items.append(item)
    tasks = []
    for number, item in enumerate(items, 1):
        heading = attrs.evolve(item, level=2, number=number, content=item.content or item.start)
        task = _task_block(norm, number, heading, [])
        if item.content:  # an 一是 item: its first clause is its title
            task = attrs.evolve(task, title=_clean_title(re.split(r"[,;:。]", task.title, maxsplit=1)[0]))
        tasks.append(task)
    diagnostics.append(
        Diagnostic(
            code="P306",
            message=f"found no numbered headings; read {len(tasks)} paragraphs or 一是/二是 items "
            "as the tasks of one implicit goal",
            message_zh=f"未找到编号标题，将 {len(tasks)} 个段落或“一是、二是”条目读作一个隐含目标下的任务",
            span=norm.span(paragraphs[0].start, paragraphs[-1].end),
        )
    )
    goal = GoalBlock(
        number=1, title="", start=paragraphs[0].start, end=paragraphs[0].start, tasks=tuple(tasks)
    )
    return Segmented(header=header, goals=(goal,))


def _enumerated_items(text: str, paragraph: _Unit) -> list[_Unit]:
    """A paragraph cut at its 一是/二是/三是 markers, when they run in order from 一是."""
    markers = list(_ENUMERATION.finditer(text, paragraph.start, paragraph.end))
    numbers = [_cn_number(m.group(1)) for m in markers]
    if len(markers) < 2 or numbers[:2] != [1, 2]:
        return [paragraph]
    items: list[_Unit] = []
    if markers[0].start() > paragraph.start:
        items.append(attrs.evolve(paragraph, end=markers[0].start()))
    expected = 1
    kept = []
    for marker, number in zip(markers, numbers):
        if number == expected:
            kept.append(marker)
            expected += 1
    for marker, after in zip(kept, [*kept[1:], None]):
        end = after.start() if after is not None else paragraph.end
        items.append(_Unit(start=marker.start(), end=end, inline=False, content=marker.end()))
    return items


# A heading at the start of a line may skip a few numbers (a task deleted while drafting);
# it is still a heading, and check() reports the gap. Inline numbers must follow exactly.
_MAX_GAP = 3


def _next_in_sequence(unit: _Unit, previous: int) -> bool:
    if unit.number == previous + 1:
        return True
    return not unit.inline and previous + 1 < unit.number <= previous + 1 + _MAX_GAP


_ZH_LEVEL = {"goal": "目标", "task": "任务"}


def _note_gap(norm: Normalised, unit: _Unit, previous: int, what: str, diagnostics: list[Diagnostic]) -> None:
    if unit.number != previous + 1:
        diagnostics.append(
            Diagnostic(
                code="P304",
                message=f"{what} numbering skips from {previous} to {unit.number}; read as a {what} heading",
                message_zh=f"{_ZH_LEVEL[what]}编号从 {previous} 跳到 {unit.number}，"
                f"仍按{_ZH_LEVEL[what]}标题读取",
                span=norm.span(unit.start, unit.end),
            )
        )
