"""Pictures of plans and diffs, drawn with matplotlib (the ``viz`` extra).

```python
from workplan import viz

figure = viz.plan_map(plan)            # goals -> tasks -> lead owners
viz.save(figure, "map.svg")            # .svg or .png, written atomically
viz.owner_workload(plan)               # tasks and measures per owner, by role
viz.target_changes(wp.diff(old, new))  # how each changed target moved
```

Each function returns a `matplotlib.figure.Figure` (a notebook shows it as it
is) and leaves pyplot's global state alone.

Chinese text needs a CJK font. `cjk_font` looks for one that matplotlib knows
or that the system has installed (Noto Sans CJK, Source Han Sans, WenQuanYi,
SimHei, Microsoft YaHei, PingFang); on Debian and Ubuntu, ``apt-get install
fonts-noto-cjk`` provides one. Without a CJK font the pictures fall back to
ids (``g2``, ``t7``, ``o4``) instead of Chinese labels, so that they stay
readable and no glyph is drawn as an empty box.
"""

from __future__ import annotations

import io
import os
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import ArgumentError, MissingExtraError
from ._views._labels import check_lang, enum_label
from ._views._labels import label as _label
from .model import OwnerRef, OwnerRole, Plan, path_to_goal, walk_tasks

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .compare import PlanDiff

__all__ = ["MAX_MAP_TASKS", "cjk_font", "owner_workload", "plan_map", "save", "target_changes", "to_svg"]

_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Noto Sans CJK KR",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Serif CJK SC",
)
_GOAL_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
_ROLE_COLOURS = {"lead": "#1f4e79", "support": "#6fa8dc", "partner": "#f6b26b", "oversight": "#b4a7d6"}
MAX_MAP_TASKS = 200
"""The most tasks `plan_map` draws in one picture."""

_found_font: list[str | None] = []  # the cached answer of cjk_font(), once asked


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise MissingExtraError("matplotlib", "viz") from None
    return matplotlib


def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None when there is none.

    Looks at the fonts matplotlib knows first, then at the system's font
    folders (matplotlib's font cache may predate a newly installed font).
    """
    if _found_font:
        return _found_font[0]
    _matplotlib()
    from matplotlib import font_manager

    def known() -> str | None:
        names = {entry.name for entry in font_manager.fontManager.ttflist}
        return next((family for family in _CJK_FAMILIES if family in names), None)

    family = known()
    if family is None:
        for path in font_manager.findSystemFonts():
            lowered = os.path.basename(path).lower()
            if any(mark in lowered for mark in ("cjk", "sourcehan", "wqy", "simhei", "msyh", "pingfang")):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # an unreadable font file: skip it
                    continue
        family = known()
    _found_font.append(family)
    return family


@contextmanager
def _style() -> Iterator[bool]:
    """Matplotlib settings for workplan's pictures; yields whether Chinese labels can be drawn."""
    matplotlib = _matplotlib()
    family = cjk_font()
    settings: dict[str, Any] = {
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "path",  # text as outlines: the SVG shows the same everywhere
        "svg.hashsalt": "workplan",  # stable ids, so that regenerated pictures diff cleanly
    }
    if family is not None:
        # Named families (not "sans-serif"): texts keep them when drawn outside this context too.
        settings["font.family"] = [family, "DejaVu Sans"]
    with matplotlib.rc_context(settings):
        yield family is not None


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _short(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder="…") if len(text) > width else text


def _clip(text: str, width: int) -> str:
    """Cut ``text`` (CJK, no spaces to break at) to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _lead_owners(task: Any) -> list[str]:
    """Ids of a task's lead owners, its own first, then those its measures name."""
    leads: dict[str, None] = {}
    for ref in (*task.owners, *(r for measure in task.measures for r in measure.owners)):
        if isinstance(ref, OwnerRef) and ref.role is OwnerRole.LEAD:
            leads.setdefault(ref.owner, None)
    return list(leads)


def plan_map(
    plan: Plan, *, goals: Iterable[int] | None = None, title: str | None = None, lang: str = "zh"
) -> Figure:
    """A map of the plan: goals on the left, their tasks, and the owners who lead them on the right.

    Args:
        plan: The plan to draw.
        goals: The numbers of the goals to draw; all of them when None.
        title: A title above the map; the plan's title when None.
        lang: The language of the labels, ``zh`` (the default) or ``en``.

    Returns:
        The figure; its height grows with the number of tasks.

    Raises:
        ArgumentError: More than `MAX_MAP_TASKS` tasks would be drawn; pick some goals.
    """
    check_lang(lang)
    wanted = None if goals is None else set(goals)
    shown = [goal for goal in plan.goals if wanted is None or goal.number in wanted]
    tasks = [(goal, task) for goal in shown for task in goal.tasks]
    if len(tasks) > MAX_MAP_TASKS:
        raise ArgumentError(
            f"the map would have {len(tasks)} tasks, more than {MAX_MAP_TASKS} can be read; "
            "draw some goals at a time with plan_map(plan, goals=[1, 2])"
        )
    names = {owner.id: owner.name for owner in plan.owners}
    leads = [_lead_owners(task) for _, task in tasks]
    owner_ids: list[str] = []
    for task_leads in leads:
        for owner_id in task_leads:
            if owner_id not in owner_ids:
                owner_ids.append(owner_id)
    rows = max(len(tasks), len(owner_ids), len(shown), 1)
    with _style() as chinese:
        figure = _figure(13, max(3.0, 0.26 * rows + 1.2))
        axes = figure.add_subplot()
        axes.set_xlim(0, 1)
        axes.set_ylim(rows, -1)
        axes.axis("off")

        def spread(count: int) -> list[float]:
            if count <= 1:
                return [(rows - 1) / 2] * count
            step = (rows - 1) / (count - 1)
            return [index * step for index in range(count)]

        task_y = spread(len(tasks))
        goal_y: list[float] = []
        first = 0
        for goal in shown:
            own = task_y[first : first + len(goal.tasks)]
            first += len(goal.tasks)
            goal_y.append(sum(own) / len(own) if own else 0.0)
        if not tasks:
            goal_y = spread(len(shown))
        owner_y = dict(zip(owner_ids, spread(len(owner_ids)), strict=True))
        x_goal, x_task, x_owner = 0.26, 0.33, 0.76
        row = 0
        for index, goal in enumerate(shown):
            colour = _GOAL_COLOURS[index % len(_GOAL_COLOURS)]
            label = f"{goal.number}. {_clip(goal.title, 18)}" if chinese else path_to_goal(goal.number)
            axes.text(
                x_goal - 0.01,
                goal_y[index],
                label,
                ha="right",
                va="center",
                fontsize=9,
                fontweight="bold",
                color=colour,
            )
            for task in goal.tasks:
                y = task_y[row]
                axes.plot([x_goal, x_task], [goal_y[index], y], color=colour, alpha=0.45, lw=0.9)
                label = f"{task.number}. {_clip(task.title, 20)}" if chinese else f"t{task.number}"
                axes.text(x_task + 0.005, y, label, ha="left", va="center", fontsize=8)
                for owner_id in leads[row]:
                    axes.plot(
                        [x_task + 0.22, x_owner], [y, owner_y[owner_id]], color=colour, alpha=0.35, lw=0.8
                    )
                row += 1
        work = Counter(owner_id for task_leads in leads for owner_id in task_leads)
        for owner_id in owner_ids:
            name = names.get(owner_id, owner_id)
            label = f"{_clip(name, 14)} ({work[owner_id]})" if chinese else f"{owner_id} ({work[owner_id]})"
            axes.text(x_owner + 0.005, owner_y[owner_id], label, ha="left", va="center", fontsize=8)
        words = lang if chinese else "en"  # no CJK font: English labels, never empty boxes
        axes.text(x_goal - 0.01, -0.9, _label("map_goals", words), ha="right", fontsize=9, color="#555")
        axes.text(x_task + 0.005, -0.9, _label("map_tasks", words), ha="left", fontsize=9, color="#555")
        axes.text(x_owner + 0.005, -0.9, _label("map_leads", words), ha="left", fontsize=9, color="#555")
        heading = title if title is not None else (plan.title if chinese else _label("plan_map_title", "en"))
        figure.suptitle(heading, fontsize=12)
    return figure


def owner_workload(plan: Plan, *, top: int = 20, lang: str = "zh") -> Figure:
    """A bar chart of how many tasks and measures each owner works on, split by role.

    Args:
        plan: The plan.
        top: How many owners to show, the busiest first.
        lang: The language of the labels, ``zh`` (the default) or ``en``.
    """
    check_lang(lang)
    from matplotlib.ticker import MaxNLocator

    work: Counter[tuple[str, OwnerRole]] = Counter()
    for _, _, task in walk_tasks(plan):
        for ref in (*task.owners, *(r for measure in task.measures for r in measure.owners)):
            work[ref.owner, ref.role] += 1
    totals = Counter[str]()
    for (owner_id, _), count in work.items():
        totals[owner_id] += count
    busiest = [owner_id for owner_id, _ in totals.most_common(top)][::-1]
    names = {owner.id: owner.name for owner in plan.owners}
    with _style() as chinese:
        figure = _figure(8, max(2.5, 0.32 * len(busiest) + 1.2))
        axes = figure.add_subplot()
        words = lang if chinese else "en"
        labels = [_clip(names.get(o, o), 16) if chinese else o for o in busiest]
        left = [0] * len(busiest)
        for role in OwnerRole:
            counts = [work[owner_id, role] for owner_id in busiest]
            if any(counts):
                axes.barh(
                    labels,
                    counts,
                    left=left,
                    color=_ROLE_COLOURS[role.value],
                    label=enum_label(role, words),
                )
                left = [a + b for a, b in zip(left, counts, strict=True)]
        axes.set_xlabel(_label("workload_axis", words))
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        if busiest:
            axes.legend(loc="lower right", frameon=False)
        else:
            axes.text(
                0.5, 0.5, _label("no_owners_named", words), ha="center", va="center", transform=axes.transAxes
            )
        heading = _label("workload_title", words)
        axes.set_title(heading + (f": {_short(plan.title, 40)}" if chinese else ""), fontsize=11)
    return figure


def target_changes(delta: PlanDiff, *, top: int = 30, lang: str = "zh") -> Figure:
    """How each changed target moved between two plans, as a percentage of its old value.

    Raised targets are green and lowered ones red; each bar is labelled with
    the old and new values. Targets whose old value is zero are labelled but
    get no bar.

    Args:
        delta: A diff, from `workplan.diff()`.
        top: How many changes to show, the largest moves first.
        lang: The language of the labels, ``zh`` (the default) or ``en``.
    """
    check_lang(lang)
    rows: list[tuple[str, Decimal, Decimal, float | None, str, str]] = []
    for change in delta.changes:
        if change.kind.value != "target_changed":
            continue
        old, new = _target_value(delta.old, change.old_path), _target_value(delta.new, change.new_path)
        if old is None or new is None or old == new:
            continue
        percent = float((new - old) / abs(old) * 100) if old != 0 else None
        unit = _target_unit(delta.new, change.new_path)
        rows.append((change.subject or "", old, new, percent, change.new_path or change.old_path or "", unit))
    rows.sort(key=lambda row: -abs(row[3]) if row[3] is not None else 0.0)
    rows = rows[:top][::-1]
    with _style() as chinese:
        words = lang if chinese else "en"
        figure = _figure(8, max(2.5, 0.34 * len(rows) + 1.3))
        axes = figure.add_subplot()
        labels = [
            f"{_clip(subject, 14)}  {path}" if chinese and subject else path for subject, *_, path, _ in rows
        ]
        values = [row[3] or 0.0 for row in rows]
        colours = ["#2e7d32" if value >= 0 else "#c62828" for value in values]
        axes.barh(range(len(rows)), values, color=colours)
        axes.set_yticks(range(len(rows)), labels)
        axes.axvline(0, color="#555", lw=0.8)
        for index, (_, old, new, _, _, unit) in enumerate(rows):
            shown_unit = unit if chinese or unit.isascii() else ""
            axes.annotate(
                f"{old:g} → {new:g}{shown_unit}",
                (values[index], index),
                xytext=(4 if values[index] >= 0 else -4, 0),
                textcoords="offset points",
                ha="left" if values[index] >= 0 else "right",
                va="center",
                fontsize=8,
            )
        if rows:
            low, high = min(0.0, *values), max(0.0, *values)
            pad = (high - low) * 0.25 or 10.0
            axes.set_xlim(low - (pad if low < 0 else 0), high + pad)
        else:
            axes.text(
                0.5,
                0.5,
                _label("no_target_changes", words),
                ha="center",
                va="center",
                transform=axes.transAxes,
            )
            axes.set_yticks([])
        axes.set_xlabel(_label("changes_axis", words))
        axes.set_title(f"{_label('changes_title', words)} ({len(rows)})", fontsize=11)
    return figure


def _target_value(plan: Plan, path: str | None) -> Decimal | None:
    from .model import Target

    if path is None or path not in plan:
        return None
    node = plan.get(path)
    return node.value if isinstance(node, Target) else None


def _target_unit(plan: Plan, path: str | None) -> str:
    from .model import Target

    node = plan.get(path) if path is not None and path in plan else None
    return node.unit if isinstance(node, Target) else ""


def to_svg(figure: Figure) -> str:
    """The figure as SVG markup, text drawn as outlines, ready to inline in HTML."""
    buffer = io.StringIO()
    with _style():
        figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def save(figure: Figure, path: str | os.PathLike[str], *, dpi: int = 144) -> None:
    """Write the figure to ``path`` as PNG or SVG (by suffix), atomically."""
    from .io import atomic_path

    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in ("png", "svg"):
        raise ArgumentError(f"cannot save a picture as {target.name!r}: use .png or .svg")
    with _style(), atomic_path(target) as temporary:
        figure.savefig(temporary, format=suffix, dpi=dpi)
