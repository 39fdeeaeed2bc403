"""Command-line start-up against its floors: ``python -c pass`` and ``python -c "import workplan"``.

Each case runs in a fresh interpreter; its CPU time (user + system, from
``resource.getrusage(RUSAGE_CHILDREN)``) is the child's alone, so the
machine's other load does not count. Cases run round-robin (interleaved), and
the medians are printed with the wall time beside them.

Bytecode: the children would otherwise recompile every module on every run when
``PYTHONDONTWRITEBYTECODE`` is set (as in our CI and dev shells), which measures the
compiler rather than start-up. So the children run without that variable and with
``PYTHONPYCACHEPREFIX`` pointing at a temporary folder: the first (discarded) round
writes the .pyc files there, for the floors and every case alike, and the source tree
stays clean. ``--compile-each-run`` measures the old way instead.

Run: .venv/bin/python benchmarks/bench_cli.py [--repeat 15]

Goals (issue 13): ``workplan check changchun-edu-2020`` under 200 ms CPU;
``workplan --version`` under 1.3x ``import workplan``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

CASES: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "python -c 'import workplan'": ["-c", "import workplan"],
    "workplan --version": ["-m", "workplan", "--version"],
    "workplan --help": ["-m", "workplan", "--help"],
    "workplan check changchun-edu-2020": ["-m", "workplan", "check", "changchun-edu-2020"],
    "workplan show changchun-edu-2020": ["-m", "workplan", "show", "changchun-edu-2020"],
}


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--compile-each-run",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as set, so that children may recompile every module each run",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="workplan-bench-pyc-") as cache:
        environment = {**os.environ, "PYTHONPATH": str(SRC)}
        if not args.compile_each_run:
            environment.pop("PYTHONDONTWRITEBYTECODE", None)
            environment["PYTHONPYCACHEPREFIX"] = cache
        measure(environment, args.repeat)


def measure(environment: dict[str, str], repeat: int) -> None:
    """Run every case ``repeat`` times (after one warm-up round) and print the medians."""
    cpu: dict[str, list[float]] = {name: [] for name in CASES}
    wall: dict[str, list[float]] = {name: [] for name in CASES}
    for round_ in range(repeat + 1):
        for name, argv in CASES.items():
            start_cpu, start_wall = child_cpu(), time.perf_counter()
            subprocess.run([sys.executable, *argv], env=environment, capture_output=True, check=False)
            if round_:  # the first round warms the disk cache and .pyc files
                cpu[name].append(child_cpu() - start_cpu)
                wall[name].append(time.perf_counter() - start_wall)
    medians = {name: statistics.median(values) for name, values in cpu.items()}
    floor, imported = medians["python -c pass"], medians["python -c 'import workplan'"]
    compiled = "each run compiles" if environment.get("PYTHONDONTWRITEBYTECODE") else ".pyc cached"
    print(f"{repeat} interleaved runs each ({compiled}); CPU = user + system of the child process")
    for name in CASES:
        wall_ms = statistics.median(wall[name]) * 1000
        print(
            f"  {name:<36} {medians[name] * 1000:7.1f} ms CPU ({wall_ms:6.1f} ms wall)"
            f"  {medians[name] / floor:5.2f}x python  {medians[name] / imported:5.2f}x import workplan"
        )
    print(
        f"goal: workplan --version <= 1.3x import workplan: {medians['workplan --version'] / imported:.2f}x"
    )
    checked = medians["workplan check changchun-edu-2020"] * 1000
    print(f"goal: workplan check changchun-edu-2020 < 200 ms CPU: {checked:.0f} ms")


if __name__ == "__main__":
    main()
