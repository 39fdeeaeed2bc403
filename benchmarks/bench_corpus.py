"""Batch benchmark: a corpus of real-shaped plans through ``workplan parse --jobs`` and ``export --sqlite``.

Run: .venv/bin/python benchmarks/bench_corpus.py [--issuers 300] [--years 5] [--jobs 2] [--keep DIR]

The corpus: ``--issuers`` × ``--years`` plans of about 10,000 characters, made from the seed
(changchun-edu-2020) by renaming the issuer, re-wording (synonyms), re-numbering tasks and
editing year over year (tasks dropped, figures raised). Then, in fresh processes:

1. ``workplan parse CORPUS -o OUT --jobs N -q``
2. ``workplan export CORPUS --sqlite plans.db --jobs N -q`` (parse, store, diff consecutive years)

For each it reports wall time, CPU time of all processes (``RUSAGE_CHILDREN``), plans/s and
chars/s per core, and the peak resident memory of the largest process; then the database size.
The floor is the single-process parse throughput of the seed text in this interpreter
(``bench_parse.py``'s measure). Goals: chars/s per core >= 80% of that floor; peak memory
under 500 MB for 1,500 plans, and flat as the corpus grows (run two sizes to see it).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import workplan as wp

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "src" / "workplan" / "datasets" / "data" / "changchun-edu-2020.txt"

_SYNONYMS = [
    ("推进", "推动"),
    ("加强", "强化"),
    ("深化", "深入推进"),
    ("完善", "健全"),
    ("提升", "提高"),
    ("落实", "贯彻"),
    ("开展", "组织开展"),
    ("建设", "打造"),
]
_PLACES = "东西南北中安平和兴华宁江山河阳泉林川城德丰临"
_TASK = re.compile(r"^(\s*)(\d+)([.．、])", re.MULTILINE)
_NUMBER = re.compile(r"(?<![0-9年])([1-9][0-9]{0,3})(?=[所个项人名家万%])")


def issuer_city(index: int) -> str:
    """A made-up city name, distinct for each index: 安江市, 平兴市…"""
    n = len(_PLACES)
    return f"{_PLACES[index % n]}{_PLACES[(index // n) % n]}{_PLACES[(index // n // n) % n]}市"


def make_plan(seed: str, issuer: int, year: int, base_year: int = 2020) -> str:
    """One plan text: the seed renamed, re-worded, re-numbered and edited for ``year``."""
    rng = random.Random(issuer * 1000 + year)
    text = seed.replace("长春", issuer_city(issuer)[:-1]).replace(str(base_year), str(year))
    for old, new in _SYNONYMS:
        if rng.random() < 0.5:
            text = text.replace(old, new)
    # Year-over-year edits: drop some task paragraphs (more in later years), raise figures.
    lines = text.split("\n")
    edits = random.Random(issuer * 1000 + year * 7)
    kept = [
        line for line in lines if not (_TASK.match(line) and edits.random() < 0.03 * (year - base_year + 1))
    ]
    text = "\n".join(kept)
    growth = 1 + 0.1 * (year - base_year)
    text = _NUMBER.sub(lambda m: str(max(1, round(int(m.group(1)) * growth * rng.uniform(0.9, 1.1)))), text)
    counter = iter(range(1, 10_000))
    return _TASK.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(3)}", text)


def write_corpus(folder: Path, issuers: int, years: int) -> tuple[int, int]:
    """Write the corpus; return (plans, characters). One text in memory at a time."""
    seed = SEED.read_text("utf-8")
    plans = chars = 0
    for issuer in range(issuers):
        for year in range(2020, 2020 + years):
            text = make_plan(seed, issuer, year)
            (folder / f"i{issuer:04d}-{year}.txt").write_text(text, "utf-8")
            plans += 1
            chars += len(text)
    return plans, chars


def run(command: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s of the command and its workers, peak RSS MB of its largest process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def floor_chars_per_s(repeat: int = 15) -> float:
    """Single-process parse throughput of the seed, CPU time, median (the floor of bench_parse)."""
    seed = wp.datasets.source("changchun-edu-2020")
    wp.parse_text(seed)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        wp.parse_text(seed)
        times.append(time.process_time() - start)
    return len(seed) / statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issuers", type=int, default=300)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", metavar="DIR", help="build the corpus here and keep it")
    args = parser.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="workplan-corpus-"))
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    try:
        plans, chars = write_corpus(corpus, args.issuers, args.years)
        print(f"corpus: {plans:,} plans ({args.issuers} issuers x {args.years} years), {chars:,} chars")
        floor = floor_chars_per_s()
        print(f"floor: single-process parse of the seed {floor:,.0f} chars/s (CPU time)")
        cli = [sys.executable, "-m", "workplan"]
        database = work / "plans.db"
        database.unlink(missing_ok=True)
        steps = [
            ("parse", [*cli, "parse", str(corpus), "-o", str(work / "json"), "--jobs", str(args.jobs), "-q"]),
            (
                "export --sqlite",
                [*cli, "export", str(corpus), "--sqlite", str(database), "--jobs", str(args.jobs), "-q"],
            ),
        ]
        for label, command in steps:
            wall, cpu, peak = run(command)
            per_core = chars / cpu
            print(
                f"{label:<16} wall {wall:7.1f} s  cpu {cpu:7.1f} s  {plans / wall:6.1f} plans/s  "
                f"{chars / wall:,.0f} chars/s wall  {per_core:,.0f} chars/s per core "
                f"({per_core / floor * 100:.0f}% of floor)  peak RSS {peak:.0f} MB (largest process)"
            )
        size = database.stat().st_size
        print(f"database: {size / 1e6:.1f} MB ({size / plans / 1e3:.0f} kB/plan)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
