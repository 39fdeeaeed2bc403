"""JSON against its floors (orjson and the stdlib C decoder), graph build.

CPU-time medians of interleaved runs (see `_cpu.py`), wall time beside them.

Floors (issue 13): ``orjson.dumps`` of the same plan's dict for ``wp.dumps`` (goal: within
1.5x); ``json.loads`` of the same text for ``wp.loads`` (goal: within 5x). ``wp.dumps``
returns ``str``: decoding orjson's UTF-8 bytes is part of it, so the floor's own bytes
decoded are shown too, the least any ``str`` result can cost.

``--gc-paused`` runs every case inside ``wp.gc_paused()`` (the opt-in pause; the library
itself never pauses the collector).

Run: .venv/bin/python benchmarks/bench_io.py [--measures 30000] [--repeat 7] [--gc-paused]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cpu import gc_paused_if, interleaved, report
from attrs import evolve

import workplan as wp
from workplan.io import _json, unstructure_plan
from workplan.testing import synthetic_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--measures", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--gc-paused", action="store_true", help="run each case inside wp.gc_paused()")
    args = parser.parse_args()

    def case(function: Callable[[], object]) -> Callable[[], object]:
        return gc_paused_if(args.gc_paused, function)

    plan = synthetic_plan(args.measures)
    counts = plan.counts()
    data = unstructure_plan(plan)
    text = wp.dumps(plan)
    print(f"plan: {counts['measure']} measures, {counts['task']} tasks, {counts['target']} targets; ", end="")
    print(f"JSON {len(text.encode()) / 1e6:.1f} MB; garbage collector {'paused' if args.gc_paused else 'on'}")

    cases: dict[str, Callable[[], object]] = {}
    with contextlib.suppress(ImportError):
        import orjson

        cases["orjson.dumps(dict, OPT_INDENT_2)"] = lambda: orjson.dumps(data, option=orjson.OPT_INDENT_2)
        cases["  the same, decoded to str"] = lambda: orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    if not cases:
        print("orjson is not installed: the dumps floor is missing; wp.dumps takes the stdlib path")
    cases["wp.dumps(plan)"] = lambda: wp.dumps(plan)
    cases["wp dump bytes (files: no decode)"] = lambda: _json.dump_bytes(plan)
    cases["stdlib path (without orjson)"] = lambda: _json._stdlib_dumps(plan)
    cases["  before: dict, then small writer"] = lambda: _json._encode(unstructure_plan(plan), "\n", "  ")
    cases["json.dumps(indent=2) of the dict"] = lambda: json.dumps(data, ensure_ascii=False, indent=2)
    print("dumps (floor: orjson on the same dict; goal: wp.dumps within 1.5x):")
    timings = interleaved({name: case(function) for name, function in cases.items()}, repeat=args.repeat)
    report(timings, floor=next(iter(timings)))

    print("loads (floor: json.loads of the same text; goal: wp.loads within 5x):")
    loads = interleaved(
        {"json.loads(text)": case(lambda: json.loads(text)), "wp.loads(text)": case(lambda: wp.loads(text))},
        repeat=args.repeat,
    )
    report(loads, floor="json.loads(text)")

    print("graph:")
    graph = interleaved({"plan.graph build": case(lambda: evolve(plan).graph)}, repeat=3)
    report(graph, floor="plan.graph build")


if __name__ == "__main__":
    main()
