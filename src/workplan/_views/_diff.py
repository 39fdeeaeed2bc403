"""Renderers for a `PlanDiff`: a terminal summary, Markdown, a self-contained HTML page and JSON.

Every label a person reads comes from the catalogue (`workplan._views._labels`):
Chinese by default (新增, 指标变化, 新旧对照表), English with ``lang="en"``. The JSON
document is a wire format and is the same in both languages. The JSON layout is
documented in ``docs/diff-format.md`` and versioned by ``DIFF_SCHEMA_VERSION``;
fields are only ever added within a version.
"""

from __future__ import annotations

import difflib
import html
import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..compare import DIFF_SCHEMA_VERSION
from ..model import DocumentRelation, OwnerRole, Plan, path_to_goal, path_to_task
from ._labels import check_lang, enum_label, label

if TYPE_CHECKING:
    from ..compare import Change, PlanDiff

__all__ = ["FORMATS", "render"]

_SHORT = 48


def render(delta: PlanDiff, format: str = "text", lang: str = "zh") -> str:
    """Render a diff as ``text``, ``md``, ``html`` or ``json``, with labels in ``lang`` (``zh`` or ``en``)."""
    try:
        renderer = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown diff format {format!r}; choose from {', '.join(FORMATS)}") from None
    return renderer(delta, check_lang(lang))


def _plan_label(plan: Plan, lang: str = "zh") -> str:
    return plan.title or label("untitled_plan", lang)


def _short(value: Any, width: int = _SHORT, lang: str = "zh") -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        value = label("list_sep", lang).join(str(item) for item in value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - used)


def kind_label(kind: str, lang: str = "zh") -> str:
    """The display name of a change kind given as its wire string (新增 for ``added``)."""
    from ..compare import ChangeKind

    try:
        return enum_label(ChangeKind(kind), lang)
    except ValueError:  # a kind this version does not know: its wire string
        return kind


def roles_label(values: Any, lang: str = "zh") -> str:
    """Owner roles or document relations (wire strings) by their display names: 牵头、配合."""
    if not isinstance(values, list | tuple):
        return _short(values, lang=lang)
    names = []
    for value in values:
        for enum_type in (OwnerRole, DocumentRelation):
            try:
                names.append(enum_label(enum_type(value), lang))
                break
            except ValueError:
                continue
        else:
            names.append(str(value))
    return _short(names, lang=lang)


def describe(change: Change, width: int = _SHORT, lang: str = "zh") -> str:
    """One line in words: what changed, without the paths."""
    kind = change.kind.value
    if kind in ("added", "target_added"):
        return _short(change.new, width, lang)
    if kind in ("removed", "target_removed"):
        return _short(change.old, width, lang)
    if kind == "target_changed":
        detail = f"{_short(change.old, width, lang)} → {_short(change.new, width, lang)}"
        if change.direction:
            sign = "+" if change.direction == "raised" else ""
            detail += f" ({label(change.direction, lang)} {sign}{change.delta})"
        return detail
    if kind in ("owner_added", "owner_removed", "owner_role_changed"):
        roles = (
            f"{roles_label(change.old, lang)} → {roles_label(change.new, lang)}"
            if kind == "owner_role_changed"
            else roles_label(change.new if kind == "owner_added" else change.old, lang)
        )
        return f"{change.subject} ({roles})"
    if kind == "period_changed":
        return f"《{change.subject}》 {change.old} → {change.new}"
    if kind in ("document_added", "document_removed", "document_relation_changed"):
        relations = (
            f"{roles_label(change.old, lang)} → {roles_label(change.new, lang)}"
            if kind.endswith("changed")
            else roles_label(change.new if kind == "document_added" else change.old, lang)
        )
        return f"《{change.subject}》 ({relations})"
    if kind == "reworded" and isinstance(change.old, str) and isinstance(change.new, str):
        return inline_edit(change.old, change.new, width)
    return f"{_short(change.old, width, lang)} → {_short(change.new, width, lang)}"


def inline_edit(old: str, new: str, width: int = _SHORT) -> str:
    """The edit from ``old`` to ``new`` in one line, wdiff style: ``…规划[-编制-]{+实施+}工作…``.

    Keeps a little context around the edits and elides the rest, so a one-word
    change in a long measure stays visible.
    """
    old, new = " ".join(old.split()), " ".join(new.split())
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    opcodes = matcher.get_opcodes()
    context = 6
    parts: list[str] = []
    for index, (tag, a1, a2, b1, b2) in enumerate(opcodes):
        if tag == "equal":
            same = old[a1:a2]
            first, last = index == 0, index == len(opcodes) - 1
            if (
                len(same) > 2 * context + 1
                or (first and len(same) > context)
                or (last and len(same) > context)
            ):
                head = "" if first else same[:context]
                tail = "" if last else same[-context:]
                same = f"{head}…{tail}"
            parts.append(same)
            continue
        if a2 > a1:
            parts.append(f"[-{old[a1:a2]}-]")
        if b2 > b1:
            parts.append(f"{{+{new[b1:b2]}+}}")
    text = "".join(parts)
    return text if len(text) <= 2 * width else text[: 2 * width - 1] + "…"


def _where(change: Change) -> str:
    if change.old_path and change.new_path:
        return (
            change.old_path
            if change.old_path == change.new_path
            else f"{change.old_path} → {change.new_path}"
        )
    return change.old_path or change.new_path or ""


# -- text --------------------------------------------------------------------------------


def renumber_runs(changes: list[Change], lang: str = "zh") -> list[str]:
    """Renumbered tasks as runs: consecutive old numbers shifted alike make one line (``t9–t25 +1``)."""
    shifts = sorted(
        (int(change.old), int(change.new) - int(change.old))
        for change in changes
        if isinstance(change.old, int) and isinstance(change.new, int)
    )
    runs: list[list[int]] = []  # [first, last, shift]
    for number, shift in shifts:
        if runs and runs[-1][1] + 1 == number and runs[-1][2] == shift:
            runs[-1][1] = number
        else:
            runs.append([number, number, shift])
    return [
        label(
            "renumbered_run",
            lang,
            span=f"t{first}–t{last}" if last > first else f"t{first}",
            shift=f"{shift:+d}",
        )
        for first, last, shift in runs
    ]


def _goal_title(plan: Plan, path: str | None) -> str:
    if not path:
        return ""
    node = plan.get(path) if path in plan else None
    return getattr(node, "title", "") or ""


def describe_move(delta: PlanDiff, change: Change, width: int = _SHORT) -> str:
    """A moved task in words: its title, and the goal it left and the goal it joined."""
    task = _goal_title(delta.new, change.new_path)
    before = f"{change.old} {_short(_goal_title(delta.old, change.old), 20)}"
    after = f"{change.new} {_short(_goal_title(delta.new, change.new), 20)}"
    return f"{_short(task, width)}: {before} → {after}"


def _counts_line(delta: PlanDiff, lang: str) -> str:
    return label("counts_sep", lang).join(
        label("kind_count", lang, kind=kind_label(kind, lang), n=count)
        for kind, count in delta.counts().items()
    )


def _text(delta: PlanDiff, lang: str = "zh") -> str:
    lines = [f"{_plan_label(delta.old, lang)} → {_plan_label(delta.new, lang)}"]
    if not delta:
        lines.append(label("no_changes", lang))
        return "\n".join(lines) + "\n"
    lines.append(_counts_line(delta, lang))
    lines.append("")
    renumbered: list[Change] = []
    for change in delta:
        if change.kind.value == "renumbered" and change.level == "task":
            renumbered.append(change)  # shown as runs: renumbering says nothing about content
            continue
        marker = {"raised": "↑", "lowered": "↓"}.get(change.direction or "", " ")
        what = describe_move(delta, change) if change.kind.value == "moved" else describe(change, lang=lang)
        kind = kind_label(change.kind.value, lang)
        lines.append(f"{marker} {_pad(kind, 26 if lang == 'en' else 12)} {_where(change):<26} {what}")
    for run in renumber_runs(renumbered, lang):
        lines.append(f"  {run}")
    return "\n".join(lines) + "\n"


def side_by_side(delta: PlanDiff) -> list[tuple[str, str, str, str, str]]:
    """新旧对照表 rows: (level, old path, old title, new path, new title), in the new plan's order.

    Aligned goals and tasks share a row; an item only one plan has stands on its side alone:
    new-only items where they stand, old-only tasks after the tasks of the goal their old
    goal became, old-only goals (with their tasks) at the end.
    """
    old, new = delta.old, delta.new
    partner = {match.new_path: match.old_path for match in delta.matches if match.level in ("goal", "task")}
    aligned_old = set(partner.values())
    goal_partner = {match.old_path: match.new_path for match in delta.matches if match.level == "goal"}
    old_tasks_by_new_goal: dict[str, list[tuple[str, str]]] = defaultdict(list)
    orphan_goals: list[tuple[str, str, list[tuple[str, str]]]] = []
    for goal in old.goals:
        goal_path = path_to_goal(goal.number)
        loose = [
            (task_path, task.title)
            for task_path, task in ((path_to_task(goal_path, task.number), task) for task in goal.tasks)
            if task_path not in aligned_old
        ]
        if goal_path in goal_partner:
            old_tasks_by_new_goal[goal_partner[goal_path]].extend(loose)
        else:
            orphan_goals.append((goal_path, goal.title, loose))
    rows: list[tuple[str, str, str, str, str]] = []
    for goal in new.goals:
        goal_path = path_to_goal(goal.number)
        old_goal = partner.get(goal_path)
        rows.append(("goal", old_goal or "", _goal_title(old, old_goal), goal_path, goal.title))
        for task in goal.tasks:
            path = path_to_task(goal_path, task.number)
            old_task = partner.get(path)
            rows.append(("task", old_task or "", _goal_title(old, old_task), path, task.title))
        rows += [("task", path, title, "", "") for path, title in old_tasks_by_new_goal.get(goal_path, [])]
    for goal_path, title, loose in orphan_goals:
        rows.append(("goal", goal_path, title, "", ""))
        rows += [("task", path, task_title, "", "") for path, task_title in loose]
    return rows


# -- markdown ----------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(delta: PlanDiff, lang: str = "zh") -> str:
    lines = [f"# {_cell(_plan_label(delta.old, lang))} → {_cell(_plan_label(delta.new, lang))}", ""]
    if not delta:
        return "\n".join([*lines, label("no_changes", lang), ""])
    lines += [f"| {label('change_kind', lang)} | {label('change_count', lang)} |", "|---|---:|"]
    lines += [f"| {kind_label(kind, lang)} | {count} |" for kind, count in delta.counts().items()]
    groups: dict[str, list[Change]] = defaultdict(list)
    for change in delta:
        groups[change.kind.value].append(change)
    for kind, changes in groups.items():
        lines += ["", f"## {kind_label(kind, lang)} ({len(changes)})", ""]
        if kind == "renumbered":
            tasks = [change for change in changes if change.level == "task"]
            lines += [f"- {run}" for run in renumber_runs(tasks, lang)]
            changes = [change for change in changes if change.level != "task"]
            if not changes:
                continue
            lines.append("")
        lines += [f"| {label('old', lang)} | {label('new', lang)} | {label('what', lang)} |", "|---|---|---|"]
        for change in changes:
            what = describe_move(delta, change, 80) if kind == "moved" else describe(change, 80, lang)
            lines.append(f"| {change.old_path or ''} | {change.new_path or ''} | {_cell(what)} |")
    lines += [
        "",
        f"## {label('side_by_side', lang)}",
        "",
        f"| {label('side_old', lang)} | | {label('side_new', lang)} | |",
        "|---|---|---|---|",
    ]
    for level, old_path, old_title, new_path, new_title in side_by_side(delta):
        strong = "**" if level == "goal" else ""
        old_cell = f"{strong}{_cell(old_title)}{strong}" if old_title else ""
        new_cell = f"{strong}{_cell(new_title)}{strong}" if new_title else ""
        lines.append(f"| {old_path} | {old_cell} | {new_path} | {new_cell} |")
    return "\n".join(lines) + "\n"


# -- json --------------------------------------------------------------------------------


def _plan_summary(plan: Plan) -> dict[str, Any]:
    return {"title": plan.title, "issuer": plan.issuer, "year": plan.year}


def to_json_document(delta: PlanDiff) -> dict[str, Any]:
    """The diff as the JSON-ready dict described in ``docs/diff-format.md``."""
    return {
        "schema": "workplan.diff",
        "schema_version": DIFF_SCHEMA_VERSION,
        "old": _plan_summary(delta.old),
        "new": _plan_summary(delta.new),
        "threshold": delta.threshold,
        "counts": delta.counts(),
        "changes": delta.to_records(),
        "matches": delta.matches.to_records(),
    }


def _json(delta: PlanDiff, lang: str = "zh") -> str:  # a wire format: the same in every language
    return json.dumps(to_json_document(delta), ensure_ascii=False, indent=2) + "\n"


# -- html --------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2rem;color:#222;max-width:80rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0}table.counts{width:auto}
td,th{border:1px solid #ddd;padding:.3rem .5rem;
vertical-align:top;text-align:left}th{background:#f5f5f5}.counts td:last-child{text-align:right}
del{background:#ffd7d5;text-decoration:line-through}ins{background:#ccf0d4;text-decoration:none}
.raised{color:#0a6b2d;font-weight:600}.lowered{color:#b3261e;font-weight:600}
.path{font-family:ui-monospace,monospace;font-size:.85em;color:#555;white-space:nowrap}
.side td{width:50%}.kind{font-family:ui-monospace,monospace;font-size:.85em}
summary{cursor:pointer;color:#555;margin:.5rem 0}
"""


def highlight(old: str, new: str) -> tuple[str, str]:
    """Two HTML fragments with the character-level edits marked: ``<del>`` in old, ``<ins>`` in new."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left: list[str] = []
    right: list[str] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        before, after = html.escape(old[a1:a2]), html.escape(new[b1:b2])
        if tag == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(f"<del>{before}</del>")
        if after:
            right.append(f"<ins>{after}</ins>")
    return "".join(left), "".join(right)


def inline_html(old: str, new: str, context: int = 12) -> str:
    """One HTML fragment with the edit from ``old`` to ``new`` inline: ``<del>`` then ``<ins>``.

    Long unchanged stretches are cut to ``context`` characters on each side of an edit.
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts: list[str] = []
    for index, (tag, a1, a2, b1, b2) in enumerate(opcodes):
        if tag == "equal":
            same = old[a1:a2]
            first, last = index == 0, index == len(opcodes) - 1
            if len(same) > 2 * context + 1 or ((first or last) and len(same) > context):
                same = f"{'' if first else same[:context]}…{'' if last else same[-context:]}"
            parts.append(html.escape(same))
            continue
        if a2 > a1:
            parts.append(f"<del>{html.escape(old[a1:a2])}</del>")
        if b2 > b1:
            parts.append(f"<ins>{html.escape(new[b1:b2])}</ins>")
    return "".join(parts)


def _what_html(change: Change, lang: str = "zh") -> str:
    if change.kind.value == "reworded" and isinstance(change.old, str) and isinstance(change.new, str):
        return inline_html(change.old, change.new)
    return html.escape(describe(change, 120, lang))


def _task_text(plan: Plan, path: str) -> str:
    from ..model import Task

    task = plan.get(path)
    assert isinstance(task, Task)
    lines = [task.title]  # the number is in the heading: renumbering is not an edit of the text
    lines += [f"({index}) {measure.text}" for index, measure in enumerate(task.measures, 1)]
    return "\n".join(lines)


def _task_of(path: str | None) -> str | None:
    if path is None or "/t" not in path:
        return None
    return "/".join(path.split("/")[:2])


def _html(delta: PlanDiff, lang: str = "zh") -> str:
    esc = html.escape
    title = f"{_plan_label(delta.old, lang)} → {_plan_label(delta.new, lang)}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
    ]
    if not delta:
        parts.append(f"<p>{esc(label('no_changes', lang))}</p></body></html>")
        return "\n".join(parts) + "\n"
    parts.append(
        f'<table class="counts"><tr><th>{esc(label("change_kind", lang))}</th>'
        f"<th>{esc(label('change_count', lang))}</th></tr>"
    )
    parts += [
        f'<tr><td title="{esc(kind)}">{esc(kind_label(kind, lang))}</td><td>{count}</td></tr>'
        for kind, count in delta.counts().items()
    ]
    parts.append("</table>")

    def row(change: Change) -> str:
        css = f' class="{change.direction}"' if change.direction else ""
        return (
            f'<tr><td class="kind" title="{esc(change.kind.value)}">'
            f"{esc(kind_label(change.kind.value, lang))}</td>"
            f'<td class="path">{esc(change.old_path or "")}</td>'
            f'<td class="path">{esc(change.new_path or "")}</td>'
            f"<td{css}>{_what_html(change, lang)}</td></tr>"
        )

    head = "<tr>" + "".join(
        f"<th>{esc(label(key, lang))}</th>" for key in ("change_kind", "old", "new", "what")
    )
    head += "</tr>"
    content = [change for change in delta if change.kind.value != "renumbered"]
    renumbered = [change for change in delta if change.kind.value == "renumbered"]
    parts.append(f"<h2>{esc(label('changes_heading', lang))}</h2>")
    if content:
        parts.append(f"<table>{head}{''.join(row(change) for change in content)}</table>")
    if renumbered:
        parts.append(
            f"<details><summary>{esc(label('renumbered_only', lang, n=len(renumbered)))}</summary>"
            f"<table>{head}{''.join(row(change) for change in renumbered)}</table></details>"
        )

    parts.append(f"<h2>{esc(label('side_by_side', lang))}</h2>")
    parts.append(
        f'<table class="side"><tr><th>{esc(label("side_old", lang))}</th>'
        f"<th>{esc(label('side_new', lang))}</th></tr>"
    )
    for level, old_path, old_title, new_path, new_title in side_by_side(delta):
        tag = "strong" if level == "goal" else "span"
        cells = [
            f'<span class="path">{esc(path)}</span> <{tag}>{esc(title)}</{tag}>' if path else ""
            for path, title in ((old_path, old_title), (new_path, new_title))
        ]
        parts.append(f"<tr><td>{cells[0]}</td><td>{cells[1]}</td></tr>")
    parts.append("</table>")

    # Side by side: every matched task with a change inside it, whole text, edits highlighted.
    pairs: dict[tuple[str, str], list[Change]] = {}
    for change in delta:
        old_task, new_task = _task_of(change.old_path), _task_of(change.new_path)
        if old_task and new_task and change.kind.value not in ("renumbered", "split", "merged"):
            pairs.setdefault((old_task, new_task), []).append(change)
    if pairs:
        parts.append(f"<h2>{esc(label('changed_tasks', lang))}</h2>")
    for (old_task, new_task), changes in pairs.items():
        left, right = highlight(_task_text(delta.old, old_task), _task_text(delta.new, new_task))
        notes = "".join(
            f'<li><span class="kind" title="{esc(change.kind.value)}">'
            f"{esc(kind_label(change.kind.value, lang))}</span> "
            f"<span{f' class={chr(34)}{change.direction}{chr(34)}' if change.direction else ''}>"
            f"{_what_html(change, lang)}</span></li>"
            for change in changes
        )
        heading = old_task if old_task == new_task else f"{old_task} → {new_task}"
        parts.append(
            f'<h3 class="path">{esc(heading)}</h3><table class="side">'
            f"<tr><th>{esc(label('side_old', lang))}</th><th>{esc(label('side_new', lang))}</th></tr>"
            f"<tr><td>{left.replace(chr(10), '<br>')}</td><td>{right.replace(chr(10), '<br>')}</td></tr>"
            f"</table><ul>{notes}</ul>"
        )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


FORMATS: dict[str, Callable[[PlanDiff, str], str]] = {
    "text": _text,
    "md": _markdown,
    "html": _html,
    "json": _json,
}
"""Renderers by format name."""
