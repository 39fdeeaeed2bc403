"""Diff benchmark: `wp.diff` against DeepDiff on the same plan pairs, side by side.

Run: .venv/bin/python benchmarks/bench_diff.py [--sizes 300 3000 30000] [--repeat 5]
     [--deepdiff-repeat-large 1] [--skip-deepdiff-large] [--difflib]

Each pair is a synthetic plan (`workplan.testing.synthetic_plan`) and a
realistic next-year edit of it (`workplan.compare._mutate.mutate`: tasks dropped,
added, reworded and moved, targets raised and lowered, documents drafted then
implemented, owners and deadlines changed, tasks renumbered). DeepDiff runs on
the JSON dicts of the same pair (`wp.io.unstructure_plan`), with and without
``ignore_order=True``. Needs the ``bench`` extra (deepdiff).

Goal: `wp.diff` at least 20x faster than the faster DeepDiff mode at every size,
and under 1 s at 30 000 measures. ``--difflib`` also times the fallback matcher
used when rapidfuzz (the ``fast`` extra) is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_seconds

import workplan as wp
from workplan.compare import _text
from workplan.compare._mutate import mutate
from workplan.io import unstructure_plan
from workplan.testing import synthetic_plan


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
    parser.add_argument("--difflib", action="store_true", help="also time wp.diff without rapidfuzz")
    args = parser.parse_args()
    from deepdiff import DeepDiff

    print(f"rapidfuzz in use: {_text.using_rapidfuzz()}")
    header = (
        f"{'measures':>9} {'changes':>8} {'wp.diff':>10} {'deepdiff':>10} {'deepdiff':>10} "
        f"{'ratio vs':>9} {'ratio vs':>9}"
    )
    print(header)
    print(f"{'':>9} {'':>8} {'':>10} {'ordered':>10} {'ign.order':>10} {'ordered':>9} {'ign.order':>9}")
    rows = []
    for size in args.sizes:
        old = synthetic_plan(size, seed=size)
        new = mutate(old, seed=size + 1)
        delta = wp.diff(old, new)
        ours = median_seconds(lambda old=old, new=new: wp.diff(old, new), repeat=args.repeat)
        old_dict, new_dict = unstructure_plan(old), unstructure_plan(new)
        large = size >= 30_000
        if large and args.skip_deepdiff_large:
            plain = ignore = float("nan")
        else:
            repeat = args.deepdiff_repeat_large if large else args.repeat
            warmup = 0 if large else 1
            plain = median_seconds(
                lambda a=old_dict, b=new_dict: DeepDiff(a, b), repeat=repeat, warmup=warmup
            )
            ignore = median_seconds(
                lambda a=old_dict, b=new_dict: DeepDiff(a, b, ignore_order=True), repeat=repeat, warmup=warmup
            )
        rows.append((size, ours, plain, ignore))
        print(
            f"{old.counts()['measure']:>9} {len(delta):>8} {ours * 1000:>8.1f}ms "
            f"{plain:>9.2f}s {ignore:>9.2f}s "
            f"{plain / ours:>8.0f}x {ignore / ours:>8.0f}x",
            flush=True,
        )
    for size, ours, plain, ignore in rows:
        faster = min(plain, ignore)
        verdict = []
        if faster == faster:  # not NaN
            verdict.append(
                f"{faster / ours:.0f}x the faster DeepDiff mode ({'ok' if faster / ours >= 20 else 'MISSED'})"
            )
        if size >= 30_000:
            verdict.append(f"{ours:.2f} s ({'ok' if ours < 1 else 'MISSED'} < 1 s)")
        print(f"goal at {size}: " + ", ".join(verdict))
    if args.difflib:
        _text._SCORER[:] = [_text._difflib_ratio]  # the fallback, as without the `fast` extra
        for size in args.sizes:
            if size > 3_000:
                continue
            old = synthetic_plan(size, seed=size)
            new = mutate(old, seed=size + 1)
            fallback = median_seconds(
                lambda old=old, new=new: wp.diff(old, new), repeat=max(1, args.repeat // 2)
            )
            print(f"difflib fallback at {size}: median {fallback * 1000:.1f} ms")


if __name__ == "__main__":
    main()
