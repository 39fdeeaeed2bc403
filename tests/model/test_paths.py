"""Path ids parse and print back the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workplan import NodePath, PathSyntaxError
from workplan.model import is_registry_id

numbers = st.integers(1, 10_000)


@given(
    st.tuples(numbers, st.none() | numbers, st.none() | numbers, st.none() | numbers).map(
        lambda parts: NodePath(
            goal=parts[0],
            task=parts[1],
            measure=parts[2] if parts[1] else None,
            target=parts[3] if parts[1] and parts[2] else None,
        )
    )
)
def test_paths_round_trip(path: NodePath) -> None:
    assert NodePath.parse(str(path)) == path
    assert str(NodePath.parse(str(path))) == str(path)


@pytest.mark.parametrize("text", ["g2", "g2/t7", "g2/t7/m3", "g2/t7/m3/q1", "g10/t38/m12/q3"])
def test_documented_examples(text: str) -> None:
    assert str(NodePath.parse(text)) == text


@pytest.mark.parametrize("text", ["", "g0", "g01", "t1", "g1/m1", "g1/t1/q1", "g1/", "g1/t1/m1/q1/x", " g1"])
def test_malformed_paths_are_rejected(text: str) -> None:
    with pytest.raises(PathSyntaxError):
        NodePath.parse(text)


def test_kind_and_parent() -> None:
    path = NodePath.parse("g2/t7/m3/q1")
    assert path.kind == "target"
    assert str(path.parent) == "g2/t7/m3"
    assert NodePath.parse("g2").parent is None


def test_registry_ids() -> None:
    assert is_registry_id("o3") and is_registry_id("d12")
    assert not is_registry_id("g1") and not is_registry_id("o0") and not is_registry_id("d")
