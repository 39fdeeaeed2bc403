"""Gazetteer entries from JSON and mappings keep every field (issue 12)."""

from __future__ import annotations

from workplan.parse import Gazetteer, Organisation


def test_from_json_keeps_names_aliases_kind_and_jurisdiction() -> None:
    gazetteer = Gazetteer.from_json(
        '{"entries": [{"name": "长春光华学院", "aliases": ["光华学院"], "kind": "school",'
        ' "jurisdiction": "长春市"}, {"name": "市财政局"}]}'
    )
    assert gazetteer.entries == (
        Organisation(name="长春光华学院", aliases=("光华学院",), kind="school", jurisdiction="长春市"),
        Organisation(name="市财政局"),
    )
    assert gazetteer.resolve("光华学院") == gazetteer.entries[0]
    assert Gazetteer.from_json(b"{}").entries == ()


def test_with_entries_takes_organisations_mappings_and_names() -> None:
    known = Organisation(name="长春市财政局", aliases=("市财政局",))
    gazetteer = Gazetteer(entries=()).with_entries(
        known, {"name": "长春光华学院", "kind": "school", "jurisdiction": "长春市"}, "长春市审计局"
    )
    assert gazetteer.entries == (
        known,
        Organisation(name="长春光华学院", kind="school", jurisdiction="长春市"),
        Organisation(name="长春市审计局"),
    )
