"""Small helpers: the opt-in garbage-collector pause (public as ``workplan.gc_paused``), stage timings,
package data."""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = ["StageTimer", "chinese_number", "gc_paused", "package_files"]


def package_files(package: str) -> Traversable:
    """The files of ``package``: its folder as a `Path` when it is a folder on disk, as installed.

    Equal to ``importlib.resources.files(package)`` there, without importing
    `importlib.resources` (about 8 ms of CPU at start-up, a tenth of ``import workplan``);
    a package inside a zip file or another loader goes through `importlib.resources`.
    """
    spec = (sys.modules.get(package) or importlib.import_module(package)).__spec__
    if spec is not None and spec.has_location and spec.origin and os.path.isfile(spec.origin):
        return Path(spec.origin).parent
    from importlib.resources import files

    return files(package)


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
        # `logging` is not imported for this: a host that set the logger to DEBUG has imported it
        logging = sys.modules.get("logging")
        self.enabled = logging is not None and logging.getLogger("workplan").isEnabledFor(logging.DEBUG)
        self.last = time.perf_counter() if self.enabled else 0.0

    def mark(self, stage: str) -> None:
        """Log ``what: stage took N ms`` (only at DEBUG)."""
        if self.enabled:
            import logging

            now = time.perf_counter()
            logging.getLogger("workplan").debug("%s: %s %.2f ms", self.what, stage, (now - self.last) * 1000)
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
