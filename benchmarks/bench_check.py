"""Check and query benchmark: every rule, and a query by owner, on a synthetic plan.

Run: .venv/bin/python benchmarks/bench_check.py [--measures 30000] [--repeat 5]

Goals on the 30 000-measure plan: all rules under 1 s; a query by owner under
50 ms once the plan's indexes are built (the first query builds them).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_seconds

import workplan as wp
from workplan.checks import smart
from workplan.testing import synthetic_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    plan = synthetic_plan(args.measures)
    counts = plan.counts()
    print(f"plan: {counts['measure']} measures, {counts['target']} targets, {counts['owner']} owners")

    # Each run gets a fresh copy so that no cached index carries over between runs.
    def fresh() -> wp.Plan:
        return wp.Plan(
            title=plan.title,
            issuer=plan.issuer,
            year=plan.year,
            goals=plan.goals,
            owners=plan.owners,
            documents=plan.documents,
        )

    report = wp.check(plan)
    print(f"findings: {report.summary()} from {len(report.rules)} rules")
    check_cold = median_seconds(lambda: wp.check(fresh()), repeat=args.repeat)
    check_warm = median_seconds(lambda: wp.check(plan), repeat=args.repeat)
    print(f"check, all default rules, fresh plan:  median {check_cold * 1000:8.1f} ms  (goal < 1000 ms)")
    print(f"check, all default rules, same plan:   median {check_warm * 1000:8.1f} ms")
    everything = median_seconds(lambda: wp.check(fresh(), select=["ALL"]), repeat=args.repeat)
    print(f"check --select ALL, fresh plan:        median {everything * 1000:8.1f} ms")

    owner = plan.owners[6].name
    first_plan = fresh()
    start = time.perf_counter()
    first = first_plan.query().measures().owned_by(owner)
    first_ms = (time.perf_counter() - start) * 1000
    print(f"query by owner, first (builds index):  {first_ms:8.1f} ms  ({len(first)} measures)")
    again = median_seconds(lambda: first_plan.query().measures().owned_by(owner), repeat=args.repeat * 4)
    print(f"query by owner, after the first:       median {again * 1000:8.1f} ms  (goal < 50 ms)")
    chained = median_seconds(
        lambda: first_plan.query().measures().owned_by(owner).text("建设").due_before("06-30"),
        repeat=args.repeat * 4,
    )
    print(f"owner + text + due_before, warm:       median {chained * 1000:8.1f} ms")
    summary = median_seconds(lambda: smart(plan), repeat=args.repeat)
    print(f"SMART summary:                         median {summary * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
