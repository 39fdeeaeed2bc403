"""Renderers, records and frames, continuity, timelines and the ``workplan diff`` command."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import workplan as wp
from workplan.cli import main
from workplan.compare import ChangeKind, Status
from workplan.model import DocumentRelation, Measure, Plan, Task
from workplan.testing import mutate, synthetic_plan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def plan() -> Plan:
    name = "changchun-edu-2020" if "changchun-edu-2020" in wp.datasets.names() else "changchun-edu-2020-goal1"
    return wp.datasets.load(name)


def _with_target(plan: Plan, step: int) -> tuple[Plan, str]:
    path, measure = next((p, m) for p, m in plan.nodes("measure") if m.targets)
    target = measure.targets[0]
    edited = attrs.evolve(
        measure, targets=(attrs.evolve(target, value=target.value + step), *measure.targets[1:])
    )
    goals = tuple(
        attrs.evolve(
            goal,
            tasks=tuple(
                attrs.evolve(task, measures=tuple(edited if m is measure else m for m in task.measures))
                for task in goal.tasks
            ),
        )
        for goal in plan.goals
    )
    return attrs.evolve(plan, goals=goals), f"{path}/q1"


@pytest.fixture(scope="module")
def edited(plan: Plan) -> Plan:
    """Target raised, a task reworded, a drafted document implemented, a task added."""
    new, _ = _with_target(plan, 7)
    goal = new.goals[0]
    first = goal.tasks[0]
    drafting = next(
        (
            t
            for t in goal.tasks
            if any(r.relation is DocumentRelation.DRAFTS for m in t.measures for r in m.documents)
        ),
        None,
    )
    tasks = []
    for task in goal.tasks:
        if task is first:
            task = attrs.evolve(task, title="全面" + task.title)
        elif task is drafting:
            task = attrs.evolve(
                task,
                measures=tuple(
                    attrs.evolve(
                        m,
                        documents=tuple(
                            attrs.evolve(r, relation=DocumentRelation.IMPLEMENTS) for r in m.documents
                        ),
                    )
                    for m in task.measures
                ),
            )
        tasks.append(task)
    number = max(t.number for _, t in new.nodes("task")) + 1
    tasks.append(
        Task(number=number, title="建设人工智能教育实验区", measures=(Measure(text="遴选实验校。"),))
    )
    return attrs.evolve(new, goals=(attrs.evolve(goal, tasks=tuple(tasks)), *new.goals[1:]))


def test_text_summary(plan: Plan, edited: Plan) -> None:
    text = wp.diff(plan, edited).render("text", lang="en")
    assert text.splitlines()[0] == f"{plan.title} → {edited.title}"
    assert "↑ target changed" in text and "(raised +7)" in text
    assert "[-" not in text or "{+" in text
    assert wp.diff(plan, plan).render(lang="en").endswith("No changes.\n")
    chinese = wp.diff(plan, edited).render("text")
    assert "↑ 指标变化" in chinese and "(提高 +7)" in chinese
    assert wp.diff(plan, plan).render().endswith("没有变化。\n")


def test_markdown(plan: Plan, edited: Plan) -> None:
    md = wp.diff(plan, edited).render("md", lang="en")
    assert md.startswith("# ") and "| kind | changes |" in md and "## target changed (1)" in md
    md = wp.diff(plan, edited).render("md")
    assert "| 变化类型 | 处数 |" in md and "## 指标变化 (1)" in md


def test_html_is_self_contained_with_highlights_and_colours(plan: Plan, edited: Plan) -> None:
    page = wp.diff(plan, edited).render("html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<ins>全面</ins>" in page  # the character-level edit of the reworded title
    assert 'class="raised"' in page
    assert "<script" not in page and "http" not in page.split("<body>")[1]
    lowered = wp.diff(plan, _with_target(plan, -1)[0]).render("html")
    assert 'class="lowered"' in lowered


def test_json_schema_is_stable(plan: Plan, edited: Plan) -> None:
    document = json.loads(wp.diff(plan, edited).render("json"))
    assert document["schema"] == "workplan.diff" and document["schema_version"] == 2
    assert set(document) == {
        "schema",
        "schema_version",
        "old",
        "new",
        "threshold",
        "counts",
        "changes",
        "matches",
    }
    assert all(
        set(match) == {"level", "old_path", "new_path", "score", "evidence"} for match in document["matches"]
    )
    assert {match["level"] for match in document["matches"]} >= {
        "goal",
        "task",
        "measure",
        "target",
        "document",
    }
    assert set(document["old"]) == {"title", "issuer", "year"}
    record_keys = {
        "kind",
        "level",
        "old_path",
        "new_path",
        "old",
        "new",
        "score",
        "subject",
        "direction",
        "delta",
    }
    assert all(set(change) == record_keys for change in document["changes"])
    target = next(c for c in document["changes"] if c["kind"] == "target_changed")
    assert (target["direction"], target["delta"]) == ("raised", "7")
    assert {c["kind"] for c in document["changes"]} <= {kind.value for kind in ChangeKind}
    assert sum(document["counts"].values()) == len(document["changes"])


def test_unknown_format(plan: Plan) -> None:
    with pytest.raises(ValueError, match="unknown diff format"):
        wp.diff(plan, plan).render("pdf")


def test_bad_threshold(plan: Plan) -> None:
    with pytest.raises(ValueError, match="threshold"):
        wp.diff(plan, plan, threshold=0)


def test_records_and_frame(plan: Plan, edited: Plan) -> None:
    delta = wp.diff(plan, edited)
    records = delta.to_records()
    assert len(records) == len(delta) and records[0]["kind"] in {k.value for k in ChangeKind}
    frame = delta.to_frame()
    assert list(frame.columns)[:4] == ["kind", "level", "old_path", "new_path"] and len(frame) == len(delta)
    assert list(wp.diff(plan, plan).to_frame().columns) == list(frame.columns)


def test_frames_need_pandas(plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(wp.MissingExtraError, match=r"workplan\[pandas\]"):
        wp.diff(plan, plan).to_frame()
    with pytest.raises(wp.MissingExtraError):
        wp.timeline([plan]).to_frame()


def test_continuity(plan: Plan, edited: Plan) -> None:
    table = wp.continuity(plan, edited)
    kinds = {row.kind for row in table}
    assert "task" in kinds and "target" in kinds
    assert sum(row.kind == "task" for row in table) == plan.counts()["task"]
    assert sum(row.kind == "target" for row in table) == plan.counts()["target"]
    raised = [row for row in table if row.kind == "target" and row.status is Status.CHANGED]
    assert len(raised) == 1 and raised[0].note == "raised +7"
    documents = [row for row in table if row.kind == "document"]
    assert any(row.status is Status.PROGRESSED for row in documents)
    assert all(row.status is Status.CONTINUED for row in wp.continuity(plan, plan))
    assert table.to_frame().shape[0] == len(table) == len(table.to_records())


def test_continuity_dropped(plan: Plan) -> None:
    goal = plan.goals[0]
    dropped = attrs.evolve(plan, goals=(attrs.evolve(goal, tasks=goal.tasks[1:]), *plan.goals[1:]))
    rows = wp.continuity(plan, dropped).dropped()
    assert any(
        row.kind == "task" and row.old_path == f"g{goal.number}/t{goal.tasks[0].number}" for row in rows
    )


def test_timeline_over_three_years() -> None:
    first = synthetic_plan(300, seed=3, year=2018)
    second = mutate(first, seed=4)
    third = mutate(second, seed=5)
    years = wp.timeline([first, second, third])
    assert years.years == (2018, 2019, 2020)
    values = years.values("target")
    assert any(len(by_year) == 3 for by_year in values.values())
    assert any(len(set(by_year.values())) > 1 for by_year in values.values())
    assert all(isinstance(value, Decimal) for by_year in values.values() for value in by_year.values())
    wide = years.to_frame("target", wide=True)
    assert list(wide.columns) == [2018, 2019, 2020]
    long = years.to_frame()
    assert len(long) == len(years.to_records()) == len(years)
    documents = years.values("document")
    assert any("implements" in " ".join(map(str, by_year.values())) for by_year in documents.values())


def test_timeline_without_years(plan: Plan) -> None:
    undated = attrs.evolve(plan, year=None)
    assert wp.timeline([undated, undated]).years == ("plan 1", "plan 2")
    assert wp.timeline([undated, plan]).years == ("plan 1", 2020)  # the known year stays


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], plan: Plan, edited: Plan) -> None:
    old_file, new_file = tmp_path / "old.json", tmp_path / "new.json"
    wp.dump(plan, old_file)
    wp.dump(edited, new_file)
    assert main(["diff", str(old_file), str(new_file)]) == 0
    assert "指标变化" in capsys.readouterr().out
    assert main(["diff", str(old_file), str(new_file), "--lang", "en"]) == 0
    assert "target changed" in capsys.readouterr().out
    out = tmp_path / "diff.html"
    assert main(["diff", str(old_file), str(new_file), "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["diff", str(old_file), str(new_file), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"] == "workplan.diff"


def test_wp_diff_is_a_plain_function_with_its_own_signature(plan: Plan) -> None:
    import inspect
    import types

    import workplan.compare

    assert isinstance(wp.diff, types.FunctionType) and wp.diff is workplan.compare.diff
    assert list(inspect.signature(wp.diff).parameters)[:2] == ["old", "new"]
    assert "threshold" in inspect.signature(wp.diff).parameters
    assert wp.diff.__doc__ and "old" in wp.diff.__doc__
    assert not wp.diff(plan, plan) and workplan.compare.diff(plan, plan).changes == ()


@pytest.mark.skipif("changchun-edu-2020" not in wp.datasets.names(), reason="needs the full 2020 dataset")
def test_the_hypothetical_2021_draft() -> None:
    pytest.importorskip("workplan.parse")
    text = (EXAMPLES / "changchun-edu-2021-HYPOTHETICAL-draft.txt").read_text(encoding="utf-8")
    assert text.startswith("【HYPOTHETICAL DRAFT")
    delta = wp.diff(wp.datasets.load("changchun-edu-2020"), wp.parse_text(text))
    counts = delta.counts()
    assert counts["moved"] == 1 and counts["added"] >= 2 and counts["removed"] >= 2
    directions = {c.direction for c in delta.of_kind("target_changed")}
    assert directions == {"raised", "lowered"}
    assert all(
        c.old == ("drafts",) and c.new == ("implements",) for c in delta.of_kind("document_relation_changed")
    )
    assert len(delta.of_kind("document_relation_changed")) >= 3


def test_difflib_fallback_matches_like_rapidfuzz(
    plan: Plan, edited: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workplan.compare import _text

    def without_score(delta: wp.PlanDiff) -> list[dict[str, object]]:
        return [{k: v for k, v in record.items() if k != "score"} for record in delta.to_records()]

    fast = without_score(wp.diff(plan, edited))
    monkeypatch.setattr(_text, "_SCORER", [_text._difflib_ratio])
    assert not _text.using_rapidfuzz()
    assert without_score(wp.diff(plan, edited)) == fast
