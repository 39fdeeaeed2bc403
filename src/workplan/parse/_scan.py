"""Linear-time lookups shared by the extract stages.

Every extractor asks the same questions many times per measure: where does the clause
holding this offset start, is this offset inside a masked range (a title, a quote), does
a word occur between two offsets. Asked naively, each walks back over the sentence, which
makes a long sentence quadratic. Here each question is answered by bisecting positions
found once per measure, so a measure costs O(n log n) in its length.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["Marks", "Ranges"]


class Marks:
    """Sorted offsets of one pattern's matches inside ``text[start:end]``, found on first use."""

    __slots__ = ("_ends", "_pattern", "_starts", "_where")

    def __init__(self, pattern: re.Pattern[str], text: str, start: int, end: int) -> None:
        self._pattern = pattern
        self._where = (text, start, end)
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def _found(self) -> list[int]:
        if self._starts is None:
            text, start, end = self._where
            starts: list[int] = []
            for match in self._pattern.finditer(text, start, end):
                starts.append(match.start())
                self._ends.append(match.end())
            self._starts = starts
        return self._starts

    @property
    def starts(self) -> list[int]:
        """Start offsets of the matches, in order."""
        return self._found()

    @property
    def ends(self) -> list[int]:
        """End offsets of the matches, in order."""
        self._found()
        return self._ends

    def last_end_before(self, position: int, lower: int) -> int:
        """The end of the last match ending at or before ``position``, or ``lower`` when none is after it."""
        ends = self.ends
        index = bisect.bisect_right(ends, position) - 1
        return max(lower, ends[index]) if index >= 0 else lower

    def first_start_from(self, position: int, upper: int) -> int:
        """The start of the first match starting at or after ``position``, or ``upper``."""
        starts = self.starts
        index = bisect.bisect_left(starts, position)
        return min(upper, starts[index]) if index < len(starts) else upper

    def any_between(self, low: int, high: int) -> bool:
        """Whether some match lies wholly inside ``[low, high)``."""
        starts = self.starts
        index = bisect.bisect_left(starts, low)
        return index < len(starts) and self._ends[index] <= high

    def last_between(self, low: int, high: int) -> int:
        """Index of the last match wholly inside ``[low, high)``, or -1."""
        ends = self.ends
        index = bisect.bisect_right(ends, high) - 1
        return index if index >= 0 and self._starts is not None and self._starts[index] >= low else -1


class Ranges:
    """Sorted ranges with fast lookup of those inside a window and of the one holding an offset.

    Ranges may overlap; ``holds`` answers for any of them, using the running maximum of ends.
    """

    __slots__ = ("max_ends", "ranges", "starts")

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self.starts = [start for start, _ in self.ranges]
        self.max_ends: list[int] = []
        running = -1
        for _, end in self.ranges:
            running = max(running, end)
            self.max_ends.append(running)

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ranges that start inside ``[start, end)``, plus one begun before that covers ``start``."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        if low > 0 and self.ranges[low - 1][1] > start:
            low -= 1
        return self.ranges[low:high]

    def covers(self, index: int) -> bool:
        """Whether ``index`` is strictly inside a range (not on its first character)."""
        position = bisect.bisect_right(self.starts, index) - 1
        return position >= 0 and self.ranges[position][0] < index < self.ranges[position][1]

    def holds(self, index: int) -> bool:
        """Whether some range has ``start <= index < end``."""
        position = bisect.bisect_right(self.starts, index) - 1
        return position >= 0 and self.max_ends[position] > index

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some range overlaps ``[start, end)``."""
        position = bisect.bisect_left(self.starts, end) - 1
        return position >= 0 and self.max_ends[position] > start
