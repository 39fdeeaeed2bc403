"""Foundation benchmark: JSON round trip against plain json, graph build, import time.

Run: .venv/bin/python benchmarks/bench_io.py [--measures 30000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_seconds
from attrs import evolve

import workplan as wp
from workplan.io import unstructure_plan
from workplan.testing import synthetic_plan


def import_time_ms(runs: int = 7) -> float:
    """Median cumulative import time of ``import workplan`` in a fresh interpreter, from -X importtime."""
    samples = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import workplan"],
            capture_output=True,
            text=True,
            check=True,
        )
        line = next(line for line in result.stderr.splitlines() if re.search(r"\|\s+workplan$", line))
        samples.append(int(line.split("|")[1]) / 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    plan = synthetic_plan(args.measures)
    counts = plan.counts()
    data = unstructure_plan(plan)
    text = wp.dumps(plan)
    print(f"plan: {counts['measure']} measures, {counts['task']} tasks, {counts['target']} targets; ", end="")
    print(f"JSON {len(text.encode()) / 1e6:.1f} MB")

    def ours() -> None:
        wp.loads(wp.dumps(plan))

    def plain() -> None:
        json.loads(json.dumps(data, ensure_ascii=False, indent=2))

    # Side by side in one run, alternating, so that machine noise hits both alike.
    ours_s, plain_s = [], []
    for _ in range(args.repeat):
        ours_s.append(median_seconds(ours, repeat=1, warmup=0))
        plain_s.append(median_seconds(plain, repeat=1, warmup=0))
    ours_median, plain_median = statistics.median(ours_s), statistics.median(plain_s)
    dumps_median = median_seconds(lambda: wp.dumps(plan), repeat=args.repeat)
    loads_median = median_seconds(lambda: wp.loads(text), repeat=args.repeat)
    graph_median = median_seconds(lambda: evolve(plan).graph, repeat=args.repeat)  # evolve: a fresh cache
    import_ms = import_time_ms()

    detail = f"(dumps {dumps_median:.3f}, loads {loads_median:.3f})"
    print(f"wp.dumps + wp.loads      median {ours_median:.3f} s  {detail}")
    print(f"json.dumps + json.loads  median {plain_median:.3f} s  (same dict, same options)")
    print(f"ratio                    {ours_median / plain_median:.2f}x  (goal: within 4x)")
    print(f"plan.graph build         median {graph_median:.3f} s  (goal: under 1 s)")
    print(f"import workplan          median {import_ms:.0f} ms   (goal: under 150 ms)")


if __name__ == "__main__":
    main()
