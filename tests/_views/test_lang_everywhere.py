"""Every view, in both languages: Chinese leaves no English label behind, English no Chinese one.

The plans' own text would hide a stray label (the 2020 plan says 新增 and 目标 itself), so the
plans here are the shipped ones with every Chinese character moved, one for one, into CJK
Extension B (U+20000…), which no label uses. Spans still point at the same places and the
matcher pairs the same items. Then:

* in Chinese (the default), no ASCII word is left but those the plan itself holds, rule codes
  and the few named in `_ALLOWED`;
* in English, no character of the CJK Unified Ideographs block (U+4E00…U+9FFF) is left: every
  one would be a Chinese label.

Finding messages are written by the rules, in English, and are left out of both checks (they
are the rules' own text, not labels); see `_without_findings`.
"""

from __future__ import annotations

import html.parser
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import workplan as wp
from workplan._views._diff_docx import revision_rows
from workplan._views._findings import format_text
from workplan._views._html import (
    continuity_html,
    diff_html,
    goal_html,
    plan_html,
    report_html,
    report_page,
    task_html,
    timeline_html,
)
from workplan.cli import main
from workplan.cli._show import outline
from workplan.testing import mutate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

_CJK = re.compile("[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z]{2,}")
_ALLOWED = {
    "KiB",  # 已写入 report.html(440 KiB)
    "workplan",  # 由 workplan 生成于
    "WP",  # rule codes: WP201
}


def _moved(text: str) -> str:
    return _CJK.sub(lambda match: chr(0x20000 + ord(match.group()) - 0x4E00), text)


def _walk(value: Any) -> Any:
    if isinstance(value, str):
        return _moved(value)
    if isinstance(value, list):
        return [_walk(item) for item in value]
    if isinstance(value, dict):
        return {key: _walk(item) for key, item in value.items()}
    return value


def _ciphered(plan: wp.Plan) -> wp.Plan:
    """``plan`` with each Chinese character moved to CJK Extension B (keys and wire values are ASCII)."""
    return wp.loads(json.dumps(_walk(json.loads(wp.dumps(plan))), ensure_ascii=False))


class _Text(html.parser.HTMLParser):
    """The text a reader sees: text nodes outside <style> and <script>, and image alt text."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.hidden += 1
        self.parts += [value or "" for name, value in attrs if name == "alt"]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _seen(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return " ".join(parser.parts)


@pytest.fixture(scope="module")
def plans() -> tuple[wp.Plan, wp.Plan, wp.Plan]:
    old = wp.parse_text((EXAMPLES / "changchun-edu-2019-excerpt.txt").read_text(encoding="utf-8"))
    new = wp.datasets.load("changchun-edu-2020")
    return _ciphered(old), _ciphered(new), _ciphered(mutate(new, seed=3))


def _docx_text(document: Any) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _views(plans: tuple[wp.Plan, wp.Plan, wp.Plan], lang: str) -> Iterator[tuple[str, str]]:
    """(name, text a person reads) for every view of the plans in ``lang``."""
    old, new, mutated = plans
    report = wp.check(new)  # type: ignore[attr-defined]
    yield "plan_html", _seen(plan_html(new, lang))
    yield "goal_html", " ".join(_seen(goal_html(goal, lang)) for goal in new.goals)
    yield "task_html", " ".join(_seen(task_html(task, lang)) for goal in new.goals for task in goal.tasks)
    yield "report_html", _seen(report_html(report, lang))
    yield "report_page", _seen(report_page(new, report, "<svg></svg>", lang=lang))
    yield "format_text", format_text(report, lang=lang)
    yield "outline", outline(new, 3, lang)
    for name, delta in (("years", wp.diff(old, new)), ("mutated", wp.diff(new, mutated))):
        yield f"diff text {name}", delta.render("text", lang)
        yield f"diff md {name}", delta.render("md", lang)
        yield f"diff html {name}", _seen(delta.render("html", lang))
        yield f"diff notebook {name}", _seen(diff_html(delta, lang))
        yield f"revision notes {name}", "\n".join(note for _, _, note in revision_rows(delta, lang))
    for name, (a, b) in (("years", (old, new)), ("mutated", (new, mutated))):
        table = wp.continuity(a, b)
        yield f"continuity text {name}", table.render("text", lang)
        yield f"continuity md {name}", table.render("md", lang)
        yield f"continuity notebook {name}", _seen(continuity_html(table, lang))
        line = wp.timeline([a, b])
        yield f"timeline text {name}", line.render("text", lang)
        yield f"timeline md {name}", line.render("md", lang)
        yield f"timeline notebook {name}", _seen(timeline_html(line, lang))
    if importlib.util.find_spec("docx") is not None:  # the office extra
        from workplan.io._docx import build_docx

        yield "word plan", _docx_text(build_docx(new, report=report, lang=lang))


def _without_findings(text: str, plans: tuple[wp.Plan, wp.Plan, wp.Plan]) -> str:
    """``text`` without the rules' own words: finding messages, and rule names and wire severities."""
    from workplan.checks import all_rules

    for plan in plans:
        for finding in wp.check(plan):  # type: ignore[attr-defined]
            text = text.replace(finding.message, " ")
    names = {rule.name for rule in all_rules()}
    # A finding line keeps its machine form for grep and editors: `path: WP201 [info] … (task-without-owner)`;
    # rule names are identifiers, like the codes.
    text = re.sub(r"\[(error|warning|info)\]", " ", text)
    return re.sub(r"[a-z]+(?:-[a-z]+)+", lambda m: " " if m.group() in names else m.group(), text)


def _plan_words(plans: tuple[wp.Plan, wp.Plan, wp.Plan]) -> set[str]:
    words: set[str] = set()
    for plan in plans:
        for value in _strings(json.loads(wp.dumps(plan))):
            words.update(_WORD.findall(value))
    return words


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("kind", "qualifier", "role", "relation", "recurrence", "schema"):
                yield from _strings(item)


def test_chinese_views_leave_no_english_label(plans: tuple[wp.Plan, wp.Plan, wp.Plan]) -> None:
    allowed = _ALLOWED | _plan_words(plans)
    seen = 0
    for name, text in _views(plans, "zh"):
        seen += 1
        left = set(_WORD.findall(_without_findings(text, plans))) - allowed
        assert not left, f"{name}: English words in the Chinese view: {sorted(left)}"
    assert seen >= 25


def test_english_views_leave_no_chinese_label(plans: tuple[wp.Plan, wp.Plan, wp.Plan]) -> None:
    seen = 0
    for name, text in _views(plans, "en"):
        seen += 1
        found = sorted(set(_CJK.findall(text)))
        assert not found, f"{name}: Chinese characters in the English view: {''.join(found)}"
    assert seen >= 25


def test_the_plan_text_really_was_moved(plans: tuple[wp.Plan, wp.Plan, wp.Plan]) -> None:
    old, new, _ = plans
    assert not _CJK.search(wp.dumps(new)) and not _CJK.search(wp.dumps(old))
    assert len(wp.diff(old, new)) == len(
        wp.diff(
            wp.parse_text((EXAMPLES / "changchun-edu-2019-excerpt.txt").read_text(encoding="utf-8")),
            wp.datasets.load("changchun-edu-2020"),
        )
    )
    # the test would catch a stray label: an English word in a Chinese view, and the reverse
    assert _WORD.findall(_without_findings("新增 2 renumbered", plans)) == ["renumbered"]


_COMMANDS = [
    ["show", "{new}", "--depth", "3"],
    ["check", "{new}", "--smart"],
    ["check", "{new}", "{old}"],
    ["diff", "{old}", "{new}"],
    ["diff", "{new}", "{mutated}", "-f", "md"],
    ["continuity", "{old}", "{new}"],
    ["timeline", "{old}", "{new}", "-f", "md"],
    ["report", "{new}", "-o", "{tmp}/report.html", "--no-map"],
    ["query", "{new}", "--kind", "goal", "--kind", "task"],
]


@pytest.mark.parametrize("command", _COMMANDS, ids=lambda command: " ".join(command[:2]))
def test_every_command_speaks_the_language(
    command: list[str],
    plans: tuple[wp.Plan, wp.Plan, wp.Plan],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WORKPLAN_LANG", raising=False)
    files = {}
    for name, plan in zip(("old", "new", "mutated"), plans, strict=True):
        files[name] = str(tmp_path / f"{name}.json")
        wp.dump(plan, files[name])
    argv = [word.format(**files, tmp=tmp_path) for word in command]
    allowed = _ALLOWED | _plan_words(plans) | set(_WORD.findall(" ".join(argv)))  # file names
    main(argv)
    captured = capsys.readouterr()
    chinese = _without_findings(captured.out + captured.err, plans)
    left = set(_WORD.findall(chinese)) - allowed
    assert not left, f"{argv}: English words by default: {sorted(left)}"
    for english in ([*argv, "--lang", "en"], argv):
        if english is argv:
            monkeypatch.setenv("WORKPLAN_LANG", "en")
        main(english)
        captured = capsys.readouterr()
        found = sorted(set(_CJK.findall(captured.out + captured.err)))
        assert not found, f"{english}: Chinese in English output: {''.join(found)}"
