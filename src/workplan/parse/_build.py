"""Stage 4, build: turn segments and extractions into a `Plan` with registries.

Guarantees of `build()`: every span points into the original text; owner ids
``o1, o2, …`` and document ids ``d1, d2, …`` follow first appearance (the issuer, when
known, is the last owner); one Document per distinct title and one Owner per
organisation, all its names seen in the text (then the gazetteer's) as aliases; a task
whose body is empty gets its title sentence as its one measure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import attrs

from ..model import (
    Deadline,
    Document,
    DocumentRef,
    Goal,
    Measure,
    Owner,
    OwnerRef,
    OwnerRole,
    Plan,
    Target,
    Task,
)
from ._diagnostics import Diagnostic
from ._extract_refs import (
    DocumentHit,
    bracket_pairs,
    extract_documents,
    extract_owners,
    is_generic,
    places_of,
    quote_masks,
)
from ._extract_targets import extract_targets
from ._extract_time import DeadlineHit, extract_deadline, repair_year_ranges
from ._gazetteer import Gazetteer, Organisation, Place, place_of
from ._normalise import Normalised
from ._scan import Ranges
from ._segment import Segmented, TaskBlock

__all__ = ["build"]

_SENTENCE_END = re.compile(r"[。;!?]")
_LIST_SPLIT = re.compile(r"[,、;]| (?=[\u4e00-\u9fff])")
_DIAGNOSTIC_LIMIT = 20
_ALIAS_NOTE = re.compile(r"\(.*$")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
# Spaces between Chinese characters this often (per 1,000 characters) mean a PDF's layout.
_PDF_SPACES = 3


class _Registry:
    def __init__(self, gazetteer: Gazetteer, place: Place) -> None:
        self.gazetteer = gazetteer
        self.place = place
        self.owners: dict[str, tuple[str, list[str], Organisation | None]] = {}
        self.documents: dict[str, list[object]] = {}

    def owner(self, name: str) -> str:
        organisation = self.gazetteer.resolve(name, self.place)
        canonical = organisation.name if organisation is not None else name
        if canonical not in self.owners:
            self.owners[canonical] = (f"o{len(self.owners) + 1}", [], organisation)
        owner_id, seen, _ = self.owners[canonical]
        if name != canonical and name not in seen:
            seen.append(name)
        return owner_id

    def document(self, title: str, issuer: str | None, period: Deadline | None) -> str:
        if title not in self.documents:
            self.documents[title] = [f"d{len(self.documents) + 1}", issuer, period]
        entry = self.documents[title]
        if entry[1] is None and issuer is not None:
            entry[1] = issuer
        if entry[2] is None and period is not None:
            entry[2] = period
        return str(entry[0])

    def owner_nodes(self) -> tuple[Owner, ...]:
        nodes = []
        for canonical, (owner_id, seen, organisation) in self.owners.items():
            known = [a for a in (organisation.aliases if organisation else ()) if a not in seen]
            jurisdiction = organisation.jurisdiction if organisation is not None else place_of(canonical).name
            relative = jurisdiction == "relative"
            nodes.append(
                Owner(
                    id=owner_id,
                    name=canonical,
                    aliases=(*seen, *known),
                    jurisdiction=None if relative else jurisdiction,
                    relative=relative,
                )
            )
        return tuple(nodes)

    def document_nodes(self) -> tuple[Document, ...]:
        return tuple(
            Document(
                id=str(entry[0]),
                title=title,
                issuer=entry[1] if isinstance(entry[1], str) else None,
                period=entry[2] if isinstance(entry[2], Deadline) else None,
            )
            for title, entry in self.documents.items()
        )


def _sentences(text: str, start: int, end: int, titles: Ranges) -> Iterator[tuple[int, int]]:
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if titles.covers(match.start()):
            continue
        yield begin, match.end()
        begin = match.end()
    if begin < end:
        yield begin, end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    return start, end


def _deadline(norm: Normalised, hit: DeadlineHit) -> Deadline:
    return Deadline(
        text=hit.text,
        start=hit.start_date,
        end=hit.end_date,
        recurrence=hit.recurrence,
        span=norm.span(hit.start, hit.end),
    )


_ZH_WHAT = {"title bracket": "书名号", "quote": "引号"}


def _report_unmatched(
    norm: Normalised, offsets: list[int], code: str, what: str, diagnostics: list[Diagnostic]
) -> None:
    for offset in offsets[:_DIAGNOSTIC_LIMIT]:
        diagnostics.append(
            Diagnostic(
                code=code,
                message=f"unbalanced {what} {norm.text[offset]!r}",
                message_zh=f"{_ZH_WHAT[what]} {norm.text[offset]!r} 不成对",
                span=norm.span(offset, offset + 1),
            )
        )
    if len(offsets) > _DIAGNOSTIC_LIMIT:
        diagnostics.append(
            Diagnostic(
                code=code,
                message=f"and {len(offsets) - _DIAGNOSTIC_LIMIT} more unbalanced {what}",
                message_zh=f"另有 {len(offsets) - _DIAGNOSTIC_LIMIT} 处{_ZH_WHAT[what]}不成对",
            )
        )


class _Builder:
    def __init__(
        self,
        norm: Normalised,
        gazetteer: Gazetteer,
        year: int | None,
        plan_title: str,
        place: Place,
        diagnostics: list[Diagnostic],
    ) -> None:
        self.norm = norm
        self.text = norm.text
        self.year = year
        self.plan_title = plan_title
        self.place = place
        self.places = places_of(place)
        self.diagnostics = diagnostics
        self.assumed_units = 0
        self.pdf_spaced = len(_CJK_SPACE.findall(self.text)) * 1000 >= _PDF_SPACES * max(1, len(self.text))
        self.registry = _Registry(gazetteer, place)
        self.gazetteer = gazetteer
        pairs, unmatched = bracket_pairs(self.text, "《", "》")
        self.titles = Ranges(pairs)
        self.unmatched_titles = unmatched
        quote_pairs, unmatched_quotes = bracket_pairs(self.text, "“", "”")
        self.quotes = Ranges(quote_masks(self.text, quote_pairs, unmatched_quotes))
        self.unmatched_quotes = unmatched_quotes

    def measure(self, start: int, end: int) -> Measure:
        text, norm = self.text, self.norm
        titles = self.titles.within(start, end)
        quotes = self.quotes.within(start, end)
        document_hits = extract_documents(text, start, end, titles, self.plan_title)
        documents = tuple(
            DocumentRef(
                document=self.registry.document(self._title(hit.title), hit.issuer, self._period(hit)),
                relation=hit.relation,
                text=text[hit.start : hit.end],
                span=norm.span(hit.start, hit.end),
            )
            for hit in document_hits
        )
        target_hits = extract_targets(text, start, end, sorted(titles + quotes))
        for hit in target_hits:
            if hit.assumed_unit and self.assumed_units < _DIAGNOSTIC_LIMIT:
                self.assumed_units += 1
                self.diagnostics.append(
                    Diagnostic(
                        code="P105",
                        message=f"count {hit.value} has no measure word; read as {hit.value}个",
                        message_zh=f"数量 {hit.value} 没有量词，按 {hit.value}个 读取",
                        span=norm.span(hit.start, hit.end),
                    )
                )
        targets = tuple(
            Target(
                metric=hit.metric,
                value=hit.value,
                unit=hit.unit,
                kind=hit.kind,
                qualifier=hit.qualifier,
                text=text[hit.start : hit.end],
                span=norm.span(hit.start, hit.end),
            )
            for hit in target_hits
        )
        owners = tuple(
            OwnerRef(
                owner=self.registry.owner(hit.name),
                role=hit.role,
                text=hit.name,
                span=norm.span(hit.start, hit.end),
            )
            for hit in extract_owners(text, start, end, self.gazetteer, titles, self.places)
        )
        # A document's period, in its title or right after it, is never the measure's deadline.
        periods = [hit.period_span for hit in document_hits if hit.period_span is not None]
        excluded = sorted(titles + quotes + periods)
        deadline_hit = extract_deadline(text, start, end, self.year, excluded)
        return Measure(
            text=text[start:end],
            targets=targets,
            owners=owners,
            documents=documents,
            deadline=_deadline(norm, deadline_hit) if deadline_hit else None,
            span=norm.span(start, end),
        )

    def _title(self, title: str) -> str:
        """One spelling per document: lost dashes put back, a PDF's spaces dropped."""
        title = repair_year_ranges(title)
        return _CJK_SPACE.sub("", title) if self.pdf_spaced else title

    def _period(self, hit: DocumentHit) -> Deadline | None:
        if hit.period is None:
            return None
        first, last = hit.period
        span = hit.period_span
        wording = self.text[span[0] : span[1]] if span else f"({first}-{last})"
        # No span: the period belongs to the document, which may be named in many places.
        return Deadline(text=wording, start=dt.date(first, 1, 1), end=dt.date(last, 12, 31))

    def task(self, block: TaskBlock) -> Task:
        text = self.text
        ranges: list[tuple[int, int]] = []
        for start, end in block.body:
            for sentence in _sentences(text, start, end, self.titles):
                a, b = _strip(text, *sentence)
                if b > a and text[a:b].strip(" 。;,"):
                    ranges.append((a, b))
        a, b = _strip(text, *block.title_range)
        if b > a and (not ranges or self.titles.within(a, b)):
            # A title sentence that names a document (研制《…》。) is work too, not just a name.
            ranges.insert(0, (a, b))
        measures = tuple(self.measure(a, b) for a, b in ranges)
        owners: list[OwnerRef] = []
        deadline: Deadline | None = None
        has_lead = any(label.startswith("牵头") for label, _, _ in block.labels)
        for label, start, end in block.labels:
            start, end = _strip(text, start, end)
            value = text[start:end].strip(" ;,。")
            if label in ("完成时限", "完成时间", "时间节点", "时限要求"):
                hit = extract_deadline(text, start, end, self.year, [])
                if hit is not None:
                    deadline = _deadline(self.norm, hit)
                elif value:
                    deadline = Deadline(text=value, span=self.norm.span(start, start + len(value)))
                continue
            position = start
            for index, part in enumerate(_LIST_SPLIT.split(text[start:end])):
                name = _ALIAS_NOTE.sub("", part).strip(" 。")  # 人事处(人才工作处)
                part_start = text.find(part, position, end) if part else position
                position = part_start + len(part)
                if not name or (is_generic(name) and self.gazetteer.resolve(name) is None):
                    continue
                if label.startswith("牵头"):
                    role = OwnerRole.LEAD
                else:
                    role = OwnerRole.LEAD if not has_lead and index == 0 else OwnerRole.SUPPORT
                name_start = part_start + part.find(name)
                owners.append(
                    OwnerRef(
                        owner=self.registry.owner(name),
                        role=role,
                        text=name,
                        span=self.norm.span(name_start, name_start + len(name)),
                    )
                )
        leads = {ref.owner for ref in owners if ref.role is OwnerRole.LEAD}
        if leads:
            # A 牵头单位/责任单位 line always wins: no other body leads a measure of this task.
            measures = tuple(_demote_leads(measure, leads) for measure in measures)
        return Task(
            number=block.number,
            title=block.title,
            measures=measures,
            owners=tuple(owners),
            deadline=deadline,
            span=self.norm.span(block.start, block.end),
        )


def _demote_leads(measure: Measure, leads: set[str]) -> Measure:
    if all(ref.role is not OwnerRole.LEAD or ref.owner in leads for ref in measure.owners):
        return measure
    owners = tuple(
        attrs.evolve(ref, role=OwnerRole.SUPPORT)
        if ref.role is OwnerRole.LEAD and ref.owner not in leads
        else ref
        for ref in measure.owners
    )
    return attrs.evolve(measure, owners=owners)


def build(
    norm: Normalised,
    segmented: Segmented,
    *,
    gazetteer: Gazetteer,
    year: int | None,
    issuer: str | None,
    diagnostics: list[Diagnostic],
) -> Plan:
    """Assemble the `Plan` (see the module docstring)."""
    header = segmented.header
    plan_year = year if year is not None else header.year
    plan_issuer = issuer if issuer is not None else header.issuer
    plan_issuers = (issuer,) if issuer is not None else header.issuers
    builder = _Builder(norm, gazetteer, plan_year, header.title, place_of(plan_issuer), diagnostics)
    _report_unmatched(norm, builder.unmatched_titles, "P201", "title bracket", diagnostics)
    _report_unmatched(norm, builder.unmatched_quotes, "P202", "quote", diagnostics)
    goals = tuple(
        Goal(
            number=goal.number,
            title=goal.title,
            tasks=tuple(builder.task(task) for task in goal.tasks),
            span=norm.span(goal.start, goal.end),
        )
        for goal in segmented.goals
    )
    for name in plan_issuers or ((plan_issuer,) if plan_issuer else ()):
        builder.registry.owner(name)
    return Plan(
        title=header.title,
        issuer=plan_issuer,
        issuers=plan_issuers or ((plan_issuer,) if plan_issuer else ()),
        year=plan_year,
        issued=header.issued,
        doc_number=header.doc_number,
        preamble=header.preamble,
        goals=goals,
        owners=builder.registry.owner_nodes(),
        documents=builder.registry.document_nodes(),
        source=norm.original,
    )
