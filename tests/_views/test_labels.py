"""The label catalogue: both languages complete, every enum value named in Chinese."""

from __future__ import annotations

import enum
import re

import pytest

from workplan._util import chinese_number
from workplan._views import _labels
from workplan._views._labels import LANGUAGES, check_lang, count_label, enum_label, label, summary
from workplan.checks import Severity
from workplan.compare import ChangeKind, Status
from workplan.model import DocumentRelation, OwnerRole, Qualifier, Recurrence, TargetKind


def test_every_language_has_every_key() -> None:
    assert set(_labels._ZH) == set(_labels._EN)
    assert LANGUAGES[0] == "zh"


@pytest.mark.parametrize(
    "kind", [TargetKind, Qualifier, OwnerRole, DocumentRelation, Recurrence, Severity, ChangeKind, Status]
)
def test_every_enum_value_has_a_chinese_name(kind: type[enum.Enum]) -> None:
    names = [enum_label(value) for value in kind]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in names), names
    assert len(set(names)) == len(names)  # no two values look the same
    assert [enum_label(value, "en") for value in kind] == [str(v.value).replace("_", " ") for v in kind]


def test_the_issue_names() -> None:
    assert [enum_label(k) for k in (TargetKind.INCREASE, TargetKind.LEVEL, TargetKind.DECREASE)] == [
        "新增",
        "达到",
        "下降",
    ]
    assert enum_label(TargetKind.RATE) == "增长"
    assert [enum_label(q) for q in (Qualifier.APPROX, Qualifier.AT_LEAST, Qualifier.STRIVE)] == [
        "左右",
        "以上",
        "力争",
    ]
    assert [enum_label(r) for r in (OwnerRole.LEAD, OwnerRole.SUPPORT, OwnerRole.PARTNER)] == [
        "牵头",
        "配合",
        "参与",
    ]
    assert [enum_label(r) for r in DocumentRelation] == ["制定", "落实", "修订", "引用"]
    assert [enum_label(s) for s in Severity] == ["错误", "警告", "提示"]


def test_labels_counts_and_summary() -> None:
    assert label("goals_and_tasks") == "目标与任务"
    assert label("goals_and_tasks", "en") == "Goals and tasks"
    assert label("and_more", n=3) == "… 另有 3 行"
    assert label("no-such-key") == "no-such-key"
    assert count_label(38, "tasks") == "38 项任务"
    assert count_label(1, "tasks", "en") == "1 task"
    assert count_label(2, "targets", "en") == "2 targets"
    assert summary(1, 2, 0) == "1 个错误，2 个警告，0 条提示"
    assert summary(1, 2, 0, "en") == "1 error, 2 warnings, 0 info"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        check_lang("fr")


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 38, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "三十八",
        "九十九",
    ]
    assert chinese_number(100) == "100"


def test_continuity_notes_in_chinese_and_as_written_in_english() -> None:
    from workplan._views._series import note_label

    assert note_label("drafts -> implements") == "制定 → 落实"
    assert note_label("drafts -> implements, cites") == "制定 → 落实、引用"
    assert note_label("not mentioned; period 2019-2021 → 2022-2025") == "未再提及;期限 2019-2021 → 2022-2025"
    assert note_label("raised +5") == "提高 +5"
    assert note_label("reworded, target_changed") == "改写、指标变化"
    assert note_label("document relation changed") == "文件关系变化"
    assert note_label("something new") == "something new"  # unknown: kept, never dropped
    assert note_label("drafts -> implements", "en") == "drafts -> implements"


def test_chinese_labels_use_full_width_punctuation() -> None:
    """A bureau reader expects ，：；（） in Chinese text, not their ASCII look-alikes."""
    from workplan._views import _labels

    for key, text in _labels._ZH.items():
        words = re.sub(r"\{[^}]*\}", "", text)  # placeholders may hold anything
        if re.search(r"[\u4e00-\u9fff]", words):
            assert not re.search(r"[,:;()]", words), (key, text)
