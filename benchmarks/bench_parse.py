"""Parser benchmark: the seed plan warm and 1 M characters of concatenated real plans.

Run: .venv/bin/python benchmarks/bench_parse.py [--repeat 50] [--megabytes 1] [--scale 10]
     [--collector on,off,frozen]

CPU-time medians (`time.process_time`) of runs interleaved with the floor, wall time beside:
the floor is one regex pass that cuts the same text into sentences, the least any parser does.
``--scale 10`` also parses ten times the text, for the throughput at 10 M characters.
Goals: seed < 30 ms, 1 M characters < 3 s, throughput at 10 M within 10% of that at 1 M.

``--collector`` compares the cyclic garbage collector's arms on the large texts: ``on`` (as a
library caller runs), ``off`` (paused around the parse with `workplan.gc_paused`) and
``frozen`` (``gc.freeze()`` first, so that what is already alive is never scanned). For each
it prints how many collections of each generation ran during the parse and the CPU time they
took (from `gc.callbacks`), so the share of the collector in the parse is measured, not guessed.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import re

from _cpu import interleaved, report

import workplan as wp
from workplan.parse import parse_with_diagnostics

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "parse" / "corpus").glob("*.txt"))
GOLDEN = sorted((ROOT / "tests" / "parse" / "golden").glob("*.txt"))


def corpus_text(size: int) -> str:
    """At least ``size`` characters of real and hand-written plans, one after another."""
    texts = [wp.datasets.source("changchun-edu-2020")]
    texts += [path.read_text("utf-8") for path in [*CORPUS, *GOLDEN]]
    pieces: list[str] = []
    length = 0
    while length < size:
        for text in texts:
            pieces.append(text)
            length += len(text) + 1
    return "\n".join(pieces)


_SENTENCES = re.compile(r"[。；;\n]")


class CollectorLog:
    """Collections per generation and their CPU time, from `gc.callbacks`, while active."""

    def __init__(self) -> None:
        self.counts = [0, 0, 0]
        self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            self.counts[info["generation"]] += 1
            self.seconds += time.process_time() - self._start

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        gc.callbacks.append(self)
        try:
            yield
        finally:
            gc.callbacks.remove(self)


def collector_arm(arm: str, function: Callable[[], object]) -> Callable[[], object]:
    """``function`` run with the collector ``on``, ``off`` (paused) or ``frozen`` (older objects)."""
    if arm == "on":
        return function
    if arm == "off":

        def paused() -> object:
            with wp.gc_paused():
                return function()

        return paused
    if arm == "frozen":

        def frozen() -> object:
            gc.freeze()
            try:
                return function()
            finally:
                gc.unfreeze()

        return frozen
    raise SystemExit(f"--collector: unknown arm {arm!r}; use on, off or frozen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50, help="rounds for the seed medians")
    parser.add_argument("--megabytes", type=float, default=1.0, help="millions of characters for throughput")
    parser.add_argument("--scale", type=int, default=0, help="also parse this many times the text (e.g. 10)")
    parser.add_argument(
        "--collector",
        default="on",
        help="comma-separated collector arms for the large texts: on, off (paused), frozen",
    )
    parser.add_argument("--skip-seed", action="store_true", help="only the large texts")
    args = parser.parse_args()
    arms = [arm.strip() for arm in args.collector.split(",") if arm.strip()]

    seed = wp.datasets.source("changchun-edu-2020")
    if not args.skip_seed:
        print(f"seed ({len(seed):,} chars), {args.repeat} interleaved rounds (goal < 30 ms CPU):")
        timings = interleaved(
            {
                "floor: regex sentence split": lambda: _SENTENCES.split(seed),
                "wp.parse_text": lambda: wp.parse_text(seed),
            },
            repeat=args.repeat,
            warmup=3,
        )
        report(timings, floor="floor: regex sentence split")
    else:
        wp.parse_text(seed)  # load the parser before the large texts

    sizes = [int(args.megabytes * 1_000_000)] + (
        [int(args.megabytes * 1_000_000 * args.scale)] if args.scale else []
    )
    rates: dict[str, list[float]] = {arm: [] for arm in arms}
    for size in sizes:
        big = corpus_text(size)
        rounds = 3 if size <= 2_000_000 else 1
        logs = {arm: CollectorLog() for arm in arms}
        cases: dict[str, Callable[[], object]] = {"floor": lambda big=big: _SENTENCES.split(big)}
        for arm in arms:

            def parse(big: str = big, log: CollectorLog = logs[arm]) -> object:
                with log.active():
                    return parse_with_diagnostics(big)

            cases[f"parse, collector {arm}"] = collector_arm(arm, parse)
        timing = interleaved(cases, repeat=rounds, warmup=0)
        floor = timing["floor"].cpu or 1e-9
        for arm in arms:
            taken = timing[f"parse, collector {arm}"]
            rate = len(big) / taken.cpu
            rates[arm].append(rate)
            log = logs[arm]
            runs = rounds
            print(
                f"{len(big):,} chars, collector {arm:<6}: "
                f"parse {taken.cpu:.2f} s CPU ({taken.wall:.2f} s wall), "
                f"{rate / 1e6:.3f} M chars/s CPU ({taken.cpu / floor:.0f}x floor {floor:.3f} s); "
                f"collections per parse by generation {[round(c / runs, 1) for c in log.counts]}, "
                f"{log.seconds / runs:.2f} s CPU ({log.seconds / runs / taken.cpu:.0%} of the parse)"
            )
    for arm in arms:
        if len(rates[arm]) == 2:
            print(
                f"throughput at {args.scale}x, collector {arm}: {rates[arm][1] / rates[arm][0]:.2f} "
                "of the first (goal >= 0.90)"
            )


if __name__ == "__main__":
    main()
