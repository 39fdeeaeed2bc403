"""Diff benchmark: `wp.diff` against DeepDiff on the same plan pairs, side by side.

Run: .venv/bin/python benchmarks/bench_diff.py [--sizes 300 3000 30000] [--repeat 5]
     [--deepdiff-repeat-large 1] [--skip-deepdiff-large] [--scaling] [--memory]
     [--against ../other-checkout/src]

Each pair is a synthetic plan (`workplan.testing.synthetic_plan`) and a next-year edit of
it (`workplan.testing.mutate`): the *usual* edit (tasks dropped, added, reworded and moved,
targets raised and lowered, documents drafted then implemented, owners and deadlines changed,
tasks renumbered) and a *heavy* edit (30% of task titles reworded, 10% of tasks moved across
goals, 10% dropped and about as many added). DeepDiff runs on the JSON dicts of the same pair
(`wp.io.unstructure_plan`), with ``ignore_order=True`` (the fair comparison: plans reorder
freely) and without. Needs the ``bench`` extra (deepdiff).

Timing is CPU time (`time.process_time`), the runs of the contenders interleaved (ours,
DeepDiff, ours, DeepDiff, ...) so that load on a shared machine hits both alike; medians
are reported. DeepDiff with ``ignore_order`` at 30 000 measures takes tens of seconds, so it
runs ``--deepdiff-repeat-large`` times there (1 by default).

``--against SRC`` times another version of the package (a source folder, such as main's
``src``) in a worker process, its runs interleaved with ours one by one, and prints both
medians and their ratio: before/after figures that the same load hit alike.

Goals: `wp.diff` at least 25x faster than ``DeepDiff(ignore_order=True)`` at every size on
both pairs; ``--scaling``: time linear in the size (fitted exponent <= 1.1 from 1 000 to
100 000 measures); ``--memory``: peak traced memory under 50 MB at 30 000 measures.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import time
import tracemalloc
from collections.abc import Callable

import workplan as wp
from workplan.compare import _text
from workplan.io import unstructure_plan
from workplan.model import Plan
from workplan.testing import mutate, synthetic_plan

EDITS: dict[str, dict[str, float]] = {"usual": {}, "heavy": {"reword": 0.3, "move": 0.1, "churn": 0.1}}


def cpu(function: Callable[[], object]) -> float:
    """CPU seconds of one call, after a full collection."""
    gc.collect()
    start = time.process_time()
    function()
    return time.process_time() - start


def interleaved(contenders: dict[str, Callable[[], object]], repeats: dict[str, int]) -> dict[str, float]:
    """Median CPU seconds per contender, their runs taken in turn."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for round_ in range(max(repeats.values())):
        for name, function in contenders.items():
            if round_ < repeats[name]:
                times[name].append(cpu(function))
    return {name: statistics.median(found) for name, found in times.items()}


def pair(size: int, edit: str) -> tuple[Plan, Plan]:
    old = synthetic_plan(size, seed=size)
    return old, mutate(old, seed=size + 1, **EDITS[edit])  # type: ignore[arg-type]


def versus_deepdiff(args: argparse.Namespace) -> None:
    from deepdiff import DeepDiff

    print(f"rapidfuzz in use: {_text.using_rapidfuzz()}; CPU time, medians of interleaved runs")
    print(
        f"{'edit':<6} {'measures':>9} {'changes':>8} {'wp.diff':>10} {'DeepDiff':>10} {'DeepDiff':>10} "
        f"{'ratio vs':>9} {'ratio vs':>9}  runs"
    )
    print(
        f"{'':<6} {'':>9} {'':>8} {'':>10} {'ign.order':>10} {'ordered':>10} {'ign.order':>9} {'ordered':>9}"
    )
    verdicts = []
    for size in args.sizes:
        for edit in EDITS:
            old, new = pair(size, edit)
            changes = len(wp.diff(old, new))
            old_dict, new_dict = unstructure_plan(old), unstructure_plan(new)
            large = size >= 30_000
            contenders: dict[str, Callable[[], object]] = {"ours": lambda old=old, new=new: wp.diff(old, new)}
            repeats = {"ours": args.repeat}
            if not (large and args.skip_deepdiff_large):
                deep = args.deepdiff_repeat_large if large else args.repeat
                contenders["ignore"] = lambda a=old_dict, b=new_dict: DeepDiff(a, b, ignore_order=True)
                contenders["ordered"] = lambda a=old_dict, b=new_dict: DeepDiff(a, b)
                repeats.update(ignore=deep, ordered=deep)
            medians = interleaved(contenders, repeats)
            ours = medians["ours"]
            ignore = medians.get("ignore", math.nan)
            ordered = medians.get("ordered", math.nan)
            print(
                f"{edit:<6} {old.counts()['measure']:>9} {changes:>8} {ours * 1000:>8.1f}ms "
                f"{ignore:>9.2f}s {ordered:>9.2f}s {ignore / ours:>8.0f}x {ordered / ours:>8.0f}x  "
                f"{repeats['ours']}/{repeats.get('ignore', 0)}",
                flush=True,
            )
            if ignore == ignore:
                ratio = ignore / ours
                verdicts.append(
                    f"{edit} at {size}: {ratio:.0f}x ({'ok' if ratio >= 25 else 'MISSED'} >= 25x)"
                )
    for verdict in verdicts:
        print("goal " + verdict)


_WORKER = """
import gc, sys, time
sys.path.insert(0, sys.argv[1])
from bench_diff import pair
import workplan as wp
pairs = {}
for line in sys.stdin:
    size, edit = line.split()
    key = (int(size), edit)
    if key not in pairs:
        pairs[key] = pair(*key)
        wp.diff(*pairs[key])
    gc.collect()
    start = time.process_time()
    wp.diff(*pairs[key])
    print(time.process_time() - start, flush=True)
"""


def against(args: argparse.Namespace) -> None:
    """Our `wp.diff` and another version's (``--against SRC``), runs interleaved one by one."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": str(Path(args.against).resolve())}
    worker = subprocess.Popen(
        [sys.executable, "-c", _WORKER, str(Path(__file__).resolve().parent)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdin is not None and worker.stdout is not None
    stdin, stdout = worker.stdin, worker.stdout

    def theirs(size: int, edit: str) -> float:
        stdin.write(f"{size} {edit}\n")
        stdin.flush()
        return float(stdout.readline())

    print(f"against {args.against}: CPU time, medians of {args.repeat} interleaved runs")
    print(f"{'edit':<6} {'measures':>9} {'ours':>10} {'theirs':>10} {'ours/theirs':>12}")
    try:
        for size in args.sizes:
            for edit in EDITS:
                old, new = pair(size, edit)
                wp.diff(old, new)
                theirs(size, edit)  # a warm-up run each, as for ours
                ours_times, their_times = [], []
                for round_ in range(args.repeat):
                    # alternate who goes first, so neither always runs right after the other
                    if round_ % 2:
                        their_times.append(theirs(size, edit))
                    ours_times.append(cpu(lambda old=old, new=new: wp.diff(old, new)))
                    if not round_ % 2:
                        their_times.append(theirs(size, edit))
                ours, them = statistics.median(ours_times), statistics.median(their_times)
                print(
                    f"{edit:<6} {old.counts()['measure']:>9} {ours * 1000:>8.1f}ms {them * 1000:>8.1f}ms "
                    f"{ours / them:>11.3f}",
                    flush=True,
                )
    finally:
        stdin.close()
        worker.wait()


def scaling(args: argparse.Namespace) -> None:
    sizes = [1_000, 3_000, 10_000, 30_000, 100_000]
    points = []
    print("scaling (usual edit), CPU time, median of", args.repeat)
    for size in sizes:
        old, new = pair(size, "usual")
        seconds = interleaved({"ours": lambda old=old, new=new: wp.diff(old, new)}, {"ours": args.repeat})[
            "ours"
        ]
        points.append((old.counts()["measure"], seconds))
        print(f"  {points[-1][0]:>7} measures  {seconds * 1000:>9.1f} ms", flush=True)
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    print(f"goal fitted exponent {slope:.2f} ({'ok' if slope <= 1.1 else 'MISSED'} <= 1.1)")


def memory() -> None:
    old, new = pair(30_000, "usual")
    gc.collect()
    tracemalloc.start()
    delta = wp.diff(old, new)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"goal peak memory at 30 000 measures: {peak / 2**20:.1f} MB "
        f"({'ok' if peak < 50 * 2**20 else 'MISSED'} < 50 MB)"
    )
    del delta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3_000, 30_000])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median reported)")
    parser.add_argument(
        "--deepdiff-repeat-large",
        type=int,
        default=1,
        help="DeepDiff runs per mode at 30 000 measures and up",
    )
    parser.add_argument(
        "--skip-deepdiff-large", action="store_true", help="no DeepDiff at 30 000 measures and up"
    )
    parser.add_argument("--skip-deepdiff", action="store_true", help="no DeepDiff at all")
    parser.add_argument(
        "--scaling", action="store_true", help="fit the time exponent from 1k to 100k measures"
    )
    parser.add_argument("--memory", action="store_true", help="peak traced memory at 30k measures")
    parser.add_argument(
        "--against", metavar="SRC", help="also time the package in SRC (e.g. main's src), interleaved"
    )
    args = parser.parse_args()
    if args.against:
        against(args)
    if not args.skip_deepdiff:
        versus_deepdiff(args)
    if args.scaling:
        scaling(args)
    if args.memory:
        memory()


if __name__ == "__main__":
    main()
