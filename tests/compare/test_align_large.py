"""Plans too large to score every pair align through the blocking index, as small ones do (issue 12).

Eighty tasks a side (6,400 pairs, over the full-scoring limit), every title and measure reworded
and the tasks reversed within their goals: each task must still find its own counterpart.
"""

from __future__ import annotations

import random

from workplan.compare._align import align_plans
from workplan.model import Goal, Measure, Plan, Task

POOL = (
    "教育学校建设推进完善加强工作体系改革发展质量提升管理服务创新机制保障落实深化优化健全规范强化"
    "统筹协调监督考核评价培训队伍师资课程教材德育体育美育劳动安全健康心理家庭社区网络信息智慧平台"
    "资源均衡普惠公平农村城市职业高等基础学前特殊民族语言科学技术人才招生考试就业创业资助"
)


def _words(seed: int, size: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(POOL) for _ in range(size))


def _plan(year: int, reworded: bool) -> tuple[Plan, list[str]]:
    """A plan of 4 goals x 20 tasks, and the origin (0..79) of each task in document order."""
    goals, origins = [], []
    for g in range(4):
        tasks = []
        for t in range(20):
            k = 20 * g + t
            title, body = _words(k, 10), [_words(1000 + 2 * k + m, 18) + "。" for m in range(2)]
            if reworded:
                title = title[:4] + "全面" + title[4:]
                body = [text[:-1] + "等工作。" for text in body]
            tasks.append((k, title, body))
        if reworded:
            tasks.reverse()
        origins += [str(k) for k, _, _ in tasks]
        goals.append(
            Goal(
                number=g + 1,
                title=_words(100 + g, 8),
                tasks=tuple(
                    Task(number=n + 1, title=title, measures=tuple(Measure(text=text) for text in body))
                    for n, (_, title, body) in enumerate(tasks)
                ),
            )
        )
    return Plan(title=f"{year}年工作要点", year=year, goals=tuple(goals)), origins


def test_eighty_reworded_reordered_tasks_each_find_their_counterpart() -> None:
    (old, old_origin), (new, new_origin) = _plan(2020, False), _plan(2021, True)
    matched = align_plans(old, new, 0.5)
    assert [(i, j) for i, j, _ in matched.goals] == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert len(matched.tasks) == 80
    assert all(old_origin[i] == new_origin[j] for i, j, _ in matched.tasks)
    for i, j, _ in matched.tasks:  # both reworded measures of each task are paired too
        assert [(a, b) for a, b, _ in matched.measures[(i, j)]] == [(0, 0), (1, 1)]
