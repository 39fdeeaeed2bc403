"""Excel benchmark: write and read the task-breakdown workbook of a synthetic plan, against openpyxl's floors.

Run: .venv/bin/python benchmarks/bench_excel.py [--measures 30000] [--repeat 5]

Floors (what openpyxl itself needs for the same cells, nothing of ours):
- export: a plain write-only dump of the same cell values, sheet by sheet, no styles;
- import: a plain read-only pass (``read_only=True``, ``iter_rows(values_only=True)``) over every sheet.

Each operation and its floor run interleaved (ours, floor, ours, floor, …) in one process; the
figures are medians of CPU time (``time.process_time``), with wall time beside them.
Goal at 30 000 measures: export and import each within 1.8x of their floors.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import workplan as wp
from workplan.testing import synthetic_plan


def interleaved(functions: dict[str, Callable[[], object]], repeat: int) -> dict[str, tuple[float, float]]:
    """Median (CPU seconds, wall seconds) of each function, run in turn ``repeat`` times."""
    cpu: dict[str, list[float]] = {name: [] for name in functions}
    wall: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            gc.collect()
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            function()
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start_wall)
    return {name: (statistics.median(cpu[name]), statistics.median(wall[name])) for name in functions}


def sheets_of(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in book.worksheets]
    finally:
        book.close()


def floor_write(sheets: list[tuple[str, list[tuple[Any, ...]]]], path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def floor_read(path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
    finally:
        book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--measures", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import openpyxl

    plan = synthetic_plan(args.measures)
    counts = plan.counts()
    print(f"plan: {counts['measure']} measures, {counts['task']} tasks, {counts['target']} targets")
    print(f"openpyxl {openpyxl.__version__}, lxml: {'yes' if openpyxl.LXML else 'no'}")
    with tempfile.TemporaryDirectory() as folder:
        ours = Path(folder) / "plan.xlsx"
        floor = Path(folder) / "floor.xlsx"
        wp.dump(plan, ours)
        same = wp.load(ours) == plan
        cells = sheets_of(ours)
        floor_write(cells, floor)
        written = interleaved(
            {"export": lambda: wp.dump(plan, ours), "floor": lambda: floor_write(cells, floor)}, args.repeat
        )
        read = interleaved({"import": lambda: wp.load(ours), "floor": lambda: floor_read(ours)}, args.repeat)
        size = ours.stat().st_size
    print(f"median of {args.repeat} interleaved runs; CPU seconds (wall seconds)")
    for label, figures, goal in (("export", written, "export"), ("import", read, "import")):
        mine_cpu, mine_wall = figures[goal]
        floor_cpu, floor_wall = figures["floor"]
        print(
            f"{label}: {mine_cpu:.2f} s ({mine_wall:.2f} s); floor {floor_cpu:.2f} s ({floor_wall:.2f} s);"
            f" ratio {mine_cpu / floor_cpu:.2f}x (goal 1.8x)"
        )
    print(f"file size: {size / 1_000_000:.2f} MB")
    print(f"round trip equal: {same}")


if __name__ == "__main__":
    main()
