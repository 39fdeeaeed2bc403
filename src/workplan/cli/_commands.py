"""The commands of ``workplan``: each name with the module that implements it and a one-line summary.

The summaries live here rather than in the command modules, so that ``workplan --help`` lists
every command without importing any of them, and ``workplan check …`` imports the check
command's module alone.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["COMMANDS", "Command"]


class Command(NamedTuple):
    """A subcommand: where it lives and what ``workplan --help`` says of it."""

    module: str
    """The module (relative to ``workplan.cli``) whose ``add_parser(subparsers)`` registers it."""
    summary: str
    """Its line in ``workplan --help``."""


COMMANDS: dict[str, Command] = {  # in the order `workplan --help` lists them
    "show": Command("._show", "print a plan as an indented outline with counts"),
    "parse": Command("._parse", "parse plan texts (工作要点) into JSON or YAML"),
    "datasets": Command("._datasets", "list the shipped plans"),
    "check": Command("._check", "check plans for consistency (exit 1 on errors)"),
    "query": Command("._query", "select goals, tasks, measures, targets, owners or documents"),
    "diff": Command("._diff", "compare two plans: added, removed, reworded, moved, targets, ..."),
    "continuity": Command(
        "._continuity", "last year's documents, targets and tasks: continued, progressed, changed or dropped"
    ),
    "timeline": Command("._timeline", "follow tasks, targets and documents through plans of several years"),
    "export": Command(
        "._export", "write a plan as GraphML, GEXF, CSV node/edge lists, an Excel table, JSON or YAML"
    ),
    "report": Command(
        "._report", "write a self-contained HTML page (or a Word .docx): goals, tasks, measures, findings"
    ),
}
"""Every subcommand by name."""
