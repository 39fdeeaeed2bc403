"""The diff decides today what it decided when ``tests/compare/data/decisions.json`` was written.

The snapshot (``benchmarks/diff_snapshot.py --write``) holds every match and change for a
fixed set of pairs, both directions. A change meant to be faster only must leave it as it is;
a change meant to decide otherwise rewrites it, and the reviewer reads the file's diff.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from workplan.compare import using_rapidfuzz

ROOT = Path(__file__).resolve().parents[2]
STORED = Path(__file__).resolve().parent / "data" / "decisions.json"

pytestmark = pytest.mark.skipif(
    not using_rapidfuzz(), reason="scores were recorded with rapidfuzz; difflib rounds some apart"
)


def _snapshot_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("diff_snapshot", ROOT / "benchmarks" / "diff_snapshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("diff_snapshot", module)
    spec.loader.exec_module(module)
    return module


def _stored() -> dict[str, object]:
    return dict(json.loads(STORED.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", sorted(_stored()))
def test_decisions_are_unchanged(name: str) -> None:
    module = _snapshot_module()
    if name.startswith("corpus:") and not module.SHARED_PAIRS.exists():
        pytest.skip("../shared/corpus is not beside the clone")
    current = module.snapshot({name})
    stored = {name: _stored()[name]}
    assert module.differences(stored, current) == []


def test_the_snapshot_covers_real_synthetic_and_blocked_pairs() -> None:
    names = _stored()
    assert any(name.startswith("seed:") for name in names)
    assert any(name.startswith("own:") for name in names)
    assert {"synthetic:usual-3000", "synthetic:heavy-3000"} <= names.keys()
