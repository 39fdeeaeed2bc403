"""Writers accept every text the readers accept, and the files read back (issue 12, item 9)."""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest

import workplan as wp
from workplan.io import _atomic, dumps_yaml, loads_yaml

HOSTILE = "lone \ud800 surrogate, NUL \x00, bell \x07, U+FFFE \ufffe, 😀 and \u2028 line separator"


def hostile_plan() -> wp.Plan:
    plan = wp.datasets.load("changchun-edu-2020")
    goal = plan.goals[0]
    task = attrs.evolve(goal.tasks[0], title=HOSTILE)
    owners = (attrs.evolve(plan.owners[0], name=HOSTILE, aliases=(HOSTILE,)), *plan.owners[1:])
    return attrs.evolve(
        plan,
        title=HOSTILE,
        goals=(attrs.evolve(goal, tasks=(task, *goal.tasks[1:])), *plan.goals[1:]),
        owners=owners,
    )


def test_json_and_yaml_keep_surrogates_and_controls_exactly(tmp_path: Path) -> None:
    plan = hostile_plan()
    for name in ("plan.json", "plan.yaml"):
        wp.dump(plan, tmp_path / name)
        assert wp.load(tmp_path / name) == plan, name
    text = (tmp_path / "plan.json").read_text(encoding="utf-8")
    assert "\\ud800" in text and "\\u0000" in text and "😀" in text
    assert loads_yaml(dumps_yaml(plan)) == plan


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_graph_files_are_well_formed_xml_and_read_back(tmp_path: Path, suffix: str) -> None:
    import networkx as nx

    plan = hostile_plan()
    path = tmp_path / f"plan{suffix}"
    wp.dump(plan, path)
    ET.parse(path)  # well-formed
    graph = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == plan.graph.number_of_nodes()
    labels = {str(attributes.get("label", "")) for _, attributes in graph.nodes(data=True)}
    expected = HOSTILE.replace("\ud800", "\ufffd").replace("\x00", "\ufffd").replace("\x07", "\ufffd")
    assert expected.replace("\ufffe", "\ufffd") in labels


def test_writing_into_a_missing_folder_or_onto_a_folder_is_a_write_error(tmp_path: Path) -> None:
    plan = wp.Plan(title="x")
    for suffix in (".json", ".yaml", ".graphml", ".gexf"):
        with pytest.raises(wp.WriteError, match="no such folder") as caught:
            wp.dump(plan, tmp_path / "missing" / f"plan{suffix}")
        assert isinstance(caught.value, OSError)
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(wp.WriteError, match="is a folder"):
        wp.dump(plan, tmp_path / "dir.json")


def test_atomic_write_fsyncs_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def spy(descriptor: int) -> None:
        synced.append(stat.S_IFMT(os.fstat(descriptor).st_mode))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", spy)
    wp.dump(wp.Plan(title="x"), tmp_path / "plan.json")
    assert synced == [stat.S_IFREG, stat.S_IFDIR]  # the file, then the folder after the rename


def test_umask_is_read_without_changing_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        calls: list[int] = []
        monkeypatch.setattr(os, "umask", lambda mask: calls.append(mask) or 0)
        assert _atomic.current_umask() == 0o027
        assert calls == []  # /proc/self/status answered
        wp.dump(wp.Plan(title="x"), tmp_path / "plan.json")
        assert stat.S_IMODE((tmp_path / "plan.json").stat().st_mode) == 0o640
    finally:
        monkeypatch.undo()
        os.umask(old)


def test_a_failed_os_write_is_a_write_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(wp.WriteError, match=r"plan\.json: cannot write: No space left"):
        wp.dump(wp.Plan(title="x"), tmp_path / "plan.json")
    assert os.listdir(tmp_path) == []


def test_dumps_is_the_same_with_and_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    from workplan.io import _json

    plans = [wp.datasets.load("changchun-edu-2020"), hostile_plan(), wp.Plan(title="")]
    fast = [wp.dumps(plan) for plan in plans]
    monkeypatch.setattr(_json, "_orjson_dumps", lambda data: None)
    slow = [wp.dumps(plan) for plan in plans]
    assert fast == slow
    for plan, text in zip(plans, slow, strict=True):
        data = json.loads(text)
        if "\ud800" not in plan.title:
            assert text == json.dumps(data, ensure_ascii=False, indent=2)
        assert wp.dumps(plan, indent=4) == _json._dumps_data(data, 4)


def test_dump_bytes_is_dumps_with_a_newline(monkeypatch: pytest.MonkeyPatch) -> None:
    from workplan.io import _json

    for plan in (wp.datasets.load("changchun-edu-2020"), hostile_plan()):
        assert _json.dump_bytes(plan) == (wp.dumps(plan) + "\n").encode("utf-8")
        monkeypatch.setattr(_json, "_orjson_bytes", lambda data: None)
        assert _json.dump_bytes(plan) == (wp.dumps(plan) + "\n").encode("utf-8")
        monkeypatch.undo()
