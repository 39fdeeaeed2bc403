"""Excel benchmark: write and read the task-breakdown workbook of a synthetic plan, against openpyxl's floors.

Run: .venv/bin/python benchmarks/bench_excel.py [--measures 30000] [--repeat 5] [--gc-paused]

Floors (what openpyxl itself needs for the same cells, nothing of ours):
- export: a plain write-only dump of the same cell values, sheet by sheet, no styles;
- import: a plain read-only pass (``read_only=True``, ``iter_rows(values_only=True)``) over every sheet.

Each operation and its floor run interleaved (ours, floor, ours, floor, …) in one process, after
one warm-up round; the figures are medians of CPU time (``time.process_time``), with wall time
beside them (see `_cpu.py`). Goal at 30 000 measures: export and import each within 1.8x of their
floors. ``--gc-paused`` runs every case inside ``wp.gc_paused()`` (the library never pauses the
collector itself).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cpu import gc_paused_if, interleaved

import workplan as wp
from workplan.testing import synthetic_plan


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
    parser.add_argument("--gc-paused", action="store_true", help="run each case inside wp.gc_paused()")
    args = parser.parse_args()

    def case(function: Callable[[], object]) -> Callable[[], object]:
        return gc_paused_if(args.gc_paused, function)

    import openpyxl

    plan = synthetic_plan(args.measures)
    counts = plan.counts()
    print(f"plan: {counts['measure']} measures, {counts['task']} tasks, {counts['target']} targets")
    print(f"openpyxl {openpyxl.__version__}, lxml: {'yes' if openpyxl.LXML else 'no'}; ", end="")
    print(f"garbage collector {'paused' if args.gc_paused else 'on'}")
    with tempfile.TemporaryDirectory() as folder:
        ours = Path(folder) / "plan.xlsx"
        floor = Path(folder) / "floor.xlsx"
        wp.dump(plan, ours)
        same = wp.load(ours) == plan
        cells = sheets_of(ours)
        floor_write(cells, floor)
        written = interleaved(
            {"export": case(lambda: wp.dump(plan, ours)), "floor": case(lambda: floor_write(cells, floor))},
            repeat=args.repeat,
        )
        read = interleaved(
            {"import": case(lambda: wp.load(ours)), "floor": case(lambda: floor_read(ours))},
            repeat=args.repeat,
        )
        size = ours.stat().st_size
    print(f"median of {args.repeat} interleaved runs; CPU seconds (wall seconds)")
    for label, figures, goal in (("export", written, "export"), ("import", read, "import")):
        mine_cpu, mine_wall = figures[goal].cpu, figures[goal].wall
        floor_cpu, floor_wall = figures["floor"].cpu, figures["floor"].wall
        print(
            f"{label}: {mine_cpu:.2f} s ({mine_wall:.2f} s); floor {floor_cpu:.2f} s ({floor_wall:.2f} s);"
            f" ratio {mine_cpu / floor_cpu:.2f}x (goal 1.8x)"
        )
    print(f"file size: {size / 1_000_000:.2f} MB")
    print(f"round trip equal: {same}")


if __name__ == "__main__":
    main()
