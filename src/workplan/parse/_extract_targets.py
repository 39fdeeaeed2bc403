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
from typing import NamedTuple

import attrs

from ..model import Qualifier, TargetKind
from ._scan import Marks, Ranges

__all__ = ["TargetHit", "chinese_number", "clean_metric", "extract_targets"]

_UNITS = (
    "%|个百分点|百分点|万元|亿元|元|万人次|人次|万人|万名|万册|万个|万所|万套|万平方米|平方米|万亩|亩|公顷|公里|千米|"
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
    r"^(?:(?:严格执行|执行|严格|认真|力争|争取|努力|确保|全面|积极|进一步|继续|再|启动|推动|支持|实现|控制|保持|新增|增设|新建|改扩建|扩建|建设|"
    r"建立|建成|建好|打造|创建|培育|认定|立项|评选|遴选|确定|落实|完成|开展|举办|达到|培训|培养|招聘|引进|资助|"
    r"使|让|和|及|与|在|对|为|其中|"
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
    assumed_unit: bool = False
    """Whether the text gave no measure word and 个 was assumed."""


# A metric ends before these: verbs and particles that introduce the number (达, 稳定在, 约).
_METRIC_TAIL = re.compile(
    r"(?:(?:稳定|保持|控制|提高|提升|增长|增加|下降|降低|减少)?(?:达到|达|到|至|在|为|约|超过|不低于|不少于|以上))+$"
)
# The year a change is measured against: 近视率较上年(下降0.5个百分点) names 近视率.
_COMPARED_WITH = re.compile(
    r"(?:较|比|同比|与)(?:上年|去年|上一年度?|上年度|(?:19|20)\d{2}年(?:底|末)?)(?:相比)?$"
)
# A change stated just before: 占比提高3个百分点,(达到70%) names 占比.
_CHANGE_TAIL = re.compile(
    rf"(?:提高|提升|下降|降低|增长|增加|减少|达到)(?:到|至)?\d+(?:\.\d+)?(?:{_UNITS})?(?:左右|以上|以内)?$"
)
_POINTS = ("个百分点", "百分点")
# A gloss such as 稳(wěn)定 or a stray dash or list marker before the name.
_GLOSS = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\)")
_LEADING_TIME = re.compile(
    r"^(?:(?:今年|全年|年底前|年内|上半年|下半年|\d{1,2}月底?前|到\d{4}年|\d{4}年底?前?)(?:完成)?)+"
)
_LEADING_NOISE = re.compile(r"^[-~*·•\s\d.、)]+")
# Short category words that take the subject of an enumeration: 巩固率小学…、初中…
_CATEGORY = re.compile(
    r"(?:普通高中|义务教育|中小学|幼儿园|学前|小学|初中|高中|中职|高职|本科|专科|研究生|硕士|博士|城市|城区|农村|乡村|男生|女生)$"
)
_STRIVE = re.compile(r"力争|争取")
_APPROX_BEFORE = re.compile(r"(?:约|大约|近)$")
_AT_LEAST_BEFORE = re.compile(r"(?:不少于|不低于|至少|超过)$")
_AT_MOST_BEFORE = re.compile(r"(?:不超过|不高于|控制在)$")
_MONEY_VERB = re.compile(r"(?:投资|投入|提供|安排|筹措|资助)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_STOPS = re.compile(r"[。;!?]")
_CLAUSE_STOPS = re.compile(f"[{_DELIMS}]")
_LIST_STOPS = re.compile(f"[{_DELIMS}、]")
# How far back a clause may reach; metrics are short, so a longer clause is cut here.
_LOOKBACK = 80


class _Measure:
    """Positions found once per measure, so each number's questions are answered by bisection."""

    __slots__ = ("clauses", "create", "end", "lists", "masked", "sentences", "start", "strive", "text")

    def __init__(self, text: str, start: int, end: int, masked: list[tuple[int, int]]) -> None:
        self.text, self.start, self.end = text, start, end
        self.masked = Ranges(masked) if masked else None
        self.clauses = Marks(_CLAUSE_STOPS, text, start, end)
        self.lists = Marks(_LIST_STOPS, text, start, end)
        self.sentences = Marks(_SENTENCE_STOPS, text, start, end)
        self.strive = Marks(_STRIVE, text, start, end)
        self.create = Marks(_CREATE, text, start, end)

    def clause_start(self, position: int) -> int:
        return self.clauses.last_end_before(position, max(self.start, position - _LOOKBACK))

    def list_start(self, position: int) -> int:
        return self.lists.last_end_before(position, max(self.start, position - _LOOKBACK))

    def sentence_start(self, position: int) -> int:
        return self.sentences.last_end_before(position, self.start)


class _Number(NamedTuple):
    """One number candidate with what the sieves look at."""

    num: str
    unit: str
    start: int
    end: int
    before: str
    after: str


def _in_title_or_quote(measure: _Measure, number: _Number) -> bool:
    return measure.masked is not None and measure.masked.holds(number.start)


_SIGNS = "第每+-~/X×.xA-Za-z"


def _after_sign(measure: _Measure, number: _Number) -> bool:
    # 第七届, 每人, 3+2, 1-2, 2.5 read from its middle, A1
    return bool(number.before) and (number.before in _SIGNS or number.before.isdigit())


def _before_non_unit(measure: _Measure, number: _Number) -> bool:
    # 2020年, 70周年, 第二届, 15岁, 4+X, 十三五: not quantities
    return bool(_NOT_AFTER.match(number.after))


def _bare_year(measure: _Measure, number: _Number) -> bool:
    num = number.num
    return not number.unit and num.isdigit() and len(num) == 4 and num[:2] in ("19", "20")


def _bare_count_without_verb(measure: _Measure, number: _Number) -> bool:
    # A bare count only directly after a building verb or in a list after one: 认定10“双师型”.
    if number.unit or not number.num[0].isdigit():
        return False
    after = number.after
    if not after or not ("\u4e00" <= after[0] <= "\u9fff" or after[0] in '“"'):
        return True
    clause = measure.clause_start(number.start)
    lead = measure.text[clause : number.start]
    if _CREATE.search(lead[-4:]):
        return False
    return not (number.before == "、" and measure.create.any_between(clause, number.start))


def _loose_chinese_numeral(measure: _Measure, number: _Number) -> bool:
    # Most 一/两 are not numbers: 四个意识 counts only when a building verb governs it.
    if number.num[0].isdigit():
        return False
    value = chinese_number(number.num)
    if number.unit not in _CN_UNITS or not value:
        return True
    lead = measure.text[max(measure.start, number.start - 4) : number.start]
    governed = _CREATE_END.search(lead) or (
        number.unit not in _NEEDS_VERB_CN and (not number.before or number.before in _DELIMS + "、")
    )
    return number.unit != "倍" and not governed


_SIEVES = (
    _in_title_or_quote,
    _after_sign,
    _before_non_unit,
    _bare_year,
    _bare_count_without_verb,
    _loose_chinese_numeral,
)
"""The rule table: a number any of these accepts is not a target. Order is cheap-first."""


def clean_metric(metric: str) -> str:
    """A metric name without glosses, leading dashes, or the verb or particle before its number."""
    metric = _GLOSS.sub("", metric)
    metric = _LEADING_NOISE.sub("", metric)
    metric = _TRIM.sub("", _LEADING_TIME.sub("", metric)) or metric
    trimmed = _METRIC_TAIL.sub("", metric).strip(" 的,、:")
    trimmed = _COMPARED_WITH.sub("", trimmed).strip(" 的,、:") or trimmed
    return trimmed or metric.strip(" 的,、:")


def _qualify(measure: _Measure, hits: list[TargetHit]) -> list[TargetHit]:
    """Carry an enumeration's subject (巩固率小学…、初中…) and keep names unique in one measure."""
    out = list(hits)
    for index in range(1, len(out)):
        current, first = out[index], out[index - 1]
        if not _CATEGORY.fullmatch(current.metric):
            continue
        # The subject stands before the first item's category: 巩固率 in 巩固率小学.
        base = first.metric
        subject = ""
        category = _CATEGORY.search(base)
        if category is not None and category.start() > 0:
            subject = base[: category.start()]
            out[index - 1] = attrs.evolve(first, metric=f"{subject}({category.group()})")
        elif "(" in base and base.endswith(")"):
            subject = base[: base.index("(")]
        if subject:
            out[index] = attrs.evolve(current, metric=f"{subject}({current.metric})")
    seen: dict[str, int] = {}
    for index, hit in enumerate(out):
        count = seen.get(hit.metric, 0)
        seen[hit.metric] = count + 1
        if count:
            # 新建学校2所,改扩建学校5所: the verb tells the second 学校 apart.
            verbs = list(_CREATE.finditer(measure.text, measure.list_start(hit.start), hit.start + 1))
            label = verbs[-1].group() if verbs else str(count + 1)
            out[index] = attrs.evolve(hit, metric=f"{hit.metric}({label})")
    return out


def extract_targets(text: str, start: int, end: int, masked: list[tuple[int, int]]) -> list[TargetHit]:
    """Targets in ``text[start:end]``; ``masked`` ranges (titles, quotes) hold none."""
    hits: list[TargetHit] = []
    previous_end = start
    measure: _Measure | None = None
    for match in _NUMBER.finditer(text, start, end):
        n_start, n_end = match.start(), match.end()
        before = text[n_start - 1] if n_start > start else ""
        if (before and (before in _SIGNS or before.isdigit())) or _NOT_AFTER.match(text, n_end, end):
            continue  # the cheapest sieves first, before the measure's positions are found
        if measure is None:
            measure = _Measure(text, start, end, masked)
        number = _Number(
            num=match.group("num") or match.group("cn"),
            unit=match.group("unit") or match.group("cunit") or "",
            start=n_start,
            end=n_end,
            before=text[n_start - 1] if n_start > start else "",
            after=text[n_end : min(end, n_end + 4)],
        )
        if any(sieve(measure, number) for sieve in _SIEVES):
            continue
        hit = _read_target(measure, number, previous_end)
        previous_end = hit.end
        hits.append(hit)
    return _qualify(measure, hits) if measure is not None else hits


def _read_target(measure: _Measure, number: _Number, previous_end: int) -> TargetHit:
    text, start, end = measure.text, measure.start, measure.end
    n_start, n_end, num, unit = number.start, number.end, number.num, number.unit
    assumed_unit = False
    if num[0].isdigit():
        value = Decimal(num)
        if not unit:
            unit, assumed_unit = "个", True  # 认定10双师型…基地 lost its measure word
    else:
        count = chinese_number(num) or 0
        if unit == "元" and num.endswith("万") and count % 10_000 == 0:
            count, unit = count // 10_000, "万元"  # 一千二百万元 reads as 1200 万元
        value = Decimal(count)
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
    clause_start = max(measure.list_start(n_start), previous_end)
    clause_start = min(clause_start, n_start)
    lead = text[clause_start:n_start]
    if qualifier is Qualifier.EXACT:
        if _APPROX_BEFORE.search(lead):
            qualifier = Qualifier.APPROX
        elif _AT_LEAST_BEFORE.search(lead):
            qualifier = Qualifier.AT_LEAST
        elif _AT_MOST_BEFORE.search(lead):
            qualifier = Qualifier.AT_MOST
        elif measure.strive.any_between(measure.sentence_start(n_start), n_start):
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
        elif word in ("增长", "增加") or (word in ("提高", "提升") and unit in _POINTS):
            kind = TargetKind.INCREASE
        metric = _TRIM.sub("", lead[: verb.start()])
    else:
        comma_start = measure.clause_start(n_start)
        comma_lead = text[comma_start:n_start]
        if _CREATE.search(comma_lead) or (
            not _CJK.search(comma_lead)
            and measure.create.any_between(measure.sentence_start(n_start), n_start)
        ):
            kind = TargetKind.INCREASE
        window = min(end, q_end + 40)
        cut = _AFTER_CUT.search(text, q_end, window)
        noun_raw = text[q_end : cut.start() if cut else min(window, q_end + 20)].rstrip(" 的")
        noun = noun_raw.lstrip(" 的")
        before_noun = _TRIM.sub("", lead).strip(" 的")
        money_verb = _MONEY_VERB.search(lead)
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
        window = min(end, n_end + 40)
        cut = _AFTER_CUT.search(text, n_end, window)
        metric = text[n_end : cut.start() if cut else min(window, n_end + 20)].strip(" 的,、。;")
    if not clean_metric(metric) and clause_start > start:
        # 启动…研究与实践项目,立项500项左右: the clause before names what is counted.
        before = measure.clause_start(clause_start - 1)
        metric = _CHANGE_TAIL.sub("", _TRIM.sub("", text[before : clause_start - 1]))[-16:]
    metric = clean_metric(metric.strip(" 的,、"))
    if metric_start < n_start:
        metric_start = n_start - len(lead) + max(0, lead.find(metric)) if metric in lead else n_start
    return TargetHit(
        metric=metric,
        value=value,
        unit=unit,
        kind=kind,
        qualifier=qualifier,
        start=min(metric_start, n_start),
        end=max(q_end, n_end),
        assumed_unit=assumed_unit,
    )
