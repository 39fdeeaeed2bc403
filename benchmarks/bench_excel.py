"""Excel benchmark: write and read the task-breakdown workbook of a synthetic plan.

Run: .venv/bin/python benchmarks/bench_excel.py [--measures 30000] [--repeat 3]

Goal on the 30 000-measure plan: export and import each under 10 s. openpyxl
writes a little faster with lxml installed; the line ``lxml: yes/no`` says
which XML writer was used (``OPENPYXL_LXML=False`` turns it off).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_seconds

import workplan as wp
from workplan.testing import synthetic_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import openpyxl

    plan = synthetic_plan(args.measures)
    counts = plan.counts()
    print(f"plan: {counts['measure']} measures, {counts['task']} tasks, {counts['target']} targets")
    print(f"openpyxl {openpyxl.__version__}, lxml: {'yes' if openpyxl.LXML else 'no'}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.xlsx"
        write = median_seconds(lambda: wp.dump(plan, path), repeat=args.repeat, warmup=0)
        read = median_seconds(lambda: wp.load(path), repeat=args.repeat, warmup=0)
        # CPU seconds too: on a busy machine wall-clock times wander, CPU times much less.
        start = time.process_time()
        wp.dump(plan, path)
        write_cpu = time.process_time() - start
        start = time.process_time()
        wp.load(path)
        read_cpu = time.process_time() - start
        size = path.stat().st_size
        same = wp.load(path) == plan
    print(f"export: {write:.2f} s wall (median of {args.repeat}), {write_cpu:.2f} s CPU")
    print(f"import: {read:.2f} s wall (median of {args.repeat}), {read_cpu:.2f} s CPU")
    print(f"file size: {size / 1_000_000:.2f} MB")
    print(f"round trip equal: {same}")


if __name__ == "__main__":
    main()
