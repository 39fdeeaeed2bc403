"""Known edits of the 2020 plan, each reported as exactly the right change and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest

import workplan as wp
from workplan.compare import ChangeKind
from workplan.model import (
    Deadline,
    DocumentRelation,
    Goal,
    Measure,
    Owner,
    OwnerRef,
    OwnerRole,
    Plan,
    Task,
)


@pytest.fixture(scope="module")
def plan() -> Plan:
    name = "changchun-edu-2020" if "changchun-edu-2020" in wp.datasets.names() else "changchun-edu-2020-goal1"
    return wp.datasets.load(name)


def _tasks(plan: Plan) -> list[tuple[str, Task]]:
    return list(plan.nodes("task"))


def edit_task(plan: Plan, path: str, edit: Callable[[Task], Task | None]) -> Plan:
    """The plan with the task at ``path`` replaced by ``edit(task)`` (dropped when None)."""
    goals = []
    for goal in plan.goals:
        tasks = []
        for task in goal.tasks:
            if f"g{goal.number}/t{task.number}" == path:
                edited = edit(task)
                if edited is not None:
                    tasks.append(edited)
            else:
                tasks.append(task)
        goals.append(attrs.evolve(goal, tasks=tuple(tasks)))
    return attrs.evolve(plan, goals=tuple(goals))


def edit_measure(plan: Plan, path: str, edit: Callable[[Measure], Measure]) -> Plan:
    task_path, m = path.rsplit("/m", 1)
    index = int(m) - 1

    def change(task: Task) -> Task:
        measures = list(task.measures)
        measures[index] = edit(measures[index])
        return attrs.evolve(task, measures=tuple(measures))

    return edit_task(plan, task_path, change)


def renumber(plan: Plan) -> Plan:
    """Tasks numbered 1.. in document order, as a printed plan runs on."""
    number = 0
    goals = []
    for goal in plan.goals:
        tasks = []
        for task in goal.tasks:
            number += 1
            tasks.append(attrs.evolve(task, number=number))
        goals.append(attrs.evolve(goal, tasks=tuple(tasks)))
    return attrs.evolve(plan, goals=tuple(goals))


def kinds(delta: wp.PlanDiff) -> list[str]:
    return [change.kind.value for change in delta]


def only(delta: wp.PlanDiff, *, ignore_renumbered: bool = False) -> wp.Change:
    changes = [c for c in delta if not (ignore_renumbered and c.kind is ChangeKind.RENUMBERED)]
    assert len(changes) == 1, [c.to_record() for c in changes]
    return changes[0]


def first_with(plan: Plan, predicate: Callable[[str, Measure], bool]) -> str:
    return next(path for path, measure in plan.nodes("measure") if predicate(path, measure))


def test_identical(plan: Plan) -> None:
    assert not wp.diff(plan, plan)
    assert not wp.diff(plan, wp.loads(wp.dumps(plan)))


def test_task_title_reworded(plan: Plan) -> None:
    path, task = _tasks(plan)[1]
    new = edit_task(plan, path, lambda t: attrs.evolve(t, title="进一步" + t.title))
    change = only(wp.diff(plan, new))
    assert (change.kind, change.old_path, change.new_path) == (ChangeKind.REWORDED, path, path)
    assert change.old == task.title and change.new == "进一步" + task.title
    assert change.score is not None and 0.6 < change.score < 1


def test_measure_reworded(plan: Plan) -> None:
    path = first_with(plan, lambda _, m: len(m.text) > 20 and not m.targets)
    new = edit_measure(plan, path, lambda m: attrs.evolve(m, text=m.text[:5] + "扎实" + m.text[5:]))
    change = only(wp.diff(plan, new))
    assert (change.kind, change.old_path, change.new_path) == (ChangeKind.REWORDED, path, path)


@pytest.mark.parametrize(("step", "direction"), [(5, "raised"), (-3, "lowered")])
def test_target_raised_or_lowered_with_its_text(plan: Plan, step: int, direction: str) -> None:
    path = first_with(plan, lambda _, m: bool(m.targets) and str(m.targets[0].value) in m.text)

    def edit(measure: Measure) -> Measure:
        target = measure.targets[0]
        value = target.value + step
        return attrs.evolve(
            measure,
            text=measure.text.replace(str(target.value), str(value), 1),
            targets=(attrs.evolve(target, value=value), *measure.targets[1:]),
        )

    change = only(wp.diff(plan, edit_measure(plan, path, edit)))
    assert change.kind is ChangeKind.TARGET_CHANGED
    assert (change.old_path, change.new_path) == (f"{path}/q1", f"{path}/q1")
    assert (change.direction, change.delta) == (direction, Decimal(step))
    mirrored = only(wp.diff(edit_measure(plan, path, edit), plan))
    assert mirrored.direction == {"raised": "lowered", "lowered": "raised"}[direction]


def test_target_added_and_removed(plan: Plan) -> None:
    path = first_with(plan, lambda _, m: len(m.targets) >= 1)
    new = edit_measure(plan, path, lambda m: attrs.evolve(m, targets=m.targets[1:]))
    change = only(wp.diff(plan, new))
    assert (change.kind, change.old_path, change.new_path) == (ChangeKind.TARGET_REMOVED, f"{path}/q1", None)
    assert only(wp.diff(new, plan)).kind is ChangeKind.TARGET_ADDED


def test_task_moved_to_another_goal(plan: Plan) -> None:
    if len(plan.goals) < 2:
        pytest.skip("needs two goals")
    goal = plan.goals[0]
    task = goal.tasks[-1]
    goals = list(plan.goals)
    goals[0] = attrs.evolve(goal, tasks=goal.tasks[:-1])
    goals[1] = attrs.evolve(goals[1], tasks=(task, *goals[1].tasks))
    new = attrs.evolve(plan, goals=tuple(goals))
    change = only(wp.diff(plan, new))
    assert change.kind is ChangeKind.MOVED
    assert (change.old_path, change.new_path) == (f"g1/t{task.number}", f"g2/t{task.number}")
    assert (change.old, change.new) == ("g1", "g2")
    # Renumbered as printed: the move is still one move, everything else only renumbered.
    delta = wp.diff(plan, renumber(new))
    assert only(delta, ignore_renumbered=True).kind is ChangeKind.MOVED


def test_task_dropped_and_added_with_renumbering(plan: Plan) -> None:
    path, task = _tasks(plan)[2]
    new = renumber(edit_task(plan, path, lambda t: None))
    change = only(wp.diff(plan, new), ignore_renumbered=True)
    assert (change.kind, change.old_path, change.new_path, change.old) == (
        ChangeKind.REMOVED,
        path,
        None,
        task.title,
    )
    assert set(kinds(wp.diff(plan, new))) == {"removed", "renumbered"}
    back = only(wp.diff(new, plan), ignore_renumbered=True)
    assert (back.kind, back.new_path) == (ChangeKind.ADDED, path)


def test_new_task_added(plan: Plan) -> None:
    goal = plan.goals[-1]
    number = max(task.number for _, task in _tasks(plan)) + 1
    fresh = Task(
        number=number,
        title="建设全市中小学人工智能教育实验区",
        measures=(Measure(text="遴选30所人工智能教育实验校。"),),
    )
    goals = (*plan.goals[:-1], attrs.evolve(goal, tasks=(*goal.tasks, fresh)))
    change = only(wp.diff(plan, attrs.evolve(plan, goals=goals)))
    assert (change.kind, change.old_path, change.new_path) == (
        ChangeKind.ADDED,
        None,
        f"g{goal.number}/t{number}",
    )


def test_drafted_document_now_implemented(plan: Plan) -> None:
    path = first_with(plan, lambda _, m: any(r.relation is DocumentRelation.DRAFTS for r in m.documents))

    def implement(measure: Measure) -> Measure:
        refs = tuple(
            attrs.evolve(ref, relation=DocumentRelation.IMPLEMENTS)
            if ref.relation is DocumentRelation.DRAFTS
            else ref
            for ref in measure.documents
        )
        return attrs.evolve(measure, documents=refs)

    delta = wp.diff(plan, edit_measure(plan, path, implement))
    assert {c.kind for c in delta} == {ChangeKind.DOCUMENT_RELATION_CHANGED}
    change = delta.changes[0]
    assert (change.old_path, change.new_path, change.old, change.new) == (
        path,
        path,
        ("drafts",),
        ("implements",),
    )
    document_id = plan.get(path).documents[0].document  # type: ignore[union-attr]
    assert change.subject == plan.document(document_id).title


def test_document_reference_added_and_removed(plan: Plan) -> None:
    path = first_with(plan, lambda _, m: len(m.documents) == 1)
    new = edit_measure(plan, path, lambda m: attrs.evolve(m, documents=()))
    change = only(wp.diff(plan, new))
    assert (change.kind, change.old_path) == (ChangeKind.DOCUMENT_REMOVED, path)
    assert only(wp.diff(new, plan)).kind is ChangeKind.DOCUMENT_ADDED


def test_owner_role_changed_added_removed(plan: Plan) -> None:
    path = first_with(plan, lambda _, m: bool(m.owners))
    old_role = plan.get(path).owners[0].role  # type: ignore[union-attr]
    role = OwnerRole.OVERSIGHT if old_role is not OwnerRole.OVERSIGHT else OwnerRole.LEAD
    new = edit_measure(plan, path, lambda m: attrs.evolve(m, owners=(attrs.evolve(m.owners[0], role=role),)))
    change = only(wp.diff(plan, new))
    assert change.kind is ChangeKind.OWNER_ROLE_CHANGED
    assert (change.old, change.new) == ((old_role.value,), (role.value,))

    # A new organisation in the registry, named on a measure
    owners = (*plan.owners, Owner(id=f"o{len(plan.owners) + 1}", name="长春市科技局", aliases=("市科技局",)))
    added = attrs.evolve(plan, owners=owners)
    added = edit_measure(
        added,
        path,
        lambda m: attrs.evolve(m, owners=(*m.owners, OwnerRef(owner=owners[-1].id, role=OwnerRole.SUPPORT))),
    )
    change = only(wp.diff(plan, added))
    assert (change.kind, change.subject, change.new) == (ChangeKind.OWNER_ADDED, "长春市科技局", ("support",))
    assert only(wp.diff(added, plan)).kind is ChangeKind.OWNER_REMOVED


def test_registry_ids_do_not_matter(plan: Plan) -> None:
    """Owners and documents renumbered in reverse: same names and titles, so no changes."""
    owner_ids = {o.id: f"o{len(plan.owners) - i}" for i, o in enumerate(plan.owners)}
    document_ids = {d.id: f"d{len(plan.documents) - i}" for i, d in enumerate(plan.documents)}

    def measure(m: Measure) -> Measure:
        return attrs.evolve(
            m,
            owners=tuple(attrs.evolve(r, owner=owner_ids[r.owner]) for r in m.owners),
            documents=tuple(attrs.evolve(r, document=document_ids[r.document]) for r in m.documents),
        )

    goals = tuple(
        attrs.evolve(
            g,
            tasks=tuple(
                attrs.evolve(
                    t,
                    measures=tuple(measure(m) for m in t.measures),
                    owners=tuple(attrs.evolve(r, owner=owner_ids[r.owner]) for r in t.owners),
                )
                for t in g.tasks
            ),
        )
        for g in plan.goals
    )
    new = attrs.evolve(
        plan,
        goals=goals,
        owners=tuple(reversed([attrs.evolve(o, id=owner_ids[o.id]) for o in plan.owners])),
        documents=tuple(reversed([attrs.evolve(d, id=document_ids[d.id]) for d in plan.documents])),
    )
    assert not wp.diff(plan, new)


def test_deadline_changed(plan: Plan) -> None:
    path = first_with(plan, lambda _, m: m.deadline is None)
    new = edit_measure(plan, path, lambda m: attrs.evolve(m, deadline=Deadline(text="6月底前")))
    change = only(wp.diff(plan, new))
    assert (change.kind, change.old, change.new) == (ChangeKind.DEADLINE_CHANGED, None, "6月底前")


def test_split_and_merge(plan: Plan) -> None:
    path, task = next((p, t) for p, t in _tasks(plan) if len(t.measures) >= 4)
    goal_number = int(path[1 : path.index("/")])
    half = len(task.measures) // 2
    number = max(t.number for _, t in _tasks(plan)) + 1
    part = Task(number=number, title="专项推进" + task.title[:4], measures=task.measures[half:])
    goals: list[Goal] = []
    for goal in plan.goals:
        tasks = tuple(attrs.evolve(t, measures=t.measures[:half]) if t is task else t for t in goal.tasks)
        if goal.number == goal_number:
            tasks = (*tasks, part)
        goals.append(attrs.evolve(goal, tasks=tasks))
    new = attrs.evolve(plan, goals=tuple(goals))
    change = only(wp.diff(plan, new))
    assert (change.kind, change.old_path, change.new_path) == (
        ChangeKind.SPLIT,
        path,
        f"g{goal_number}/t{number}",
    )
    merged = only(wp.diff(new, plan))
    assert (merged.kind, merged.old_path, merged.new_path) == (
        ChangeKind.MERGED,
        f"g{goal_number}/t{number}",
        path,
    )


def test_rewording_everywhere_gives_no_added_or_removed(plan: Plan) -> None:
    """False-positive guard: light rewording of every task and measure is matched, not added+removed."""

    def reword(text: str) -> str:
        return text[:2] + "进一步" + text[2:] if len(text) > 6 else text

    goals = tuple(
        attrs.evolve(
            g,
            tasks=tuple(
                attrs.evolve(
                    t,
                    title=reword(t.title),
                    measures=tuple(attrs.evolve(m, text=reword(m.text)) for m in t.measures),
                )
                for t in g.tasks
            ),
        )
        for g in plan.goals
    )
    new = attrs.evolve(plan, goals=goals)
    delta = wp.diff(plan, new)
    assert set(kinds(delta)) == {"reworded"}
    expected = sum(len(t.title) > 6 for _, t in _tasks(plan)) + sum(
        len(m.text) > 6 for _, m in plan.nodes("measure")
    )
    assert len(delta) == expected


def test_task_keys_match_first(plan: Plan) -> None:
    """Two tasks swap titles and contents but keep their keys: matched by key, so both are reworded."""
    (p1, t1), (p2, t2) = _tasks(plan)[:2]
    keyed = edit_task(
        edit_task(plan, p1, lambda t: attrs.evolve(t, key="A")), p2, lambda t: attrs.evolve(t, key="B")
    )
    swapped = edit_task(
        edit_task(keyed, p1, lambda t: attrs.evolve(t2, number=t1.number, key="A")),
        p2,
        lambda t: attrs.evolve(t1, number=t2.number, key="B"),
    )
    delta = wp.diff(keyed, swapped)
    assert {(c.kind, c.old_path, c.new_path) for c in delta if c.level == "task"} == {
        (ChangeKind.REWORDED, p1, p1),
        (ChangeKind.REWORDED, p2, p2),
    }


def test_task_moved_and_reworded(plan: Plan) -> None:
    """A task moved to another goal and lightly reworded is one move plus one rewording, not added+removed."""
    if len(plan.goals) < 3:
        pytest.skip("needs three goals")
    goal = plan.goals[0]
    task = goal.tasks[0]
    reworded = attrs.evolve(task, title="统筹" + task.title)
    goals = list(plan.goals)
    goals[0] = attrs.evolve(goal, tasks=goal.tasks[1:])
    goals[2] = attrs.evolve(goals[2], tasks=(*goals[2].tasks, reworded))
    delta = wp.diff(plan, attrs.evolve(plan, goals=tuple(goals)))
    assert sorted(kinds(delta)) == ["moved", "reworded"]
    assert {(c.old_path, c.new_path) for c in delta} == {(f"g1/t{task.number}", f"g3/t{task.number}")}


def test_task_level_owner_and_deadline(plan: Plan) -> None:
    path, _ = _tasks(plan)[0]
    owner = plan.owners[0]
    new = edit_task(
        plan,
        path,
        lambda t: attrs.evolve(
            t,
            owners=(*t.owners, OwnerRef(owner=owner.id, role=OwnerRole.LEAD)),
            deadline=Deadline(text="9月底前"),
        ),
    )
    delta = wp.diff(plan, new)
    assert sorted(kinds(delta)) == ["deadline_changed", "owner_added"]
    assert all(c.old_path == c.new_path == path for c in delta)
    assert next(c for c in delta if c.kind is ChangeKind.OWNER_ADDED).subject == owner.name
