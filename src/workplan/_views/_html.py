"""HTML views: notebook displays (``_repr_html_``) and the self-contained plan report page.

The notebook views are small on purpose: an outline with counts, the first
targets, findings grouped by severity. Long lists are cut with a line that
says how many rows are left out. Every text from a plan is escaped.

Every label comes from the catalogue (`workplan._views._labels`): Chinese by
default, English with ``lang="en"``. The report page lists each task's measures
with their owners, deadlines and targets marked, and prints on A4 with a page
break before each goal.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..model import Goal, Measure, OwnerRef, OwnerRole, Plan, Task
from ._labels import check_lang, chinese_number, count_label, enum_label, label

if TYPE_CHECKING:
    from ..checks import Report
    from ..compare import ContinuityTable, PlanDiff, Timeline

__all__ = [
    "continuity_html",
    "diff_html",
    "goal_html",
    "plan_html",
    "report_html",
    "report_page",
    "task_html",
    "timeline_html",
]

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
.wp-view mark{padding:0 2px;border-radius:3px}
.wp-view mark.wp-target{background:#fff1b8}.wp-view mark.wp-due{background:#dbeafe}
.wp-view mark.wp-owner{background:#dcfce7}
.wp-view .wp-chip{display:inline-block;margin:0 .3em 0 0;padding:0 6px;border-radius:8px;font-size:12px;
background:#eef2f6;color:#344054}
.wp-view .wp-chip.wp-lead{background:#1f4e79;color:#fff}
</style>"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _counts(pairs: Iterable[tuple[str, int]], lang: str) -> str:
    return (
        '<div class="wp-counts">'
        + "".join(f"<span>{_e(count_label(n, key, lang))}</span>" for key, n in pairs)
        + "</div>"
    )


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    limit: int | None,
    numeric: set[int],
    lang: str = "zh",
) -> str:
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
        more = f'<div class="wp-more">{_e(label("and_more", lang, n=len(rows) - len(shown)))}</div>'
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


def _meta(plan: Plan, lang: str) -> str:
    facts = [plan.issuer, str(plan.year) if plan.year else None, plan.doc_number]
    if plan.issued:
        facts.append(f"{label('issued', lang)} {plan.issued.isoformat()}")
    return " · ".join(_e(fact) for fact in facts if fact)


def _target_rows(plan: Plan, lang: str) -> list[list[str]]:
    return [
        [
            f"<code>{_e(path)}</code>",
            _e(target.metric),
            _e(target.value),
            _e(target.unit),
            _e(enum_label(target.kind, lang)),
            _e(enum_label(target.qualifier, lang)),
        ]
        for path, target in plan.nodes("target")
    ]


def _target_header(lang: str) -> tuple[str, ...]:
    return tuple(label(key, lang) for key in ("path", "metric", "value", "unit", "kind", "qualifier"))


def _task_counts(goal: Goal) -> tuple[int, int]:
    measures = sum(len(task.measures) for task in goal.tasks)
    targets = sum(len(m.targets) for task in goal.tasks for m in task.measures)
    return measures, targets


# -- notebook views ------------------------------------------------------------


def plan_html(plan: Plan, lang: str = "zh") -> str:
    """A plan for a notebook: title, facts, counts, goals with their tasks folded, the first targets."""
    check_lang(lang)
    counts = plan.counts()
    parts = [_STYLE, '<div class="wp-view">', f"<h3>{_e(plan.title)}</h3>"]
    meta = _meta(plan, lang)
    if meta:
        parts.append(f'<div class="wp-meta">{meta}</div>')
    parts.append(_counts(((f"{kind}s", n) for kind, n in counts.items()), lang))
    for goal in plan.goals:
        measures, targets = _task_counts(goal)
        tally = ", ".join(
            count_label(n, key, lang)
            for key, n in (("tasks", len(goal.tasks)), ("measures", measures), ("targets", targets))
        )
        summary = f'<code>g{goal.number}</code> {_e(goal.title)} <span class="wp-more">({_e(tally)})</span>'
        items = "".join(
            f"<li><code>t{task.number}</code> {_e(task.title)} "
            f'<span class="wp-more">({len(task.measures)})</span></li>'
            for task in goal.tasks
        )
        parts.append(f"<details><summary>{summary}</summary><ul>{items}</ul></details>")
    rows = _target_rows(plan, lang)
    if rows:
        parts.append(f"<div><b>{_e(label('targets', lang))}</b> ({len(rows)})</div>")
        parts.append(_table(_target_header(lang), rows, _ROWS, {2}, lang))
    parts.append("</div>")
    return "".join(parts)


def goal_html(goal: Goal, lang: str = "zh") -> str:
    """A goal for a notebook: its title, counts and a table of its tasks."""
    check_lang(lang)
    measures, targets = _task_counts(goal)
    rows = [
        [
            f"<code>t{task.number}</code>",
            _e(task.title),
            str(len(task.measures)),
            _e(task.deadline.text if task.deadline else ""),
        ]
        for task in goal.tasks
    ]
    header = tuple(label(key, lang) for key in ("task", "title", "measures", "deadline"))
    return "".join(
        [
            _STYLE,
            '<div class="wp-view">',
            f"<h3><code>g{goal.number}</code> {_e(goal.title)}</h3>",
            _counts((("tasks", len(goal.tasks)), ("measures", measures), ("targets", targets)), lang),
            _table(header, rows, None, {2}, lang) if rows else "",
            "</div>",
        ]
    )


def _target_item(target: Any, lang: str) -> str:
    kind = f"<code>{_e(enum_label(target.kind, lang))}</code>"
    qualifier = (
        "" if target.qualifier.value == "exact" else f" <code>{_e(enum_label(target.qualifier, lang))}</code>"
    )
    return f"<li>{_e(target.metric)} <b>{_e(target.value)}</b>{_e(target.unit)} {kind}{qualifier}</li>"


def task_html(task: Task, lang: str = "zh") -> str:
    """A task for a notebook: its title, owners, deadline, measures and their targets."""
    check_lang(lang)
    names: dict[str, str] = {}
    owners = ""
    lead, support = _owner_names(task.owners, names, True), _owner_names(task.owners, names, False)
    if lead or support:
        owners = (
            f'<div class="wp-meta">{_e(label("lead", lang))} {lead or "—"} · '
            f"{_e(label('support', lang))} {support or '—'}</div>"
        )
    deadline = ""
    if task.deadline:
        deadline = f'<div class="wp-meta">{_e(label("deadline", lang))} {_e(task.deadline.text)}</div>'
    items = []
    for index, measure in enumerate(task.measures, 1):
        targets = "".join(_target_item(t, lang) for t in measure.targets)
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
                ),
                lang,
            ),
            f"<ol style='list-style:none;margin-left:0'>{''.join(items)}</ol>",
            "</div>",
        ]
    )


_SEVERITY_KEYS = {"error": "errors", "warning": "warnings", "info": "infos"}


def _findings_by_severity(report: Report, limit: int | None, lang: str) -> str:
    from ..checks import Severity

    parts = []
    header = tuple(label(key, lang) for key in ("code", "rule", "path", "message"))
    for severity in Severity:
        findings = [finding for finding in report.findings if finding.severity is severity]
        if not findings:
            continue
        rows = [
            [f"<code>{_e(f.code)}</code>", _e(f.name), f"<code>{_e(f.path)}</code>", _e(f.text(lang))]
            for f in findings
        ]
        name = label(_SEVERITY_KEYS.get(severity.value, severity.value), lang)
        opened = "" if severity is Severity.INFO else " open"  # info is often long and normal: folded
        summary = f'<summary class="wp-{severity.value}"><b>{_e(name)}</b> ({len(findings)})</summary>'
        parts.append(f"<details{opened}>{summary}" + _table(header, rows, limit, set(), lang) + "</details>")
    return "".join(parts)


def report_html(report: Report, lang: str = "zh") -> str:
    """A check report for a notebook: a summary line, then findings grouped by severity."""
    check_lang(lang)
    counts = Counter(finding.severity.value for finding in report.findings)
    heading = label("check_report", lang)
    title = f"{_e(heading)}: {_e(report.title)}" if report.title else _e(heading)
    body = (
        _findings_by_severity(report, _ROWS, lang)
        if report.findings
        else f"<div>{_e(label('no_findings', lang))}</div>"
    )
    badges = "".join(
        f"<span>{_e(label(key, lang))} {counts.get(severity, 0)}</span>"
        for severity, key in _SEVERITY_KEYS.items()
    )
    return "".join(
        [
            _STYLE,
            '<div class="wp-view">',
            f"<h3>{title}</h3>",
            f'<div class="wp-counts">{badges}</div>',
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


def diff_html(delta: PlanDiff, lang: str = "zh") -> str:
    """A plan diff for a notebook: counts by kind, then the changes (target changes first)."""
    from ._diff import roles_label

    check_lang(lang)
    old, new = delta.old, delta.new
    counts = delta.counts()
    changes = sorted(delta.changes, key=lambda change: not change.kind.value.startswith("target"))

    def cell(change: Any, value: Any) -> str:
        if value is not None and change.kind.value.startswith(("owner_", "document_")):
            return _e(roles_label(value, lang))  # 牵头, 制定: the roles and relations by their names
        return _change_cell(value)

    rows = [
        [
            f'<span title="{_e(change.kind.value)}">{_e(enum_label(change.kind, lang))}</span>',
            f"<code>{_e(change.old_path or '')}</code>",
            f"<code>{_e(change.new_path or '')}</code>",
            _e(change.subject or ""),
            cell(change, change.old),
            cell(change, change.new),
        ]
        for change in changes
    ]
    header = tuple(label(key, lang) for key in ("change", "old", "new", "about", "was", "now"))
    body = _table(header, rows, _ROWS * 2, set(), lang) if rows else ""
    kinds = {change.kind.value: change.kind for change in delta.changes}
    badges = "".join(
        f"<span>{_e(enum_label(kinds[kind], lang) if kind in kinds else kind)} {n}</span>"
        for kind, n in counts.items()
    )
    return "".join(
        [
            _STYLE,
            '<div class="wp-view">',
            f"<h3>{_e(old.title)} → {_e(new.title)}</h3>",
            f'<div class="wp-counts">{badges}</div>'
            if counts
            else f"<div>{_e(label('no_changes', lang))}</div>",
            body,
            "</div>",
        ]
    )


def continuity_html(table: ContinuityTable, lang: str = "zh") -> str:
    """A continuity table for a notebook: counts by status, then one row per commitment."""
    from ._series import note_label

    check_lang(lang)
    statuses = Counter(row.status for row in table)
    badges = "".join(f"<span>{_e(enum_label(status, lang))} {n}</span>" for status, n in statuses.items())
    rows = [
        [
            _e(label(row.kind, lang)),
            _e(row.subject),
            f'<span title="{_e(row.status.value)}">{_e(enum_label(row.status, lang))}</span>',
            f"<code>{_e(row.old_path or '')}</code>",
            f"<code>{_e(row.new_path or '')}</code>",
            _e(note_label(row.note or "", lang)),
        ]
        for row in table
    ]
    header = tuple(label(key, lang) for key in ("category", "subject", "status", "old", "new", "note"))
    body = (
        _table(header, rows, _ROWS * 2, set(), lang)
        if rows
        else f"<div>{_e(label('no_commitments', lang))}</div>"
    )
    return "".join(
        [
            _STYLE,
            '<div class="wp-view">',
            f"<h3>{_e(label('continuity_title', lang))}</h3>",
            f'<div class="wp-counts">{badges}</div>',
            body,
            "</div>",
        ]
    )


def timeline_html(timeline: Timeline, lang: str = "zh") -> str:
    """A timeline for a notebook: one row per thread, one column per year."""
    from ._series import threads

    check_lang(lang)
    years = list(timeline.years)
    rows = [
        [_e(label(kind, lang)), _e(subject), *(_e(cells.get(year, "")) for year in years)]
        for kind, _, subject, cells in threads(timeline, lang)
    ]
    header = (label("category", lang), label("subject", lang), *(str(year) for year in years))
    return "".join(
        [
            _STYLE,
            '<div class="wp-view">',
            f"<h3>{_e(label('timeline_title', lang))}</h3>",
            _table(header, rows, _ROWS * 2, set(), lang),
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
.wp-goal{margin:1.2em 0 .4em;font-size:16px;font-weight:700;color:#1f2328}
.wp-task{margin:.6em 0 .9em .2em;padding-left:.7em;border-left:3px solid #d0d7de}
.wp-task h4{margin:.1em 0 .2em;font-size:14.5px}
.wp-task .wp-meta{font-size:13px}
.wp-measures{margin:.3em 0 0 1.6em}
.wp-measures li{margin:.25em 0}
.wp-measures .wp-chips{display:inline}
main table{width:100%}
.wp-map{overflow-x:auto;border:1px solid #d0d7de;padding:6px}
.wp-map img,.wp-map svg{max-width:100%;height:auto}
footer{color:#777;font-size:12px;margin-top:3em}
@media print{
  @page{size:A4;margin:16mm 14mm 18mm}
  body{background:#fff;font-size:11pt}
  main{max-width:none;padding:0;margin:0}
  nav,footer,.wp-noprint{display:none}
  h2{break-after:avoid}
  .wp-goal-section,#goals{break-before:page}
  #goals+.wp-goal-section{break-before:auto}
  .wp-goal{break-after:avoid}
  .wp-task{break-inside:avoid}
  .wp-task h4{break-after:avoid}
  tr{break-inside:avoid}
  thead{display:table-header-group}
  details>summary{list-style:none}
  .wp-map{border:none}
  .wp-view mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .wp-view .wp-chip.wp-lead{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def _marked(text: str, marks: Sequence[tuple[str, str]]) -> str:
    """``text`` escaped, with each (wording, class) found in it wrapped in ``<mark class=…>``.

    Wordings are found left to right; one that is not in the text (edited, or
    from another sentence) is simply not marked, so nothing is lost.
    """
    spans: list[tuple[int, int, str]] = []
    for wording, css in marks:
        if not wording:
            continue
        at = text.find(wording)
        while at != -1 and any(at < end and at + len(wording) > start for start, end, _ in spans):
            at = text.find(wording, at + 1)
        if at != -1:
            spans.append((at, at + len(wording), css))
    spans.sort()
    out, last = [], 0
    for start, end, css in spans:
        out.append(_e(text[last:start]))
        out.append(f'<mark class="{css}">{_e(text[start:end])}</mark>')
        last = end
    out.append(_e(text[last:]))
    return "".join(out)


def _measure_item(measure: Measure, names: dict[str, str], lang: str) -> str:
    marks = [(target.text or "", "wp-target") for target in measure.targets]
    if measure.deadline is not None:
        marks.append((measure.deadline.text, "wp-due"))
    marks += [(ref.text, "wp-owner") for ref in measure.owners if ref.text]
    chips = []
    for ref in measure.owners:
        role = enum_label(ref.role, lang)
        name = ref.text or names.get(ref.owner, ref.owner)
        lead = " wp-lead" if ref.role is OwnerRole.LEAD else ""
        chips.append(f'<span class="wp-chip{lead}">{_e(role)} {_e(name)}</span>')
    if measure.deadline is not None and measure.deadline.text not in measure.text:
        chips.append(f'<span class="wp-chip">{_e(label("due", lang))} {_e(measure.deadline.text)}</span>')
    for target in measure.targets:
        if not target.text or target.text not in measure.text:
            chips.append(
                f'<span class="wp-chip">{_e(target.metric)} {_e(target.value)}{_e(target.unit)}</span>'
            )
    tail = f' <span class="wp-chips">{"".join(chips)}</span>' if chips else ""
    return f"<li>{_marked(measure.text, marks)}{tail}</li>"


def _task_block(task: Task, names: dict[str, str], lang: str) -> str:
    facts = []
    lead = _owner_names(task.owners, names, True)
    support = _owner_names(task.owners, names, False)
    if lead:
        facts.append(f"<b>{_e(label('lead', lang))}</b>: {lead}")
    if support:
        facts.append(f"<b>{_e(label('support', lang))}</b>: {support}")
    if task.deadline is not None:
        facts.append(f"<b>{_e(label('deadline', lang))}</b>: {_e(task.deadline.text)}")
    meta = f'<div class="wp-meta">{" · ".join(facts)}</div>' if facts else ""
    measures = "".join(_measure_item(measure, names, lang) for measure in task.measures)
    return (
        f'<div class="wp-task" id="t{task.number}"><h4>{task.number}. {_e(task.title)}</h4>{meta}'
        + (f'<ol class="wp-measures">{measures}</ol>' if measures else "")
        + "</div>"
    )


def report_page(
    plan: Plan, report: Report | None = None, picture: str | None = None, *, lang: str = "zh"
) -> str:
    """A self-contained HTML page about ``plan``: overview, goals and tasks, targets, owners, findings, map.

    Each task lists its measures, with targets and deadlines marked in the text
    and owners beside it. Printed, the page is A4 with a page break before each
    goal and without the navigation.

    Args:
        plan: The plan.
        report: Its check report; left out when None.
        picture: The plan map as inline SVG markup or a ``data:`` URI; a note replaces it when None.
        lang: ``zh`` (the default) or ``en``, for the labels; the plan's own text is as written.

    Returns:
        The page; it loads nothing from elsewhere.
    """
    check_lang(lang)
    names = {owner.id: owner.name for owner in plan.owners}
    counts = plan.counts()
    sections = [
        ("overview", "overview"),
        ("goals", "goals_and_tasks"),
        ("targets", "targets"),
        ("owners", "owners"),
        *((("findings", "check_findings"),) if report is not None else ()),
        ("map", "plan_map"),
    ]
    nav = "".join(f'<a href="#{anchor}">{_e(label(key, lang))}</a>' for anchor, key in sections)
    cards = "".join(
        f'<div class="wp-card"><b>{n}</b>{_e(label(kind + "s", lang).lower())}</div>'
        for kind, n in counts.items()
    )
    if report is not None:
        cards += f'<div class="wp-card"><b>{len(report.findings)}</b>{_e(label("findings", lang))}</div>'
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(plan.title)}</title>",
        _STYLE,
        f"<style>{_PAGE_STYLE}</style>",
        '</head><body><main class="wp-view">',
        f"<h1>{_e(plan.title)}</h1>",
        f'<div class="wp-meta">{_meta(plan, lang)}</div>',
        f"<nav>{nav}</nav>",
        f'<h2 id="overview">{_e(label("overview", lang))}</h2>',
        f'<div class="wp-cards">{cards}</div>',
    ]
    if plan.preamble:
        parts.append(f"<p>{_e(plan.preamble)}</p>")
    goal_rows = [
        [
            f"<code>g{goal.number}</code>",
            _e(goal.title),
            str(len(goal.tasks)),
            *(str(n) for n in _task_counts(goal)),
        ]
        for goal in plan.goals
    ]
    header = tuple(label(key, lang) for key in ("goal", "title", "tasks", "measures", "targets"))
    parts.append(_table(header, goal_rows, None, {2, 3, 4}, lang))
    parts.append(f'<h2 id="goals">{_e(label("goals_and_tasks", lang))}</h2>')
    for goal in plan.goals:
        number = f"{chinese_number(goal.number)}、" if lang == "zh" else f"{goal.number}. "
        tasks = "".join(_task_block(task, names, lang) for task in goal.tasks)
        parts.append(
            f'<section class="wp-goal-section" id="g{goal.number}">'
            f'<div class="wp-goal">{_e(number)}{_e(goal.title)}</div>{tasks}</section>'
        )
    parts.append(f'<h2 id="targets">{_e(label("targets", lang))}</h2>')
    target_rows = _target_rows(plan, lang)
    parts.append(
        _table(_target_header(lang), target_rows, None, {2}, lang)
        if target_rows
        else f"<p>{_e(label('no_targets', lang))}</p>"
    )
    parts.append(f'<h2 id="owners">{_e(label("owners", lang))}</h2>')
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
    owner_header = (
        *(label(key, lang) for key in ("id", "name", "aliases")),
        *(enum_label(role, lang) for role in OwnerRole),
    )
    parts.append(
        _table(owner_header, owner_rows, None, {3, 4, 5, 6}, lang)
        if owner_rows
        else f"<p>{_e(label('no_owners', lang))}</p>"
    )
    if report is not None:
        parts.append(f'<h2 id="findings">{_e(label("check_findings", lang))}</h2>')
        parts.append(
            _findings_by_severity(report, None, lang)
            if report.findings
            else f"<p>{_e(label('no_findings', lang))}</p>"
        )
    parts.append(f'<h2 id="map">{_e(label("plan_map", lang))}</h2>')
    if picture is None:
        parts.append(f"<p>{_e(label('map_needs_viz', lang))} <code>pip install 'workplan[viz]'</code></p>")
    elif picture.startswith("data:"):
        parts.append(
            f'<div class="wp-map"><img alt="{_e(label("plan_map", lang))}" src="{_e(picture)}"></div>'
        )
    else:
        parts.append(f'<div class="wp-map">{picture}</div>')
    stamp = dt.date.today().isoformat()
    parts.append(f"<footer>{_e(label('written_by', lang))} {stamp}</footer></main></body></html>")
    return "\n".join(parts)
