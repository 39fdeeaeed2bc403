"""Owners and documents across two plans: compared by name and title, never by registry id."""

from __future__ import annotations

from ..model import Plan
from ._text import normalize

__all__ = ["Registries", "document_key"]


def document_key(title: str) -> str:
    """A document title as compared across plans: without 《》 and whitespace."""
    return normalize(title).strip("《》<>")


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
