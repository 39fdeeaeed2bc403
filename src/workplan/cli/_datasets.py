"""``workplan datasets``: list the shipped plans."""

from __future__ import annotations

import argparse
from typing import Any

from ._commands import COMMANDS


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("datasets", help=COMMANDS["datasets"].summary)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import datasets

    for name in datasets.names():
        plan = datasets.load(name)
        counts = plan.counts()
        size = f"{counts['goal']} goals, {counts['task']} tasks, {counts['measure']} measures"
        print(f"{name}\t{plan.title}\t{size}")
    return 0
