"""Owner queries from the index give what a pass over every node gives."""

from __future__ import annotations

import pytest

import workplan as wp
from workplan.model import OwnerRole
from workplan.query._index import owner_index


def slow_owned_by(query: wp.query.Query, owner_id: str, role: OwnerRole | None) -> list[str]:
    paths = owner_index(query.plan).paths.get((owner_id, role), {owner_id} if role is None else set())
    return [match.path for match in query if match.path in paths]


@pytest.mark.parametrize("kinds", [None, ("measure",), ("goal", "task"), ("target", "document", "owner")])
def test_owner_queries_from_the_index_match_a_full_pass(kinds: tuple[str, ...] | None) -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    query = plan.query() if kinds is None else plan.query().kind(*kinds)
    for owner in plan.owners:
        for role in (None, *OwnerRole):
            fast = query.owned_by(owner.id, role).paths()
            assert fast == slow_owned_by(query, owner.id, role), (owner.id, role)
            assert query.owned_by(owner.id, role).paths() == fast  # warm: from the cache


def test_a_filtered_selection_is_not_mistaken_for_a_whole_kind() -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    owner = plan.owners[0]
    whole = plan.query().measures().owned_by(owner.id).paths()
    filtered = plan.query().measures()[:5].owned_by(owner.id).paths()
    assert set(filtered) <= set(whole) and len(filtered) <= 5
    assert plan.query().kind("measure").kind("goal").paths() == []
