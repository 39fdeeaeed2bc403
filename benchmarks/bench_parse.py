"""Parser benchmark: the seed plan warm (median of many runs) and 1 MB of concatenated plans.

Run: .venv/bin/python benchmarks/bench_parse.py [--repeat 50] [--megabytes 1]
Goals: seed < 30 ms, 1 MB < 3 s.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_seconds

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50, help="runs for the seed median")
    parser.add_argument("--megabytes", type=float, default=1.0, help="size of the throughput text")
    args = parser.parse_args()

    seed = wp.datasets.source("changchun-edu-2020")
    seed_s = median_seconds(lambda: wp.parse_text(seed), repeat=args.repeat, warmup=3)
    print(f"seed ({len(seed):,} chars): median {seed_s * 1000:.1f} ms over {args.repeat} runs (goal < 30 ms)")

    big = corpus_text(int(args.megabytes * 1_000_000))
    big_s = median_seconds(lambda: parse_with_diagnostics(big), repeat=3)
    mb = len(big.encode("utf-8")) / 1_000_000
    print(
        f"{len(big):,} chars ({mb:.1f} MB UTF-8): median {big_s:.2f} s, "
        f"{len(big) / big_s / 1_000_000:.2f} M chars/s (goal < 3 s for 1 M chars)"
    )


if __name__ == "__main__":
    main()
