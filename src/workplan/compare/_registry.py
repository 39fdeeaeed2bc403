"""Owners and documents across two plans: compared by name and title, never by registry id.

Document titles carry publishing noise from one year to the next: a lost or extra
character (专项规划 → 专项规), a lost dash in a year range ((20172035)), other brackets or
dashes, and the period itself present or missing. So a title is compared by its
`document_key` (no brackets, quotes, dashes, spaces, nor the year range), and two keys
that differ by one lost or extra character (not a changed one: 高中 and 初中 are other
documents; on titles of six characters or more) are the same document when each is the
other's only such partner (`align_documents`).
The year range is reported apart (`document_period`), so a changed period shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Document, Plan
from ._text import normalize, ratio

__all__ = ["Registries", "align_documents", "changed_periods", "document_key", "document_period"]

_YEAR = r"(?:19|20)\d{2}"
_RANGE = re.compile(
    rf"[(（\[【]?\s*({_YEAR})\s*[-–—~～至到]?\s*({_YEAR})\s*年?\s*[)）\]】]?"
    rf"|[(（\[【]\s*({_YEAR})\s*年?\s*[)）\]】]"
)
_NOISE = re.compile(r"[\s\u3000《》〈〉<>“”\"'‘’()（）\[\]【】{}\-–—―~～·・,，、]+")
_MAX_EDITS = 1  # one character lost or added (a changed character is two edits)
_MIN_FUZZY = 6


def document_key(title: str) -> str:
    """A document title as compared across plans: no brackets, quotes, dashes, spaces or year range."""
    return _NOISE.sub("", _RANGE.sub("", normalize(title)))


def document_period(title: str) -> str | None:
    """The year range a title carries, as ``2017–2035`` (or one year), else None."""
    match = _RANGE.search(normalize(title))
    if match is None:
        return None
    first, last, single = match.groups()
    if single:
        return single
    return f"{first}–{last}" if last else first


def align_documents(
    old: Sequence[Document], new: Sequence[Document]
) -> list[tuple[str, str, float, tuple[str, ...]]]:
    """Documents of two plans that are the same document: (old id, new id, score, evidence).

    Equal keys first (the k-th occurrence with the k-th), then keys one lost or extra
    character apart, mutual best. Symmetric and deterministic.
    """
    old_keys = [document_key(document.title) for document in old]
    new_keys = [document_key(document.title) for document in new]
    found: list[tuple[str, str, float, tuple[str, ...]]] = []
    waiting: dict[str, list[int]] = {}
    for i, key in enumerate(old_keys):
        waiting.setdefault(key, []).append(i)
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for j, key in enumerate(new_keys):
        queue = waiting.get(key)
        if queue:
            i = queue.pop(0)
            taken_old.add(i)
            taken_new.add(j)
            found.append((old[i].id, new[j].id, 1.0, ("same title",)))
    free_old = [i for i in range(len(old)) if i not in taken_old and len(old_keys[i]) >= _MIN_FUZZY]
    free_new = [j for j in range(len(new)) if j not in taken_new and len(new_keys[j]) >= _MIN_FUZZY]
    if free_old and free_new and len(free_old) * len(free_new) <= 40_000:
        close: list[tuple[int, int, int, float]] = []
        for i in free_old:
            for j in free_new:
                a, b = old_keys[i], new_keys[j]
                if abs(len(a) - len(b)) > _MAX_EDITS:
                    continue
                score = ratio(a, b)
                edits = round((len(a) + len(b)) * (1.0 - score))
                if edits <= _MAX_EDITS:
                    close.append((i, j, edits, score))
        best_old: dict[int, int] = {}
        best_new: dict[int, int] = {}
        for i, j, edits, _ in close:
            best_old[i] = min(best_old.get(i, edits + 1), edits)
            best_new[j] = min(best_new.get(j, edits + 1), edits)
        for i, j, edits, score in close:
            rivals = [e for a, b, e, _ in close if (a == i) != (b == j) and e <= edits]
            if edits == best_old[i] == best_new[j] and not rivals:
                found.append((old[i].id, new[j].id, score, ("title variant (one character lost or added)",)))
    old_title = _titles_by_id(old)
    new_title = _titles_by_id(new)
    for index, (old_id, new_id, score, evidence) in enumerate(found):
        before, after = document_period(old_title[old_id]), document_period(new_title[new_id])
        if before and after and before != after:
            found[index] = (old_id, new_id, score, (*evidence, f"period {before} → {after}"))
    return found


def _titles_by_id(documents: Sequence[Document]) -> dict[str, str]:
    """Title by registry id (the first document of an id, should ids repeat)."""
    titles: dict[str, str] = {}
    for document in documents:
        titles.setdefault(document.id, document.title)
    return titles


def changed_periods(
    documents: Sequence[tuple[str, str, float, tuple[str, ...]]],
    old: Sequence[Document],
    new: Sequence[Document],
) -> list[tuple[str, str, str, str]]:
    """Aligned documents whose titles give two different year ranges: (old id, new id, before, after).

    A range on one side only is publishing noise (the title cited with or without it), not a change.
    """
    old_title, new_title = _titles_by_id(old), _titles_by_id(new)
    found: list[tuple[str, str, str, str]] = []
    for old_id, new_id, _, _ in documents:
        before, after = document_period(old_title[old_id]), document_period(new_title[new_id])
        if before and after and before != after:
            found.append((old_id, new_id, before, after))
    return found


class Registries:
    """Canonical names for the owners and titles for the documents of two plans.

    Two owners are the same organisation when any of their names or aliases
    agree; the canonical name is the old plan's name, else the new plan's (so
    the mapping reads the same either way round, the names are sorted first).
    """

    def __init__(self, old: Plan, new: Plan) -> None:
        parent: dict[str, str] = {}

        def find(name: str) -> str:
            while parent.setdefault(name, name) != name:
                parent[name] = parent[parent[name]]
                name = parent[name]
            return name

        def union(a: str, b: str) -> None:
            root_a, root_b = find(a), find(b)
            if root_a != root_b:
                # the smaller root wins, so the result does not depend on the order of the plans
                low, high = sorted((root_a, root_b))
                parent[high] = low

        for plan in (old, new):
            for owner in plan.owners:
                for alias in owner.aliases:
                    union(owner.name, alias)
        # The label of a group is a full name (not an alias) in it, the shortest then the first in order.
        names = {owner.name for plan in (old, new) for owner in plan.owners}
        label: dict[str, str] = {}
        for name in sorted(names, key=lambda name: (len(name), name)):
            label.setdefault(find(name), name)
        self._old_owner = {owner.id: label[find(owner.name)] for owner in old.owners}
        self._new_owner = {owner.id: label[find(owner.name)] for owner in new.owners}
        self._old_document = {document.id: document.title for document in old.documents}
        self._new_document = {document.id: document.title for document in new.documents}
        self._old_document_key = {key: document_key(title) for key, title in self._old_document.items()}
        self._new_document_key = {key: document_key(title) for key, title in self._new_document.items()}
        self.documents = align_documents(old.documents, new.documents)
        """Aligned documents: (old id, new id, score, evidence)."""
        for old_id, new_id, _, _ in self.documents:
            self._new_document_key[new_id] = self._old_document_key[old_id]
        # Titles differing only in spacing or 《》 are one document: report it under one title.
        self._title: dict[str, str] = {}
        for keys, titles in (
            (self._old_document_key, self._old_document),
            (self._new_document_key, self._new_document),
        ):
            for document_id, key in keys.items():
                known = self._title.get(key)
                if known is None or titles[document_id] < known:
                    self._title[key] = titles[document_id]
        shared_owners = self._old_owner.keys() & self._new_owner.keys()
        shared_documents = self._old_document_key.keys() & self._new_document_key.keys()
        self.same_ids = (
            self._old_owner.keys() == self._new_owner.keys()
            and all(self._old_owner[key] == self._new_owner[key] for key in shared_owners)
            and self._old_document_key.keys() == self._new_document_key.keys()
            and all(self._old_document_key[key] == self._new_document_key[key] for key in shared_documents)
        )
        """True when equal registry ids mean the same owner or document in both plans."""

    def old_owner(self, owner_id: str) -> str:
        """The canonical name of an owner id of the old plan (the id itself if unresolved)."""
        return self._old_owner.get(owner_id, owner_id)

    def new_owner(self, owner_id: str) -> str:
        """The canonical name of an owner id of the new plan (the id itself if unresolved)."""
        return self._new_owner.get(owner_id, owner_id)

    def old_document(self, document_id: str) -> str:
        """The title of a document id of the old plan, as reported."""
        key = self._old_document_key.get(document_id)
        return self._title[key] if key is not None else document_id

    def new_document(self, document_id: str) -> str:
        """The title of a document id of the new plan, as reported."""
        key = self._new_document_key.get(document_id)
        return self._title[key] if key is not None else document_id
