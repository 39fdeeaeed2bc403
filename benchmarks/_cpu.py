"""CPU-time medians of runs interleaved with their alternatives, beside wall time.

On a shared machine wall time measures the neighbours; CPU time
(`time.process_time`) measures us. Running the cases round-robin, one run of
each per round, lets drifting load hit every case alike.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

import attrs


@attrs.frozen(kw_only=True)
class Timing:
    """Medians of one case over interleaved rounds."""

    cpu: float
    """Median CPU seconds (`time.process_time`)."""
    wall: float
    """Median wall-clock seconds."""

    def ms(self) -> str:
        """``12.3 ms CPU (14.0 ms wall)``."""
        return f"{self.cpu * 1000:9.2f} ms CPU ({self.wall * 1000:.2f} ms wall)"


def interleaved(
    cases: dict[str, Callable[[], object]], *, repeat: int = 7, warmup: int = 1
) -> dict[str, Timing]:
    """Run every case once per round for ``repeat`` rounds (after ``warmup`` rounds); medians per case."""
    for _ in range(warmup):
        for function in cases.values():
            function()
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    wall: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, function in cases.items():
            gc.collect()
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            function()
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start_wall)
    return {
        name: Timing(cpu=statistics.median(cpu[name]), wall=statistics.median(wall[name])) for name in cases
    }


def report(timings: dict[str, Timing], *, floor: str) -> None:
    """Print each case with its ratio to the ``floor`` case."""
    base = timings[floor].cpu or 1e-9
    for name, timing in timings.items():
        mark = "  (floor)" if name == floor else f"  {timing.cpu / base:5.2f}x floor"
        print(f"  {name:<34} {timing.ms()}{mark}")


def gc_paused_if(paused: bool, function: Callable[[], object]) -> Callable[[], object]:
    """``function`` itself, or (``paused``) ``function`` run inside ``workplan.gc_paused()``."""
    if not paused:
        return function
    import workplan as wp

    def run() -> object:
        with wp.gc_paused():
            return function()

    return run
