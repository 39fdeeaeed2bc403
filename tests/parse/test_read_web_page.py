"""A saved web page read as plan text: its encoding, the main block without chrome, its title (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

import workplan as wp
from workplan.parse._sources import read_source

pytest.importorskip("lxml")

PAGE = """<?xml version="1.0" encoding="gbk"?>
<html><head><meta charset="gbk"><title>长春市教育局2020年工作要点_长春市教育局</title>
<script>var x = "一、不是正文";</script><style>p {}</style></head>
<body>
<div class="header"><a href="/">首页</a> <a href="/news">新闻中心</a></div>
<div id="nav"><ul><li><a href="/a">机构设置</a></li><li><a href="/b">政务公开</a></li></ul></div>
<div class="content">
<p>一、推进冰雪运动</p>
<p>1.深化百万学子上冰雪行动。6月底前新增国家级冰雪特色校80所。<!-- 注释 --></p>
<p>2.加强校园安全。校园安保覆盖率达到100%。</p>
<table><tr><td>序号</td><td>重点任务</td><td>牵头单位</td></tr>
<tr><td>3</td><td>完善教师培训体系</td><td>市教育局</td></tr></table>
</div>
<div class="footer">版权所有 长春市教育局 <a href="/c">网站地图</a></div>
</body></html>
"""

TEXT = (
    "长春市教育局2020年工作要点\n"
    "一、推进冰雪运动\n"
    "1.深化百万学子上冰雪行动。6月底前新增国家级冰雪特色校80所。\n"
    "2.加强校园安全。校园安保覆盖率达到100%。\n"
    "3.完善教师培训体系\n"
    "牵头单位:市教育局\n"
)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_the_main_text_in_its_declared_encoding_under_the_page_title(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.html"
    path.write_bytes(PAGE.replace('"gbk"', f'"{encoding}"').encode(encoding))
    assert read_source(path) == TEXT
    plan = wp.parse_file(path)
    assert (plan.title, len(plan.goals), [task.number for task in plan.goals[0].tasks]) == (
        "长春市教育局2020年工作要点",
        1,
        [1, 2, 3],
    )


def test_a_heading_on_the_page_comes_first(tmp_path: Path) -> None:
    path = tmp_path / "plan.htm"
    page = PAGE.replace('<div class="content">', '<div class="content"><h1>二〇二〇年工作要点</h1>')
    path.write_text(page.replace('"gbk"', '"utf-8"'), "utf-8")
    assert read_source(path).splitlines()[:2] == ["二〇二〇年工作要点", "一、推进冰雪运动"]  # once


@pytest.mark.parametrize(
    "markup",
    ["", "  \n ", "<html><body><div class='nav'><a href='/'>首页</a></div></body></html>"],
    ids=["empty", "blank", "chrome-only"],
)
def test_a_page_without_text_is_a_file_format_error_naming_it(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(markup, "utf-8")
    with pytest.raises(wp.FileFormatError) as raised:
        read_source(path)
    assert str(path) in str(raised.value)
