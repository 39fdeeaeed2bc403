"""Check and query benchmark: every rule and a query by owner, against a plain pass over the plan.

CPU-time medians of interleaved runs (see `_cpu.py`), wall time beside them.
The floor is one plain Python pass over every goal, task, measure, target,
owner ref and document ref: no rule can read the plan in less.

Run: .venv/bin/python benchmarks/bench_check.py [--sizes 10000,30000,100000] [--repeat 5]

Goals (issue 13): `wp.check` grows linearly from 10k to 100k measures
(exponent <= 1.05) and takes under 250 ms at 100k; a warm query by owner
takes under 1 ms at 100k.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cpu import interleaved, report

import workplan as wp
from workplan.checks import smart
from workplan.testing import synthetic_plan


def fresh(plan: wp.Plan) -> wp.Plan:
    """A copy with empty caches, so that no index carries over between runs."""
    return wp.Plan(
        title=plan.title,
        issuer=plan.issuer,
        year=plan.year,
        goals=plan.goals,
        owners=plan.owners,
        documents=plan.documents,
    )


def plain_pass(plan: wp.Plan) -> int:
    """The floor: touch every node and reference once."""
    count = 0
    for goal in plan.goals:
        for task in goal.tasks:
            count += len(task.owners)
            for measure in task.measures:
                count += len(measure.targets) + len(measure.owners) + len(measure.documents)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    check_cpu: dict[int, float] = {}
    floor_cpu: dict[int, float] = {}
    for size in sizes:
        plan = synthetic_plan(size)
        counts = plan.counts()
        print(f"\nplan: {counts['measure']} measures, {counts['target']} targets, {counts['owner']} owners")
        print(f"findings: {wp.check(plan).summary()}")
        timings = interleaved(
            {
                "plain pass over the plan": lambda plan=plan: plain_pass(plan),  # type: ignore[misc]
                "wp.check, fresh plan": lambda plan=plan: wp.check(fresh(plan)),  # type: ignore[misc]
                "wp.check, same plan": lambda plan=plan: wp.check(plan),  # type: ignore[misc]
                "wp.check(select=ALL), fresh": lambda plan=plan: wp.check(fresh(plan), select=["ALL"]),  # type: ignore[misc]
                "SMART summary": lambda plan=plan: smart(plan),  # type: ignore[misc]
            },
            repeat=args.repeat,
        )
        report(timings, floor="plain pass over the plan")
        check_cpu[size] = timings["wp.check, fresh plan"].cpu
        floor_cpu[size] = timings["plain pass over the plan"].cpu

        owner = plan.owners[6].name
        queried = fresh(plan)
        start = time.process_time()
        first = queried.query().measures().owned_by(owner)
        print(
            f"  query by owner, first (builds indexes) {(time.process_time() - start) * 1000:9.2f} ms CPU",
            end="",
        )
        print(f"  ({len(first)} measures)")
        warm = interleaved(
            {
                "query by owner, warm": lambda q=queried, o=owner: q.query().measures().owned_by(o),  # type: ignore[misc]
                "owner + text + due_before, warm": lambda q=queried, o=owner: (  # type: ignore[misc]
                    q.query().measures().owned_by(o).text("建设").due_before("06-30")
                ),
            },
            repeat=args.repeat * 4,
        )
        report(warm, floor="query by owner, warm")

    if len(sizes) >= 2:
        low, high = sizes[0], sizes[-1]
        print(
            f"\nwp.check growth {low} -> {high} measures: fitted exponent {fitted_exponent(check_cpu):.3f} "
            f"(goal <= 1.05); the plain pass's {fitted_exponent(floor_cpu):.3f}"
        )


def fitted_exponent(cpu: dict[int, float]) -> float:
    """The slope of log(CPU time) against log(size), least squares over every size measured."""
    xs = [math.log(size) for size in cpu]
    ys = [math.log(seconds) for seconds in cpu.values()]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


if __name__ == "__main__":
    main()
