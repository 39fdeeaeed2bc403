"""Does pausing the garbage collector pay? CPU-time medians, interleaved, with and without it.

Run: .venv/bin/python benchmarks/bench_gc.py [--measures 30000] [--repeat 5]
     [--chars 1000000 10000000] [--parse-repeat 3]

The library does not pause the collector itself (a process-wide side effect); a caller may
wrap bulk work in ``workplan.gc_paused()``. This measures what that opt-in gains on a graph
build, ``wp.loads``, ``wp.diff`` and the owner index at ``--measures``, and on parsing
``--chars`` characters of real plans (issue 13: does the collector explain the parse
throughput drop at 10 M characters?). Each operation runs ``--repeat`` times per arm, the
arms alternating, each on a fresh copy of the plan (``attrs.evolve`` drops the caches).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attrs import evolve
from bench_parse import corpus_text

import workplan as wp
from workplan.parse import parse_with_diagnostics
from workplan.testing import mutate, synthetic_plan


def _cpu(function: Callable[[], object], paused: bool) -> float:
    gc.collect()
    context = wp.gc_paused() if paused else contextlib.nullcontext()
    start = time.process_time()
    with context:
        function()
    return time.process_time() - start


def compare(label: str, function: Callable[[], object], repeat: int) -> None:
    """Print the CPU-time medians of ``function`` with the collector running and paused."""
    on: list[float] = []
    off: list[float] = []
    _cpu(function, False)  # warm up
    for _ in range(repeat):
        on.append(_cpu(function, False))
        off.append(_cpu(function, True))
    on_s, off_s = statistics.median(on), statistics.median(off)
    gain = (on_s - off_s) / on_s * 100
    print(f"{label:<34} gc on {on_s:8.3f} s   gc paused {off_s:8.3f} s   gain {gain:5.1f}%", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chars", type=int, nargs="*", default=[1_000_000, 10_000_000])
    parser.add_argument("--parse-repeat", type=int, default=3)
    args = parser.parse_args()

    if args.measures:
        plan = synthetic_plan(args.measures)
        text = wp.dumps(plan)
        other = mutate(plan, seed=1)
        print(f"plan: {plan.counts()['measure']:,} measures; JSON {len(text) / 1e6:.1f} M chars", flush=True)
        compare("plan.graph build", lambda: evolve(plan).graph, args.repeat)
        compare("wp.loads", lambda: wp.loads(text), args.repeat)
        compare("wp.diff", lambda: wp.diff(evolve(plan), evolve(other)), args.repeat)
        compare(
            "query by owner (cold index)", lambda: evolve(plan).query().owned_by("o1").paths(), args.repeat
        )
    for size in args.chars:
        big = corpus_text(size)
        compare(
            f"parse {len(big) / 1e6:.1f} M chars",
            lambda big=big: parse_with_diagnostics(big),
            args.parse_repeat,
        )


if __name__ == "__main__":
    main()
