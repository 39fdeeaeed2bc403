"""``workplan export PLAN --format FORMAT -o FILE``: a plan as another file format."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._errors import ArgumentError
from ._common import load_plan, prepare_output

FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "xlsx", "json", "yaml")
"""The formats ``workplan export`` writes."""

_SUFFIXES = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a plan as GraphML, GEXF, CSV node/edge lists, an Excel table, JSON or YAML",
        description="Write a plan in another format. The format follows from --format or the "
        "output's suffix. CSV writes two files: FILE.nodes.csv and FILE.edges.csv for FILE.csv, "
        "or nodes.csv and edges.csv inside a folder.",
    )
    parser.add_argument("plan", metavar="PLAN", help="a plan file or a dataset name")
    parser.add_argument("--format", "-f", choices=FORMATS, help="the format (default: from the suffix)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    chosen = args.format or _SUFFIXES.get(output.suffix.lower())
    if chosen is None:
        raise ArgumentError(
            f"cannot tell the format of {output.name!r}; give --format ({', '.join(FORMATS)})"
        )
    plan = load_plan(args.plan)
    written = export(plan, chosen, prepare_output(output))
    for path in written:
        print(path)
    return 0


def export(plan: Any, chosen: str, output: Path) -> list[Path]:
    """Write ``plan`` to ``output`` in format ``chosen``; return the files written."""
    from ..io import _graphfiles
    from ..io._atomic import write_atomic

    if chosen == "graphml":
        _graphfiles.write_graphml(plan, output)
    elif chosen == "gexf":
        _graphfiles.write_gexf(plan, output)
    elif chosen == "csv":
        return list(_graphfiles.write_csv(plan, output))
    elif chosen == "xlsx":
        from ..io._excel import write_excel

        write_excel(plan, output)
    elif chosen == "json":
        from ..io import dumps

        write_atomic(output, dumps(plan) + "\n")
    else:
        from ..io import dumps_yaml

        write_atomic(output, dumps_yaml(plan))
    return [output]
