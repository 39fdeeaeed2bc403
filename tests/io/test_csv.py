"""CSV node and edge lists: formula cells neutralised (OWASP), a BOM by default, other encodings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import workplan as wp
from workplan.io._graphfiles import FORMULA_STARTS, neutralise, nodes_csv, write_csv

_TEXT = '一、目标\n1.任务。\n牵头单位:=1+2\n2.{start}HYPERLINK("http://x")任务。\n'


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_starts_get_a_quote(start: str) -> None:
    assert neutralise(f"{start}1+2") == f"'{start}1+2"
    assert neutralise("1+2") == "1+2"
    assert neutralise(-3) == -3  # numbers stay numbers


def test_no_cell_of_the_node_list_starts_a_formula(tmp_path: Path) -> None:
    plan = wp.parse_text(_TEXT.format(start="="))
    labels = [row["label"] for row in csv.DictReader(nodes_csv(plan).splitlines())]
    assert any(label.startswith("'=") for label in labels)
    assert not any(label.startswith(FORMULA_STARTS) for label in labels)


def test_bom_by_default_and_encoding_option(tmp_path: Path) -> None:
    plan = wp.parse_text(_TEXT.format(start="@"))
    nodes, _ = write_csv(plan, tmp_path / "a.csv")
    assert nodes.read_bytes().startswith(b"\xef\xbb\xbf")
    nodes, _ = write_csv(plan, tmp_path / "b.csv", encoding="gb18030")
    assert "任务" in nodes.read_text(encoding="gb18030")
    nodes, _ = write_csv(plan, tmp_path / "c.csv", encoding="utf-8")
    assert not nodes.read_bytes().startswith(b"\xef\xbb\xbf")


def test_unencodable_text_is_a_clear_error(tmp_path: Path) -> None:
    plan = wp.parse_text(_TEXT.format(start=""))
    with pytest.raises(wp.WorkplanError, match="ascii"):
        write_csv(plan, tmp_path / "a.csv", encoding="ascii")
    assert not list(tmp_path.iterdir())
