"""A SQLite store of many plans: one row per plan, goal, task, measure, target, reference and change.

`to_sqlite` writes (or extends) one database file with the stdlib `sqlite3`. Writing is
incremental: a plan whose content hash is stored already is skipped, and the changes between
consecutive plans of one issuer (by year) are computed for the pairs not stored yet. Every
write is one transaction; a new file appears only when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from .._errors import LoadError
from ..model import Plan, path_to_goal, path_to_measure, path_to_target, path_to_task
from ._atomic import atomic_path
from ._converter import unstructure_plan

__all__ = [
    "SCHEMA_VERSION",
    "PreparedPlan",
    "SqliteStore",
    "StoreSummary",
    "diff_rows",
    "open_store",
    "plan_json",
    "prepare",
    "to_sqlite",
]

SCHEMA_VERSION = 1
"""Version of the table layout; bumped only for incompatible changes (see ``docs/batch.md``)."""

_log = logging.getLogger("workplan")

_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    issuer TEXT,
    year INTEGER,
    issued TEXT,
    doc_number TEXT,
    source TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    chars INTEGER NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX plans_issuer_year ON plans (issuer, year);
CREATE TABLE goals (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (plan_id, path)
);
CREATE TABLE tasks (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    goal_path TEXT NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    key TEXT,
    PRIMARY KEY (plan_id, path),
    FOREIGN KEY (plan_id, goal_path) REFERENCES goals (plan_id, path)
);
CREATE TABLE measures (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    task_path TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (plan_id, path),
    FOREIGN KEY (plan_id, task_path) REFERENCES tasks (plan_id, path)
);
CREATE TABLE targets (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    measure_path TEXT NOT NULL,
    metric TEXT NOT NULL,
    value REAL NOT NULL,
    value_text TEXT NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (plan_id, path),
    FOREIGN KEY (plan_id, measure_path) REFERENCES measures (plan_id, path)
);
CREATE TABLE owners (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    PRIMARY KEY (plan_id, id)
);
CREATE TABLE owner_refs (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    node_path TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    role TEXT NOT NULL,
    inherited INTEGER NOT NULL,
    FOREIGN KEY (plan_id, owner_id) REFERENCES owners (plan_id, id)
);
CREATE INDEX owner_refs_owner ON owner_refs (plan_id, owner_id);
CREATE INDEX owner_refs_node ON owner_refs (plan_id, node_path);
CREATE TABLE documents (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    issuer TEXT,
    PRIMARY KEY (plan_id, id)
);
CREATE INDEX documents_title ON documents (title);
CREATE TABLE document_refs (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    measure_path TEXT NOT NULL,
    document_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    FOREIGN KEY (plan_id, measure_path) REFERENCES measures (plan_id, path),
    FOREIGN KEY (plan_id, document_id) REFERENCES documents (plan_id, id)
);
CREATE INDEX document_refs_document ON document_refs (plan_id, document_id);
CREATE INDEX document_refs_measure ON document_refs (plan_id, measure_path);
CREATE TABLE deadlines (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    node_path TEXT NOT NULL,
    text TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    recurrence TEXT,
    PRIMARY KEY (plan_id, node_path)
);
CREATE TABLE diffs (
    old_plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    new_plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    PRIMARY KEY (old_plan_id, new_plan_id)
);
CREATE TABLE changes (
    old_plan_id INTEGER NOT NULL,
    new_plan_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    level TEXT,
    old_path TEXT,
    new_path TEXT,
    old TEXT,
    new TEXT,
    score REAL,
    subject TEXT,
    direction TEXT,
    delta TEXT,
    PRIMARY KEY (old_plan_id, new_plan_id, seq),
    FOREIGN KEY (old_plan_id, new_plan_id) REFERENCES diffs (old_plan_id, new_plan_id) ON DELETE CASCADE
);
CREATE INDEX changes_new ON changes (new_plan_id);
CREATE TABLE matches (
    old_plan_id INTEGER NOT NULL,
    new_plan_id INTEGER NOT NULL,
    old_path TEXT NOT NULL,
    new_path TEXT NOT NULL,
    score REAL,
    FOREIGN KEY (old_plan_id, new_plan_id) REFERENCES diffs (old_plan_id, new_plan_id) ON DELETE CASCADE
);
CREATE INDEX matches_pair ON matches (old_plan_id, new_plan_id);
"""

ChangeRows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]
"""The rows of one diff: (changes without plan ids, matches without plan ids)."""


@attrs.frozen(kw_only=True)
class StoreSummary:
    """What one `to_sqlite` call did."""

    added: int
    """Plans written."""
    skipped: int
    """Plans already stored (same content hash), left as they were."""
    diffs: int
    """Pairs of consecutive plans of one issuer whose changes were computed."""


@attrs.frozen(kw_only=True)
class PreparedPlan:
    """A plan's rows, ready to insert: built where the plan is (a worker process), stored by one writer."""

    digest: str
    """SHA-256 of the plan's compact JSON."""
    plan_row: tuple[Any, ...]
    """The ``plans`` row without its id."""
    tables: list[tuple[str, list[tuple[Any, ...]]]]
    """(table, rows without the plan id), in insertion order."""


def prepare(plan: Plan, source: str | None = None) -> PreparedPlan:
    """The rows that store ``plan``; picklable, so a process pool can build them."""
    text = plan_json(plan)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    issued = plan.issued.isoformat() if plan.issued else None
    row = (
        plan.title,
        plan.issuer,
        plan.year,
        issued,
        plan.doc_number,
        source,
        digest,
        len(plan.source or ""),
        text,
    )
    return PreparedPlan(digest=digest, plan_row=row, tables=_rows(plan))


def plan_json(plan: Plan) -> str:
    """The plan as compact JSON, the text whose SHA-256 is its content hash."""
    return json.dumps(unstructure_plan(plan), ensure_ascii=False, separators=(",", ":"))


def diff_rows(old_json: str, new_json: str) -> ChangeRows:
    """Change and match rows between two stored plans (a top-level function, for process pools)."""
    from ..compare import diff  # upward on purpose: the store keeps diffs (see tests/test_layers.py)
    from ._json import loads

    result = diff(loads(old_json), loads(new_json))
    changes = []
    for seq, record in enumerate(result.to_records()):
        changes.append(
            (
                seq,
                record["kind"],
                record["level"],
                record["old_path"],
                record["new_path"],
                _cell(record["old"]),
                _cell(record["new"]),
                record["score"],
                record["subject"],
                record["direction"],
                _cell(record["delta"]),
            )
        )
    matches = []
    for pair in getattr(result, "matches", None) or ():  # PlanDiff.matches, where this version has it
        old_path = getattr(pair, "old_path", None)
        new_path = getattr(pair, "new_path", None)
        if old_path is None and isinstance(pair, tuple) and len(pair) >= 2:
            old_path, new_path = pair[0], pair[1]
        if old_path is not None and new_path is not None:
            score = getattr(pair, "score", pair[2] if isinstance(pair, tuple) and len(pair) > 2 else None)
            matches.append((str(old_path), str(new_path), score))
    return changes, matches


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


class SqliteStore:
    """An open store: add plans, then the changes of the consecutive pairs they complete.

    Use `open_store` (a context manager that commits once at the end) rather than this
    class directly.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    # -- plans -----------------------------------------------------------------------

    def add(self, plan: Plan | PreparedPlan, source: str | None = None) -> int | None:
        """Store a plan (or its `prepare`d rows); return its row id, or None when its content is stored."""
        started = time.perf_counter()
        prepared = plan if isinstance(plan, PreparedPlan) else prepare(plan, source)
        cursor = self.connection.cursor()
        if cursor.execute("SELECT 1 FROM plans WHERE content_hash = ?", (prepared.digest,)).fetchone():
            return None
        cursor.execute(
            "INSERT INTO plans (title, issuer, year, issued, doc_number, source, content_hash, chars, json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            prepared.plan_row,
        )
        plan_id = cursor.lastrowid
        assert plan_id is not None
        for table, rows in prepared.tables:
            if rows:
                marks = ", ".join("?" * (len(rows[0]) + 1))
                cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", [(plan_id, *row) for row in rows])
        _log.debug(
            "sqlite: stored %s in %.1f ms", prepared.plan_row[5], (time.perf_counter() - started) * 1000
        )
        return plan_id

    def plan_json(self, plan_id: int) -> str:
        """The stored JSON of one plan."""
        row = self.connection.execute("SELECT json FROM plans WHERE id = ?", (plan_id,)).fetchone()
        return str(row[0])

    # -- changes between consecutive plans -------------------------------------------

    def pending_pairs(self) -> list[tuple[int, int]]:
        """Consecutive plans of one issuer (by year) whose changes are not stored yet.

        Pairs that are no longer consecutive (a year was added in between) are dropped first,
        with their changes.
        """
        rows = self.connection.execute(
            "SELECT id, issuer FROM plans WHERE issuer IS NOT NULL AND year IS NOT NULL"
            " ORDER BY issuer, year, id"
        ).fetchall()
        wanted: set[tuple[int, int]] = set()
        for (old_id, old_issuer), (new_id, new_issuer) in zip(rows, rows[1:]):
            if old_issuer == new_issuer:
                wanted.add((old_id, new_id))
        stored = set(self.connection.execute("SELECT old_plan_id, new_plan_id FROM diffs").fetchall())
        stale = stored - wanted
        self.connection.executemany(
            "DELETE FROM diffs WHERE old_plan_id = ? AND new_plan_id = ?", sorted(stale)
        )
        return sorted(wanted - stored)

    def add_diff(self, old_id: int, new_id: int, rows: ChangeRows) -> None:
        """Store the changes (and matches) from plan ``old_id`` to plan ``new_id``."""
        changes, matches = rows
        cursor = self.connection.cursor()
        cursor.execute("INSERT INTO diffs VALUES (?, ?)", (old_id, new_id))
        cursor.executemany(
            "INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(old_id, new_id, *row) for row in changes],
        )
        cursor.executemany(
            "INSERT INTO matches VALUES (?, ?, ?, ?, ?)", [(old_id, new_id, *row) for row in matches]
        )

    def diff_pending(
        self, run: Callable[[Iterator[tuple[str, str]]], Iterable[ChangeRows]] | None = None
    ) -> int:
        """Compute and store the pending pairs' changes; ``run`` maps diff_rows over (old, new) JSON.

        ``run`` lets a caller spread the diffs over processes; by default they run here, in order.
        The plans are read back from the database pair by pair, so memory does not grow with the store.
        """
        pairs = self.pending_pairs()
        if not pairs:
            return 0

        def texts() -> Iterator[tuple[str, str]]:
            for old_id, new_id in pairs:
                yield self.plan_json(old_id), self.plan_json(new_id)

        results = (diff_rows(old, new) for old, new in texts()) if run is None else run(texts())
        for (old_id, new_id), rows in zip(pairs, results):
            started = time.perf_counter()
            self.add_diff(old_id, new_id, rows)
            _log.debug(
                "sqlite: changes %d -> %d stored in %.1f ms",
                old_id,
                new_id,
                (time.perf_counter() - started) * 1000,
            )
        return len(pairs)


@contextlib.contextmanager
def open_store(path: str | os.PathLike[str]) -> Iterator[SqliteStore]:
    """Open (or create) a store at ``path`` for one transaction; commit on success.

    A new file is built beside the target and renamed into place when complete; an
    existing one is changed in one transaction, so a failure leaves it as it was.
    """
    target = Path(path)
    with contextlib.ExitStack() as stack:
        fresh = not target.exists()
        where = stack.enter_context(atomic_path(target)) if fresh else target
        connection = sqlite3.connect(where, isolation_level=None)
        stack.callback(connection.close)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN IMMEDIATE")
        try:
            if fresh or not _has_schema(connection):
                _create(connection)
            else:
                _check_version(connection, target)
            yield SqliteStore(connection)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")


def _has_schema(connection: sqlite3.Connection) -> bool:
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    return found.fetchone() is not None


def _create(connection: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))


def _check_version(connection: sqlite3.Connection, path: Path) -> None:
    row = connection.execute("SELECT version FROM schema_version").fetchone()
    if row is None or row[0] != SCHEMA_VERSION:
        found = None if row is None else row[0]
        raise LoadError(
            f"{path}: store schema_version {found!r}; this release writes version {SCHEMA_VERSION}",
            "schema_version",
        )


def to_sqlite(
    plans: Iterable[Plan] | Plan,
    path: str | os.PathLike[str],
    *,
    sources: Iterable[str | None] | None = None,
) -> StoreSummary:
    """Write plans into the SQLite database at ``path`` (created when missing); return what was done.

    Plans whose content is stored already are skipped; the changes between consecutive plans of
    one issuer (ordered by year) are added for each new pair. ``sources`` names where each plan
    came from (a file name), in the order of ``plans``. One transaction: on any error the file
    is left as it was. ``plans`` may be a generator: only one plan is held at a time.

    ```python
    import tempfile, sqlite3
    from pathlib import Path
    import workplan as wp

    plan = wp.datasets.load("changchun-edu-2020")
    with tempfile.TemporaryDirectory() as folder:
        summary = wp.to_sqlite([plan], Path(folder) / "plans.db")
        assert summary.added == 1
    ```
    """
    items: Iterable[Plan] = [plans] if isinstance(plans, Plan) else plans
    names: Iterator[str | None] = iter(sources) if sources is not None else iter(())
    added = skipped = 0
    with open_store(path) as store:
        for plan in items:
            if not isinstance(plan, Plan):
                raise TypeError(f"to_sqlite takes Plan objects, got {type(plan).__name__}")
            if store.add(plan, next(names, None)) is None:
                skipped += 1
            else:
                added += 1
        diffs = store.diff_pending()
    return StoreSummary(added=added, skipped=skipped, diffs=diffs)


def _rows(plan: Plan) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """The rows of every table for one plan, without the plan id, in insertion order."""
    from ..query import owner_index

    goals: list[tuple[Any, ...]] = []
    tasks: list[tuple[Any, ...]] = []
    measures: list[tuple[Any, ...]] = []
    targets: list[tuple[Any, ...]] = []
    document_refs: list[tuple[Any, ...]] = []
    deadlines: list[tuple[Any, ...]] = []
    for goal in plan.goals:
        goal_path = path_to_goal(goal.number)
        goals.append((goal_path, goal.number, goal.title))
        for task in goal.tasks:
            task_path = path_to_task(goal_path, task.number)
            tasks.append((task_path, goal_path, task.number, task.title, task.key))
            if task.deadline is not None:
                deadlines.append(_deadline(task_path, task.deadline))
            for m_index, measure in enumerate(task.measures, 1):
                measure_path = path_to_measure(task_path, m_index)
                measures.append((measure_path, task_path, m_index, measure.text))
                if measure.deadline is not None:
                    deadlines.append(_deadline(measure_path, measure.deadline))
                for q_index, target in enumerate(measure.targets, 1):
                    targets.append(
                        (
                            path_to_target(measure_path, q_index),
                            measure_path,
                            target.metric,
                            float(target.value),
                            str(target.value),
                            target.unit,
                            target.kind.value,
                            target.qualifier.value,
                            target.text,
                        )
                    )
                for ref in measure.documents:
                    document_refs.append((measure_path, ref.document, ref.relation.value))
    owners = [
        (owner.id, owner.name, json.dumps(list(owner.aliases), ensure_ascii=False)) for owner in plan.owners
    ]
    owner_refs = sorted(
        (assignment.path, assignment.owner, assignment.role.value, int(assignment.inherited))
        for found in owner_index(plan).assignments.values()
        for assignment in found
    )
    documents = [(document.id, document.title, document.issuer) for document in plan.documents]
    # A reference to an id missing from the registry (WP2xx in wp.check) gets a placeholder
    # row, so that foreign keys hold and nothing is dropped.
    known_owners = {row[0] for row in owners}
    for missing in sorted({row[1] for row in owner_refs} - known_owners):
        owners.append((missing, missing, "[]"))
    known_documents = {row[0] for row in documents}
    for missing in sorted({row[1] for row in document_refs} - known_documents):
        documents.append((missing, missing, None))
    tables = [
        ("goals", goals),
        ("tasks", tasks),
        ("measures", measures),
        ("targets", targets),
        ("owners", owners),
        ("owner_refs", owner_refs),
        ("documents", documents),
        ("document_refs", document_refs),
        ("deadlines", deadlines),
    ]
    keyed = {"goals", "tasks", "measures", "targets", "owners", "documents", "deadlines"}
    return [(table, _unique(plan, table, rows) if table in keyed else rows) for table, rows in tables]


def _unique(plan: Plan, table: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows whose key (first column) was seen before are left out, with a warning on the log.

    A plan with duplicate numbers or ids still loads (``wp.check`` reports it as WP1xx); the
    store keys rows by path, so it keeps the first of each.
    """
    seen: set[Any] = set()
    kept = []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            kept.append(row)
    if len(kept) < len(rows):
        _log.warning(
            "sqlite: %s: %d %s rows share an id with an earlier one and were left out (run workplan check)",
            plan.title,
            len(rows) - len(kept),
            table,
        )
    return kept


def _deadline(path: str, deadline: Any) -> tuple[Any, ...]:
    return (
        path,
        deadline.text,
        deadline.start.isoformat() if deadline.start else None,
        deadline.end.isoformat() if deadline.end else None,
        deadline.recurrence.value if deadline.recurrence else None,
    )
