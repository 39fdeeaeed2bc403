"""Stage 3a, extract targets: quantified commitments in a measure.

A target is a number with a unit (or, after a building verb, a bare count:
认定10“双师型”基地) that is not a year, an ordinal, an age, a programme name or a
slogan. Numbers inside 《》 or “” never count (减负30条, 4+X, 五个一工程); nor do
numbers next to ``+``/``X`` (3+2, 1+X), after 第 (第七届), before 年/届/周年, or a
Chinese numeral with 个 that no building verb governs (四个意识, 两个维护).
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ..model import Qualifier, TargetKind

__all__ = ["TargetHit", "chinese_number", "extract_targets"]

_UNITS = (
    "%|万元|亿元|元|万人次|人次|万人|万名|万册|万平方米|平方米|万亩|亩|公顷|公里|千米|"
    "所|个|名|人|项|家|支|场|篇|户|套|间|座|处|台|门|类|部|倍|件|张|辆|位|批次|期|轮|本|册|节|课时|学时|小时|天|次"
)
# A Chinese numeral counts only with a unit, so the pattern demands one (most 一 are not numbers).
_NUMBER = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?)(?P<unit>{_UNITS})?"
    rf"|(?P<cn>[零〇一二两三四五六七八九十百千万亿]{{1,10}})(?P<cunit>所|倍|万元|亿元|元|名|人|家|个|项|万人|万名|平方米)"
)
_CN_UNITS = frozenset(
    {"所", "倍", "万元", "亿元", "元", "名", "人", "家", "个", "项", "万人", "万名", "平方米"}
)
_NEEDS_VERB_CN = frozenset({"个", "项", "人", "名", "家"})
_NOT_AFTER = re.compile(
    r"年|周年|届|月|日|号|岁|周岁|世纪|时|分|\+|-|~|/|[A-Za-z]|工程|行动|计划|条|大|中全会"
)
_CREATE = re.compile(
    r"新增|增设|新建|改扩建|扩建|建设|建立|建成|建好|打造|创建|培育|认定|立项|评选|遴选|增加|培养|培训|招聘|开发|组建|设立"
)
_CREATE_END = re.compile(
    r"(?:新增|增设|新建|改扩建|扩建|建设|建立|建成|建好|打造|创建|培育|认定|立项|评选|遴选|增加|组建|设立|达到|共|约|再|投入|投资|提供|安排|资助)$"
)
_TRIM = re.compile(
    r"^(?:(?:严格执行|执行|严格|认真|力争|争取|努力|确保|全面|积极|进一步|继续|再|启动|推动|支持|实现|新增|增设|新建|改扩建|扩建|建设|"
    r"建立|建成|建好|打造|创建|培育|认定|立项|评选|遴选|确定|落实|完成|开展|举办|达到|使|让|和|及|与|在|对|为|其中|"
    r"全市|全区|全省|共|约|累计)\s?)+"
)
_KIND_VERB = re.compile(
    r"(?P<verb>下降|降低|减少|压减|压缩|增长|增加|提高|提升|达到|保持|不低于|不少于|超过|控制在)"
    r"(?:到|至|在)?(?:约|不少于|不低于)?$"
)
_AFTER_CUT = re.compile(
    r"进入|进行|开展|达到|实现|提供|参加|参与|完成|用于|投入|覆盖|纳入|培育|创建|建设|购置|工作(?!室)|以上|左右|,|、|;|。|:|的目标|目标|\d"
)
_MONEY = frozenset({"万元", "亿元", "元"})
_DELIMS = ",;。:!?"

_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral (一千二百, 两, 十五), or None when it is not one."""
    total = section = digit = 0
    seen = False
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
            seen = True
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
            seen = True
        elif ch in _CN_LARGE:
            total = (total + section + digit) * _CN_LARGE[ch] if (section or digit or total) else 0
            if not (section or digit or total):
                return None
            section = digit = 0
        else:
            return None
    return total + section + digit if seen else None


@attrs.frozen(kw_only=True)
class TargetHit:
    """A target found in a measure; offsets into the normalised text."""

    metric: str
    """What is counted."""
    value: Decimal
    """The number."""
    unit: str
    """Its unit, or empty."""
    kind: TargetKind
    """increase, level, decrease, rate or ratio."""
    qualifier: Qualifier
    """exact, approx, at least, at most or strive."""
    start: int
    """Start of the wording."""
    end: int
    """End of the wording."""


def _clause_start(text: str, start: int, position: int, stops: str) -> int:
    index = position
    while index > start and text[index - 1] not in stops:
        index -= 1
    return index


def extract_targets(text: str, start: int, end: int, masked: list[tuple[int, int]]) -> list[TargetHit]:
    """Targets in ``text[start:end]``; ``masked`` ranges (titles, quotes) hold none."""
    hits: list[TargetHit] = []
    previous_end = start
    for match in _NUMBER.finditer(text, start, end):
        num = match.group("num") or match.group("cn")
        unit = match.group("unit") or match.group("cunit") or ""
        n_start, n_end = match.start(), match.end()
        if any(a <= n_start < b for a, b in masked):
            continue
        before_char = text[n_start - 1] if n_start > start else ""
        after = text[n_end : min(end, n_end + 4)]
        if before_char in "第每+-~/X×.xA-Za-z" or before_char.isdigit():
            continue
        if _NOT_AFTER.match(after) or (
            not unit and num.isdigit() and len(num) == 4 and num[:2] in ("19", "20")
        ):
            continue
        if num[0].isdigit():
            value = Decimal(num)
            if not unit:
                # A bare count only directly after a building verb or in a list after one: 认定10“双师型”.
                lead = text[_clause_start(text, start, n_start, _DELIMS) : n_start]
                if not after or not ("\u4e00" <= after[0] <= "\u9fff" or after[0] in '“"'):
                    continue
                if not (_CREATE.search(lead[-4:]) or (before_char == "、" and _CREATE.search(lead))):
                    continue
        else:
            if unit not in _CN_UNITS:
                continue
            number = chinese_number(num)
            if number is None or number == 0:
                continue
            lead_cn = text[max(start, n_start - 4) : n_start]
            governed = _CREATE_END.search(lead_cn) or (
                unit not in _NEEDS_VERB_CN and (not before_char or before_char in _DELIMS + "、")
            )
            if unit != "倍" and not governed:
                continue
            if unit == "元" and num.endswith("万") and number % 10_000 == 0:
                number, unit = number // 10_000, "万元"  # 一千二百万元 reads as 1200 万元
            value = Decimal(number)
        # Qualifier.
        q_end = n_end
        qualifier = Qualifier.EXACT
        tail = text[n_end : min(end, n_end + 2)]
        if tail == "左右":
            qualifier, q_end = Qualifier.APPROX, n_end + 2
        elif tail in ("以上", "多"):
            qualifier, q_end = Qualifier.AT_LEAST, n_end + len(tail)
        elif tail in ("以内", "以下"):
            qualifier, q_end = Qualifier.AT_MOST, n_end + 2
        clause_start = _clause_start(text, start, n_start, _DELIMS + "、")
        clause_start = max(clause_start, previous_end if previous_end > clause_start else clause_start)
        lead = text[clause_start:n_start]
        if qualifier is Qualifier.EXACT:
            if re.search(r"(?:约|大约|近)$", lead):
                qualifier = Qualifier.APPROX
            elif re.search(r"(?:不少于|不低于|至少|超过)$", lead):
                qualifier = Qualifier.AT_LEAST
            elif re.search(r"(?:不超过|不高于|控制在)$", lead):
                qualifier = Qualifier.AT_MOST
            elif re.search(r"力争|争取", text[_clause_start(text, start, n_start, "。;!?") : n_start]):
                qualifier = Qualifier.STRIVE
        # Kind and metric.
        verb = _KIND_VERB.search(lead)
        metric_start = clause_start
        kind = TargetKind.LEVEL
        if unit == "倍":
            kind = TargetKind.RATIO
            by = lead.rfind("按")
            metric = _TRIM.sub("", lead[:by] if by >= 0 else lead)
        elif verb is not None:
            word = verb.group("verb")
            if word in ("下降", "降低", "减少", "压减", "压缩"):
                kind = TargetKind.DECREASE
            elif word in ("增长", "提高", "提升") and unit == "%":
                kind = TargetKind.RATE
            elif word in ("增长", "增加"):
                kind = TargetKind.INCREASE
            metric = _TRIM.sub("", lead[: verb.start()])
        else:
            comma_lead = text[_clause_start(text, start, n_start, _DELIMS) : n_start]
            if _CREATE.search(comma_lead) or (
                not re.search(r"[\u4e00-\u9fff]", comma_lead)
                and _CREATE.search(text[_clause_start(text, start, n_start, "。;!?") : n_start])
            ):
                kind = TargetKind.INCREASE
            after_text = text[q_end:end]
            cut = _AFTER_CUT.search(after_text)
            noun_raw = after_text[: cut.start() if cut else min(len(after_text), 20)].rstrip(" 的")
            noun = noun_raw.lstrip(" 的")
            before_noun = _TRIM.sub("", lead).strip(" 的")
            money_verb = re.search(r"(?:投资|投入|提供|安排|筹措|资助)$", lead)
            if noun:
                if cut is not None and _CREATE.match(cut.group()):
                    kind = TargetKind.INCREASE  # 100所温馨村小创建活动
                metric, metric_start = noun, n_start
                q_end += len(noun_raw)
            elif unit in _MONEY and money_verb is not None:
                metric = money_verb.group()
            else:
                metric = before_noun
        if not metric:
            tail_text = text[n_end:end]
            cut = _AFTER_CUT.search(tail_text)
            metric = tail_text[: cut.start() if cut else min(len(tail_text), 20)]
        metric = metric.strip(" 的,、")
        if metric_start < n_start:
            metric_start = n_start - len(lead) + max(0, lead.find(metric)) if metric in lead else n_start
        previous_end = q_end
        hits.append(
            TargetHit(
                metric=metric,
                value=value,
                unit=unit,
                kind=kind,
                qualifier=qualifier,
                start=min(metric_start, n_start),
                end=max(q_end, n_end),
            )
        )
    return hits
