"""HTML views: notebook displays (``_repr_html_``) and the self-contained plan report page.

The notebook views are small on purpose: an outline with counts, the first
targets, findings grouped by severity. Long lists are cut with a line that
says how many rows are left out. Every text from a plan is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..model import Goal, OwnerRef, OwnerRole, Plan, Task

if TYPE_CHECKING:
    from ..checks import Report
    from ..compare import PlanDiff

__all__ = ["diff_html", "goal_html", "plan_html", "report_html", "report_page", "task_html"]

_ROWS = 12  # rows shown per table in a notebook before "… and N more"

_STYLE = """<style>
.wp-view{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",
"Microsoft YaHei",sans-serif;font-size:13px;line-height:1.45;max-width:980px}
.wp-view h3{margin:.2em 0 .3em;font-size:15px}
.wp-view .wp-meta{color:#555;margin-bottom:.4em}
.wp-view .wp-counts span{display:inline-block;margin:0 .4em .3em 0;padding:1px 7px;border-radius:9px;
background:#e8eef6;color:#1f4e79;font-size:12px}
.wp-view table{border-collapse:collapse;margin:.3em 0 .6em}
.wp-view th,.wp-view td{border:1px solid #d0d7de;padding:2px 6px;text-align:left;vertical-align:top}
.wp-view th{background:#f3f6f9}
.wp-view td.wp-num{text-align:right;font-variant-numeric:tabular-nums}
.wp-view code{font-size:12px;color:#57606a}
.wp-view .wp-more{color:#777;font-style:italic}
.wp-view .wp-error{color:#b42318}.wp-view .wp-warning{color:#9a6700}.wp-view .wp-info{color:#0969da}
.wp-view details{margin:.15em 0}.wp-view summary{cursor:pointer}
.wp-view ol,.wp-view ul{margin:.2em 0 .2em 1.2em;padding:0}
</style>"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _counts(pairs: Iterable[tuple[str, int]]) -> str:
    return (
        '<div class="wp-counts">' + "".join(f"<span>{n} {_e(label)}</span>" for label, n in pairs) + "</div>"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], limit: int | None, numeric: set[int]) -> str:
    """An HTML table of already-escaped cells; rows past ``limit`` are counted, not shown."""
    shown = rows if limit is None else rows[:limit]
    head = "".join(f"<th>{_e(name)}</th>" for name in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="wp-num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row)
        )
        + "</tr>"
        for row in shown
    )
    more = ""
    if len(rows) > len(shown):
        more = f'<div class="wp-more">… and {len(rows) - len(shown)} more</div>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _owner_names(refs: Iterable[OwnerRef], names: dict[str, str], lead: bool) -> str:
    return "、".join(
        _e(ref.text or names.get(ref.owner, ref.owner))
        for ref in refs
        if (ref.role is OwnerRole.LEAD) == lead
    )


def _task_and_measure_owners(task: Task) -> list[OwnerRef]:
    """A task's owners and those its measures name, each owner and role once."""
    seen: dict[tuple[str, OwnerRole], OwnerRef] = {}
    for ref in (*task.owners, *(r for measure in task.measures for r in measure.owners)):
        seen.setdefault((ref.owner, ref.role), ref)
    return list(seen.values())


def _meta(plan: Plan) -> str:
    facts = [plan.issuer, str(plan.year) if plan.year else None, plan.doc_number]
    if plan.issued:
        facts.append(f"issued {plan.issued.isoformat()}")
    return " · ".join(_e(fact) for fact in facts if fact)


def _target_rows(plan: Plan) -> list[list[str]]:
    return [
        [
            f"<code>{_e(path)}</code>",
            _e(target.metric),
            _e(target.value),
            _e(target.unit),
            _e(target.kind.value),
            _e(target.qualifier.value),
        ]
        for path, target in plan.nodes("target")
    ]


_TARGET_HEADER = ("path", "metric", "value", "unit", "kind", "qualifier")


# -- notebook views ------------------------------------------------------------


def plan_html(plan: Plan) -> str:
    """A plan for a notebook: title, facts, counts, goals with their tasks folded, the first targets."""
    counts = plan.counts()
    parts = [_STYLE, '<div class="wp-view">', f"<h3>{_e(plan.title)}</h3>"]
    meta = _meta(plan)
    if meta:
        parts.append(f'<div class="wp-meta">{meta}</div>')
    parts.append(_counts((f"{kind}s", n) for kind, n in counts.items()))
    for goal in plan.goals:
        measures = sum(len(task.measures) for task in goal.tasks)
        targets = sum(len(m.targets) for task in goal.tasks for m in task.measures)
        summary = (
            f"<code>g{goal.number}</code> {_e(goal.title)} "
            f'<span class="wp-more">({_plural(len(goal.tasks), "task")}, '
            f"{_plural(measures, 'measure')}, {_plural(targets, 'target')})</span>"
        )
        items = "".join(
            f"<li><code>t{task.number}</code> {_e(task.title)} "
            f'<span class="wp-more">({len(task.measures)})</span></li>'
            for task in goal.tasks
        )
        parts.append(f"<details><summary>{summary}</summary><ul>{items}</ul></details>")
    rows = _target_rows(plan)
    if rows:
        parts.append(f"<div><b>Targets</b> ({len(rows)})</div>")
        parts.append(_table(_TARGET_HEADER, rows, _ROWS, {2}))
    parts.append("</div>")
    return "".join(parts)


def goal_html(goal: Goal) -> str:
    """A goal for a notebook: its title, counts and a table of its tasks."""
    measures = sum(len(task.measures) for task in goal.tasks)
    targets = sum(len(m.targets) for task in goal.tasks for m in task.measures)
    rows = [
        [
            f"<code>t{task.number}</code>",
            _e(task.title),
            str(len(task.measures)),
            _e(task.deadline.text if task.deadline else ""),
        ]
        for task in goal.tasks
    ]
    return "".join(
        [
            _STYLE,
            '<div class="wp-view">',
            f"<h3><code>g{goal.number}</code> {_e(goal.title)}</h3>",
            _counts((("tasks", len(goal.tasks)), ("measures", measures), ("targets", targets))),
            _table(("task", "title", "measures", "deadline"), rows, None, {2}) if rows else "",
            "</div>",
        ]
    )


def task_html(task: Task) -> str:
    """A task for a notebook: its title, owners, deadline, measures and their targets."""
    names: dict[str, str] = {}
    owners = ""
    lead, support = _owner_names(task.owners, names, True), _owner_names(task.owners, names, False)
    if lead or support:
        owners = f'<div class="wp-meta">牵头 {lead or "—"} · 责任 {support or "—"}</div>'
    deadline = f'<div class="wp-meta">完成时限 {_e(task.deadline.text)}</div>' if task.deadline else ""
    items = []
    for index, measure in enumerate(task.measures, 1):
        targets = "".join(
            f"<li>{_e(t.metric)} <b>{_e(t.value)}</b>{_e(t.unit)} <code>{_e(t.kind.value)}</code></li>"
            for t in measure.targets
        )
        items.append(
            f"<li><code>m{index}</code> {_e(measure.text)}"
            + (f"<ul>{targets}</ul>" if targets else "")
            + "</li>"
        )
    return "".join(
        [
            _STYLE,
            '<div class="wp-view">',
            f"<h3><code>t{task.number}</code> {_e(task.title)}</h3>",
            owners,
            deadline,
            _counts(
                (
                    ("measures", len(task.measures)),
                    ("targets", sum(len(m.targets) for m in task.measures)),
                )
            ),
            f"<ol style='list-style:none;margin-left:0'>{''.join(items)}</ol>",
            "</div>",
        ]
    )


def _findings_by_severity(report: Report, limit: int | None) -> str:
    from ..checks import Severity

    parts = []
    for severity in Severity:
        findings = [finding for finding in report.findings if finding.severity is severity]
        if not findings:
            continue
        rows = [
            [f"<code>{_e(f.code)}</code>", _e(f.name), f"<code>{_e(f.path)}</code>", _e(f.message)]
            for f in findings
        ]
        label = {"error": "Errors", "warning": "Warnings", "info": "Info"}.get(severity.value, severity.value)
        opened = "" if severity is Severity.INFO else " open"  # info is often long and normal: folded
        summary = f'<summary class="wp-{severity.value}"><b>{label}</b> ({len(findings)})</summary>'
        parts.append(
            f"<details{opened}>{summary}"
            + _table(("code", "rule", "path", "message"), rows, limit, set())
            + "</details>"
        )
    return "".join(parts)


_SEVERITY_LABELS = (("error", "errors"), ("warning", "warnings"), ("info", "info"))


def report_html(report: Report) -> str:
    """A check report for a notebook: a summary line, then findings grouped by severity."""
    counts = Counter(finding.severity.value for finding in report.findings)
    title = f"Check report: {_e(report.title)}" if report.title else "Check report"
    body = _findings_by_severity(report, _ROWS) if report.findings else "<div>No findings.</div>"
    return "".join(
        [
            _STYLE,
            '<div class="wp-view">',
            f"<h3>{title}</h3>",
            _counts((label, counts.get(kind, 0)) for kind, label in _SEVERITY_LABELS),
            body,
            "</div>",
        ]
    )


def _change_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return _e(", ".join(str(item) for item in value))
    text = str(value)
    return _e(text if len(text) <= 60 else text[:59] + "…")


def diff_html(delta: PlanDiff) -> str:
    """A plan diff for a notebook: counts by kind, then the changes (target changes first)."""
    old, new = delta.old, delta.new
    counts = delta.counts()
    changes = sorted(delta.changes, key=lambda change: not change.kind.value.startswith("target"))
    rows = [
        [
            _e(change.kind.value),
            f"<code>{_e(change.old_path or '')}</code>",
            f"<code>{_e(change.new_path or '')}</code>",
            _e(change.subject or ""),
            _change_cell(change.old),
            _change_cell(change.new),
        ]
        for change in changes
    ]
    body = _table(("change", "old", "new", "about", "was", "now"), rows, _ROWS * 2, set()) if rows else ""
    return "".join(
        [
            _STYLE,
            '<div class="wp-view">',
            f"<h3>{_e(old.title)} → {_e(new.title)}</h3>",
            _counts(counts.items()) if counts else "<div>No changes.</div>",
            body,
            "</div>",
        ]
    )


# -- the report page -------------------------------------------------------------

_PAGE_STYLE = """
body{margin:0;background:#f6f8fa;color:#1f2328}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{font-size:22px;margin:.2em 0}h2{font-size:18px;margin:1.6em 0 .5em;border-bottom:2px solid #1f4e79;
padding-bottom:3px;color:#1f4e79}
nav a{margin-right:1em;color:#1f4e79}
.wp-view{max-width:none;font-size:14px}
.wp-cards{display:flex;flex-wrap:wrap;gap:10px;margin:.8em 0}
.wp-card{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:90px;text-align:center}
.wp-card b{display:block;font-size:22px;color:#1f4e79}
.wp-goal{margin:1em 0 .3em;font-weight:600}
main table{width:100%}
.wp-map{overflow-x:auto;border:1px solid #d0d7de;padding:6px}
.wp-map img,.wp-map svg{max-width:100%;height:auto}
footer{color:#777;font-size:12px;margin-top:3em}
"""


def report_page(plan: Plan, report: Report | None = None, picture: str | None = None) -> str:
    """A self-contained HTML page about ``plan``: overview, goals and tasks, targets, owners, findings, map.

    Args:
        plan: The plan.
        report: Its check report; left out when None.
        picture: The plan map as inline SVG markup or a ``data:`` URI; a note replaces it when None.

    Returns:
        The page; it loads nothing from elsewhere.
    """
    names = {owner.id: owner.name for owner in plan.owners}
    counts = plan.counts()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(plan.title)}</title>",
        _STYLE,
        f"<style>{_PAGE_STYLE}</style>",
        '</head><body><main class="wp-view">',
        f"<h1>{_e(plan.title)}</h1>",
        f'<div class="wp-meta">{_meta(plan)}</div>',
        '<nav><a href="#overview">Overview</a><a href="#goals">Goals and tasks</a>'
        '<a href="#targets">Targets</a><a href="#owners">Owners</a>'
        + ('<a href="#findings">Findings</a>' if report is not None else "")
        + '<a href="#map">Plan map</a></nav>',
        '<h2 id="overview">Overview</h2>',
        '<div class="wp-cards">'
        + "".join(f'<div class="wp-card"><b>{n}</b>{_e(kind)}s</div>' for kind, n in counts.items())
        + (f'<div class="wp-card"><b>{len(report.findings)}</b>findings</div>' if report is not None else "")
        + "</div>",
    ]
    if plan.preamble:
        parts.append(f"<p>{_e(plan.preamble)}</p>")
    goal_rows = [
        [
            f"<code>g{goal.number}</code>",
            _e(goal.title),
            str(len(goal.tasks)),
            str(sum(len(task.measures) for task in goal.tasks)),
            str(sum(len(m.targets) for task in goal.tasks for m in task.measures)),
        ]
        for goal in plan.goals
    ]
    parts.append(_table(("goal", "title", "tasks", "measures", "targets"), goal_rows, None, {2, 3, 4}))
    parts.append('<h2 id="goals">Goals and tasks</h2>')
    for goal in plan.goals:
        parts.append(f'<div class="wp-goal"><code>g{goal.number}</code> {_e(goal.title)}</div>')
        rows = [
            [
                f"<code>t{task.number}</code>",
                _e(task.title),
                _owner_names(_task_and_measure_owners(task), names, True),
                _owner_names(_task_and_measure_owners(task), names, False),
                str(len(task.measures)),
                str(sum(len(m.targets) for m in task.measures)),
                _e(task.deadline.text if task.deadline else ""),
            ]
            for task in goal.tasks
        ]
        if rows:
            header = ("task", "重点任务", "牵头单位*", "责任单位*", "measures", "targets", "完成时限")
            parts.append(_table(header, rows, None, {4, 5}))
    parts.append('<p class="wp-more">* owners named for the task or for any of its measures</p>')
    parts.append('<h2 id="targets">Targets</h2>')
    target_rows = _target_rows(plan)
    parts.append(
        _table(_TARGET_HEADER, target_rows, None, {2}) if target_rows else "<p>No quantified targets.</p>"
    )
    parts.append('<h2 id="owners">Owners</h2>')
    work: Counter[tuple[str, OwnerRole]] = Counter()
    for goal in plan.goals:
        for task in goal.tasks:
            for ref in (*task.owners, *(r for m in task.measures for r in m.owners)):
                work[ref.owner, ref.role] += 1
    owner_rows = [
        [
            f"<code>{_e(owner.id)}</code>",
            _e(owner.name),
            _e("、".join(owner.aliases)),
            *(str(work[owner.id, role]) for role in OwnerRole),
        ]
        for owner in plan.owners
    ]
    owner_header = ("id", "name", "aliases", *(role.value for role in OwnerRole))
    parts.append(_table(owner_header, owner_rows, None, {3, 4, 5, 6}) if owner_rows else "<p>No owners.</p>")
    if report is not None:
        parts.append('<h2 id="findings">Check findings</h2>')
        parts.append(_findings_by_severity(report, None) if report.findings else "<p>No findings.</p>")
    parts.append('<h2 id="map">Plan map</h2>')
    if picture is None:
        parts.append("<p>The plan map needs matplotlib: <code>pip install 'workplan[viz]'</code>.</p>")
    elif picture.startswith("data:"):
        parts.append(f'<div class="wp-map"><img alt="plan map" src="{_e(picture)}"></div>')
    else:
        parts.append(f'<div class="wp-map">{picture}</div>')
    stamp = dt.date.today().isoformat()
    parts.append(f"<footer>Written by workplan on {stamp}.</footer></main></body></html>")
    return "\n".join(parts)
