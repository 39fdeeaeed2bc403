"""Document rules (WP6xx): drafted and in force at once, drafted twice, unknown or unused documents."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import DocumentRef, DocumentRelation, Plan
from ._finding import Finding, Severity
from ._registry import rule
from ._shared import columns


def _references(plan: Plan) -> Iterator[tuple[str, DocumentRef]]:
    """Each document reference of a measure with the measure's path, from the walk the rules share."""
    walked = columns(plan)
    return zip(walked.reference_paths, walked.references)


class _Titles:
    """Document titles by id, indexed on first use: a finding's message looks one up in O(1)."""

    def __init__(self, plan: Plan) -> None:
        self._plan = plan
        self._by_id: dict[str, str] | None = None

    def __call__(self, document_id: str) -> str:
        if self._by_id is None:
            self._by_id = {}
            for document in self._plan.documents:
                self._by_id.setdefault(document.id, f"《{document.title}》")  # the first one, as a scan finds
        return self._by_id.get(document_id, document_id)


@rule("WP601", "drafted-and-in-force", Severity.WARNING)
def drafted_and_in_force(plan: Plan) -> Iterator[Finding]:
    """One document is drafted (制定) and also implemented as already in force (落实) in the same plan."""
    title = _Titles(plan)
    drafted: dict[str, str] = {}
    implemented: dict[str, tuple[str, DocumentRef]] = {}
    for path, ref in _references(plan):
        if ref.relation is DocumentRelation.DRAFTS:
            drafted.setdefault(ref.document, path)
        elif ref.relation is DocumentRelation.IMPLEMENTS:
            implemented.setdefault(ref.document, (path, ref))
    for document_id, (path, ref) in implemented.items():
        if document_id in drafted:
            yield drafted_and_in_force.finding(
                path,
                f"{title(document_id)} is implemented as in force here but drafted at {drafted[document_id]}",
                ref.span,
                zh=f"{title(document_id)}在此作为现行文件落实，却在 {drafted[document_id]} 制定",
            )


@rule("WP602", "drafted-twice", Severity.WARNING)
def drafted_twice(plan: Plan) -> Iterator[Finding]:
    """Two measures both draft the same document."""
    title = _Titles(plan)
    drafted: dict[str, str] = {}
    for path, ref in _references(plan):
        if ref.relation is not DocumentRelation.DRAFTS:
            continue
        first = drafted.setdefault(ref.document, path)
        if first != path:
            yield drafted_twice.finding(
                path,
                f"{title(ref.document)} is drafted here and already at {first}",
                ref.span,
                zh=f"{title(ref.document)}在此制定，已在 {first} 制定过",
            )


@rule("WP603", "unknown-document", Severity.ERROR)
def unknown_document(plan: Plan) -> Iterator[Finding]:
    """A measure refers to a document id that is not in the plan's registry."""
    known = {document.id for document in plan.documents}
    for path, ref in _references(plan):
        if ref.document not in known:
            yield unknown_document.finding(
                path,
                f"document {ref.document!r} is not in the plan's documents",
                ref.span,
                zh=f"文件 {ref.document!r} 不在本计划的文件登记中",
            )


@rule("WP604", "unreferenced-document", Severity.INFO, default=False)
def unreferenced_document(plan: Plan) -> Iterator[Finding]:
    """A document in the registry is referenced by no measure (off by default)."""
    used = {ref.document for _, ref in _references(plan)}
    for document in plan.documents:
        if document.id not in used:
            yield unreferenced_document.finding(
                document.id,
                f"《{document.title}》 is referenced by no measure",
                zh=f"《{document.title}》没有措施引用",
            )
