"""Fuzz the loaders and the parser for as long as asked; report executions and findings.

The properties are those of ``tests/hostile/test_fuzz.py`` (each input gives a
`Plan` or a `LoadError`, never another exception; parsed plans round-trip),
run in rounds of fresh random examples until the time is up. A finding is
any other exception, printed with its falsifying input (shrunk by Hypothesis).

Run: .venv/bin/python benchmarks/fuzz_loaders.py --minutes 10
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for tests.hostile

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException
from tests.hostile import test_fuzz as properties

import workplan as wp
from workplan.io import loads_yaml

executions: collections.Counter[str] = collections.Counter()


def _counted(name: str, body: Callable[[object], None]) -> Callable[[object], None]:
    def run(value: object) -> None:
        executions[name] += 1
        body(value)

    return run


def _json(edits: list[tuple[int, str, str]]) -> None:
    properties._loads_or_load_error(wp.loads, properties.mutate(properties.SEED_JSON, edits))


def _yaml(edits: list[tuple[int, str, str]]) -> None:
    properties._loads_or_load_error(loads_yaml, properties.mutate(properties.SEED_YAML, edits))


def _bytes(data: bytes) -> None:
    properties._loads_or_load_error(wp.loads, data)
    properties._loads_or_load_error(loads_yaml, data)


def _parse(text: str) -> None:
    plan = wp.parse_text(text)
    assert wp.loads(wp.dumps(plan)) == plan


TARGETS: dict[str, tuple[Callable[..., None], st.SearchStrategy[object]]] = {
    "loads (mutated JSON)": (_json, st.lists(properties._EDIT, min_size=1, max_size=12)),
    "loads_yaml (mutated YAML)": (_yaml, st.lists(properties._EDIT, min_size=1, max_size=12)),
    "loads + loads_yaml (bytes)": (_bytes, st.binary(max_size=400) | st.text(max_size=400).map(str.encode)),
    "parse_text (text)": (_parse, st.text(properties._PLAN_CHARS | st.characters(), max_size=600)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--round", type=int, default=300, help="examples per target per round")
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    findings: list[str] = []
    rounds = 0
    while time.monotonic() < deadline:
        rounds += 1
        for name, (body, strategy) in TARGETS.items():
            test = settings(
                max_examples=args.round,
                deadline=None,
                database=None,
                phases=[Phase.generate, Phase.shrink],
                suppress_health_check=list(HealthCheck),
            )(given(strategy)(_counted(name, body)))
            try:
                test()
            except HypothesisException:  # the harness is wrong, not the code under test
                raise
            except Exception:  # a finding: keep fuzzing the others
                findings.append(f"{name}:\n{traceback.format_exc(limit=3)}")
            if time.monotonic() >= deadline:
                break
    total = sum(executions.values())
    print(f"{args.minutes:g} minutes, {rounds} rounds, {total} executions:")
    for name, count in executions.items():
        print(f"  {name:<30} {count}")
    print(f"findings: {len(findings)}")
    for finding in findings[:20]:
        print(finding)


if __name__ == "__main__":
    main()
