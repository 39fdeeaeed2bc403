"""The plan's graph as files for graph tools: GraphML, GEXF, and CSV node and edge lists.

Every attribute written is a scalar (text or a whole number), so that Gephi,
yEd, Cytoscape and `networkx.read_graphml` read the files as they are. Node
ids are path ids (``g2/t7/m3``) and registry ids (``o4``, ``d12``); the
attributes are those of `Plan.graph` (see `workplan.graph`), with None values
left out.

XML cannot hold every character a plan may: NUL and the other C0 controls
except tab and line breaks, lone surrogates, U+FFFE and U+FFFF. GraphML and
GEXF write each of them as U+FFFD (�), so that the file is always well-formed
XML; these files are exports, not read back as plans, and JSON and YAML keep
the exact text.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import WorkplanError
from ..model import Plan
from ._atomic import atomic_path, write_atomic

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CSV_ENCODING",
    "EDGE_COLUMNS",
    "FORMULA_STARTS",
    "NODE_COLUMNS",
    "csv_paths",
    "edges_csv",
    "export_graph",
    "neutralise",
    "nodes_csv",
    "write_csv",
    "write_gexf",
    "write_graphml",
]

NODE_COLUMNS: tuple[str, ...] = ("id", "kind", "label", "metric", "value", "unit", "target_kind", "qualifier")
"""Columns of the node list, in order."""

EDGE_COLUMNS: tuple[str, ...] = ("source", "target", "kind", "role", "dependency")
"""Columns of the edge list, in order."""

_SCALARS = (str, int, float, bool)

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _scalars(attributes: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in attributes.items() if isinstance(value, _SCALARS)}


def _xml_scalars(attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        name: _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value
        for name, value in attributes.items()
        if isinstance(value, _SCALARS)
    }


def export_graph(plan: Plan, *, xml: bool = False) -> nx.MultiDiGraph[str]:
    """A copy of ``plan.graph`` with scalar attributes only, ready for any graph file format.

    With ``xml``, characters XML cannot hold become U+FFFD in text attributes and ids.
    """
    import networkx as nx

    clean = _xml_scalars if xml else _scalars
    name = (lambda text: _NOT_XML.sub("\ufffd", text)) if xml else (lambda text: text)
    source = plan.graph
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(**clean(source.graph))
    graph.add_nodes_from((name(node), clean(attributes)) for node, attributes in source.nodes(data=True))
    graph.add_edges_from(
        (name(u), name(v), key, clean(attributes))
        for u, v, key, attributes in source.edges(keys=True, data=True)
    )
    return graph


def write_graphml(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write the plan's graph as GraphML (readable by Gephi and `networkx.read_graphml`), atomically."""
    import networkx as nx

    graph = export_graph(plan, xml=True)
    with atomic_path(path) as temporary:
        nx.write_graphml(graph, temporary, encoding="utf-8", named_key_ids=True)


def write_gexf(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write the plan's graph as GEXF 1.2 (Gephi's own format), atomically."""
    import networkx as nx

    graph = export_graph(plan, xml=True)
    with atomic_path(path) as temporary:
        nx.write_gexf(graph, temporary, encoding="utf-8")


CSV_ENCODING = "utf-8-sig"
"""The default encoding of CSV files: UTF-8 with a BOM, so that Excel on Chinese Windows reads it."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Text starting with one of these is a formula to a spreadsheet; CSV cells get a ``'`` before it."""


def neutralise(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula (the OWASP rule: prefix ``'``).

    Text starting with ``= + - @``, TAB or CR gets a leading ``'``; numbers and other
    text are left as they are.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(header: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: neutralise(value) for name, value in row.items()} for row in rows)
    return buffer.getvalue()


def nodes_csv(plan: Plan) -> str:
    """The node list as CSV text: one row per node, columns `NODE_COLUMNS`."""
    rows = [{"id": node, **_scalars(attributes)} for node, attributes in plan.graph.nodes(data=True)]
    return _csv(NODE_COLUMNS, rows)


def edges_csv(plan: Plan) -> str:
    """The edge list as CSV text: one row per edge, columns `EDGE_COLUMNS`."""
    rows = [
        {"source": u, "target": v, **_scalars(attributes)} for u, v, attributes in plan.graph.edges(data=True)
    ]
    return _csv(EDGE_COLUMNS, rows)


def csv_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Where `write_csv` puts the two lists for ``path``.

    ``plan.csv`` gives ``plan.nodes.csv`` and ``plan.edges.csv`` beside it; any
    other path is a folder that gets ``nodes.csv`` and ``edges.csv``.
    """
    target = Path(path)
    if target.suffix.lower() == ".csv":
        return target.with_suffix(".nodes.csv"), target.with_suffix(".edges.csv")
    return target / "nodes.csv", target / "edges.csv"


def write_csv(plan: Plan, path: str | os.PathLike[str], *, encoding: str = CSV_ENCODING) -> tuple[Path, Path]:
    """Write the node and edge lists as CSV files (see `csv_paths`); return their paths.

    Args:
        plan: The plan.
        path: ``plan.csv`` (two files beside it) or a folder.
        encoding: ``utf-8-sig`` (UTF-8 with a BOM, what Excel expects) by default; ``utf-8``
            for tools that dislike the BOM, or ``gb18030`` for old Chinese software.

    Cells that a spreadsheet would run as a formula (text starting with ``= + - @``, TAB
    or CR) are written with a leading ``'`` (see `neutralise`).

    Raises:
        WorkplanError: A text cannot be encoded in ``encoding``.
    """
    nodes_path, edges_path = csv_paths(path)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    for target, text in ((nodes_path, nodes_csv(plan)), (edges_path, edges_csv(plan))):
        try:
            payload = text.encode(encoding)
        except (UnicodeEncodeError, LookupError) as error:
            raise WorkplanError(f"cannot write {target.name} as {encoding}: {error}") from None
        write_atomic(target, payload)
    return nodes_path, edges_path
