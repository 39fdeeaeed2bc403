"""Stage 3b, extract references: documents in 《》 and the organisations named.

Documents: the outermost 《…》 on a line is a title (nested 〈〉, 《》 and quotes stay in
it). The issuer is a body named just before the 《 (教育部《…》, 吉林省《…》); the relation
comes from the nearest verb in front of it in the same clause (制定 drafts, 落实 implements,
修订 revises), else from a verb right after it (《…》编制工作 drafts), else it is cited.

Owners: every name the gazetteer knows, outside 《》 and not standing as a document's
issuer; plus a name with a place prefix and an organisation suffix (局, 院, 学校, 公司,
集团, 中心, 委员会, 政府…) that starts at a boundary or right after a verb or preposition
(推动, 支持, 与, 联合, 配合…), which is trimmed off. Generic phrases (各县(市)区,
职业院校, 政府相关部门, 市直属学校) are never owners. The role comes from the words before:
与…合作/联合 partner, 配合 support, otherwise lead.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from typing import Any

import attrs

from .._util import package_files
from ..model import DocumentRelation, OwnerRole
from ._gazetteer import Gazetteer, Place
from ._scan import Marks, Ranges

__all__ = [
    "DocumentHit",
    "OwnerHit",
    "bracket_pairs",
    "extract_documents",
    "extract_owners",
    "is_generic",
    "quote_masks",
]

_VERBS = re.compile(
    r"(?P<drafts>研究制定|制定|出台|编制|印发|下发|起草|研制|发布)"
    r"|(?P<implements>贯彻落实|落实|贯彻|按照|执行|实施|依据|根据|对照|遵照|依照|遵循)"
    r"|(?P<revises>修订|修改|完善)"
)
_AFTER_VERB = re.compile(
    r"的?(?:(?P<drafts>编制|制定|起草|出台|印发|研制)|(?P<revises>修订|修改)|(?P<implements>贯彻|落实|执行))"
)
_ISSUER = re.compile(
    r"(?:中共中央办公厅|中共中央|国务院办公厅|国务院|中央|[\u4e00-\u9fff]{0,8}?"
    r"(?:部|委|厅|局|省|市|区|县|政府|人大|人大常委会|办公厅|委员会|党委|党组))$"
)
_CLAUSE_STOPS = ",;。:!?\n"
_GENERIC = re.compile(
    r"各|相关|有关|所属|直属|市直|区直|县直|省直|市属|区属|县属|省属|所有|部分|其他|其它|全市|全区|全省|全县|级|若干|一批"
)
_ROLE_TRIGGER = re.compile(r"与|同|和|联合|会同|协同|携手|配合|协助|由|支持|依托")
_COOPERATE = re.compile(r"合作|协作|对接|会商|共建|交流|联合|共同|携手|结对|帮扶")
# A named organisation: a place prefix, then an organisation suffix (局, 院, 学校, 公司, …).
_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|"
    "四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆"
)
_ORG_SUFFIXES = (
    "大学|学院|学校|研究院|研究所|研究中心|中心|有限公司|公司|集团|委员会|管理局|局|厅|人民政府|政府|办公室|"
    "支队|大队|总队|协会|学会|联合会|基金会|总工会|工会|妇联|科协|残联|侨联|文联|关工委|团委|法院|检察院|医院|"
    "图书馆|博物馆|科技馆|少年宫|委(?![托员会])|部(?![门署分长委]))"
)


# Stems of listed places that are also everyday words (来宾 guests, 大同, 安康 well-being):
# only their full names (来宾市) are read as places.
# The levels a stem drops: a listed place's (地区, 盟; not 州, whose stems read as words: 文山会海),
# and the issuer's own (its county too).
_LISTED_LEVEL = re.compile(r"(?:省|市|地区|盟)$")
_ISSUER_LEVEL = re.compile(r"(?:省|市|区|县|州)$")
_COMMON_WORD_STEMS = frozenset(
    {"来宾", "朝阳", "大同", "安康", "长治", "中卫", "海东", "白山", "北海", "三明"}
)


@functools.cache
def listed_places() -> tuple[str, ...]:
    """The shipped provinces and prefecture-level cities (``parse/places.txt``), with their stems.

    南京市 also gives 南京 (南京师范大学), 吉林省 and 吉林市 give 吉林; an everyday word
    (`_COMMON_WORD_STEMS`) gives no stem.
    """
    listed = package_files("workplan.parse").joinpath("places.txt").read_text("utf-8")
    names: set[str] = set()
    for line in listed.splitlines():
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        names.add(name)
        stem = _stem(name, _LISTED_LEVEL)
        if stem and "自治" not in name and stem not in _COMMON_WORD_STEMS:
            names.add(stem)
    return tuple(sorted(names))


def _stem(place: str, level: re.Pattern[str]) -> str | None:
    """A place name without its ``level``, when two characters or more are left: 南京市 → 南京."""
    stem = level.sub("", place)
    return stem if stem != place and len(stem) >= 2 else None


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a prefix tree, longest first at each branch.

    Python's `re` tries the branches of ``a|b|c`` one by one at every position; grouped by
    their first characters, hundreds of names cost about what a handful do.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        branches.sort(key=lambda branch: -len(branch))
        if "" in node:
            return f"(?:{'|'.join(branches)})?" if branches else ""
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return render(tree)


@functools.lru_cache(maxsize=64)
def suffix_names(places: tuple[str, ...] = ()) -> tuple[re.Pattern[str], ...]:
    """`suffix_name` of the listed places (made once), and of the issuer's places the list lacks."""
    listed = set(listed_places())
    extra = tuple(sorted(place for place in places if place not in listed))
    return (suffix_name(), suffix_name(extra)) if extra else (suffix_name(),)


@functools.lru_cache(maxsize=64)
def suffix_name(places: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A named organisation: a place prefix, then an organisation suffix (局, 院, 学校, 委, 部, …).

    The prefix is a listed province or city (`listed_places`, with stems: 无锡市, 南京), or,
    given ``places``, those instead (the issuer's places the list lacks: its county, 立山区);
    or the bare level of a relative name (市, 区). Any other word before 市 is not read as a place:
    切实发挥市委 names 市委, not a place called 切实发挥.
    """
    prefixes = places if places else listed_places()
    named = trie_pattern(prefixes)
    # The characters a name can start with, as a class first: `re` then skips every other
    # position in C instead of trying the hundreds of branches there (5x faster on 1 M characters).
    starts = {"团", "中", "国", "省", "市", "区", "县", "州", *(name[0] for name in _PROVINCES.split("|"))}
    starts.update(name[0] for name in prefixes)
    first = "".join(sorted(starts))
    return re.compile(
        rf"(?=[{first}])"
        r"(?:团(?:省|市|区|县)委"  # the Youth League committees: 团市委
        rf"|(?:(?:{_PROVINCES})(?:省|自治区|市)?|{named}|中国|国家|省|市|区|县|州)"
        r"(?:(?![等和与及的并在由对向]|开展)[\u4e00-\u9fff]){0,14}?"
        rf"(?:{_ORG_SUFFIXES})"
    )


def places_of(place: Place) -> tuple[str, ...]:
    """The issuer's place names for `suffix_name`: 长春市 and 长春, 立山区 and 立山."""
    found: list[str] = []
    for name in (place.province, place.city, place.county):
        if name:
            found.append(name)
            stem = _stem(name, _ISSUER_LEVEL)
            if stem:
                found.append(stem)
    return tuple(found)


# Verbs and prepositions that may stand right before a name and are not part of it.
_NAME_OPENERS = (
    "推动|支持|推进|依托|利用|借助|指导|组织|督促|鼓励|协调|会同|委托|联合|配合|协助|与|由|和|及|在|向|对|从|"
    "邀请|成立|组建|按照|根据|依据|遵照"
)
# Words that open a clause and are not part of the name after it: 联合市发改委 names 市发改委.
_LEADING_WORD = re.compile(rf"(?:{_NAME_OPENERS}|发挥|引导|统筹|加强|落实|争取|积极|主动|请)+")
# A department named after its party committee: 市委 + 宣传部 is one body.
_DEPARTMENT_TAIL = re.compile(r"宣传部|组织部|统战部|政法委|编办|网信办|教育工委|机关工委|办公厅|办公室")
# What may stand just before such a name: a boundary, or a verb or preposition that is trimmed off.
_BEFORE_NAME = re.compile(rf"(?:{_NAME_OPENERS}|[,、。;:\s(])$")


@attrs.frozen(kw_only=True)
class DocumentHit:
    """A document reference; offsets into the normalised text."""

    title: str
    """The title inside 《》."""
    issuer: str | None
    """The issuer standing before it, if any."""
    relation: DocumentRelation
    """What the measure does with it."""
    start: int
    """Start of the reference, verb included."""
    end: int
    """End of the reference."""
    open: int
    """Offset of the 《."""
    period: tuple[int, int] | None = None
    """The years the document covers, from a range in or right after its title."""
    period_span: tuple[int, int] | None = None
    """Where a range after the title stands; it is never the measure's deadline."""


@attrs.frozen(kw_only=True)
class OwnerHit:
    """A named organisation; offsets into the normalised text."""

    name: str
    """The name as written."""
    role: OwnerRole
    """Lead, support or partner."""
    start: int
    """Start of the name."""
    end: int
    """End of the name."""


def bracket_pairs(text: str, opener: str, closer: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Outermost matched ``opener``/``closer`` pairs on each line, and the unmatched offsets.

    One pass with a stack, so 10,000 openers without a closer cost linear time.
    """
    pairs: list[tuple[int, int]] = []
    unmatched: list[int] = []
    stack: list[int] = []
    pattern = re.compile(f"[{re.escape(opener)}{re.escape(closer)}\n]")
    for match in pattern.finditer(text):
        ch = match.group()
        if ch == opener:
            stack.append(match.start())
        elif ch == closer:
            if stack:
                open_at = stack.pop()
                if not stack:
                    pairs.append((open_at, match.end()))
            else:
                unmatched.append(match.start())
        else:
            unmatched.extend(stack)
            stack.clear()
    unmatched.extend(stack)
    unmatched.sort()
    return pairs, unmatched


def quote_masks(text: str, pairs: list[tuple[int, int]], unmatched: list[int]) -> list[tuple[int, int]]:
    """Ranges inside “” quotes; an unclosed “ covers up to 12 characters or the clause end."""
    masks = list(pairs)
    for open_at in unmatched:
        if text[open_at] != "“":
            continue
        end = open_at + 1
        limit = min(len(text), open_at + 13)
        while end < limit and text[end] not in _CLAUSE_STOPS and text[end] != "”":
            end += 1
        masks.append((open_at, end))
    masks.sort()
    return masks


def _last(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text, start, len(text) if end is None else end):  # noqa: B007
        pass
    return found


# How far back a verb may stand before the 《 it governs; a longer lead is cut here.
_DOCUMENT_LOOKBACK = 120
_CLAUSE_MARKS = re.compile(f"[{re.escape(_CLAUSE_STOPS)}]")
# A year range right after a title, or at its end, is the document's period: 《…》(2018-2022).
_PERIOD = re.compile(r"\(?((?:19|20)\d{2})年?(?:-|~|至|到)?((?:19|20)\d{2})年?\)?")
# A document kind right after a title: the verb drafts that one, and the title is cited.
_ANOTHER_DOCUMENT = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:分工方案|实施方案|实施细则|细则|办法|清单|方案)")
# 颁布实施《…》 promulgates: the measure issues the document, so it drafts it.
_PROMULGATE = re.compile(r"(?:颁布|发布|出台|印发)(?:实施|施行)$")
# 报请省委出台《…》, 提请…印发《…》: asking another body to issue it is drafting it.
_REQUEST = re.compile(r"(?:报请|提请|呈报|报送)[\u4e00-\u9fff、]{0,12}?(?:出台|印发|发布|审议|批准)?$")


def extract_documents(
    text: str, start: int, end: int, pairs: list[tuple[int, int]], plan_title: str
) -> list[DocumentHit]:
    """Document references in ``text[start:end]`` given the matched 《》 ``pairs``."""
    hits: list[DocumentHit] = []
    if not pairs:
        return hits
    clauses = Marks(_CLAUSE_MARKS, text, start, end)
    for open_at, close_at in pairs:
        if open_at < start or close_at > end:
            continue
        title = text[open_at + 1 : close_at - 1].strip()
        if not title or title == plan_title:
            continue
        clause = clauses.last_end_before(open_at, max(start, open_at - _DOCUMENT_LOOKBACK))
        lead = text[clause:open_at]
        verb = _last(_VERBS, lead)
        relation = DocumentRelation.CITES
        ref_start = open_at
        gap = lead.rstrip("、 ")
        if verb is not None:
            relation = DocumentRelation(verb.lastgroup or "cites")
            if relation is DocumentRelation.IMPLEMENTS and _PROMULGATE.search(lead[: verb.end()]):
                relation = DocumentRelation.DRAFTS
            ref_start = clause + verb.start()
            gap = lead[verb.end() :]
        if _REQUEST.search(lead) or re.search(r"(?:报请|提请)", lead[-20:]):
            relation = DocumentRelation.DRAFTS
        if relation is DocumentRelation.DRAFTS and _ANOTHER_DOCUMENT.match(
            text, close_at, min(end, close_at + 8)
        ):
            relation = DocumentRelation.CITES  # 制定《实施意见》分工方案: the 分工方案 is drafted
        after = _AFTER_VERB.match(text, close_at, min(end, close_at + 4))
        ref_end = close_at
        if verb is None and after is not None:
            relation = DocumentRelation(after.lastgroup or "cites")
            ref_end = after.end()
        period = _PERIOD.match(text, close_at, min(end, close_at + 14))
        period_years: tuple[int, int] | None = None
        period_span: tuple[int, int] | None = None
        if period is not None and int(period.group(1)) <= int(period.group(2)):
            period_years = (int(period.group(1)), int(period.group(2)))
            period_span = (period.start(), period.end())
            ref_end = max(ref_end, period.end())
        else:
            inner = _PERIOD.search(title)
            if inner is not None and int(inner.group(1)) <= int(inner.group(2)):
                period_years = (int(inner.group(1)), int(inner.group(2)))
        issuers = _issuers(gap.strip()) if "》" not in gap else ()
        issuer = "、".join(issuers) if issuers else None
        if issuer is not None and verb is None:
            ref_start = open_at - len(gap.strip())
        hits.append(
            DocumentHit(
                title=title,
                issuer=issuer,
                relation=relation,
                start=ref_start,
                end=ref_end,
                open=open_at,
                period=period_years,
                period_span=period_span,
            )
        )
    return hits


def _issuers(gap: str) -> tuple[str, ...]:
    """The bodies named in ``gap`` when it is nothing but issuer names: 中组部、教育部党组."""
    if not gap:
        return ()
    others = _OTHERS.search(gap)
    named = gap[: others.start()] if others else gap
    parts = [part for part in re.split(r"[、和与及]", named) if part]
    if parts and all(_ISSUER.fullmatch(part) for part in parts):
        if others:  # 教育部等六部门: the others stay in the last name's words
            parts[-1] += others.group()
        return tuple(parts)
    return ()


def is_generic(name: str) -> bool:
    """Whether ``name`` is a generic phrase (各县(市)区, 相关部门) rather than a named organisation."""
    return bool(_GENERIC.search(name)) or len(name) < 2


# What may stand between an issuer's name and the 《: 党组, or more issuers joined by 、.
_ISSUER_TAIL = re.compile(
    r"(?:党组|党委|办公厅|办公室)?(?:[、和][\u4e00-\u9fff]{2,12}?(?:党组|党委|办公厅|办公室)?)*"
    r"(?:等[一二三四五六七八九十两\d]{0,3}个?(?:部门|部委|单位))?《"
)
# Joint issuers summed up: 教育部等六部门《…》.
_OTHERS = re.compile(r"等[一二三四五六七八九十两\d]{0,3}个?(?:部门|部委|单位)$")
# 按照市委、市政府部署 / 在市委领导下: bodies that direct the work, not ones that do it.
_CONTEXT_BEFORE = re.compile(r"按照|根据|依据|遵照|依照|在")
_CONTEXT_AFTER = re.compile(r"部署|要求|领导|统一|决策|安排|精神|指示|指导下")
# 利用…资源, 依托…, 从…专家库中: an organisation as a resource or a venue, not an actor.
_RESOURCE_BEFORE = re.compile(r"(?:充分|积极|有效)?(?:利用|依托|借助|借力|从)$")
_ROLE_TRIGGERS = re.compile(_ROLE_TRIGGER.pattern)
# Names that may stand between a trigger and this name: 联合市应急局、公安局、市消防救援支队.
_NAME_JOINERS = "、和及与"
# A support verb right after the list a name closes or belongs to: 市财政局、市人社局配合.
_SUPPORT_WINDOW = 80  # characters after a name searched for it: a list of about eight names; keeps it linear
_SUPPORT_AFTER = re.compile(r"(?:[、和及与][\u4e00-\u9fff()]{2,20}?)*?(?:等(?:部门|单位))?(?:配合|协助|参与)")


class _Roles:
    """Role rules for one measure, with clause boundaries and trigger words found once."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.clauses = Marks(_CLAUSE_MARKS, text, start, end)
        self.triggers = Marks(_ROLE_TRIGGERS, text, start, end)
        self.cooperate = Marks(_COOPERATE, text, start, end)
        self.context_before = Marks(_CONTEXT_BEFORE, text, start, end)
        self.context_after = Marks(_CONTEXT_AFTER, text, start, end)

    def role(self, name_start: int, name_end: int, names_before: int) -> OwnerRole:
        """The role of the name at ``[name_start, name_end)``; ``names_before`` is where the list
        of names it belongs to starts (the first of 市应急局、公安局…)."""
        text = self.text
        clause = self.clauses.last_end_before(name_start, self.start)
        tail = self.clauses.first_start_from(name_end, self.end)
        if _RESOURCE_BEFORE.search(text, max(clause, names_before - 4), names_before):
            return OwnerRole.SUPPORT
        context = self.context_before.last_between(clause, names_before)
        if context >= 0 and self.context_after.any_between(name_end, tail):
            return OwnerRole.OVERSIGHT
        if _SUPPORT_AFTER.match(text, name_end, min(tail, name_end + _SUPPORT_WINDOW)):
            return OwnerRole.SUPPORT
        index = self.triggers.last_between(clause, name_start)
        if index < 0:
            return OwnerRole.LEAD
        word = text[self.triggers.starts[index] : self.triggers.ends[index]]
        if word in ("配合", "协助"):
            return OwnerRole.SUPPORT
        if word in ("联合", "会同", "协同", "携手"):
            return OwnerRole.PARTNER
        if word == "依托":
            return OwnerRole.SUPPORT
        if word in ("与", "同", "和") and (
            # searched from the name's end: a mark found once over the measure may have started inside
            # the name and swallowed the word (市残[联合]作 hides 合作)
            _COOPERATE.search(text, name_end, max(name_end, min(tail, name_end + _SUPPORT_WINDOW)))
            is not None
            or self.cooperate.any_between(clause, name_start)
        ):
            return OwnerRole.PARTNER
        return OwnerRole.LEAD


def _issuer_of_document(text: str, end: int, upper: int) -> bool:
    """Whether the name ending at ``end`` is a document's issuer: 教育部党组《…》, 中组部、教育部《…》."""
    return _ISSUER_TAIL.match(text, end, min(upper, end + 40)) is not None


def _longest_names(known: list[tuple[int, int]], named: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Gazetteer spans and suffix-rule spans without overlaps: a known name wins, unless a
    suffix-rule name holds it and more (苏州市公安局 over the alias 市公安局)."""
    if not named:
        return known  # in text order, without overlaps: one pattern's matches
    if not known and len(named) == 1:
        return named
    spans: list[tuple[int, int]] = []
    for a, b in sorted(set(named), key=lambda span: (span[0], span[0] - span[1])):
        if spans and a < spans[-1][1]:
            continue  # inside, or overlapping, an earlier or longer one
        spans.append((a, b))
    starts = [a for a, _ in spans]
    kept_known: list[tuple[int, int]] = []
    wider: set[tuple[int, int]] = set()
    for a, b in known:
        at = bisect.bisect_right(starts, a) - 1
        if at >= 0 and spans[at][1] >= b and spans[at][1] - spans[at][0] > b - a:
            wider.add(spans[at])
            continue
        kept_known.append((a, b))
    known_ranges = Ranges(kept_known) if kept_known else None
    return sorted(
        [
            *kept_known,
            *(
                span
                for span in spans
                if span in wider or known_ranges is None or not known_ranges.overlaps(*span)
            ),
        ]
    )


def extract_owners(
    text: str,
    start: int,
    end: int,
    gazetteer: Gazetteer,
    masked: list[tuple[int, int]],
    places: tuple[str, ...] = (),
) -> list[OwnerHit]:
    """Named organisations in ``text[start:end]``; ``masked`` ranges (document titles) hold none.

    A document's issuer is not an owner (the `Document` keeps it). Bodies named as the
    context of the work (按照市委部署) are oversight, and bodies named as a resource or a
    venue (利用中央党校资源, 从市应急管理局专家库中) support it; neither leads.
    """
    found: dict[int, OwnerHit] = {}
    masks = Ranges(masked) if masked else None

    def blocked(a: int, b: int) -> bool:
        # 教育部门, 教育部直属院校: the name is part of a longer word, not an actor here.
        return (masks is not None and masks.holds(a)) or text.startswith(("《", "门", "直属", "所属"), b)

    known: list[tuple[int, int]] = []
    for match in gazetteer.finditer(text, start, end):
        if not blocked(match.start(), match.end()):
            known.append(match.span())
    named: list[tuple[int, int]] = []
    for pattern in suffix_names(places):
        for match in pattern.finditer(text, start, end):
            a, b = match.span()
            if a > start and not _BEFORE_NAME.search(text, max(start, a - 4), a):
                continue
            leading = _LEADING_WORD.match(text, a, b)
            if leading is not None:  # 联合市发改委: the verb was read as part of a place name
                again = pattern.match(text, leading.end(), end)
                if again is None:
                    continue
                a, b = again.span()
            tail = _DEPARTMENT_TAIL.match(text, b, end)
            if tail is not None and text[a:b].endswith("委"):
                b = tail.end()
            if not (blocked(a, b) or is_generic(text[a:b])):
                named.append((a, b))
    candidates = _longest_names(known, named)
    if not candidates:
        return []
    candidates.sort()
    roles = _Roles(text, start, end)
    names_before = start
    previous_end = -1
    for a, b in candidates:
        # A run of names joined by 、 shares the words before its first name.
        if not (previous_end >= 0 and a - previous_end <= 1 and text[previous_end:a] in _NAME_JOINERS):
            names_before = a
        previous_end = b
        if _issuer_of_document(text, b, end):
            continue
        found[a] = OwnerHit(name=text[a:b], role=roles.role(a, b, names_before), start=a, end=b)
    return [found[key] for key in sorted(found)]
