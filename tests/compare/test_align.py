"""The alignment stage on real year pairs and on small cases that pin each signal."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import workplan as wp
from workplan.cli import main
from workplan.compare import ChangeKind, document_key
from workplan.compare._registry import align_documents, document_period
from workplan.model import Document, Goal, Measure, Plan, Task
from workplan.testing import mutate

ROOT = Path(__file__).resolve().parents[2]
SHARED_PAIRS = ROOT.parent / "shared" / "corpus" / "pairs.json"
OWN_PAIRS = Path(__file__).resolve().parent / "data" / "pairs.json"
EXAMPLES = ROOT / "examples"


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_pairs", ROOT / "benchmarks" / "eval_pairs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_pairs", module)
    spec.loader.exec_module(module)
    return module


# -- real pairs ---------------------------------------------------------------------------


@pytest.mark.skipif(not SHARED_PAIRS.exists(), reason="../shared/corpus is not beside the clone")
def test_reviewer_pairs_recall_and_no_wrong_match() -> None:
    """Figures of ``benchmarks/eval_pairs.py`` on the reviewer's pairs, pinned at what was measured."""
    module = _eval_module()
    totals = module.totals(module.evaluate(SHARED_PAIRS))
    for level, measured_recall in (("goal", 1.0), ("task", 1.0)):
        counts = totals[level]
        assert counts["found"] / counts["expected"] >= measured_recall, (level, counts)
        assert counts["wrong"] == 0, (level, counts)
        assert counts["violations"] == 0, (level, counts)
    assert totals["documents"]["right"] == totals["documents"]["checked"] == 2


def test_own_pairs_have_no_wrong_match() -> None:
    module = _eval_module()
    results = module.evaluate(OWN_PAIRS)
    totals = module.totals(results)
    assert totals["task"]["violations"] == totals["task"]["wrong"] == 0
    assert len(results) == 1


def test_eval_script_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    module = _eval_module()
    assert module.main(["--pairs", str(OWN_PAIRS)]) == 0
    assert "TOTAL" in capsys.readouterr().out
    assert module.main(["--pairs", str(OWN_PAIRS), "--json"]) == 0
    assert "totals" in json.loads(capsys.readouterr().out)


def test_changchun_2019_to_2020() -> None:
    old = wp.parse_text((EXAMPLES / "changchun-edu-2019-excerpt.txt").read_text(encoding="utf-8"))
    new = wp.datasets.load("changchun-edu-2020")
    delta = wp.diff(old, new)
    goals = delta.matches.of_level("goal")
    assert [(m.old_path, m.new_path) for m in goals] == [("g1", "g1")]
    assert "title without lead-in 1.00" in goals[0].evidence  # 以…为遵循, / 以…为目标, then the same tail
    assert not delta.matches.of_level("task")  # the bodies share topics, not commitments
    documents = {row.subject: row for row in wp.continuity(old, new) if row.kind == "document"}
    assert documents["长春市规划区中小学校布局专项规划(2017-2035)"].status.value == "progressed"
    assert documents["长春市加快推进教育现代化实施方案"].status.value == "dropped"


# -- single signals -----------------------------------------------------------------------

BOILERPLATE = "深入学习贯彻习近平新时代中国特色社会主义思想,增强四个意识,做到两个维护"


def _plan(year: int, goals: list[tuple[str, list[tuple[str, list[str]]]]]) -> Plan:
    number = 0
    built = []
    for g, (goal_title, tasks) in enumerate(goals, 1):
        made = []
        for title, measures in tasks:
            number += 1
            made.append(Task(number=number, title=title, measures=tuple(Measure(text=m) for m in measures)))
        built.append(Goal(number=g, title=goal_title, tasks=tuple(made)))
    return Plan(title=f"{year}年工作要点", year=year, goals=tuple(built))


FILLER = [
    ("推进学前教育普惠发展", [BOILERPLATE + ",扩大普惠性幼儿园覆盖面。"]),
    ("加强教师队伍建设", [BOILERPLATE + ",实施强师计划。"]),
    ("深化职业教育产教融合", [BOILERPLATE + ",建设实训基地。"]),
]


def test_boilerplate_does_not_drive_a_match() -> None:
    old = _plan(
        2020, [("加强党的建设", [("推进智慧校园建设", [BOILERPLATE + ",建设数字校园综合平台。"]), *FILLER])]
    )
    new = _plan(
        2021, [("加强党的建设", [("做好校园安全工作", [BOILERPLATE + ",开展消防安全演练。"]), *FILLER])]
    )
    delta = wp.diff(old, new)
    pairs = {(m.old_path, m.new_path) for m in delta.matches.of_level("task")}
    assert ("g1/t1", "g1/t1") not in pairs
    assert {("g1/t2", "g1/t2"), ("g1/t3", "g1/t3"), ("g1/t4", "g1/t4")} <= pairs


def test_a_lightly_reworded_heading_over_a_rewritten_body_aligns() -> None:
    old = _plan(2021, [("党的建设", [("进一步加强高校党的建设", ["落实党委领导下的校长负责制。"]), *FILLER])])
    new = _plan(
        2022, [("党的建设", [("不断加强高校党的建设", ["开展基层党组织建设质量提升攻坚行动。"]), *FILLER])]
    )
    match = next(m for m in wp.diff(old, new).matches.of_level("task") if m.old_path == "g1/t1")
    assert match.new_path == "g1/t1"
    assert any(reason.startswith("title ") for reason in match.evidence)


def test_a_carried_measure_aligns_a_retitled_task_and_votes_for_its_goal() -> None:
    carried = "建立健全教育系统意识形态工作责任制检查考核机制,每年开展专项督查。"
    old = _plan(2019, [("着力加强政治建设", [("加强意识形态工作", [carried, "办好思政课。"])])])
    new = _plan(2020, [("提高政治站位", [("压实工作责任", ["召开专题会议。", carried])])])
    delta = wp.diff(old, new)
    task = delta.matches.of_level("task")[0]
    assert (task.old_path, task.new_path) == ("g1/t1", "g1/t1")
    assert "shared measure m1↔m2" in task.evidence
    goal = delta.matches.of_level("goal")[0]
    assert "1 of 1 tasks aligned" in goal.evidence


def test_the_same_topic_under_a_new_commitment_stays_apart() -> None:
    old = _plan(2021, [("持续推进三个一流建设", [("建好一流专业", ["推进一流专业建设。"])])])
    new = _plan(2022, [("实施高等教育育人质量工程", [("研制育人质量工程意见", ["研制实施意见。"])])])
    delta = wp.diff(old, new)
    assert not delta.matches.of_level("goal") and not delta.matches.of_level("task")


def test_two_untitled_goals_are_not_the_same_goal_by_their_empty_titles() -> None:
    # A text without headings parses into one untitled goal; two such excerpts share no title.
    old = _plan(2021, [("", [("推进智慧校园建设", ["建设数字校园综合平台。"])])])
    new = _plan(2022, [("", [("做好校园安全工作", ["开展消防安全演练。"])])])
    delta = wp.diff(old, new)
    assert not delta.matches.of_level("goal") and not delta.matches.of_level("task")
    itself = wp.diff(old, old).matches.of_level("goal")
    assert [(m.old_path, m.new_path, m.score, m.evidence) for m in itself] == [
        ("g1", "g1", 1.0, ("verbatim",))
    ]


def test_unrelated_measures_are_never_paired_even_at_a_low_threshold() -> None:
    old = _plan(2020, [("教育", [("推进信息化", ["建设数字校园综合平台。", "开展智慧课堂试点。"])])])
    new = _plan(2021, [("教育", [("推进信息化", ["建设数字校园综合平台。", "组织教师信息素养培训。"])])])
    delta = wp.diff(old, new, threshold=0.05)
    kinds = {(change.kind, change.level) for change in delta}
    assert (ChangeKind.REWORDED, "measure") not in kinds
    assert {(ChangeKind.ADDED, "measure"), (ChangeKind.REMOVED, "measure")} <= kinds


def test_a_plan_aligns_with_itself_completely() -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    matches = wp.diff(plan, plan).matches
    counts = plan.counts()
    for level in ("goal", "task", "measure", "target", "document"):
        assert len(matches.of_level(level)) == counts[level], level
    assert all(match.score == 1.0 for match in matches)
    frame = matches.to_frame()
    assert list(frame.columns) == ["level", "old_path", "new_path", "score", "evidence"]
    assert matches.new_path("g1/t1") == "g1/t1"


# -- documents ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("长春市规划区中小学校布局专项规划(2017-2035)", "长春市规划区中小学校布局专项规(2017-2035)"),
        ("长春市规划区幼儿园布局专项规划(2017-2035)", "《长春市规划区幼儿园布局专项规划(20172035)》"),
        ("依法治教实施纲要(2016-2020年)", "依法治教实施纲要（2016—2020年）"),
        ("教育事业发展“十三五”规划", "教育事业发展十三五规划"),
        ("长春市加快推进教育现代化实施方案", "长春市加快推进教育现代化实施方案(2018-2022)"),
    ],
)
def test_document_identity_tolerates_publishing_noise(a: str, b: str) -> None:
    found = align_documents([Document(id="d1", title=a)], [Document(id="d1", title=b)])
    assert [(old, new) for old, new, _, _ in found] == [("d1", "d1")]


def test_different_documents_stay_apart_and_a_changed_period_shows() -> None:
    old = [Document(id="d1", title="高中布局规划"), Document(id="d2", title="示范区建设方案(2018-2020)")]
    new = [Document(id="d1", title="初中布局规划"), Document(id="d2", title="示范区建设方案(2021-2025)")]
    found = align_documents(old, new)
    assert [(a, b) for a, b, _, _ in found] == [("d2", "d2")]
    assert "period 2018–2020 → 2021–2025" in found[0][3]
    assert document_key("示范区建设方案(2018-2020)") == "示范区建设方案"
    assert document_period("示范区建设方案（2018—2020年）") == "2018–2020"


# -- timelines, continuity and their renderings ---------------------------------------------


def test_timeline_labels_the_years_it_knows() -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    nameless = attrs.evolve(plan, year=None)
    found = wp.timeline([attrs.evolve(plan, year=2019), nameless, plan])
    assert found.years == (2019, "plan 2", 2020)
    twice = wp.timeline([plan, plan])
    assert twice.years == ("2020#1", "2020#2")


def test_continuity_and_timeline_render() -> None:
    old = wp.parse_text((EXAMPLES / "changchun-edu-2019-excerpt.txt").read_text(encoding="utf-8"))
    new = wp.datasets.load("changchun-edu-2020")
    table = wp.continuity(old, new)
    assert "推进" in table.render("text") and "progressed" in table.render("text", lang="en")
    assert table.render("md").startswith("# 上年承诺的延续情况")
    assert table.render("csv").splitlines()[0] == "kind,subject,status,old_path,new_path,old,new,note"
    assert json.loads(table.render("json"))[0]["kind"] == "document"
    line = wp.timeline([old, new])
    assert "| 2019 | 2020 |" in line.render("md")
    assert "2019" in line.render("text").splitlines()[1]
    with pytest.raises(ValueError, match="unknown format"):
        line.render("pdf")


def test_cli_continuity_timeline_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    excerpt = str(EXAMPLES / "changchun-edu-2019-excerpt.txt")
    assert main(["continuity", excerpt, "changchun-edu-2020", "-f", "csv"]) == 0
    assert capsys.readouterr().out.startswith("kind,subject,status")
    assert main(["timeline", excerpt, "changchun-edu-2020", "--format", "md"]) == 0
    assert "| 2019 | 2020 |" in capsys.readouterr().out
    assert main(["diff", "changchun-edu-2020", "changchun-edu-2020", "--exit-code"]) == 0
    assert main(["diff", excerpt, "changchun-edu-2020", "--exit-code", "-f", "json"]) == 1
    assert main(["diff", excerpt, "changchun-edu-2020"]) == 0
    capsys.readouterr()


# -- output for reviewers ---------------------------------------------------------------------


def test_renumbered_runs_moves_and_side_by_side() -> None:
    plan = wp.datasets.load("changchun-edu-2020")
    # drop the first task: every later task is renumbered -1, as one run per goal stretch
    first = plan.goals[0]
    edited = attrs.evolve(plan, goals=(attrs.evolve(first, tasks=first.tasks[1:]), *plan.goals[1:]))
    renumbered = tuple(
        attrs.evolve(goal, tasks=tuple(attrs.evolve(task, number=task.number - 1) for task in goal.tasks))
        for goal in edited.goals
    )
    edited = attrs.evolve(edited, goals=renumbered)
    text = wp.diff(plan, edited).render("text", lang="en")
    assert "t2–t38 renumbered -1" in text
    assert "t2–t38 序号 -1" in wp.diff(plan, edited).render("text")
    moved_plan = mutate(plan, seed=7, rate=0.0, move=0.2)
    delta = wp.diff(plan, moved_plan)
    moved = delta.of_kind("moved")
    assert moved
    lines = delta.render("text").splitlines()[2:]  # after the title and the counts
    line = next(line for line in lines if line.strip().startswith("移动"))
    goal_old = plan.get(moved[0].old)
    assert moved[0].old in line and moved[0].new in line and goal_old.title[:6] in line  # type: ignore[union-attr]
    markdown = delta.render("md")
    assert "## 新旧对照表" in markdown
    assert "新旧对照表" in delta.render("html")


def test_side_by_side_puts_unmatched_items_on_their_own_side() -> None:
    old = wp.parse_text((EXAMPLES / "changchun-edu-2019-excerpt.txt").read_text(encoding="utf-8"))
    new = wp.datasets.load("changchun-edu-2020")
    rows = [
        line
        for line in wp.diff(old, new).render("md").split("## 新旧对照表")[1].splitlines()
        if line.startswith("| ")
    ]
    assert rows[1].startswith("| g1 | **以党的十九大") and "| g1 | **以教育治理现代化" in rows[1]
    assert any(row.startswith("| g1/t1 | 全面加强党的领导 |  |  |") for row in rows)
    assert any(row.startswith("|  |  | g1/t1 | 科学编制") for row in rows)


def test_a_changed_period_is_reported_in_continuity() -> None:
    old = _plan_citing(2020, "示范区建设方案(2018-2020)")
    new = _plan_citing(2021, "示范区建设方案(2021-2025)")
    row = next(row for row in wp.continuity(old, new) if row.kind == "document")
    assert row.status.value == "changed" and "period 2018–2020 → 2021–2025" in row.note
    document = next(match for match in wp.diff(old, new).matches if match.level == "document")
    assert "period 2018–2020 → 2021–2025" in document.evidence


def _plan_citing(year: int, title: str) -> Plan:
    from workplan.model import DocumentRef, DocumentRelation

    measure = Measure(
        text=f"制定《{title}》。", documents=(DocumentRef(document="d1", relation=DocumentRelation.DRAFTS),)
    )
    task = Task(number=1, title="推进示范区建设", measures=(measure,))
    return Plan(
        title=f"{year}年工作要点",
        year=year,
        goals=(Goal(number=1, title="深化改革", tasks=(task,)),),
        documents=(Document(id="d1", title=title),),
    )


def test_a_changed_period_is_a_change_of_its_own_in_every_format() -> None:
    old = _plan_citing(2020, "示范区建设方案(2018-2020)")
    new = _plan_citing(2021, "示范区建设方案(2021-2025)")
    delta = wp.diff(old, new)
    [change] = delta.of_kind("period_changed")
    assert (change.level, change.old_path, change.new_path) == ("document", "d1", "d1")
    assert (change.old, change.new, change.subject) == ("2018–2020", "2021–2025", "示范区建设方案")
    assert delta.changes[-1] == change  # documents after the plan's own items
    assert [c.mirrored() for c in wp.diff(new, old).of_kind("period_changed")] == [change]
    record = next(c for c in json.loads(delta.render("json"))["changes"] if c["kind"] == "period_changed")
    assert (record["level"], record["old"], record["new"]) == ("document", "2018–2020", "2021–2025")
    for format in ("text", "md", "html"):
        assert "期限变化" in delta.render(format), format
        assert "2018–2020 → 2021–2025" in delta.render(format), format
    assert "period changed" in delta.render("text", lang="en")


def test_a_period_given_on_one_side_only_is_no_change() -> None:
    old = _plan_citing(2020, "示范区建设方案")
    new = _plan_citing(2021, "示范区建设方案(2021-2025)")
    assert not wp.diff(old, new).of_kind("period_changed")
    assert not wp.diff(new, new).of_kind("period_changed")


def test_a_set_phrase_carried_over_is_not_evidence() -> None:
    """全面落实党的教育方针 recurs in every issuer's plan: sharing it says nothing about two tasks."""
    old = wp.parse_text(
        "某市教育局2019年工作要点\n一、加强领导\n1.全面加强党的领导。全面落实党的教育方针,推动组建工作委员会。\n"
    )
    new = wp.parse_text(
        "某市教育局2020年工作要点\n一、提高站位\n1.完善体制机制。做好秘书组工作,全面落实党的教育方针。\n"
    )
    assert not [m for m in wp.diff(old, new).matches if m.level in ("goal", "task")]


def test_a_commitment_carried_over_is_evidence() -> None:
    """A clause of the bureau's own, carried word for word under a new title, aligns its tasks."""
    clause = "牢牢把握教育系统意识形态工作领导权"
    old = wp.parse_text(f"某市教育局2019年工作要点\n一、加强领导\n1.加强党的领导。{clause},推进学习。\n")
    new = wp.parse_text(f"某市教育局2020年工作要点\n一、提高站位\n1.完善体制机制。建立工作机制,{clause}。\n")
    tasks = [m for m in wp.diff(old, new).matches if m.level == "task"]
    assert [(m.old_path, m.new_path) for m in tasks] == [("g1/t1", "g1/t1")]
    assert any("shared clause" in reason for reason in tasks[0].evidence)


def test_the_shipped_set_phrases_load_and_leave_own_words() -> None:
    from workplan.compare._align import substantive

    assert not substantive("全面落实党的教育方针")
    assert not substantive("坚持立德树人根本任务,增强四个意识")
    assert substantive("牢牢把握教育系统意识形态工作领导权")
