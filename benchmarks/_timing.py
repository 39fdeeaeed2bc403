"""Small timing helpers shared by the benchmarks: medians of repeated wall-clock runs."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def median_seconds(function: Callable[[], object], *, repeat: int = 5, warmup: int = 1) -> float:
    """Median wall-clock seconds of ``function()`` over ``repeat`` runs, after ``warmup`` runs."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
