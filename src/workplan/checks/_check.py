"""`check`: run the selected rules on a plan and collect a `Report`.

Built-in rules run inline. Every other rule (a plug-in, or one registered with
`rule` in the caller's code) is contained: it runs in a worker thread, and

- a finding that is not a `Finding` is dropped and reported once;
- an exception, ``SystemExit`` included, ends that rule only;
- a rule still running after its time budget (``timeout`` seconds) is
  abandoned: a generator is stopped between two yields, and a rule stuck
  inside one call is left running in its daemon thread, since Python cannot
  stop a thread from outside (a rule blocked in one C call keeps its CPU until
  the call returns).

Each of these becomes a ``WP001 plugin-failed`` warning; the other rules'
findings are kept. ``KeyboardInterrupt`` is not caught, so Ctrl-C still works.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from .._util import StageTimer
from ..model import Plan
from ._finding import Finding, Severity
from ._registry import Rule, all_rules, load_plugins, plugins_loaded, select_rules
from ._report import Report

__all__ = ["DEFAULT_TIMEOUT", "check"]

DEFAULT_TIMEOUT = 5.0
"""Seconds a rule that is not built in may run before `check` abandons it."""


def _failure(message: str, zh: str) -> Finding:
    return Finding(
        code="WP001", name="plugin-failed", severity=Severity.WARNING, path="", message=message, message_zh=zh
    )


def _wants_plugins(select: Iterable[str] | None) -> bool:
    if select is None:
        return False
    prefixes = [select] if isinstance(select, str) else list(select)
    known = [found.code for found in all_rules()]
    return any(
        text != "ALL" and not any(code.startswith(text) for code in known)
        for text in (prefix.strip().upper() for prefix in prefixes)
    )


def check(
    plan: Plan,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    plugins: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Report:
    """Check ``plan`` for facts that span objects: ids, references, numbering, targets, deadlines.

    ``select`` and ``ignore`` are rule-code prefixes (``WP3``, ``WP301``); see
    `select_rules`. An unknown code raises `RuleError`. Third-party rules from
    the ``workplan.rules`` entry points run when ``plugins`` is true, or when
    ``select`` names a code no loaded rule has; the entry points are not
    scanned otherwise. A rule that is not built in runs contained, within
    ``timeout`` seconds (None: no limit); one that fails to load, crashes,
    yields something that is not a `Finding` or runs out of time becomes a
    warning (``WP001 plugin-failed``) and the others still run.
    """
    findings: list[Finding] = []
    if (plugins or _wants_plugins(select)) or plugins_loaded():
        findings.extend(
            _failure(f"rule plugin {name!r} failed to load: {error}", f"规则插件 {name!r} 加载失败：{error}")
            for name, error in load_plugins().items()
        )
    rules = select_rules(select, ignore)
    timer = StageTimer("check")
    for selected in rules:
        if selected.function.__module__.startswith("workplan.checks."):
            findings.extend(selected(plan))
        else:
            findings.extend(_run_contained(selected, plan, timeout))
        timer.mark(f"{selected.code} {selected.name}")
    return Report(
        findings=tuple(findings),
        rules=tuple(found.code for found in rules),
        source=plan.source,
        title=plan.title,
    )


def _run_contained(selected: Rule, plan: Plan, timeout: float | None) -> list[Finding]:
    """Run one rule in a daemon thread; its findings, then any `_failure` that explains a stop."""
    label = f"rule {selected.code} {selected.name}"
    label_zh = f"规则 {selected.code} {selected.name}"
    deadline = None if timeout is None else time.monotonic() + timeout
    found: list[Finding] = []
    problems: list[tuple[str, str]] = []  # (English, Chinese)
    lock = threading.Lock()
    finished = threading.Event()

    def run() -> None:
        wrong = ""
        try:
            for item in selected(plan):
                if deadline is not None and time.monotonic() > deadline:
                    return  # out of time between two yields: stop the generator here
                if isinstance(item, Finding):
                    with lock:
                        found.append(item)
                elif not wrong:
                    wrong = type(item).__name__
            finished.set()
        except BaseException as error:  # SystemExit too: a rule must not end the program
            with lock:
                what = f"{type(error).__name__}: {error}"
                problems.append((f"{label} crashed: {what}", f"{label_zh} 运行出错：{what}"))
            finished.set()
        finally:
            if wrong:
                with lock:
                    problems.append(
                        (
                            f"{label} yielded a {wrong}, not a Finding; such items were dropped",
                            f"{label_zh} 产生了 {wrong} 而不是 Finding，这些项已丢弃",
                        )
                    )

    worker = threading.Thread(target=run, name=f"workplan-rule-{selected.code}", daemon=True)
    worker.start()
    worker.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
    # A stuck rule runs on in its daemon thread, which cannot block exit; its late findings are dropped.
    done = finished.is_set()  # read before copying: a rule that finished has added all it will add
    with lock:
        result = [*found, *(_failure(*problem) for problem in problems)]
    if not done:
        result.append(
            _failure(
                f"{label} ran out of its time budget of {timeout:g} s and was stopped",
                f"{label_zh} 超出 {timeout:g} 秒的时间预算，已停止",
            )
        )
    return result
