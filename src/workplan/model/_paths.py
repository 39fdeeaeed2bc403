"""Path ids: ``g2``, ``g2/t7``, ``g2/t7/m3``, ``g2/t7/m3/q1``; registry ids ``o4``, ``d12``.

This module is the one place that spells a path id. `NodePath.parse` reads one;
the four builders write one from its parent's id and a number, as fast as an
f-string would (they are one f-string each):

```python
path_to_goal(2)                  # "g2"
path_to_task("g2", 7)            # "g2/t7"
path_to_measure("g2/t7", 3)      # "g2/t7/m3"
path_to_target("g2/t7/m3", 1)    # "g2/t7/m3/q1"
```

Code that goes through a whole plan asks the walks in `._walks` instead, which
hand out each node with its path.
"""

from __future__ import annotations

import re

import attrs

from .._errors import PathSyntaxError

__all__ = [
    "NodePath",
    "is_registry_id",
    "path_to_goal",
    "path_to_measure",
    "path_to_target",
    "path_to_task",
]

_PATH = re.compile(r"g(\d+)(?:/t(\d+)(?:/m(\d+)(?:/q(\d+))?)?)?")
_REGISTRY = re.compile(r"[od][1-9]\d*")


def _positive(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and value < 1:
        raise ValueError(f"{attribute.name} must be >= 1, got {value}")


@attrs.frozen(kw_only=True, order=True)
class NodePath:
    """The position of a goal, task, measure or target inside its plan.

    Goals and tasks are numbered as printed in the plan (task numbers often
    run on across goals: ``g9/t35``); measures and targets by their 1-based
    position. ``str(NodePath.parse(s)) == s`` for every valid ``s``.
    """

    goal: int = attrs.field(validator=_positive)  # type: ignore[assignment]
    """The goal's printed number."""
    task: int | None = attrs.field(default=None, validator=_positive)
    """The task's printed number, or None for a goal."""
    measure: int | None = attrs.field(default=None, validator=_positive)
    """The measure's 1-based position in its task."""
    target: int | None = attrs.field(default=None, validator=_positive)
    """The target's 1-based position in its measure."""

    def __attrs_post_init__(self) -> None:
        parts = (self.task, self.measure, self.target)
        for deeper, shallower in zip(parts[1:], parts[:-1], strict=True):
            if deeper is not None and shallower is None:
                raise ValueError("a path cannot skip a level")

    @classmethod
    def parse(cls, text: str) -> NodePath:
        """Read a path id; raise `PathSyntaxError` when it is malformed."""
        match = _PATH.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise PathSyntaxError(str(text), "expected g<N>[/t<N>[/m<N>[/q<N>]]]")
        numbers = [int(group) if group is not None else None for group in match.groups()]
        if any(
            number is not None and (number < 1 or str(number) != group)
            for number, group in zip(numbers, match.groups(), strict=True)
        ):
            raise PathSyntaxError(text, "numbers start at 1 and have no leading zeros")
        return cls(goal=numbers[0] or 0, task=numbers[1], measure=numbers[2], target=numbers[3])

    @property
    def kind(self) -> str:
        """``goal``, ``task``, ``measure`` or ``target``."""
        if self.target is not None:
            return "target"
        if self.measure is not None:
            return "measure"
        if self.task is not None:
            return "task"
        return "goal"

    @property
    def parent(self) -> NodePath | None:
        """The path one level up, or None for a goal."""
        if self.target is not None:
            return attrs.evolve(self, target=None)
        if self.measure is not None:
            return attrs.evolve(self, measure=None)
        if self.task is not None:
            return attrs.evolve(self, task=None)
        return None

    def __str__(self) -> str:
        text = path_to_goal(self.goal)
        if self.task is not None:
            text = path_to_task(text, self.task)
        if self.measure is not None:
            text = path_to_measure(text, self.measure)
        if self.target is not None:
            text = path_to_target(text, self.target)
        return text


# The builders take the parent's id, so a loop spells each level once. They are named
# path_to_* (not task_path) so that a local variable called task_path cannot shadow them.


def path_to_goal(number: int) -> str:
    """The id of the goal printed with ``number``: ``g2``."""
    return f"g{number}"


def path_to_task(goal_path: str, number: int) -> str:
    """The id of task ``number`` under the goal ``goal_path``: ``g2/t7``."""
    return f"{goal_path}/t{number}"


def path_to_measure(task_path: str, index: int) -> str:
    """The id of the ``index``-th measure (from 1) of the task ``task_path``: ``g2/t7/m3``."""
    return f"{task_path}/m{index}"


def path_to_target(measure_path: str, index: int) -> str:
    """The id of the ``index``-th target (from 1) of the measure ``measure_path``: ``g2/t7/m3/q1``."""
    return f"{measure_path}/q{index}"


def is_registry_id(text: str) -> bool:
    """True for owner ids (``o3``) and document ids (``d12``)."""
    return bool(_REGISTRY.fullmatch(text))
