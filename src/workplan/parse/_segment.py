"""Stage 2, segment: find the header, the goals, the tasks and their bodies.

Grammar (over paragraphs of the normalised text; a paragraph is a line, or a piece of
a line cut just before an inline heading marker, because some published texts lost
every line break)::

    plan     := header goal*
    header   := notice? title? preamble?        (doc number, issuer, issue date found inside)
    goal     := GOAL_HEADING task*              (the top numbering level present)
    task     := TASK_HEADING body*              (the next level down)
    body     := paragraph | LABEL_LINE          (deeper numbering levels are body text)

Numbering levels rank ``一、`` > ``(一)`` > ``1.``/``1、`` > ``(1)``. The highest level
present is the goal level and the next one the task level; so 一、 with (一) makes (一)
the tasks and their 1. items body text, and (一) with 1. makes (一) the goals. A plan
with one level only has its headings as tasks under one untitled goal, except 一、
alone, where each goal holds one task with the goal's title.

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

# level 0 一、  level 1 (一)  level 2 1. or 1、  level 3 (1)
_HEADING = re.compile(
    r"(?:(?P<goal>[一二三四五六七八九十]{1,3})、"
    r"|\((?P<paren>[一二三四五六七八九十]{1,3})\)"
    r"|(?P<num>\d{1,3})(?:\.(?!\d)|、) ?"
    r"|\((?P<pnum>\d{1,2})\))"
)
_INLINE = re.compile(
    r"(?<=[。;!?:] )(?=[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,3}[.、](?!\d))"
    r"|(?<=[。;!?])(?=[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,3}\.(?!\d))"
    r"|(?<=[\u4e00-\u9fff)] )"
    r"(?=[一二三四五六七八九十]{1,3}、[\u4e00-\u9fff]|\d{1,3}\.(?![\d ])[\u4e00-\u9fff])"
)
LABEL = re.compile(
    r"(?P<label>牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位|完成时限|完成时间|时间节点|时限要求)"
    r" ?:"
)
_SUBHEAD = re.compile(r"(?:目标任务|工作措施|主要措施|具体措施|工作目标|主要目标|重点任务|工作任务)\s?:")
_NOTICE = re.compile(r"关于印发 ?《([^《》\n]{1,120})》 ?的通知")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[\[〔(]\d{4}[\]〕)] ?\d{1,4}号")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_BARE_DATE = re.compile(r"(?:^| )((?:19|20)\d{5,6})$")
_TITLE_WORDS = re.compile(r"工作要点|工作计划|要点|计划|方案|安排|任务分解|责任分工")
_ORG_END = re.compile(r"(?:局|厅|部|委|办|政府|委员会|院|中心|办公室|公司|集团|学校|大学)$")
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
        level = {"goal": 0, "paren": 1, "num": 2, "pnum": 3}[kind]
        number = int(raw) if raw.isdigit() else _cn_number(raw)
        classified.append(
            _Unit(
                start=unit.start,
                end=unit.end,
                inline=unit.inline,
                level=level,
                number=number,
                content=heading.end(),
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


def _clean_title(text: str) -> str:
    return _CJK_SPACE.sub("", text.strip(" 。:;,")).strip()


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


def _header(norm: Normalised, units: list[_Unit], diagnostics: list[Diagnostic]) -> Header:
    text = norm.text
    joined = "\n".join(text[u.start : u.end] for u in units)
    # Texts that lost their line breaks keep title, signature and date apart by spaces only.
    pieces: list[str] = []
    starts: list[int] = []
    for u in units:
        piece = text[u.start : u.end]
        parts = piece.split(" ")
        if len(parts) > 1 and any(_looks_like_header_line(part) for part in parts):
            offset = u.start
            for part in parts:
                pieces.append(part)
                starts.append(offset)
                offset += len(part) + 1
        else:
            pieces.append(piece)
            starts.append(u.start)
    title = ""
    notice = _NOTICE.search(joined)
    if notice:
        title = _clean_title(notice.group(1))
    doc_number_match = _DOC_NUMBER.search(joined)
    doc_number = doc_number_match.group() if doc_number_match else None
    issued: dt.date | None = None
    issuer: str | None = None
    title_index = -1
    for index, (piece_start, piece) in enumerate(zip(starts, pieces)):
        date = _DATE.search(piece)
        bare_date = _BARE_DATE.search(piece) if date is None else None
        found: dt.date | None = None
        before = ""
        if date is not None and issued is None and (len(piece) <= 60 or date.end() == len(piece)):
            try:
                found = dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
            except ValueError:
                found = None
            before = piece[: date.start()]
        elif bare_date is not None and issued is None:
            found = _parse_bare_date(bare_date.group(1))
            before = piece[: bare_date.start(1)]
            if found is not None:
                start = piece_start + bare_date.start(1)
                diagnostics.append(
                    Diagnostic(
                        code="P104",
                        message=f"date {bare_date.group(1)} lost its 年月日; read as {found.isoformat()}",
                        span=norm.span(start, start + len(bare_date.group(1))),
                    )
                )
        if found is not None:
            issued = found
            candidate = before.strip().rsplit(" ", 1)[-1] if before.strip() else ""
            if not candidate and index > 0:
                candidate = pieces[index - 1].strip()
            if candidate and len(candidate) <= 20 and _ORG_END.search(candidate):
                issuer = candidate
        if (
            (title_index < 0 or (title and piece.strip() == title))
            and "关于印发" not in piece
            and "印发给" not in piece
        ):
            cleaned = _clean_title(piece.removeprefix("附件:"))
            if cleaned == title or (
                not title and len(cleaned) <= 50 and _TITLE_WORDS.search(cleaned) and ":" not in cleaned
            ):
                title_index = index
                if not title:
                    title = cleaned
    if title_index < 0 and title:
        title_index = max((i for i, p in enumerate(pieces) if "印发" in p), default=-1)
    if issuer is None:
        for piece in pieces:
            if piece.endswith("文件") and len(piece) <= 24:
                issuer = piece[: -len("文件")]
                break
    if issuer is None and title:
        head = re.match(r"(.{2,20}?(?:局|厅|部|委员会|政府|委|办公室))(?:\d{4}年)", title)
        if head:
            issuer = head.group(1)
    # The preamble: the long paragraphs just before the first goal, after the title.
    preamble: list[str] = []
    for index in range(len(pieces) - 1, title_index, -1):
        piece = pieces[index].strip()
        if len(piece) < 30 or "印发给" in piece or piece.startswith("现将《") or piece.endswith(":"):
            break
        preamble.append(piece)
    preamble.reverse()
    year_match = re.search(r"((?:19|20)\d{2})年", title)
    year = int(year_match.group(1)) if year_match else issued.year if issued else None
    return Header(
        title=title,
        issuer=issuer,
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
            if body_end > start and text[body_end - 1] == "(":
                body_end -= 1
            if body_end > start:
                cleaned.append((start, body_end))
            found = list(LABEL.finditer(text, label.start(), end))
            for here, after in zip(found, [*found[1:], None]):
                value_end = after.start() if after is not None else end
                stop = text.find(")", here.end(), value_end)
                if stop >= 0:
                    value_end = stop
                labels.append((here.group("label"), here.end(), value_end))
        elif end > start:
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
    header = _header(norm, units[:first], diagnostics)
    if first == len(units):
        if text.strip():
            diagnostics.append(
                Diagnostic(
                    code="P303",
                    message="found no numbered goals or tasks; the plan has a header only",
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
                tasks = [
                    attrs.evolve(_task_block(norm, goal_number, goal_heading, orphans_of_goal), title=title)
                ]
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
                span=norm.span(unit.start, unit.end),
            )
        )
    return Segmented(header=header, goals=tuple(goals))


# A heading at the start of a line may skip a few numbers (a task deleted while drafting);
# it is still a heading, and check() reports the gap. Inline numbers must follow exactly.
_MAX_GAP = 3


def _next_in_sequence(unit: _Unit, previous: int) -> bool:
    if unit.number == previous + 1:
        return True
    return not unit.inline and previous + 1 < unit.number <= previous + 1 + _MAX_GAP


def _note_gap(norm: Normalised, unit: _Unit, previous: int, what: str, diagnostics: list[Diagnostic]) -> None:
    if unit.number != previous + 1:
        diagnostics.append(
            Diagnostic(
                code="P304",
                message=f"{what} numbering skips from {previous} to {unit.number}; read as a {what} heading",
                span=norm.span(unit.start, unit.end),
            )
        )
