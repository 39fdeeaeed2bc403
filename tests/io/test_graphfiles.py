"""GraphML, GEXF and CSV node/edge lists, and the ``workplan export`` command."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

import workplan as wp
from workplan.cli import main
from workplan.io._graphfiles import EDGE_COLUMNS, NODE_COLUMNS, csv_paths, export_graph

SCALARS = (str, int, float, bool)


@pytest.fixture(scope="module")
def plan() -> wp.Plan:
    return wp.datasets.load("changchun-edu-2020")


def test_export_graph_has_scalar_attributes_only(plan: wp.Plan) -> None:
    graph = export_graph(plan)
    assert graph.number_of_nodes() == plan.graph.number_of_nodes()
    assert graph.number_of_edges() == plan.graph.number_of_edges()
    assert all(isinstance(value, SCALARS) for value in graph.graph.values())
    for _, attributes in graph.nodes(data=True):
        assert all(isinstance(value, SCALARS) for value in attributes.values())
    for _, _, attributes in graph.edges(data=True):
        assert all(isinstance(value, SCALARS) for value in attributes.values())


def test_graphml_reads_back_with_networkx(tmp_path: Path, plan: wp.Plan) -> None:
    path = tmp_path / "plan.graphml"
    assert main(["export", "changchun-edu-2020", "--format", "graphml", "-o", str(path)]) == 0
    graph = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == set(plan.graph.nodes)
    assert graph.number_of_edges() == plan.graph.number_of_edges()
    target_id, target = next(plan.nodes("target"))
    assert graph.nodes[target_id]["value"] == str(target.value)
    assert graph.nodes["g1"]["label"] == plan.goals[0].title
    kinds = {attributes["kind"] for _, _, attributes in graph.edges(data=True)}
    assert {"contains", "owned_by"} <= kinds


def test_graphml_is_plain_xml_for_gephi(tmp_path: Path, plan: wp.Plan) -> None:
    path = tmp_path / "plan.graphml"
    wp.io._graphfiles.write_graphml(plan, path)  # type: ignore[attr-defined]
    root = ET.parse(path).getroot()
    namespace = "{http://graphml.graphdrawing.org/xmlns}"
    assert root.tag == f"{namespace}graphml"
    declared = {key.get("attr.name"): key.get("attr.type") for key in root.iter(f"{namespace}key")}
    assert declared["kind"] == "string"
    assert set(declared.values()) <= {"string", "int", "long", "double", "boolean"}


def test_gexf_reads_back_with_networkx(tmp_path: Path, plan: wp.Plan) -> None:
    path = tmp_path / "plan.gexf"
    assert main(["export", "changchun-edu-2020", "-o", str(path)]) == 0
    graph = nx.read_gexf(path)
    assert set(graph.nodes) == set(plan.graph.nodes)
    assert graph.number_of_edges() == plan.graph.number_of_edges()
    assert graph.nodes["g1"]["label"] == plan.goals[0].title
    assert graph.nodes["g1"]["kind"] == "goal"


def test_csv_node_and_edge_lists(tmp_path: Path, plan: wp.Plan) -> None:
    path = tmp_path / "plan.csv"
    assert main(["export", "changchun-edu-2020", "-o", str(path)]) == 0
    nodes_path, edges_path = csv_paths(path)
    assert nodes_path.name == "plan.nodes.csv"
    assert nodes_path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for Excel on Chinese Windows
    with nodes_path.open(encoding="utf-8-sig", newline="") as stream:
        nodes = list(csv.DictReader(stream))
    with edges_path.open(encoding="utf-8-sig", newline="") as stream:
        edges = list(csv.DictReader(stream))
    assert tuple(nodes[0]) == NODE_COLUMNS
    assert tuple(edges[0]) == EDGE_COLUMNS
    assert [row["id"] for row in nodes] == list(plan.graph.nodes)
    assert len(edges) == plan.graph.number_of_edges()
    owned = [row for row in edges if row["kind"] == "owned_by"]
    assert owned
    assert all(row["role"] for row in owned)


def test_csv_into_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    assert main(["export", "changchun-edu-2020", "--format", "csv", "-o", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["edges.csv", "nodes.csv"]


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".xlsx"])
def test_export_plan_files_load_back(tmp_path: Path, plan: wp.Plan, suffix: str) -> None:
    path = tmp_path / f"plan{suffix}"
    assert main(["export", "changchun-edu-2020", "-o", str(path)]) == 0
    loaded = wp.load(path)
    assert loaded.counts() == plan.counts()


def test_export_needs_a_known_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "changchun-edu-2020", "-o", str(tmp_path / "plan.dot")]) == 2
    assert "--format" in capsys.readouterr().err
