"""Small internal helpers."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["chinese_number", "gc_paused"]


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


_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """``number`` in Chinese numerals as headings print it (1 → 一, 12 → 十二, 20 → 二十); digits past 99."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
