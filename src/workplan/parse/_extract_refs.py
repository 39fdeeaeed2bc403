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

import re

import attrs

from ..model import DocumentRelation, OwnerRole
from ._gazetteer import Gazetteer

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
    r"(?:部|委|厅|局|省|市|区|县|政府|人大|人大常委会|办公厅|委员会|党委))$"
)
_CLAUSE_STOPS = ",;。:!?\n"
_GENERIC = re.compile(
    r"各|相关|有关|所属|直属|市直|区直|县直|省直|所有|部分|其他|其它|全市|全区|全省|全县|级|若干|一批"
)
_ROLE_TRIGGER = re.compile(r"与|同|和|联合|会同|协同|携手|配合|协助|由|支持|依托")
_COOPERATE = re.compile(r"合作|协作|对接|会商|共建|交流|联合|共同|携手|结对|帮扶")
# A named organisation: a place prefix, then an organisation suffix (局, 院, 学校, 公司, …).
_SUFFIX_NAME = re.compile(
    r"(?:长春市|长春|吉林省|吉林|辽宁省|鞍山市|中国|国家|省|市|区|县|州)[\u4e00-\u9fff]{0,14}?"
    r"(?:大学|学院|学校|研究院|研究所|研究中心|中心|有限公司|公司|集团|委员会|管理局|局|厅|人民政府|政府|办公室)"
)
# What may stand just before such a name: a boundary, or a verb or preposition that is trimmed off.
_BEFORE_NAME = re.compile(
    r"(?:推动|支持|推进|依托|指导|组织|督促|鼓励|协调|会同|委托|联合|配合|协助|与|由|和|及|在|向|对|邀请|成立|组建|"
    r"[,、。;:\s(])$"
)


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


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last match is the nearest one
        pass
    return found


def _clause_start(text: str, lower: int, position: int) -> int:
    index = position
    while index > lower and text[index - 1] not in _CLAUSE_STOPS:
        index -= 1
    return index


def extract_documents(
    text: str, start: int, end: int, pairs: list[tuple[int, int]], plan_title: str
) -> list[DocumentHit]:
    """Document references in ``text[start:end]`` given the matched 《》 ``pairs``."""
    hits: list[DocumentHit] = []
    for open_at, close_at in pairs:
        if open_at < start or close_at > end:
            continue
        title = text[open_at + 1 : close_at - 1].strip()
        if not title or title == plan_title:
            continue
        clause = _clause_start(text, start, open_at)
        lead = text[clause:open_at]
        verb = _last(_VERBS, lead)
        relation = DocumentRelation.CITES
        ref_start = open_at
        gap = lead.rstrip("、 ")
        if verb is not None:
            relation = DocumentRelation(verb.lastgroup or "cites")
            ref_start = clause + verb.start()
            gap = lead[verb.end() :]
        after = _AFTER_VERB.match(text, close_at, min(end, close_at + 4))
        ref_end = close_at
        if verb is None and after is not None:
            relation = DocumentRelation(after.lastgroup or "cites")
            ref_end = after.end()
        issuer_match = _ISSUER.search(gap.strip()) if "》" not in gap else None
        issuer = issuer_match.group() if issuer_match and issuer_match.group() == gap.strip() else None
        if issuer is not None and verb is None:
            ref_start = open_at - len(issuer)
        hits.append(
            DocumentHit(
                title=title, issuer=issuer, relation=relation, start=ref_start, end=ref_end, open=open_at
            )
        )
    return hits


def is_generic(name: str) -> bool:
    """Whether ``name`` is a generic phrase (各县(市)区, 相关部门) rather than a named organisation."""
    return bool(_GENERIC.search(name)) or len(name) < 2


def _role(text: str, lower: int, name_start: int, name_end: int, upper: int) -> OwnerRole:
    clause = _clause_start(text, lower, name_start)
    lead = text[clause:name_start]
    trigger = _last(_ROLE_TRIGGER, lead)
    if trigger is None:
        return OwnerRole.LEAD
    word = trigger.group()
    if word in ("配合", "协助"):
        return OwnerRole.SUPPORT
    if word in ("联合", "会同", "协同", "携手"):
        return OwnerRole.PARTNER
    if word in ("与", "同", "和"):
        tail = upper
        for index in range(name_end, upper):
            if text[index] in _CLAUSE_STOPS:
                tail = index
                break
        if _COOPERATE.search(text, name_end, tail) or _COOPERATE.search(lead):
            return OwnerRole.PARTNER
    return OwnerRole.LEAD


def extract_owners(
    text: str, start: int, end: int, gazetteer: Gazetteer, masked: list[tuple[int, int]]
) -> list[OwnerHit]:
    """Named organisations in ``text[start:end]``; ``masked`` ranges (document titles) hold none."""
    found: dict[int, OwnerHit] = {}
    taken: list[tuple[int, int]] = []

    def blocked(a: int, b: int) -> bool:
        # 教育部门, 教育部直属院校: the name is part of a longer word, not an actor here.
        return any(m_start <= a < m_end for m_start, m_end in masked) or text.startswith(
            ("《", "门", "直属", "所属"), b
        )

    for match in gazetteer.finditer(text, start, end):
        if blocked(match.start(), match.end()):
            continue
        role = _role(text, start, match.start(), match.end(), end)
        found[match.start()] = OwnerHit(name=match.group(), role=role, start=match.start(), end=match.end())
        taken.append((match.start(), match.end()))
    for match in _SUFFIX_NAME.finditer(text, start, end):
        a, b = match.span()
        name = match.group()
        if a > start and not _BEFORE_NAME.search(text, max(start, a - 4), a):
            continue
        if blocked(a, b) or is_generic(name) or any(t_start < b and a < t_end for t_start, t_end in taken):
            continue
        found[a] = OwnerHit(name=name, role=_role(text, start, a, b, end), start=a, end=b)
    return [found[key] for key in sorted(found)]
