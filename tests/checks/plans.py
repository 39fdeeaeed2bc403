"""Hand-built plans for the check tests: one clean plan, and one variant per rule that breaks it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import attrs

from workplan import (
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
    Span,
    Target,
    TargetKind,
    Task,
)

SOURCE = (
    "长春市教育局2020年工作要点\n"
    "一、推进冰雪运动\n"
    "1.深化百万学子上冰雪行动。6月底前新增国家级冰雪特色校80所。落实《学校体育工作条例》。\n"
    "二、维护校园安全\n"
    "2.加强校园安全。校园安保覆盖率达到100%。\n"
)


def _span(text: str) -> Span:
    start = SOURCE.index(text)
    return Span(start=start, end=start + len(text))


def clean_plan() -> Plan:
    """A small plan on which no rule, not even an off-by-default one, finds anything."""
    snow = Measure(
        text="6月底前新增国家级冰雪特色校80所。",
        targets=(
            Target(
                metric="国家级冰雪特色校",
                value=Decimal(80),
                unit="所",
                kind=TargetKind.INCREASE,
                text="新增国家级冰雪特色校80所",
                span=_span("新增国家级冰雪特色校80所"),
            ),
        ),
        documents=(DocumentRef(document="d1", relation=DocumentRelation.DRAFTS, text="制定《冰雪方案》"),),
        deadline=Deadline(text="6月底前", end=dt.date(2020, 6, 30), span=_span("6月底前")),
        span=_span("6月底前新增国家级冰雪特色校80所。"),
    )
    sport = Measure(
        text="落实《学校体育工作条例》。",
        documents=(DocumentRef(document="d2", relation=DocumentRelation.IMPLEMENTS),),
        span=_span("落实《学校体育工作条例》。"),
    )
    safety = Measure(
        text="校园安保覆盖率达到100%。",
        targets=(Target(metric="校园安保覆盖率", value=Decimal(100), unit="%", kind=TargetKind.LEVEL),),
        span=_span("校园安保覆盖率达到100%。"),
    )
    snow_task = Task(
        number=1,
        title="深化百万学子上冰雪行动",
        measures=(snow, sport),
        owners=(
            OwnerRef(owner="o1", role=OwnerRole.LEAD, text="长春市体育局"),
            OwnerRef(owner="o2", role=OwnerRole.SUPPORT, text="长春市公安局"),
        ),
        span=_span("1.深化百万学子上冰雪行动。"),
    )
    safety_task = Task(
        number=2,
        title="加强校园安全",
        measures=(safety,),
        owners=(OwnerRef(owner="o2", role=OwnerRole.LEAD),),
        span=_span("2.加强校园安全。"),
    )
    return Plan(
        title="长春市教育局2020年工作要点",
        issuer="长春市教育局",
        year=2020,
        goals=(
            Goal(number=1, title="推进冰雪运动", tasks=(snow_task,), span=_span("一、推进冰雪运动")),
            Goal(number=2, title="维护校园安全", tasks=(safety_task,), span=_span("二、维护校园安全")),
        ),
        owners=(
            Owner(id="o1", name="长春市体育局"),
            Owner(id="o2", name="长春市公安局", aliases=("市公安局",)),
        ),
        documents=(
            Document(id="d1", title="长春市冰雪运动进校园实施方案"),
            Document(id="d2", title="学校体育工作条例", issuer="国务院"),
        ),
        dependencies=(Dependency(source="g1/t1/m2", target="g1/t1/m1"),),
        source=SOURCE,
    )


# -- editing helpers ------------------------------------------------------------


def edit_task(plan: Plan, goal: int, task: int, **changes: object) -> Plan:
    goals = list(plan.goals)
    tasks = list(goals[goal].tasks)
    tasks[task] = attrs.evolve(tasks[task], **changes)
    goals[goal] = attrs.evolve(goals[goal], tasks=tuple(tasks))
    return attrs.evolve(plan, goals=tuple(goals))


def edit_measure(plan: Plan, goal: int, task: int, measure: int, **changes: object) -> Plan:
    measures = list(plan.goals[goal].tasks[task].measures)
    measures[measure] = attrs.evolve(measures[measure], **changes)
    return edit_task(plan, goal, task, measures=tuple(measures))


def edit_target(plan: Plan, goal: int, task: int, measure: int, **changes: object) -> Plan:
    found = plan.goals[goal].tasks[task].measures[measure]
    return edit_measure(
        plan, goal, task, measure, targets=(attrs.evolve(found.targets[0], **changes), *found.targets[1:])
    )


def _inverted_deadline() -> Deadline:
    with attrs.validators.disabled():  # as a plan built without validators could hold one
        return Deadline(text="3月至6月", start=dt.date(2020, 6, 30), end=dt.date(2020, 3, 1))


def _add_measure(plan: Plan, goal: int, task: int, measure: Measure) -> Plan:
    return edit_task(plan, goal, task, measures=(*plan.goals[goal].tasks[task].measures, measure))


_SAFETY_95 = Measure(
    text="校园安保覆盖率保持95%。",
    targets=(Target(metric="校园安保覆盖率", value=Decimal(95), unit="%", kind=TargetKind.LEVEL),),
)

BREAKERS: dict[str, Callable[[Plan], Plan]] = {
    "WP002": lambda p: attrs.evolve(p, source="新闻报道:今年全市教育工作稳步推进,没有编号。"),
    "WP101": lambda p: attrs.evolve(p, owners=(*p.owners, Owner(id="o1", name="长春市财政局"))),
    "WP102": lambda p: attrs.evolve(p, goals=(p.goals[0], attrs.evolve(p.goals[1], number=3))),
    "WP103": lambda p: edit_task(p, 1, 0, number=3),
    "WP104": lambda p: attrs.evolve(p, goals=(*p.goals, Goal(number=3, title="加强党的建设"))),
    "WP105": lambda p: attrs.evolve(
        p,
        goals=(
            p.goals[0],
            attrs.evolve(
                p.goals[1],
                tasks=(*p.goals[1].tasks, Task(number=3, title="加强宣传", owners=(OwnerRef(owner="o2"),))),
            ),
        ),
    ),
    "WP201": lambda p: edit_task(p, 1, 0, owners=()),
    "WP202": lambda p: edit_measure(p, 1, 0, 0, owners=(OwnerRef(owner="o9", text="市财政局"),)),
    "WP203": lambda p: attrs.evolve(p, owners=(*p.owners, Owner(id="o3", name="市体育局"))),
    "WP204": lambda p: edit_task(p, 0, 0, owners=(OwnerRef(owner="o1"), OwnerRef(owner="o2"))),
    "WP301": lambda p: edit_target(p, 0, 0, 0, unit=""),
    "WP302": lambda p: edit_target(p, 0, 0, 0, value=Decimal(0)),
    "WP303": lambda p: edit_target(p, 1, 0, 0, value=Decimal(120)),
    "WP304": lambda p: _add_measure(p, 1, 0, _SAFETY_95),
    "WP305": lambda p: edit_measure(p, 1, 0, 0, targets=()),
    "WP401": lambda p: edit_measure(
        attrs.evolve(p, dependencies=()),
        0,
        0,
        0,
        deadline=Deadline(text="2021年6月底前", end=dt.date(2021, 6, 30)),
    ),
    "WP402": lambda p: edit_measure(p, 0, 0, 0, deadline=_inverted_deadline()),
    "WP403": lambda p: attrs.evolve(p, dependencies=(Dependency(source="g1/t1/m1", target="g1/t1/m2"),)),
    "WP404": lambda p: attrs.evolve(
        edit_task(p, 0, 0, deadline=Deadline(text="5月底前", end=dt.date(2020, 5, 31))), dependencies=()
    ),
    "WP501": lambda p: attrs.evolve(
        p,
        dependencies=(
            Dependency(source="g1/t1/m2", target="g2/t2/m1"),
            Dependency(source="g2/t2/m1", target="g1/t1/m2"),
        ),
    ),
    "WP502": lambda p: attrs.evolve(p, dependencies=(Dependency(source="g1/t1/m2", target="g9/t9/m9"),)),
    "WP601": lambda p: edit_measure(
        p,
        0,
        0,
        1,
        documents=(
            DocumentRef(document="d2", relation=DocumentRelation.IMPLEMENTS),
            DocumentRef(document="d1", relation=DocumentRelation.IMPLEMENTS),
        ),
    ),
    "WP602": lambda p: edit_measure(
        p,
        0,
        0,
        1,
        documents=(
            DocumentRef(document="d2", relation=DocumentRelation.IMPLEMENTS),
            DocumentRef(document="d1", relation=DocumentRelation.DRAFTS),
        ),
    ),
    "WP603": lambda p: edit_measure(p, 1, 0, 0, documents=(DocumentRef(document="d9"),)),
    "WP604": lambda p: attrs.evolve(
        p, documents=(*p.documents, Document(id="d3", title="长春市智慧校园建设指南"))
    ),
}
"""For each rule code, a function that breaks the clean plan in just the way that rule finds."""
