"""Small helpers: the opt-in garbage-collector pause (public as ``workplan.gc_paused``)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, then restore its previous state.

    The library never calls this itself: the collector is process-wide, and pausing it
    would change garbage collection for every other thread and request of a host (and
    undo a host's own tuning, such as ``gc.freeze()`` under a preforking server). A
    script or batch job that builds many plans may opt in:

        with workplan.gc_paused():
            plan = workplan.load("big.json")
            graph = plan.graph

    Building a large plan or graph allocates hundreds of thousands of containers, none of
    them garbage; each automatic collection walks all of them (see ``docs/embedding.md``
    for the measured gain). Nesting is safe: only the outermost block re-enables.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
