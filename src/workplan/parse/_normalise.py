"""Stage 1, normalise: one clean text with a map back to the original.

Guarantees of `normalise(original)`:

* Full-width ASCII forms (，：（）；０-９％) become ASCII; NBSP, ideographic and other
  odd spaces become a plain space; zero-width characters go.
* Within a line, runs of spaces shrink to one, and lines carry no leading or trailing
  spaces. Line breaks stay line breaks (a lone ``\\r`` counts as one).
* Page chrome lines go: breadcrumbs (您当前的位置…, 首页 > …), 【字体: 打印, ``时间:… 来源:``,
  metadata-table rows (索引号:, 发布机构:, …), page markers (``- 1 -``), store headers.
* Traditional characters become simplified when the ``zh`` extra (opencc) is installed,
  character for character so that offsets survive; otherwise a P001 diagnostic says so.
* Every character of the normalised text maps back to the original through
  `Normalised.to_original`, so spans always point into the text the user gave.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..model import Span
from ._diagnostics import Diagnostic

__all__ = ["Normalised", "normalise"]

_TRANSLATE: dict[int, int | None] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
for _space in "\u00a0\u3000\t\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\f\v":
    _TRANSLATE[ord(_space)] = ord(" ")
_TRANSLATE[ord("\r")] = ord("\n")
# Punctuation that has a common look-alike: keep one form so later stages match one thing.
_TRANSLATE.update({ord("﹝"): ord("〔"), ord("﹞"): ord("〕"), ord("―"): ord("-")})
_TRANSLATE.update({ord("—"): ord("-"), ord("–"): ord("-"), ord("－"): ord("-"), ord("〜"): ord("~")})

_CHROME = re.compile(
    r"(?:您当前的位置|当前位置[:>]|首页 ?>|【字体|字体:|【打印|【关闭|关闭窗口|打印本页|"
    r"时间:\d{4}-\d{1,2}-\d{1,2}[^\n]{0,40}来源|发布时间:\d{4}|"
    r"(?:索引号|发布机构|发文机关|生成日期|成文日期|发布日期|主题分类|公文种类|主题词|信息来源|浏览次数|"
    r"点击数|文章来源|责任编辑|分享到):|"
    r"# ?(?:source|retrieved-excerpt):|"
    r"-\s?\d{1,4}\s?-$|第\s?\d{1,4}\s?页(?:\s?共\s?\d{1,4}\s?页)?$|\(此件公开发布\)$|\[打印\]$)"
)
# A breadcrumb at the start of a line that lost its breaks: 首页 > 信息公开 长春市教育局…
_BREADCRUMB = re.compile(r"(?:您当前的位置|您现在的位置|当前位置)?[:>]? ?首页(?: ?>+ ?[^ >\n]{1,16})*")
_PAGE_MARKER = re.compile(r"-\s?\d{1,4}\s?-$|第\s?\d{1,4}\s?页(?:\s?共\s?\d{1,4}\s?页)?$")
# A chrome line longer than this, or with plan text after the chrome, keeps that text.
_CHROME_LINE = 80
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{8}")
_PLAN_TEXT = re.compile(r"。|[一二三四五六七八九十]、|工作要点|工作计划|工作意见")
_DELETE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]+| {2,}")
# The same, with page markers inside a line; used only on lines holding a dash (a lookbehind
# tried at every character is slow).
_DELETE_MARKERS = re.compile(
    r"(?P<marker>(?<=[。;:!?)]) ?- ?\d{1,3} ?- ?(?=[\u4e00-\u9fff]))"
    r"|[\u200b\u200c\u200d\u2060\ufeff\u00ad]+| {2,}"
)

# Characters common in traditional-script plans and absent from simplified text.
_TRADITIONAL = frozenset(
    "們個為來與會學發業東國長門時見說讀書區經濟計劃應實現務機關點設據總統導體質藝術權廣報範響價壓辦開義"
    "檢驗屬雙標準縣鄉園幹專職際創競測評議論當對將從動員問題頭歲營養師資優擴續進確認識護區衛傳統聯網絡"
)

_TRADITIONAL_RE = re.compile(f"[{''.join(sorted(_TRADITIONAL))}]")
_NEEDS_TRANSLATE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TRANSLATE)) + "]")


class Normalised:
    """The normalised text and its map back to the original."""

    __slots__ = ("_origins", "_starts", "original", "text")

    def __init__(self, original: str, text: str, starts: list[int], origins: list[int]) -> None:
        self.original = original
        """The text as the user gave it."""
        self.text = text
        """The normalised text that later stages read."""
        self._starts = starts
        self._origins = origins

    def to_original(self, index: int) -> int:
        """The original offset of normalised offset ``index`` (an end offset maps past its character)."""
        if not self._starts:
            return 0
        if index >= len(self.text):
            return len(self.original) if not self.text else self.to_original(len(self.text) - 1) + 1
        piece = bisect.bisect_right(self._starts, index) - 1
        return self._origins[piece] + (index - self._starts[piece])

    def span(self, start: int, end: int) -> Span:
        """The original `Span` of normalised ``text[start:end]``."""
        first = self.to_original(start)
        last = self.to_original(end - 1) + 1 if end > start else first
        return Span(start=first, end=max(first, last))


def _convert_traditional(text: str, diagnostics: list[Diagnostic]) -> str:
    found = _TRADITIONAL_RE.search(text)
    if found is None:
        return text
    first = found.start()
    try:
        from opencc import OpenCC
    except ImportError:
        diagnostics.append(
            Diagnostic(
                code="P001",
                message="the text looks like traditional Chinese; install workplan[zh] (opencc) "
                "to convert it, parsing it as it is",
                message_zh="文本似为繁体中文，安装 workplan[zh](opencc)可转换为简体，现按原文解析",
                span=Span(start=first, end=first + 1),
            )
        )
        return text
    converter: Any = OpenCC("t2s")
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.isascii() or not _TRADITIONAL_RE.search(line):
            continue
        converted = converter.convert(line)
        if len(converted) != len(line):
            # Phrase tables may change the length; fall back to characters so offsets survive.
            chars = [converter.convert(ch) for ch in line]
            converted = "".join(c if len(c) == 1 else ch for c, ch in zip(chars, line))
        lines[number] = converted
    return "\n".join(lines)


def _note_dropped(diagnostics: list[Diagnostic], start: int, end: int, code: str) -> None:
    if end > start:
        what, zh = ("page marker", "页码标记") if code == "P307" else ("page chrome", "网页导航等页面杂项")
        diagnostics.append(
            Diagnostic(
                code=code,
                message=f"{what} dropped",
                message_zh=f"已去除{zh}",
                span=Span(start=start, end=end),
            )
        )


def normalise(original: str, diagnostics: list[Diagnostic]) -> Normalised:
    """Normalise ``original`` (see the module docstring); append what was noticed to ``diagnostics``."""
    translated = original.translate(_TRANSLATE) if _NEEDS_TRANSLATE.search(original) else original
    translated = _convert_traditional(translated, diagnostics)
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = 0

    def keep(begin: int, end: int) -> None:
        nonlocal length
        if end <= begin:
            return
        pieces.append(translated[begin:end])
        starts.append(length)
        origins.append(begin)
        length += end - begin

    offset = 0
    for line in translated.split("\n"):
        line_start, line_end = offset, offset + len(line)
        offset = line_end + 1
        left = len(line) - len(line.lstrip(" "))
        right = len(line.rstrip(" "))
        begin = line_start + left
        chrome = _CHROME.match(line, left) if right > left else None
        crumb = _BREADCRUMB.match(line, left) if chrome is not None else None
        cut = crumb.end() if crumb is not None and crumb.end() > left else chrome.end() if chrome else left
        if chrome is not None and (
            _PLAN_TEXT.search(line, cut, right)
            or (right - cut > _CHROME_LINE and _CJK_RUN.search(line, cut, right))
        ):
            # Never drop plan text with the chrome: keep what follows it.
            _note_dropped(diagnostics, line_start + left, line_start + cut, "P002")
            left, begin, chrome = cut, line_start + cut, None
            while left < right and line[left] == " ":
                left += 1
                begin += 1
        elif chrome is not None:
            marker = _PAGE_MARKER.match(line, left, right)
            _note_dropped(diagnostics, line_start + left, line_start + right, "P307" if marker else "P002")
        if right > left and chrome is None:
            deletions = _DELETE_MARKERS if "-" in line else _DELETE
            for match in deletions.finditer(line, left, right):
                keep(begin, line_start + match.start())
                begin = line_start + match.end()
                if match.lastgroup == "marker":
                    _note_dropped(diagnostics, line_start + match.start(), begin, "P307")
                elif match.group()[0] == " ":
                    keep(line_start + match.start(), line_start + match.start() + 1)
            keep(begin, line_start + right)
        if line_end < len(translated):
            keep(line_end, line_end + 1)
    return Normalised(original, "".join(pieces), starts, origins)
