"""Stage 3c, extract deadlines, and the number diagnostics that go with them.

A measure's deadline is the first of: a year range (2017-2035, or 20172035 that lost its
dash), a horizon (未来3到5年), a dated limit (到2022年, 2020年底前, 6月底前, 上半年, 年底前),
a month (9月份, 3月中旬, 2023年9月份), each read against the plan year; plus a recurrence
(每学期, 每年) where one is stated.
A year range in or right after a document title (《…(2017-2035)》, 《…》(2018-2022)) is the
document's period and never the measure's deadline, even when the measure drafts it. A
horizon that qualifies a noun (未来三年发展规划, 未来3-5年…建设项目库) is the horizon of what
is planned, not a deadline; 未来三年内, or one followed by a comma, is a deadline. A rate
(每人每年, 生均每年) is not a recurrence.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange

import attrs

from ..model import Recurrence
from ._diagnostics import Diagnostic
from ._normalise import Normalised

__all__ = ["DeadlineHit", "extract_deadline", "number_diagnostics", "repair_year_ranges"]

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_RANGE = re.compile(r"\(?(?<!\d)((?:19|20)\d{2})年?(?:-|~|至|到)?((?:19|20)\d{2})(?!\d)年?\)?")
_HORIZON = re.compile(r"未来(\d|[一二两三四五六七八九十])(?:(-|~|到|至)?(\d|[一二两三四五六七八九十]))?年")
_BY_YEAR = re.compile(
    r"(?P<to>到|至|于|在)?(?P<year>(?:19|20)\d{2})年(?:(?P<month>\d{1,2})月)?(?P<end>底|末)?(?P<before>前|以前|之前)?"
)
_IN_YEAR = re.compile(
    r"(?P<yearend>今年底前|年底前|年底|年末|年内|今年内)|(?P<h1>上半年)|(?P<h2>下半年)"
    r"|(?P<month>\d{1,2})月(?:底|末)?(?:前|以前|之前)|第(?P<quarter>[一二三四])季度"
    r"|(?<![\d-])(?P<inmonth>\d{1,2})月(?:份|(?P<part>上旬|中旬|下旬))"  # 9月份, 3月中旬: within that month
)
_STATED_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})年$")
_RECURRENCE = re.compile(
    r"(?<!每人|每生|每校|每名|每位|每户|每班|人均|生均|每个)每(?P<unit>学期|学年|年度|年|季度|月|周)"
)
# What a horizon may qualify and still be a horizon, not a deadline: 未来三年发展规划, 未来3-5年…项目库.
_PLANNING = re.compile(r"(?!内|间|中|里|要|将|全面|逐步|力争|努力|基本|实现|完成|建成)[\u4e00-\u9fff“]")
_RECURRENCES = {
    "学期": Recurrence.SEMESTER,
    "学年": Recurrence.YEARLY,
    "年度": Recurrence.YEARLY,
    "年": Recurrence.YEARLY,
    "季度": Recurrence.QUARTERLY,
    "月": Recurrence.MONTHLY,
    "周": Recurrence.WEEKLY,
}
_HINT = re.compile(r"\d{4}|未来|年底|年末|年内|半年|月|季度|每")
_AGE = re.compile(r"(?<!\d)([1-9])(1\d|2[0-5])(?:周)?岁")
_LOST_HORIZON = re.compile(r"未来(\d)(\d)年")
_LOST_DASH = re.compile(r"(?<!\d)((?:19|20)\d{2})((?:19|20)\d{2})(?!\d)")


def repair_year_ranges(text: str) -> str:
    """``text`` with the dash a year range lost put back: (20172035) reads (2017-2035).

    Applied to every document title, so one document is never spelled two ways.
    """
    if _LOST_DASH.search(text) is None:
        return text
    return _LOST_DASH.sub(
        lambda m: f"{m.group(1)}-{m.group(2)}" if int(m.group(1)) < int(m.group(2)) else m.group(), text
    )


@attrs.frozen(kw_only=True)
class DeadlineHit:
    """A deadline found in text; offsets into the normalised text."""

    text: str
    """The wording."""
    start_date: dt.date | None
    """First day, where known."""
    end_date: dt.date | None
    """Last day, where known."""
    recurrence: Recurrence | None
    """How often, for recurring work."""
    start: int
    """Start of the wording."""
    end: int
    """End of the wording."""


def _small(value: str) -> int:
    return int(value) if value.isdigit() else _CN.get(value, 0)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, monthrange(year, month)[1])


def _dates(
    text: str, start: int, end: int, year: int | None, allowed: list[tuple[int, int]]
) -> DeadlineHit | None:
    candidates: list[DeadlineHit] = []
    for match in _RANGE.finditer(text, start, end):
        first, last = int(match.group(1)), int(match.group(2))
        if first > last or not any(a <= match.start() < b for a, b in allowed):
            continue
        candidates.append(
            DeadlineHit(
                text=match.group(),
                start_date=dt.date(first, 1, 1),
                end_date=dt.date(last, 12, 31),
                recurrence=None,
                start=match.start(),
                end=match.end(),
            )
        )
        break
    match_h = _HORIZON.search(text, start, end)
    if match_h is not None and _PLANNING.match(text, match_h.end(), end):
        match_h = None  # 制定未来三年发展规划: the horizon of the plan to be drafted, not a deadline
    if match_h is not None and year is not None:
        low, sep, high = _small(match_h.group(1)), match_h.group(2), match_h.group(3)
        if high is not None and not sep and low >= _small(high):
            low, high = int(match_h.group(1) + high), None  # 未来10年
        top = _small(high) if high is not None else low
        if 0 < top < 100:
            candidates.append(
                DeadlineHit(
                    text=match_h.group(),
                    start_date=dt.date(year + 1, 1, 1),
                    end_date=dt.date(year + top, 12, 31),
                    recurrence=None,
                    start=match_h.start(),
                    end=match_h.end(),
                )
            )
    for match in _BY_YEAR.finditer(text, start, end):
        if not (match.group("to") or match.group("end") or match.group("before")):
            continue
        if not any(a <= match.start() < b for a, b in allowed):
            continue
        at = int(match.group("year"))
        month = int(match.group("month")) if match.group("month") else 12
        if not 1 <= month <= 12:
            continue
        candidates.append(
            DeadlineHit(
                text=match.group(),
                start_date=None,
                end_date=_month_end(at, month),
                recurrence=None,
                start=match.start(),
                end=match.end(),
            )
        )
        break
    match_y = _IN_YEAR.search(text, start, end)
    if match_y is not None:
        first_day: dt.date | None = None
        last_day: dt.date | None = None
        hit_start = match_y.start()
        stated = _STATED_YEAR_BEFORE.search(text, max(start, hit_start - 5), hit_start)
        if match_y.group("inmonth") and stated is not None:  # 2023年9月份: that year's September
            year, hit_start = int(stated.group(1)), stated.start()
        if year is not None:
            if match_y.group("yearend"):
                last_day = dt.date(year, 12, 31)
            elif match_y.group("h1"):
                first_day, last_day = dt.date(year, 1, 1), dt.date(year, 6, 30)
            elif match_y.group("h2"):
                first_day, last_day = dt.date(year, 7, 1), dt.date(year, 12, 31)
            elif match_y.group("month"):
                month = int(match_y.group("month"))
                last_day = _month_end(year, month) if 1 <= month <= 12 else None
            elif match_y.group("quarter"):
                last_day = _month_end(year, 3 * _CN[match_y.group("quarter")])
            elif match_y.group("inmonth") and 1 <= int(match_y.group("inmonth")) <= 12:
                month = int(match_y.group("inmonth"))
                first_day, last_day = dt.date(year, month, 1), _month_end(year, month)
                part = match_y.group("part")
                if part:  # 上旬 1-10, 中旬 11-20, 下旬 21 to the end
                    first_day = dt.date(year, month, {"上旬": 1, "中旬": 11, "下旬": 21}[part])
                    if part != "下旬":
                        last_day = dt.date(year, month, 10 if part == "上旬" else 20)
        candidates.append(
            DeadlineHit(
                text=text[hit_start : match_y.end()],
                start_date=first_day,
                end_date=last_day,
                recurrence=None,
                start=hit_start,
                end=match_y.end(),
            )
        )
    return min(candidates, key=lambda hit: hit.start) if candidates else None


def extract_deadline(
    text: str,
    start: int,
    end: int,
    year: int | None,
    excluded: list[tuple[int, int]],
) -> DeadlineHit | None:
    """The deadline stated in ``text[start:end]``, or None; ``excluded`` ranges (quotes, titles of
    documents not drafted here) hold no deadline."""
    if _HINT.search(text, start, end) is None:
        return None
    allowed: list[tuple[int, int]] = []
    cursor = start
    for a, b in excluded:
        if b <= start or a >= end:
            continue
        if a > cursor:
            allowed.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < end:
        allowed.append((cursor, end))
    dated: DeadlineHit | None = None
    recurring: re.Match[str] | None = None
    for a, b in allowed:
        if dated is None:
            dated = _dates(text, a, b, year, [(a, b)])
        if recurring is None:
            recurring = _RECURRENCE.search(text, a, b)
    if recurring is not None:
        recurrence = _RECURRENCES[recurring.group("unit")]
        if dated is None:
            return DeadlineHit(
                text=recurring.group(),
                start_date=None,
                end_date=None,
                recurrence=recurrence,
                start=recurring.start(),
                end=recurring.end(),
            )
        return attrs.evolve(dated, recurrence=recurrence)
    return dated


def number_diagnostics(norm: Normalised, diagnostics: list[Diagnostic], limit: int = 50) -> None:
    """Flag numbers that lost a separator: 715岁, 未来35年, (20172035)."""
    text = norm.text
    found = 0
    for match in _AGE.finditer(text):
        low, high = int(match.group(1)), int(match.group(2))
        if low < high and found < limit:
            found += 1
            diagnostics.append(
                Diagnostic(
                    code="P101",
                    message=f"{match.group()} is probably the age range {low}-{high}; not read as a target",
                    message_zh=f"{match.group()} 可能是年龄段 {low}-{high} 岁，未作为指标读取",
                    span=norm.span(match.start(), match.end()),
                )
            )
    for match in _LOST_HORIZON.finditer(text):
        low, high = int(match.group(1)), int(match.group(2))
        if low < high and found < limit:
            found += 1
            diagnostics.append(
                Diagnostic(
                    code="P102",
                    message=f"{match.group()} is probably 未来{low}-{high}年 ({low} to {high} years)",
                    message_zh=f"{match.group()} 可能是“未来{low}-{high}年”",
                    span=norm.span(match.start(), match.end()),
                )
            )
    for match in _LOST_DASH.finditer(text):
        low, high = int(match.group(1)), int(match.group(2))
        if low < high and found < limit:
            found += 1
            diagnostics.append(
                Diagnostic(
                    code="P103",
                    message=f"{match.group()} is probably the year range {low}-{high}; read so",
                    message_zh=f"{match.group()} 可能是年份区间 {low}-{high}，按此读取",
                    span=norm.span(match.start(), match.end()),
                )
            )
