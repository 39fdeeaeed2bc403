"""Small internal helpers."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Building a large plan or graph allocates hundreds of thousands of
    containers, none of them garbage; each automatic collection then walks all
    of them. Pausing halves the time of a 30,000-measure build.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
