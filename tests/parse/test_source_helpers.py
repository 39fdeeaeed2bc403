"""How read_source's helpers render Word list numbers and rejoin PDF lines (issue 12)."""

from __future__ import annotations

import pytest

from workplan.parse._sources import _format_number, _pdf_page, _unwrap, _width


@pytest.mark.parametrize(
    ("number", "number_format", "text"),
    [
        (3, "chineseCounting", "三"),
        (12, "decimalFullWidth", "１２"),
        (1, "decimalEnclosedCircle", "①"),
        (20, "decimalEnclosedCircle", "⑳"),
        (21, "decimalEnclosedCircle", "21"),
        (0, "decimalEnclosedCircle", "0"),
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "upperLetter", "A"),
        (1994, "upperRoman", "MCMXCIV"),
        (3999, "lowerRoman", "mmmcmxcix"),
        (4, "lowerRoman", "iv"),
        (49, "upperRoman", "XLIX"),
        (400, "upperRoman", "CD"),
        (10, "upperRoman", "X"),
        (7, "decimal", "7"),
    ],
)
def test_word_list_numbers(number: int, number_format: str, text: str) -> None:
    assert _format_number(number, number_format) == text


FULL = "推进学校建设工作推进学校建设工作推进学校"  # 20 characters, 40 cells: a full line
MORE = "建设工作推进学校建设工作推进学校建设工作"


def test_width_counts_chinese_characters_twice() -> None:
    assert (_width(FULL), _width("ab1"), _width("１"), _width("")) == (40, 3, 2, 0)


def test_lines_wrapped_at_the_margin_are_joined_until_a_sentence_or_item_ends() -> None:
    lines = [FULL, MORE, "结束。", "二、新的项目", FULL + "。", FULL, "牵头单位:市局"]
    assert _unwrap(lines) == [
        FULL + MORE + "结束。",
        "二、新的项目",
        FULL + "。",
        FULL,
        "牵头单位:市局",
    ]
    assert _unwrap([]) == []
    short = ["推进学校建设", "工作"]  # no line is full enough to have wrapped
    assert _unwrap(short) == short


def test_a_line_just_short_of_four_fifths_of_a_full_line_is_not_continued() -> None:
    ended = FULL[:-1] + "。"  # a full line of 40 cells that ends a sentence
    four_fifths, shorter = FULL[:16], FULL[:15]  # 32 and 30 cells
    assert _unwrap([ended, ended, four_fifths, "续"]) == [ended, ended, four_fifths + "续"]
    assert _unwrap([ended, ended, shorter, "续"]) == [ended, ended, shorter, "续"]


def test_a_pdf_page_loses_nuls_radicals_extraction_spaces_and_blank_lines() -> None:
    page = FULL + "\n" + MORE + "\n结束。\n\n1.新的 一项\x00\n⼀"
    assert _pdf_page(page) == FULL + MORE + "结束。\n1.新的一项\n一"
