"""JSON against its floors (orjson and the stdlib C decoder), graph build, import time.

CPU-time medians of interleaved runs (see `_cpu.py`), wall time beside them.

Run: .venv/bin/python benchmarks/bench_io.py [--measures 30000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cpu import interleaved, report
from attrs import evolve

import workplan as wp
from workplan.io import _json, unstructure_plan
from workplan.testing import synthetic_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    plan = synthetic_plan(args.measures)
    counts = plan.counts()
    data = unstructure_plan(plan)
    text = wp.dumps(plan)
    print(f"plan: {counts['measure']} measures, {counts['task']} tasks, {counts['target']} targets; ", end="")
    print(f"JSON {len(text.encode()) / 1e6:.1f} MB")

    cases: dict[str, object] = {}
    try:
        import orjson

        cases["orjson.dumps(dict, OPT_INDENT_2)"] = lambda: orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except ImportError:
        print("orjson is not installed: the dumps floor is missing")
    cases["wp.dumps(plan) [unstructure + encode]"] = lambda: wp.dumps(plan)
    cases["wp dumps on the dict [encode only]"] = lambda: _json._dumps_data(data, 2)
    cases["stdlib writer (no orjson)"] = lambda: _json._encode(data, "\n", "  ")
    cases["json.dumps(indent=2)"] = lambda: json.dumps(data, ensure_ascii=False, indent=2)
    print("dumps (floor: orjson on the same dict; goal: wp within 1.5x):")
    timings = interleaved(cases, repeat=args.repeat)  # type: ignore[arg-type]
    report(timings, floor=next(iter(timings)))

    print("loads (floor: json.loads of the same text; goal: wp.loads within 5x):")
    loads = interleaved(
        {"json.loads(text)": lambda: json.loads(text), "wp.loads(text)": lambda: wp.loads(text)},
        repeat=args.repeat,
    )
    report(loads, floor="json.loads(text)")

    print("graph:")
    report(interleaved({"plan.graph build": lambda: evolve(plan).graph}, repeat=3), floor="plan.graph build")


if __name__ == "__main__":
    main()
