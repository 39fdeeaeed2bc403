"""Hypothesis strategies and generators for plans, for users' tests and our own.

```python
from hypothesis import given
from workplan.testing import plans

@given(plans())
def test_round_trip(plan):
    assert wp.loads(wp.dumps(plan)) == plan
```

Every generated plan is *valid*: goal and task numbers are unique, owner and
document references resolve, dependencies point backwards in document order
(so there are no cycles). `synthetic_plan` builds a large realistic plan
quickly and deterministically, for benchmarks; `mutate` edits a plan the way a
planner edits last year's text (``mutate(plan, reword=0.3, move=0.1, churn=0.1)`` for
a heavy-edit year). Needs the ``testing`` extra (Hypothesis) for the strategies;
`synthetic_plan` and `mutate` need nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from .model import (
    Deadline,
    Dependency,
    Document,
    DocumentRef,
    DocumentRelation,
    Goal,
    Measure,
    Owner,
    OwnerRef,
    OwnerRole,
    Plan,
    Qualifier,
    Recurrence,
    Span,
    Target,
    TargetKind,
    Task,
)

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn, SearchStrategy

__all__ = [
    "deadlines",
    "mutate",
    "plan_texts",
    "plans",
    "spans",
    "synthetic_plan",
    "targets",
]

_HANZI = "教育学校工作推进建设质量发展提升开展实施完善加强深化体系机制标准特色优质均衡服务管理改革"
_UNITS = ("所", "个", "%", "万元", "人", "项", "")
_ORGANISATIONS = (
    "长春市教育局",
    "市发改委",
    "市财政局",
    "市公安局",
    "市应急管理局",
    "长春职业技术学院",
    "长春汽车工业高等专科学校",
    "中国教育科学研究院",
    "市人社局",
    "市卫健委",
)
_ALIASES = {
    "长春职业技术学院": ("长职院",),
    "长春汽车工业高等专科学校": ("汽高专",),
    "市应急管理局": ("市应急局",),
}


def _hypothesis() -> Any:
    try:
        from hypothesis import strategies
    except ImportError:
        from ._errors import MissingExtraError

        raise MissingExtraError("hypothesis", "testing") from None
    return strategies


def plan_texts(min_size: int = 1, max_size: int = 24) -> SearchStrategy[str]:
    """Short Chinese phrases such as plan texts contain."""
    st = _hypothesis()
    return st.text(alphabet=_HANZI + "0123456789,。、", min_size=min_size, max_size=max_size)  # type: ignore[no-any-return]


def spans() -> SearchStrategy[Span | None]:
    """A source span or None."""
    st = _hypothesis()
    return st.none() | st.builds(  # type: ignore[no-any-return]
        lambda start, width: Span(start=start, end=start + width),
        st.integers(0, 100_000),
        st.integers(0, 500),
    )


def targets() -> SearchStrategy[Target]:
    """A quantified target with any kind, qualifier and a finite decimal value."""
    st = _hypothesis()
    values = st.decimals(min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2).map(
        lambda value: value.normalize() if value != 0 else Decimal(0)
    ) | st.integers(1, 500).map(Decimal)
    return st.builds(  # type: ignore[no-any-return]
        Target,
        metric=plan_texts(),
        value=values,
        unit=st.sampled_from(_UNITS),
        kind=st.sampled_from(TargetKind),
        qualifier=st.sampled_from(Qualifier),
        text=plan_texts(0),
        span=spans(),
    )


def deadlines() -> SearchStrategy[Deadline]:
    """A deadline: a dated period, a recurrence or wording alone."""
    st = _hypothesis()

    @st.composite  # type: ignore[untyped-decorator]
    def build(draw: DrawFn) -> Deadline:
        start = draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
        end = draw(st.none() | st.dates(start or dt.date(2000, 1, 1), dt.date(2045, 12, 31)))
        return Deadline(
            text=draw(st.sampled_from(("年底前", "上半年", "6月底前", "每学期", "(2017-2035)"))),
            start=start,
            end=end,
            recurrence=draw(st.none() | st.sampled_from(Recurrence)),
            span=draw(spans()),
        )

    return build()  # type: ignore[no-any-return]


def plans(
    *,
    max_goals: int = 4,
    max_tasks: int = 4,
    max_measures: int = 4,
    max_owners: int = 5,
    max_documents: int = 4,
) -> SearchStrategy[Plan]:
    """Valid plans; sizes are upper bounds per level (goals, tasks per goal, …)."""
    st = _hypothesis()

    @st.composite  # type: ignore[untyped-decorator]
    def build(draw: DrawFn) -> Plan:
        owners = tuple(
            Owner(id=f"o{i}", name=name, aliases=_ALIASES.get(name, ()))
            for i, name in enumerate(
                draw(st.lists(st.sampled_from(_ORGANISATIONS), unique=True, max_size=max_owners)), 1
            )
        )
        documents = tuple(
            Document(id=f"d{i}", title=title, issuer=draw(st.none() | st.sampled_from(("教育部", "国务院"))))
            for i, title in enumerate(
                draw(st.lists(plan_texts(2, 16), unique=True, max_size=max_documents)), 1
            )
        )
        owner_refs = (
            st.builds(
                OwnerRef,
                owner=st.sampled_from([owner.id for owner in owners]),
                role=st.sampled_from(OwnerRole),
                text=st.just(""),
                span=spans(),
            )
            if owners
            else None
        )
        document_refs = (
            st.builds(
                DocumentRef,
                document=st.sampled_from([document.id for document in documents]),
                relation=st.sampled_from(DocumentRelation),
                text=plan_texts(0),
                span=spans(),
            )
            if documents
            else None
        )
        measure = st.builds(
            Measure,
            text=plan_texts(),
            targets=st.lists(targets(), max_size=2).map(tuple),
            owners=_up_to(st, owner_refs, 2),
            documents=_up_to(st, document_refs, 2),
            deadline=st.none() | deadlines(),
            span=spans(),
        )
        goals: list[Goal] = []
        task_number = 0
        for goal_number in range(1, draw(st.integers(0, max_goals)) + 1):
            tasks = []
            for _ in range(draw(st.integers(0, max_tasks))):
                task_number += 1
                tasks.append(
                    Task(
                        number=task_number,
                        title=draw(plan_texts()),
                        measures=tuple(draw(st.lists(measure, max_size=max_measures))),
                        owners=draw(_up_to(st, owner_refs, 2)),
                        deadline=draw(st.none() | deadlines()),
                        key=draw(st.none() | st.just(f"k{task_number}")),
                        span=draw(spans()),
                    )
                )
            goals.append(
                Goal(number=goal_number, title=draw(plan_texts()), tasks=tuple(tasks), span=draw(spans()))
            )
        plan = Plan(
            title=draw(plan_texts()),
            issuer=draw(st.none() | st.sampled_from(("长春市教育局", "吉林省教育厅"))),
            year=draw(st.none() | st.integers(2000, 2040)),
            issued=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))),
            preamble=draw(plan_texts(0)),
            goals=tuple(goals),
            owners=owners,
            documents=documents,
        )
        measure_ids = [node_id for node_id, _ in plan.nodes("measure")]
        dependencies: list[Dependency] = []
        if len(measure_ids) >= 2:
            for _ in range(draw(st.integers(0, 3))):
                later = draw(st.integers(1, len(measure_ids) - 1))
                earlier = draw(st.integers(0, later - 1))
                dependencies.append(Dependency(source=measure_ids[later], target=measure_ids[earlier]))
        return attrs.evolve(plan, dependencies=tuple(dependencies))

    return build()  # type: ignore[no-any-return]


def _up_to(st: Any, elements: Any, size: int) -> Any:
    """Tuples of up to ``size`` elements; always empty when there is nothing to draw from."""
    return st.just(()) if elements is None else st.lists(elements, max_size=size).map(tuple)


# -- large deterministic plans for benchmarks ------------------------------------

_VERBS = ("推进", "完善", "加强", "深化", "开展", "实施", "建立", "提升", "落实", "打造")
_OBJECTS = (
    "义务教育优质均衡发展",
    "学校食品安全主体责任",
    "校园足球特色学校建设",
    "教师队伍培训工作",
    "职业院校专业建设",
    "智慧校园建设",
    "学前教育普惠发展",
    "校外培训机构监管",
    "民族教育课程改革",
    "心理健康教育特色学校",
    "冰雪运动进校园",
    "家校合作共育平台",
)
_METRICS = ("特色学校", "实验校", "示范基地", "名师工作室", "高水平专业", "优质家长学校")


def synthetic_plan(measures: int = 30_000, *, seed: int = 0, year: int = 2020) -> Plan:
    """A large, realistic, valid plan with about ``measures`` measures, built without Hypothesis.

    Deterministic for a given seed. About one measure in four has a target,
    one in six names an owner, one in eight references a document. Task
    numbers run on across goals, as in real plans.
    """
    rng = random.Random(seed)
    owner_count = 60
    owners = tuple(
        Owner(id=f"o{i}", name=f"{rng.choice(('市', '区', '省'))}{_OBJECTS[i % len(_OBJECTS)][:4]}{i}局")
        for i in range(1, owner_count + 1)
    )
    document_count = max(4, measures // 100)
    documents = tuple(
        Document(id=f"d{i}", title=f"长春市{rng.choice(_OBJECTS)}实施方案({i})")
        for i in range(1, document_count + 1)
    )
    goal_count = max(1, min(12, measures // 30))
    measures_per_task = 8
    task_count = max(1, measures // measures_per_task)
    goals: list[Goal] = []
    task_number = 0
    made = 0
    for goal_number in range(1, goal_count + 1):
        tasks = []
        share = task_count // goal_count + (1 if goal_number <= task_count % goal_count else 0)
        for _ in range(share):
            task_number += 1
            task_measures = []
            size = min(measures_per_task, measures - made) if goal_number == goal_count else measures_per_task
            for _ in range(max(1, size)):
                made += 1
                verb, obj = rng.choice(_VERBS), rng.choice(_OBJECTS)
                roll = rng.random()
                measure_targets: tuple[Target, ...] = ()
                text = f"{verb}{obj},{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}。"
                if roll < 0.25:
                    metric = rng.choice(_METRICS)
                    value = rng.randint(1, 200)
                    text = f"{verb}{obj},新增{metric}{value}所。"
                    measure_targets = (
                        Target(
                            metric=metric,
                            value=Decimal(value),
                            unit="所",
                            kind=TargetKind.INCREASE,
                            text=f"新增{metric}{value}所",
                        ),
                    )
                measure_owners = (
                    (OwnerRef(owner=f"o{rng.randint(1, owner_count)}", role=OwnerRole.LEAD),)
                    if rng.random() < 1 / 6
                    else ()
                )
                measure_documents = (
                    (
                        DocumentRef(
                            document=f"d{rng.randint(1, document_count)}",
                            relation=rng.choice((DocumentRelation.DRAFTS, DocumentRelation.IMPLEMENTS)),
                        ),
                    )
                    if rng.random() < 1 / 8
                    else ()
                )
                task_measures.append(
                    Measure(
                        text=text, targets=measure_targets, owners=measure_owners, documents=measure_documents
                    )
                )
            tasks.append(
                Task(
                    number=task_number,
                    title=f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}{task_number}",
                    measures=tuple(task_measures),
                    owners=(OwnerRef(owner=f"o{rng.randint(1, owner_count)}", role=OwnerRole.LEAD),),
                )
            )
        goals.append(
            Goal(number=goal_number, title=f"以{rng.choice(_OBJECTS)}为重点{goal_number}", tasks=tuple(tasks))
        )
    return Plan(
        title=f"合成{year}年工作要点",
        issuer="长春市教育局",
        year=year,
        goals=tuple(goals),
        owners=owners,
        documents=documents,
    )


# -- a year-over-year editor ----------------------------------------------------------

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


def mutate(
    plan: Plan,
    *,
    seed: int = 0,
    rate: float = 0.05,
    reword: float | None = None,
    move: float | None = None,
    churn: float | None = None,
) -> Plan:
    """A realistic next-year version of ``plan``; deterministic for a seed.

    ``rate`` is roughly the share of tasks (and of measures) edited in each way. The
    heavier edits of a real year can be set on their own: ``reword`` is the share of tasks
    whose title is reworded (default ``2 * rate``), ``move`` the share moved to another goal
    (default ``rate / 2``), ``churn`` the share dropped and, about as many, added (default
    ``rate``). ``mutate(plan, reword=0.3, move=0.1, churn=0.1)`` is a heavy-edit year.
    """
    reword = 2 * rate if reword is None else reword
    move = rate / 2 if move is None else move
    churn = rate if churn is None else churn
    rng = random.Random(seed)
    goals: list[list[Task]] = [[] for _ in plan.goals]
    serial = 0
    for g, goal in enumerate(plan.goals):
        for task in goal.tasks:
            roll = rng.random()
            if roll < churn:
                continue  # dropped
            measures: list[Measure] = []
            for measure in task.measures:
                if rng.random() < rate / 2 and len(task.measures) > 1:
                    continue  # measure dropped
                measures.append(_edit_measure(rng, measure, rate))
            if rng.random() < rate:
                serial += 1
                measures.insert(rng.randrange(len(measures) + 1), Measure(text=_new_text(rng, serial)))
            title = _reword(rng, task.title) if rng.random() < reword else task.title
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
            if len(plan.goals) > 1 and rng.random() < move:
                target_goal = rng.randrange(len(plan.goals))  # moved
            goals[target_goal].append(edited)
        for _ in range(sum(rng.random() < churn for _ in goal.tasks)):
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
