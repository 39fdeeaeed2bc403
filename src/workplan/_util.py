"""Small helpers: the opt-in garbage-collector pause (public as ``workplan.gc_paused``), stage timings."""

from __future__ import annotations

import contextlib
import gc
import logging
import time
from collections.abc import Iterator

__all__ = ["StageTimer", "chinese_number", "gc_paused"]

_log = logging.getLogger("workplan")


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, then restore its previous state.

    The library calls this itself only around the parse of a long text (from
    ``workplan.parse.PAUSE_FROM_CHARS``, 1 M characters: a parse makes no cycles, and there
    the collector's scans of the growing plan cost 3-11% of the parse): the collector is
    process-wide, and pausing it changes garbage collection for every other thread of a
    host while the block runs. A script or batch job that builds many plans may opt in:

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


class StageTimer:
    """DEBUG timings on the ``workplan`` logger: ``mark(stage)`` logs the time since the last mark.

    Costs one ``isEnabledFor`` check when DEBUG is off. The library never configures the logger;
    a host shows these with ``logging.getLogger("workplan").setLevel(logging.DEBUG)`` and a handler.
    """

    __slots__ = ("enabled", "last", "what")

    def __init__(self, what: str) -> None:
        self.what = what
        self.enabled = _log.isEnabledFor(logging.DEBUG)
        self.last = time.perf_counter() if self.enabled else 0.0

    def mark(self, stage: str) -> None:
        """Log ``what: stage took N ms`` (only at DEBUG)."""
        if self.enabled:
            now = time.perf_counter()
            _log.debug("%s: %s %.2f ms", self.what, stage, (now - self.last) * 1000)
            self.last = now


_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """``number`` in Chinese numerals as headings print it (1 → 一, 12 → 十二, 20 → 二十); digits past 99."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
