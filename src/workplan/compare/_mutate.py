"""A deterministic year-over-year editor for plans, for benchmarks and tests.

`mutate` edits a plan the way a planner edits last year's text: most tasks
kept verbatim, some reworded a little, a few moved to another goal, split,
merged, dropped or added, targets raised and lowered, drafted documents now implemented, owners
and deadlines changed; then tasks are renumbered to run on, as printed plans do.
"""

from __future__ import annotations

import random
from decimal import Decimal

import attrs

from ..model import Deadline, DocumentRelation, Goal, Measure, OwnerRole, Plan, Target, Task

__all__ = ["mutate"]

_INSERTS = ("进一步", "全面", "持续", "扎实", "大力", "稳步")
_NEW_WORDS = "规范优化统筹协同创新融合示范引领督导评价保障"


def _reword(rng: random.Random, text: str) -> str:
    """A small edit: insert a common adverb, or swap one or two characters."""
    if not text:
        return rng.choice(_INSERTS)
    roll = rng.random()
    position = rng.randrange(len(text) + 1)
    if roll < 0.5:
        return text[:position] + rng.choice(_INSERTS) + text[position:]
    if len(text) < 3:
        return text + rng.choice(_NEW_WORDS)
    end = min(len(text), position + rng.randint(1, 2))
    return text[:position] + "".join(rng.choice(_NEW_WORDS) for _ in range(end - position)) + text[end:]


def _new_text(rng: random.Random, serial: int) -> str:
    return "新增" + "".join(rng.choice(_NEW_WORDS) for _ in range(8)) + f"工作{serial}"


def _edit_target(rng: random.Random, target: Target) -> Target:
    step = max(Decimal(1), (abs(target.value) / 5).quantize(Decimal(1)))
    value = target.value + step if rng.random() < 0.6 else target.value - step
    old_text = f"{target.value}"
    text = target.text.replace(old_text, f"{value}") if old_text in target.text else target.text
    return attrs.evolve(target, value=value, text=text)


def _edit_measure(rng: random.Random, measure: Measure, rate: float) -> Measure:
    changes: dict[str, object] = {}
    if measure.targets and rng.random() < 4 * rate:
        targets = tuple(_edit_target(rng, target) for target in measure.targets)
        text = measure.text
        for old, new in zip(measure.targets, targets, strict=True):
            text = text.replace(f"{old.value}", f"{new.value}", 1)
        changes.update(targets=targets, text=text)
    elif rng.random() < rate:
        changes["text"] = _reword(rng, measure.text)
    drafts = [ref for ref in measure.documents if ref.relation is DocumentRelation.DRAFTS]
    if drafts and rng.random() < 4 * rate:
        changes["documents"] = tuple(
            attrs.evolve(ref, relation=DocumentRelation.IMPLEMENTS)
            if ref.relation is DocumentRelation.DRAFTS
            else ref
            for ref in measure.documents
        )
    if measure.owners and rng.random() < rate:
        changes["owners"] = tuple(attrs.evolve(ref, role=OwnerRole.SUPPORT) for ref in measure.owners)
    if rng.random() < rate / 2:
        changes["deadline"] = Deadline(text="年底前") if measure.deadline is None else None
    return attrs.evolve(measure, **changes) if changes else measure  # type: ignore[arg-type]


def mutate(plan: Plan, *, seed: int = 0, rate: float = 0.05) -> Plan:
    """A realistic next-year version of ``plan``; deterministic for a seed.

    ``rate`` is roughly the share of tasks (and of measures) edited in each way.
    """
    rng = random.Random(seed)
    goals: list[list[Task]] = [[] for _ in plan.goals]
    serial = 0
    for g, goal in enumerate(plan.goals):
        for task in goal.tasks:
            roll = rng.random()
            if roll < rate:
                continue  # dropped
            measures: list[Measure] = []
            for measure in task.measures:
                if rng.random() < rate / 2 and len(task.measures) > 1:
                    continue  # measure dropped
                measures.append(_edit_measure(rng, measure, rate))
            if rng.random() < rate:
                serial += 1
                measures.insert(rng.randrange(len(measures) + 1), Measure(text=_new_text(rng, serial)))
            title = _reword(rng, task.title) if rng.random() < 2 * rate else task.title
            if len(measures) >= 4 and rng.random() < rate / 2:
                # split: the second half of the measures becomes a task of its own
                half = len(measures) // 2
                serial += 1
                goals[g].append(Task(number=1, title=_new_text(rng, serial), measures=tuple(measures[half:])))
                measures = measures[:half]
            elif goals[g] and rng.random() < rate / 2:
                # merge: this task's measures join the task before it
                previous = goals[g][-1]
                goals[g][-1] = attrs.evolve(previous, measures=(*previous.measures, *measures))
                continue
            edited = attrs.evolve(task, title=title, measures=tuple(measures))
            target_goal = g
            if len(plan.goals) > 1 and rng.random() < rate / 2:
                target_goal = rng.randrange(len(plan.goals))  # moved
            goals[target_goal].append(edited)
        for _ in range(sum(rng.random() < rate for _ in goal.tasks)):
            serial += 1
            goals[g].insert(
                rng.randrange(len(goals[g]) + 1),
                Task(
                    number=1,
                    title=_new_text(rng, serial),
                    measures=tuple(Measure(text=_new_text(rng, serial * 10 + k)) for k in range(3)),
                ),
            )
    number = 0
    new_goals: list[Goal] = []
    for goal, tasks in zip(plan.goals, goals, strict=True):
        renumbered = []
        for task in tasks:
            number += 1
            renumbered.append(attrs.evolve(task, number=number))
        new_goals.append(attrs.evolve(goal, tasks=tuple(renumbered)))
    year = plan.year + 1 if plan.year is not None else None
    return attrs.evolve(plan, goals=tuple(new_goals), year=year)
