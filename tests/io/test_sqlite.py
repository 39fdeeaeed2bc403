"""The SQLite store: tables, incremental writes, changes between years, the documented SQL, DuckDB."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import attrs
import pytest

import workplan as wp
from workplan.io._sqlite import SCHEMA_VERSION
from workplan.testing import mutate, synthetic_plan

# The example questions of docs/batch.md, verbatim.
TARGETS_BY_YEAR = """
SELECT p.year, t.metric, t.value, t.unit, t.kind
FROM targets t JOIN plans p ON p.id = t.plan_id
WHERE p.issuer = ?
ORDER BY p.year, t.metric
"""
OWNERS_LEADING_MOST = """
SELECT o.name, count(*) AS measures
FROM owner_refs r
JOIN owners o ON o.plan_id = r.plan_id AND o.id = r.owner_id
WHERE r.role = 'lead' AND r.node_path LIKE '%/m%'
GROUP BY o.name
ORDER BY measures DESC, o.name
LIMIT 10
"""
DRAFTED_NEVER_IMPLEMENTED = """
SELECT p.issuer, d.title, min(p.year) AS drafted_in
FROM document_refs r
JOIN documents d ON d.plan_id = r.plan_id AND d.id = r.document_id
JOIN plans p ON p.id = r.plan_id
WHERE r.relation = 'drafts'
  AND NOT EXISTS (
    SELECT 1 FROM document_refs r2
    JOIN documents d2 ON d2.plan_id = r2.plan_id AND d2.id = r2.document_id
    JOIN plans p2 ON p2.id = r2.plan_id
    WHERE r2.relation = 'implements' AND p2.issuer = p.issuer AND d2.title = d.title
  )
GROUP BY p.issuer, d.title
ORDER BY p.issuer, d.title
"""


@pytest.fixture(scope="module")
def years() -> list[wp.Plan]:
    first = synthetic_plan(300)
    second = mutate(first, seed=1)
    third = attrs.evolve(mutate(second, seed=2), year=2022)
    return [first, second, third]


def _count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_tables_hold_every_node(tmp_path: Path, years: list[wp.Plan]) -> None:
    database = tmp_path / "plans.db"
    summary = wp.to_sqlite(years[0], database, sources=["p2020.json"])
    assert (summary.added, summary.skipped, summary.diffs) == (1, 0, 0)
    plan = years[0]
    counts = plan.counts()
    for table, kind in (("goals", "goal"), ("tasks", "task"), ("measures", "measure"), ("targets", "target")):
        assert _count(database, table) == counts[kind], table
    assert _count(database, "owners") == len(plan.owners)
    assert _count(database, "documents") == len(plan.documents)
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        row = connection.execute(
            "SELECT title, issuer, year, source, length(content_hash) FROM plans"
        ).fetchone()
        assert row == (plan.title, plan.issuer, plan.year, "p2020.json", 64)
        assert wp.loads(connection.execute("SELECT json FROM plans").fetchone()[0]) == plan
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        inherited = connection.execute("SELECT count(*) FROM owner_refs WHERE inherited = 1").fetchone()[0]
        assert inherited > 0  # measures that name no owner take their task's
        indexes = {
            row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {"owner_refs_owner", "document_refs_document", "plans_issuer_year"} <= indexes


def test_incremental_same_content_is_a_no_op_and_a_new_year_adds_its_changes(
    tmp_path: Path, years: list[wp.Plan]
) -> None:
    database = tmp_path / "plans.db"
    wp.to_sqlite(years[:2], database)
    size = _count(database, "changes")
    expected = wp.diff(years[0], years[1]).to_records()
    assert size == len(expected) > 0
    again = wp.to_sqlite(years[:2], database)
    assert (again.added, again.skipped, again.diffs) == (0, 2, 0)
    assert _count(database, "changes") == size
    later = wp.to_sqlite([years[2]], database)
    assert (later.added, later.diffs) == (1, 1)
    assert _count(database, "diffs") == 2
    with sqlite3.connect(database) as connection:
        kinds = Counter(row[0] for row in connection.execute("SELECT kind FROM changes WHERE seq >= 0"))
    assert sum(kinds.values()) == size + len(wp.diff(years[1], years[2]).changes)


def test_a_year_inserted_between_two_replaces_their_pair(tmp_path: Path, years: list[wp.Plan]) -> None:
    database = tmp_path / "plans.db"
    wp.to_sqlite([years[0], years[2]], database)
    wp.to_sqlite([years[1]], database)
    with sqlite3.connect(database) as connection:
        pairs = connection.execute(
            "SELECT a.year, b.year FROM diffs JOIN plans a ON a.id = old_plan_id"
            " JOIN plans b ON b.id = new_plan_id ORDER BY a.year"
        ).fetchall()
    assert pairs == [(2020, 2021), (2021, 2022)]


def test_a_failed_write_leaves_the_store_as_it_was(tmp_path: Path, years: list[wp.Plan]) -> None:
    database = tmp_path / "plans.db"
    wp.to_sqlite(years[0], database)
    with pytest.raises(TypeError):
        wp.to_sqlite([years[1], "not a plan"], database)  # type: ignore[list-item]
    assert _count(database, "plans") == 1
    fresh = tmp_path / "fresh.db"
    with pytest.raises(TypeError):
        wp.to_sqlite(["not a plan"], fresh)  # type: ignore[list-item]
    assert not fresh.exists() and not list(tmp_path.glob(".fresh.db*"))


def test_the_documented_questions(tmp_path: Path, years: list[wp.Plan]) -> None:
    database = tmp_path / "plans.db"
    wp.to_sqlite(years, database)
    issuer = years[0].issuer
    with sqlite3.connect(database) as connection:
        targets = connection.execute(TARGETS_BY_YEAR, (issuer,)).fetchall()
        leaders = connection.execute(OWNERS_LEADING_MOST).fetchall()
        drafted = connection.execute(DRAFTED_NEVER_IMPLEMENTED).fetchall()
    assert len(targets) == sum(plan.counts()["target"] for plan in years)
    assert [year for year, *_ in targets] == sorted(year for year, *_ in targets)

    led: Counter[str] = Counter()
    for plan in years:
        names = {owner.id: owner.name for owner in plan.owners}
        for path, _ in plan.nodes("measure"):
            from workplan.query._index import effective_owners

            for ref in effective_owners(plan, path):
                if ref.role is wp.OwnerRole.LEAD:
                    led[names.get(ref.owner, ref.owner)] += 1
    assert leaders[0][1] == max(led.values())
    assert dict(leaders)[leaders[0][0]] == led[leaders[0][0]]

    other = attrs.evolve(wp.datasets.load("changchun-edu-2020"), issuer="示例市教育局")
    wp.to_sqlite([other], database)
    with sqlite3.connect(database) as connection:
        drafted = connection.execute(DRAFTED_NEVER_IMPLEMENTED).fetchall()

    def titles(relation: wp.DocumentRelation) -> set[tuple[str | None, str]]:
        found = set()
        for plan in [*years, other]:
            titles = {document.id: document.title for document in plan.documents}
            for _, measure in plan.nodes("measure"):
                found |= {
                    (plan.issuer, titles[r.document]) for r in measure.documents if r.relation is relation
                }
        return found

    expected = titles(wp.DocumentRelation.DRAFTS) - titles(wp.DocumentRelation.IMPLEMENTS)
    assert expected
    assert {(issuer, title) for issuer, title, _ in drafted} == expected


def test_duckdb_reads_the_file_as_it_is(tmp_path: Path, years: list[wp.Plan]) -> None:
    duckdb = pytest.importorskip("duckdb")
    database = tmp_path / "plans.db"
    wp.to_sqlite(years, database)
    with sqlite3.connect(database) as connection:
        expected = connection.execute(OWNERS_LEADING_MOST).fetchall()
        drafted = connection.execute(DRAFTED_NEVER_IMPLEMENTED).fetchall()
    con = duckdb.connect()
    try:
        con.execute("INSTALL sqlite; LOAD sqlite;")
    except Exception as error:  # no network for the extension
        pytest.skip(f"duckdb's sqlite extension is unavailable: {error}")
    con.execute(f"ATTACH '{database}' AS store (TYPE sqlite); USE store;")
    assert [tuple(row) for row in con.execute(OWNERS_LEADING_MOST).fetchall()] == expected
    assert [tuple(row) for row in con.execute(DRAFTED_NEVER_IMPLEMENTED).fetchall()] == drafted
    con.close()
