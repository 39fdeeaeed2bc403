"""What the command line prints around its results: failures, colour, progress, JSON Lines, -q/-v.

The progress bar is a dependency-free single line on standard error: tqdm would be a new core
dependency and rich costs ~100 ms of import for every command; one line that rewrites itself
is all a batch of files needs. It shows only when standard error is a terminal, the batch has
more than `PROGRESS_MIN` inputs, and ``-q`` is not given.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # concurrent.futures costs about 7 ms of CPU to import: only a pool loads it
    from concurrent.futures import Executor, Future

__all__ = [
    "PROGRESS_MIN",
    "Progress",
    "add_global_options",
    "colour",
    "describe",
    "jsonl",
    "ordered_map",
    "process_pool",
    "report_failure",
    "use_colour",
]

PROGRESS_MIN = 5
"""Batches of more inputs than this get a progress bar (on a terminal)."""

T = TypeVar("T")
R = TypeVar("R")

_CODES = {"red": "31", "yellow": "33", "green": "32", "bold": "1", "dim": "2"}


def use_colour(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def colour(text: str, name: str, stream: IO[str]) -> str:
    """``text`` wrapped in an ANSI colour when `use_colour` allows it."""
    if not use_colour(stream):
        return text
    return f"\033[{_CODES[name]}m{text}\033[0m"


def report_failure(command: str, name: str, error: BaseException | str) -> None:
    """Print one failed input on standard error: ``workplan parse: error: NAME: message``."""
    stream = sys.stderr
    label = colour("error", "red", stream)
    message = str(error)
    if message.startswith(name):  # the error already names the input
        print(f"workplan {command}: {label}: {message}", file=stream)
    else:
        print(f"workplan {command}: {label}: {name}: {message}", file=stream)


def describe(error: BaseException) -> str:
    """The message for one failed input: the error's own for bad input, marked for a bug.

    Batch workers catch every exception, so that one input that crashes the parser is reported by
    name and the others still run.
    """
    from .._errors import WorkplanError

    if isinstance(error, WorkplanError | OSError | UnicodeError):
        return str(error)
    return f"internal error ({type(error).__name__}: {error}); please report it with this input"


def jsonl(record: dict[str, Any]) -> str:
    """One JSON Lines record (UTF-8 kept, no indent, numbers and dates as strings where needed)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str)


def quiet(args: argparse.Namespace) -> bool:
    """Whether ``-q`` was given."""
    return bool(getattr(args, "quiet", False))


class Progress:
    """A one-line progress bar on standard error; silent unless it is a terminal."""

    def __init__(self, total: int, label: str, *, enabled: bool, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.label, self.done, self.failed = total, label, 0, 0
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = enabled and total > PROGRESS_MIN and bool(isatty and isatty())
        self.started = time.monotonic()
        self._last = 0.0

    def step(self, ok: bool = True) -> None:
        """One more input finished."""
        self.done += 1
        self.failed += not ok
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            rate = self.done / max(now - self.started, 1e-9)
            failed = f", {self.failed} failed" if self.failed else ""
            bar = "█" * filled + "·" * (width - filled)
            line = f"\r{self.label} {bar} {self.done}/{self.total} ({rate:.1f}/s{failed})"
            print(line, end="", file=self.stream, flush=True)

    def close(self) -> None:
        """End the bar's line."""
        if self.enabled:
            print(file=self.stream, flush=True)


def _paused_call(function: Callable[[T], R], item: T) -> R:
    """``function(item)`` with the garbage collector paused (run in the command's own processes).

    The library never pauses the collector; the command line is an application and opts in
    (``workplan.gc_paused``) around each input, which parses ~10% faster. Cycles left over are
    collected when the collector resumes.
    """
    from .._util import gc_paused

    with gc_paused():
        return function(item)


def process_pool(workers: int) -> Executor | None:
    """A pool of ``workers`` processes, or None (work inline) for one worker or fewer.

    ``concurrent.futures.process`` imports multiprocessing (about 25 ms of CPU):
    only a run that uses a pool loads it.
    """
    if workers <= 1:
        return None
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers)


def ordered_map(
    function: Callable[[T], R], items: Iterable[T], executor: Executor | None, *, window: int = 8
) -> Iterator[R]:
    """``function`` over ``items``, results in input order, at most ``window`` in flight.

    Each call runs with the collector paused (`_paused_call`). Without an executor it runs
    here, one by one. With one, results stream as they come in
    order, and memory holds at most ``window`` results waiting.
    """
    if executor is None:
        for item in items:
            yield _paused_call(function, item)
        return
    pending: list[Future[R]] = []
    iterator = iter(items)
    for item in iterator:
        pending.append(executor.submit(_paused_call, function, item))
        if len(pending) >= window:
            yield pending.pop(0).result()
    while pending:
        yield pending.pop(0).result()


@contextlib.contextmanager
def console_logging(args: argparse.Namespace, *, eager: bool = False) -> Iterator[None]:
    """For the length of a command, show the ``workplan`` log on standard error.

    ``-v`` shows INFO, ``-vv`` DEBUG (the timings of parse stages, matcher stages and check
    rules); ``-q`` only errors; by default warnings. The command line is an application, so
    it may configure the logger; the library never does. The handler is removed afterwards.

    The library logs only at DEBUG (stage timings), and ``workplan.io``'s SQLite writer a
    warning; so without ``-v`` and with `logging` not yet imported, nothing can be shown
    and the handler (and `logging`, about 6 ms of CPU) is skipped. ``eager`` installs it
    anyway: for a command that may run code that logs (third-party rules, SQLite output).
    """
    verbose = int(getattr(args, "verbose", 0) or 0)
    if not (verbose or eager or "logging" in sys.modules):
        yield
        return
    import logging

    level = (
        logging.ERROR
        if quiet(args)
        else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    )
    logger = logging.getLogger("workplan")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("workplan: %(levelname)s: %(message)s"))
    handler.setLevel(level)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(min(level, previous) if previous else level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``-q``/``--quiet`` and ``-v``/``--verbose`` on the main parser (``top``) and each command.

    On commands the defaults are suppressed, so ``workplan -q check x`` and
    ``workplan check -q x`` mean the same.
    """
    default_q: Any = False if top else argparse.SUPPRESS
    default_v: Any = 0 if top else argparse.SUPPRESS
    taken = set(getattr(parser, "_option_string_actions", {}))
    if not taken & {"-q", "--quiet"}:
        parser.add_argument(
            "-q", "--quiet", action="store_true", default=default_q, help="print only results and errors"
        )
    if not taken & {"-v", "--verbose"}:
        parser.add_argument(
            "-v", "--verbose", action="count", default=default_v, help="log more; -vv: timings"
        )
