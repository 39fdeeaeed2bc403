"""Parser benchmark: the seed plan warm and 1 M characters of concatenated real plans.

Run: .venv/bin/python benchmarks/bench_parse.py [--repeat 50] [--megabytes 1] [--scale 10]

CPU-time medians (`time.process_time`) of runs interleaved with the floor, wall time beside:
the floor is one regex pass that cuts the same text into sentences, the least any parser does.
``--scale 10`` also parses ten times the text, for the throughput at 10 M characters.
Goals: seed < 30 ms, 1 M characters < 3 s, throughput at 10 M within 10% of that at 1 M.
"""

from __future__ import annotations

import argparse
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50, help="rounds for the seed medians")
    parser.add_argument("--megabytes", type=float, default=1.0, help="millions of characters for throughput")
    parser.add_argument("--scale", type=int, default=0, help="also parse this many times the text (e.g. 10)")
    args = parser.parse_args()

    seed = wp.datasets.source("changchun-edu-2020")
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

    sizes = [int(args.megabytes * 1_000_000)] + (
        [int(args.megabytes * 1_000_000 * args.scale)] if args.scale else []
    )
    rates = []
    for size in sizes:
        big = corpus_text(size)
        rounds = 3 if size <= 2_000_000 else 1
        timing = interleaved(
            {
                "floor": lambda big=big: _SENTENCES.split(big),
                "parse": lambda big=big: parse_with_diagnostics(big),
            },
            repeat=rounds,
            warmup=0,
        )
        rate = len(big) / timing["parse"].cpu
        rates.append(rate)
        print(
            f"{len(big):,} chars: parse {timing['parse'].cpu:.2f} s CPU ({timing['parse'].wall:.2f} s wall), "
            f"{rate / 1e6:.3f} M chars/s CPU; floor {timing['floor'].cpu:.3f} s "
            f"({timing['parse'].cpu / (timing['floor'].cpu or 1e-9):.0f}x)"
        )
    if len(rates) == 2:
        print(f"throughput at {args.scale}x: {rates[1] / rates[0]:.2f} of the first (goal >= 0.90)")


if __name__ == "__main__":
    main()
