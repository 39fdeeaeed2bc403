"""Owner rules (WP2xx): unowned tasks, unknown owners, one organisation under two names, several leads."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from ..model import OwnerRole, Plan
from ._finding import Finding, Severity
from ._registry import rule
from ._shared import columns


@rule("WP201", "task-without-owner", Severity.INFO)
def task_without_owner(plan: Plan) -> Iterator[Finding]:
    """Neither a task nor any of its measures names an owner, so the issuer owns it by default."""
    issuer = plan.issuer or "the issuer"
    walked = columns(plan)
    for path, task, owned in zip(walked.task_paths, walked.tasks, walked.task_owned):
        if not task.owners and not owned:
            yield task_without_owner.finding(
                path,
                f"task {task.title!r} names no owner; {issuer} owns it by default",
                task.span,
                zh=f"任务“{task.title}”未写明责任单位，默认由{plan.issuer or '发文单位'}负责",
            )


@rule("WP202", "unknown-owner", Severity.ERROR)
def unknown_owner(plan: Plan) -> Iterator[Finding]:
    """A task or measure refers to an owner id that is not in the plan's registry."""
    known = {owner.id for owner in plan.owners}
    if columns(plan).owner_ids <= known:
        return  # the usual case: no need to walk again for where the unknown ones are
    for path, node in plan.walk():
        for ref in getattr(node, "owners", ()):
            if ref.owner not in known:
                written = f" ({ref.text})" if ref.text else ""
                yield unknown_owner.finding(
                    path,
                    f"owner {ref.owner!r}{written} is not in the plan's owners",
                    ref.span or getattr(node, "span", None),
                    zh=f"单位 {ref.owner!r}{written} 不在本计划的单位登记中",
                )


# The issuer's own place, written out or shortened: 长春市教育局 = 市教育局 = 教育局 in a Changchun plan.
_PLACES = (("长春市", ("市", "")), ("吉林省", ("省", "")), ("市", ("",)), ("省", ("",)))


def _variants(name: str) -> set[str]:
    """``name`` and the shorter forms it takes with its place prefix shortened or dropped."""
    name = re.sub(r"\s+", "", name)
    found = {name}
    for prefix, replacements in _PLACES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            for replacement in replacements:
                found |= _variants(replacement + name[len(prefix) :])
    return found


def _abbreviates(short: str, long: str) -> bool:
    """长职院 abbreviates 长春职业技术学院: same first and last character, the rest in order."""
    if len(short) < 2 or len(long) < len(short) + 2 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(character in rest for character in short)


def _gazetteer() -> Callable[[str], object] | None:
    """Name -> canonical name from the shipped gazetteer; None when it cannot be read."""
    names = _gazetteer_names()
    return None if names is None else (lambda name: names.get(name.strip()))


@functools.lru_cache(maxsize=1)
def _gazetteer_names() -> dict[str, str] | None:
    # Read the parser's data file directly: importing workplan.parse for it costs ~70 ms CPU.
    import json

    from .._util import package_files

    try:
        data = json.loads(
            package_files("workplan").joinpath("parse").joinpath("gazetteer.json").read_text("utf-8")
        )
        return {
            name: entry["name"]
            for entry in data["entries"]
            for name in (entry["name"], *entry.get("aliases", ()))
            if name
        }
    except (OSError, ValueError, KeyError, TypeError):  # a missing or malformed file: the heuristic alone
        return None


def _canonical(resolve: Callable[[str], object] | None, name: str) -> str | None:
    if resolve is None:
        return None
    try:
        found = resolve(name)
    except Exception:
        return None
    if found is None or isinstance(found, str):
        return found
    value = getattr(found, "name", None)
    return value if isinstance(value, str) else None


@rule("WP203", "owner-name-variant", Severity.WARNING)
def owner_name_variant(plan: Plan) -> Iterator[Finding]:
    """Two owners in the registry look like one organisation under two names.

    Two names are taken for one organisation when one owner's alias is the
    other's name, when the parser's gazetteer resolves both to the same
    organisation, or, unless the gazetteer knows them as two, when one is the
    other with the place prefix shortened or dropped (长春市教育局, 市教育局) or
    when one abbreviates the other (长职院 for 长春职业技术学院).
    """
    resolve = _gazetteer()
    owners = plan.owners
    variants = [_variants(owner.name) for owner in owners]
    canon = [_canonical(resolve, owner.name) for owner in owners]
    for later in range(len(owners)):
        for earlier in range(later):
            a, b = owners[earlier], owners[later]
            if a.id == b.id:
                continue  # duplicate-id reports this
            names_a, names_b = {a.name, *a.aliases}, {b.name, *b.aliases}
            known_a, known_b = canon[earlier], canon[later]
            reason = reason_zh = None
            if names_a & names_b:
                shared = sorted(names_a & names_b)[0]
                reason, reason_zh = f"both go by {shared!r}", f"都称“{shared}”"
            elif known_a is not None and known_a == known_b:
                reason, reason_zh = (
                    f"the gazetteer knows both as {known_a!r}",
                    f"单位词表认定二者均为“{known_a}”",
                )
            elif known_a is not None and known_b is not None:
                continue  # the gazetteer knows them as two organisations
            elif a.name in variants[later] or b.name in variants[earlier]:
                reason = "one is the other with its place prefix shortened or dropped"
                reason_zh = "一个是另一个省略或缩短地名前缀后的名称"
            elif _abbreviates(a.name, b.name) or _abbreviates(b.name, a.name):
                reason, reason_zh = "one abbreviates the other", "一个是另一个的简称"
            if reason:
                yield owner_name_variant.finding(
                    b.id,
                    f"owners {a.name!r} ({a.id}) and {b.name!r} ({b.id}) look like one: {reason}",
                    zh=f"单位“{a.name}”（{a.id}）与“{b.name}”（{b.id}）似为同一单位：{reason_zh}",
                )


@rule("WP204", "several-leads", Severity.WARNING)
def several_leads(plan: Plan) -> Iterator[Finding]:
    """A task names more than one lead owner (牵头单位)."""
    names = {owner.id: owner.name for owner in plan.owners}
    walked = columns(plan)
    for path, task in zip(walked.task_paths, walked.tasks):
        if len(task.owners) < 2:
            continue
        leads = list(dict.fromkeys(ref.owner for ref in task.owners if ref.role is OwnerRole.LEAD))
        if len(leads) > 1:
            listed = "、".join(names.get(lead, lead) for lead in leads)
            yield several_leads.finding(
                path,
                f"task has {len(leads)} leads: {listed}",
                task.span,
                zh=f"任务有 {len(leads)} 个牵头单位：{listed}",
            )
