"""The label catalogue: every word a person reads around a plan's own text, Chinese first.

One dict per language, keyed by a stable label key; `label` looks a key up and
`enum_label` gives the display name of an enum value (``TargetKind.INCREASE`` →
新增). ``zh`` is the default everywhere; ``en`` is the option. Wire formats do not
go through here: JSON keys, enum values in files and finding codes stay as they are.

```python
from workplan._views._labels import enum_label, label
from workplan.model import TargetKind

assert label("goals") == "目标"
assert label("goals", "en") == "Goals"
assert enum_label(TargetKind.INCREASE) == "新增"
assert enum_label(TargetKind.INCREASE, "en") == "increase"
```

Keys missing from a language fall back to Chinese, then to the key itself, so a
new label never breaks a view; `tests/_views/test_labels.py` checks that both
languages have every key.
"""

from __future__ import annotations

import enum
from typing import Literal, TypeAlias

from .._util import chinese_number

__all__ = [
    "LANGUAGES",
    "Lang",
    "check_lang",
    "chinese_number",
    "count_label",
    "enum_label",
    "label",
    "summary",
]

Lang: TypeAlias = Literal["zh", "en"]
"""A language of the catalogue."""

LANGUAGES: tuple[str, ...] = ("zh", "en")
"""The languages the catalogue has, the default first."""

_ZH: dict[str, str] = {
    # things in a plan
    "goal": "目标",
    "goals": "目标",
    "task": "任务",
    "tasks": "任务",
    "measure": "措施",
    "measures": "措施",
    "target": "指标",
    "targets": "指标",
    "owner": "单位",
    "owners": "单位",
    "document": "文件",
    "documents": "文件",
    "findings": "检查发现",
    # facts about a plan
    "issued": "印发日期",
    "issuer": "发文单位",
    "year": "年度",
    "doc_number": "文号",
    # table headers
    "path": "编号",
    "metric": "指标名称",
    "value": "数值",
    "unit": "单位",
    "kind": "类型",
    "qualifier": "限定",
    "title": "标题",
    "deadline": "完成时限",
    "lead": "牵头单位",
    "support": "责任单位",
    "id": "编号",
    "name": "名称",
    "aliases": "别称",
    "code": "代码",
    "rule": "规则",
    "message": "说明",
    "key_task": "重点任务",
    "measures_text": "具体措施",
    "serial": "序号",
    "plan": "计划",
    "text": "内容",
    "owners_col": "单位",
    "matches": "（共 {n} 项）",
    "breakdown_title": "{title}任务分解表",
    # sections of the report page
    "overview": "概览",
    "goals_and_tasks": "目标与任务",
    "check_findings": "检查发现",
    "plan_map": "任务图",
    "owners_note": "* 含任务本身及其各项措施所列单位",
    "no_targets": "没有量化指标。",
    "no_owners": "没有列出单位。",
    "no_findings": "没有检查发现。",
    "no_changes": "没有变化。",
    "map_needs_viz": "任务图需要 matplotlib：",
    "written_by": "由 workplan 生成于",
    "and_more": "… 另有 {n} 行",
    "check_report": "检查报告",
    "due": "时限",
    "with": "配合",
    # severities (display names; the wire values stay error/warning/info)
    "errors": "错误",
    "warnings": "警告",
    "infos": "提示",
    # diff table
    "change": "变化",
    "old": "原",
    "new": "新",
    "about": "对象",
    "was": "原值",
    "now": "现值",
    # pictures
    "map_goals": "目标",
    "map_tasks": "任务",
    "map_leads": "牵头单位（牵头任务数）",
    "workload_title": "各单位工作量",
    "workload_axis": "任务和措施数",
    "no_owners_named": "未列出单位",
    "changes_axis": "指标值变化（占原值的百分比）",
    "changes_title": "指标变化",
    "no_target_changes": "没有指标数值变化",
    "plan_map_title": "任务图",
    "goals_of": "第 {first}–{last} 项目标，共 {total} 项",
    # diff pages (text, Markdown, HTML, the Word 新旧对照表)
    "untitled_plan": "（未命名计划）",
    "change_kind": "变化类型",
    "change_count": "处数",
    "what": "内容",
    "changes_heading": "变化",
    "renumbered_only": "{n} 处仅改序号（内容未变）",
    "side_by_side": "新旧对照表",
    "side_old": "原文",
    "side_new": "修改后",
    "revision_note": "修改说明",
    "changed_tasks": "有修改的任务（新旧对照）",
    "renumbered_run": "{span} 序号 {shift}",
    "raised": "提高",
    "lowered": "降低",
    "revision_title": "《{old}》与《{new}》新旧对照表",
    "unchanged": "未变",
    "times": "{kind}{n}处",
    "list_sep": "、",
    "counts_sep": "，",
    "kind_count": "{kind} {n}",
    # continuity and timeline
    "continuity_title": "上年承诺的延续情况",
    "no_commitments": "没有承诺事项。",
    "timeline_title": "逐年脉络",
    "category": "类别",
    "subject": "事项",
    "status": "状态",
    "note": "说明",
    "note_not_mentioned": "未再提及",
    "note_still_drafted": "仍待制定",
    "note_other_fields": "单位、类型或限定有变化",
    "note_same_metric_elsewhere": "同名指标见于他处",
    "note_no_target": "没有同名指标",
    "note_no_task": "没有对应任务",
    "note_period": "期限",
    # status lines of the command line
    "wrote": "已写入 {path}（{size} KiB）",
    "wrote_check": "；检查：{summary}",
    "plans_checked": "{plans} 份计划：{errors} 个错误，{warnings} 个警告，{failed} 份无法读取",
    "store_summary": "{db}：新增 {added} 份计划，{skipped} 份已存，{diffs} 组逐年对比",
    "store_failed": "，{failed} 份输入失败",
    "at_line": "第 {line} 行，第 {column} 列：",
    "smart_header": "编号\t具体\t可衡量\t可分派\t有时限\t得分\t标题",
    # check summary
    "found": "共发现 {summary}。",
    "diagnostics_count": "共 {count} 条诊断",
    "summary": "{errors} 个错误，{warnings} 个警告，{infos} 条提示",
}

_EN: dict[str, str] = {
    "goal": "goal",
    "goals": "Goals",
    "task": "task",
    "tasks": "tasks",
    "measure": "measure",
    "measures": "measures",
    "target": "target",
    "targets": "Targets",
    "owner": "owner",
    "owners": "Owners",
    "document": "document",
    "documents": "documents",
    "findings": "findings",
    "issued": "issued",
    "issuer": "issuer",
    "year": "year",
    "doc_number": "document number",
    "path": "path",
    "metric": "metric",
    "value": "value",
    "unit": "unit",
    "kind": "kind",
    "qualifier": "qualifier",
    "title": "title",
    "deadline": "deadline",
    "lead": "lead",
    "support": "responsible",
    "id": "id",
    "name": "name",
    "aliases": "aliases",
    "code": "code",
    "rule": "rule",
    "message": "message",
    "key_task": "key task",
    "measures_text": "measures",
    "serial": "no.",
    "plan": "plan",
    "text": "text",
    "owners_col": "owners",
    "matches": "({n} match{s})",
    "breakdown_title": "{title}: task breakdown",
    "overview": "Overview",
    "goals_and_tasks": "Goals and tasks",
    "check_findings": "Check findings",
    "plan_map": "Plan map",
    "owners_note": "* owners named for the task or for any of its measures",
    "no_targets": "No quantified targets.",
    "no_owners": "No owners.",
    "no_findings": "No findings.",
    "no_changes": "No changes.",
    "map_needs_viz": "The plan map needs matplotlib:",
    "written_by": "Written by workplan on",
    "and_more": "… and {n} more",
    "check_report": "Check report",
    "due": "due",
    "with": "with",
    "errors": "Errors",
    "warnings": "Warnings",
    "infos": "Info",
    "change": "change",
    "old": "old",
    "new": "new",
    "about": "about",
    "was": "was",
    "now": "now",
    "map_goals": "goals",
    "map_tasks": "tasks",
    "map_leads": "lead owners (tasks led)",
    "workload_title": "Owner workload",
    "workload_axis": "tasks and measures",
    "no_owners_named": "no owners named",
    "changes_axis": "change of the target value (% of the old value)",
    "changes_title": "Target changes",
    "no_target_changes": "no target values changed",
    "plan_map_title": "plan map",
    "goals_of": "goals {first}–{last} of {total}",
    "untitled_plan": "(untitled plan)",
    "change_kind": "kind",
    "change_count": "changes",
    "what": "what",
    "changes_heading": "Changes",
    "renumbered_only": "{n} only renumbered (content unchanged)",
    "side_by_side": "Old and new side by side",
    "side_old": "old",
    "side_new": "new",
    "revision_note": "note",
    "changed_tasks": "Changed tasks side by side",
    "renumbered_run": "{span} renumbered {shift}",
    "raised": "raised",
    "lowered": "lowered",
    "revision_title": "{old} and {new}: old and new side by side",
    "unchanged": "unchanged",
    "times": "{kind} ×{n}",
    "list_sep": ", ",
    "counts_sep": ", ",
    "kind_count": "{n} {kind}",
    "continuity_title": "Continuity of last period's commitments",
    "no_commitments": "No commitments.",
    "timeline_title": "Timeline",
    "category": "kind",
    "subject": "subject",
    "status": "status",
    "note": "note",
    "note_not_mentioned": "not mentioned",
    "note_still_drafted": "still to be drafted",
    "note_other_fields": "unit, kind or qualifier",
    "note_same_metric_elsewhere": "same metric elsewhere",
    "note_no_target": "no target with this metric",
    "note_no_task": "no matching task",
    "note_period": "period",
    "wrote": "wrote {path} ({size} KiB)",
    "wrote_check": "; check: {summary}",
    "plans_checked": "{plans} plans: {errors} errors, {warnings} warnings, {failed} unreadable",
    "store_summary": "{db}: {added} plans added, {skipped} already stored, {diffs} year-over-year diffs",
    "store_failed": ", {failed} inputs failed",
    "at_line": "line {line}, column {column}:",
    "smart_header": "path\tS\tM\tA\tT\tscore\ttitle",
    "found": "Found {summary}.",
    "diagnostics_count": "{count} diagnostics",
    "summary": "{errors} error{errors_s}, {warnings} warning{warnings_s}, {infos} info",
}

# Display names of enum values, by the enum's class name and the value's wire string.
_ENUM_ZH: dict[str, dict[str, str]] = {
    "TargetKind": {"increase": "新增", "level": "达到", "decrease": "下降", "rate": "增长", "ratio": "倍数"},
    "Qualifier": {
        "exact": "确数",
        "approx": "左右",
        "at_least": "以上",
        "at_most": "以内",
        "strive": "力争",
    },
    "OwnerRole": {"lead": "牵头", "support": "配合", "partner": "参与", "oversight": "督导"},
    "DocumentRelation": {"drafts": "制定", "implements": "落实", "revises": "修订", "cites": "引用"},
    "Recurrence": {
        "weekly": "每周",
        "monthly": "每月",
        "quarterly": "每季度",
        "semester": "每学期",
        "yearly": "每年",
    },
    "Severity": {"error": "错误", "warning": "警告", "info": "提示"},
    "ChangeKind": {
        "added": "新增",
        "removed": "删除",
        "moved": "移动",
        "reworded": "改写",
        "renumbered": "改序号",
        "split": "拆分",
        "merged": "合并",
        "target_changed": "指标变化",
        "target_added": "新增指标",
        "target_removed": "删除指标",
        "owner_added": "新增单位",
        "owner_removed": "删除单位",
        "owner_role_changed": "单位角色变化",
        "deadline_changed": "时限变化",
        "document_relation_changed": "文件关系变化",
        "document_added": "新增文件",
        "document_removed": "删除文件",
        "period_changed": "期限变化",
    },
    "Status": {"continued": "延续", "progressed": "推进", "changed": "调整", "dropped": "未再提及"},
}

_TABLES: dict[str, dict[str, str]] = {"zh": _ZH, "en": _EN}


def check_lang(lang: str) -> Lang:
    """``lang`` itself when the catalogue has it; a `ValueError` naming the choices otherwise."""
    if lang not in _TABLES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang  # type: ignore[return-value]


def label(key: str, lang: str = "zh", **values: object) -> str:
    """The label ``key`` in ``lang`` (Chinese when that language lacks it), filled with ``values``."""
    text = _TABLES.get(lang, _ZH).get(key) or _ZH.get(key) or key
    return text.format(**values) if values else text


def enum_label(value: enum.Enum, lang: str = "zh") -> str:
    """The display name of an enum value: 新增 for ``TargetKind.INCREASE``; its wire string in English."""
    wire = str(value.value)
    if lang == "en":
        return wire.replace("_", " ")
    return _ENUM_ZH.get(type(value).__name__, {}).get(wire, wire)


def count_label(count: int, key: str, lang: str = "zh") -> str:
    """``12 项任务`` in Chinese, ``12 tasks`` in English (singular for one)."""
    if lang == "en":
        word = label(key, "en").lower()
        if count == 1 and word.endswith("s") and key.endswith("s"):
            word = word[:-1]
        return f"{count} {word}"
    measure_word = {"goals": "项", "tasks": "项", "measures": "条", "targets": "个", "findings": "条"}
    return f"{count} {measure_word.get(key, '个')}{label(key, 'zh')}"


def summary(errors: int, warnings: int, infos: int, lang: str = "zh") -> str:
    """A check report's counts in one line: ``2 个错误,1 个警告,38 条提示``."""
    return label(
        "summary",
        lang,
        errors=errors,
        warnings=warnings,
        infos=infos,
        errors_s="s" * (errors != 1),
        warnings_s="s" * (warnings != 1),
    )
