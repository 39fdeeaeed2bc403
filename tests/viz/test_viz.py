"""Pictures: the plan map, owner workload and target changes, with and without a CJK font."""

from __future__ import annotations

import io
import sys
import warnings
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import workplan as wp

pytest.importorskip("matplotlib")

from workplan import viz


@pytest.fixture(scope="module")
def plan() -> wp.Plan:
    return wp.datasets.load("changchun-edu-2020")


@pytest.fixture(scope="module")
def delta(plan: wp.Plan) -> object:
    """A diff in which the first two targets changed value."""
    changed = 0

    def bump(measure: wp.Measure) -> wp.Measure:
        nonlocal changed
        targets = []
        for target in measure.targets:
            if changed < 2:
                changed += 1
                target = attrs.evolve(target, value=target.value * 2 if changed == 1 else target.value / 2)
            targets.append(target)
        return attrs.evolve(measure, targets=tuple(targets))

    goals = tuple(
        attrs.evolve(
            goal,
            tasks=tuple(attrs.evolve(task, measures=tuple(map(bump, task.measures))) for task in goal.tasks),
        )
        for goal in plan.goals
    )
    return wp.diff(plan, attrs.evolve(plan, goals=goals))  # type: ignore[attr-defined]


def texts(figure: object) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]  # type: ignore[attr-defined]


def render(figure: object, format: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=format)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_plan_map_shows_goals_tasks_and_lead_owners(plan: wp.Plan) -> None:
    figure = viz.plan_map(plan)
    shown = " ".join(texts(figure))
    if viz.cjk_font() is not None:
        assert plan.goals[0].title[:10] in shown
        assert "长春职业技术学院" in shown
    else:
        assert "g1" in shown
    assert render(figure, "png").startswith(b"\x89PNG")


@pytest.mark.skipif(viz.cjk_font() is None, reason="no CJK font installed (apt-get install fonts-noto-cjk)")
def test_no_missing_glyphs_with_a_cjk_font(plan: wp.Plan, delta: object) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for figure in (viz.plan_map(plan), viz.owner_workload(plan), viz.target_changes(delta)):  # type: ignore[arg-type]
            render(figure, "png")
            render(figure, "svg")
    assert [str(w.message) for w in caught if "Glyph" in str(w.message)] == []
    assert [str(w.message) for w in caught] == []


def test_fallback_without_a_cjk_font_uses_ids(monkeypatch: pytest.MonkeyPatch, plan: wp.Plan) -> None:
    monkeypatch.setattr(viz, "_found_font", [None])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = viz.plan_map(plan)
        render(figure, "png")
        workload = viz.owner_workload(plan)
        render(workload, "png")
    shown = texts(figure) + texts(workload)
    assert "g1" in shown
    assert not any("\u4e00" <= ch <= "\u9fff" for text in shown for ch in text)


def test_owner_workload_counts_roles(plan: wp.Plan) -> None:
    figure = viz.owner_workload(plan, top=5, lang="en")
    axes = figure.axes[0]
    assert len(axes.get_yticklabels()) == 5
    assert {t.get_text() for t in axes.get_legend().get_texts()} <= {
        "lead",
        "support",
        "partner",
        "oversight",
    }
    assert axes.get_xlabel() == "tasks and measures"


@pytest.mark.skipif(viz.cjk_font() is None, reason="no CJK font installed (apt-get install fonts-noto-cjk)")
def test_pictures_speak_chinese_by_default(plan: wp.Plan, delta: object) -> None:
    workload = viz.owner_workload(plan, top=5).axes[0]
    assert {t.get_text() for t in workload.get_legend().get_texts()} <= {"牵头", "配合", "参与", "督导"}
    assert workload.get_xlabel() == "任务和措施数"
    assert "目标" in texts(viz.plan_map(plan, goals=[1]))
    assert viz.target_changes(delta).axes[0].get_title().startswith("指标变化")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown language"):
        viz.plan_map(plan, lang="fr")


def test_target_changes_bars(delta: object) -> None:
    figure = viz.target_changes(delta)  # type: ignore[arg-type]
    axes = figure.axes[0]
    widths = sorted(round(patch.get_width()) for patch in axes.patches)
    assert widths == [-50, 100]
    assert any("→" in text for text in texts(figure))


def test_target_changes_of_an_empty_diff(plan: wp.Plan) -> None:
    figure = viz.target_changes(wp.diff(plan, plan), lang="en")  # type: ignore[attr-defined]
    assert "no target values changed" in texts(figure)


def test_save_png_and_svg(tmp_path: Path, plan: wp.Plan) -> None:
    figure = viz.owner_workload(plan)
    viz.save(figure, tmp_path / "w.png")
    viz.save(figure, tmp_path / "w.svg")
    assert (tmp_path / "w.png").read_bytes().startswith(b"\x89PNG")
    assert "<svg" in (tmp_path / "w.svg").read_text(encoding="utf-8")
    assert viz.to_svg(figure).startswith("<svg")
    with pytest.raises(ValueError, match=r"png or \.svg"):
        viz.save(figure, tmp_path / "w.jpg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.png", "w.svg"]


def test_empty_plan_draws(tmp_path: Path) -> None:
    empty = wp.Plan(title="empty", goals=(wp.Goal(number=1, title="g"),))
    render(viz.plan_map(empty), "png")
    render(viz.owner_workload(empty), "png")


def test_missing_matplotlib(monkeypatch: pytest.MonkeyPatch, plan: wp.Plan) -> None:
    monkeypatch.setattr(viz, "_found_font", [])
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(wp.MissingExtraError, match=r"workplan\[viz\]"):
        viz.plan_map(plan)


def test_decimal_values_survive(plan: wp.Plan) -> None:
    assert isinstance(next(plan.nodes("target"))[1].value, Decimal)


def test_plan_map_of_some_goals(plan: wp.Plan) -> None:
    figure = viz.plan_map(plan, goals=[8], title="g8")
    shown = " ".join(texts(figure))
    assert "g8" in shown
    if viz.cjk_font() is not None:
        assert plan.goals[7].tasks[0].title[:6] in shown
        assert plan.goals[0].tasks[0].title[:6] not in shown


def test_plan_map_refuses_unreadable_sizes() -> None:
    from workplan.testing import synthetic_plan

    big = synthetic_plan(8 * (viz.MAX_MAP_TASKS + 1))
    with pytest.raises(ValueError, match="goals="):
        viz.plan_map(big)
