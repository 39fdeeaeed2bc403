"""The typed plan model: `Plan` holds goals, tasks, measures and targets.

Every class is a frozen, slotted, keyword-only attrs class; change one with
`attrs.evolve`. See the *Concepts* page of the docs for a picture.

The model also owns what every layer above needs to go through a plan:

- path ids: `NodePath` reads them; `path_to_goal`, `path_to_task`,
  `path_to_measure` and `path_to_target` write them (nothing else spells ``g2/t7``);
- walks with context: `walk_goals`, `walk_tasks`, `walk_measures`, `walk_targets`;
- the inheritance rules: `effective_owners`, `effective_deadline`, `effective_due`,
  `inherit_due`, `plan_due`, and `dues` for every node at once;
- `memo` and `MemoKey`, for indexes derived from a plan and kept on it.
"""

from ._enums import DocumentRelation as DocumentRelation
from ._enums import OwnerRole as OwnerRole
from ._enums import Qualifier as Qualifier
from ._enums import Recurrence as Recurrence
from ._enums import TargetKind as TargetKind
from ._inherit import Due as Due
from ._inherit import dues as dues
from ._inherit import effective_deadline as effective_deadline
from ._inherit import effective_due as effective_due
from ._inherit import effective_owners as effective_owners
from ._inherit import inherit_due as inherit_due
from ._inherit import plan_due as plan_due
from ._memo import MemoKey as MemoKey
from ._memo import memo as memo
from ._memo import memo_peek as memo_peek
from ._nodes import Deadline as Deadline
from ._nodes import Dependency as Dependency
from ._nodes import Document as Document
from ._nodes import DocumentRef as DocumentRef
from ._nodes import Goal as Goal
from ._nodes import Measure as Measure
from ._nodes import Owner as Owner
from ._nodes import OwnerRef as OwnerRef
from ._nodes import Span as Span
from ._nodes import Target as Target
from ._nodes import Task as Task
from ._paths import NodePath as NodePath
from ._paths import is_registry_id as is_registry_id
from ._paths import path_to_goal as path_to_goal
from ._paths import path_to_measure as path_to_measure
from ._paths import path_to_target as path_to_target
from ._paths import path_to_task as path_to_task
from ._plan import Node as Node
from ._plan import NodeKind as NodeKind
from ._plan import Plan as Plan
from ._plan import kind_of as kind_of
from ._walks import walk_goals as walk_goals
from ._walks import walk_measures as walk_measures
from ._walks import walk_targets as walk_targets
from ._walks import walk_tasks as walk_tasks

__all__ = [
    "Deadline",
    "Dependency",
    "Document",
    "DocumentRef",
    "DocumentRelation",
    "Due",
    "Goal",
    "Measure",
    "MemoKey",
    "Node",
    "NodeKind",
    "NodePath",
    "Owner",
    "OwnerRef",
    "OwnerRole",
    "Plan",
    "Qualifier",
    "Recurrence",
    "Span",
    "Target",
    "TargetKind",
    "Task",
    "dues",
    "effective_deadline",
    "effective_due",
    "effective_owners",
    "inherit_due",
    "is_registry_id",
    "kind_of",
    "memo",
    "memo_peek",
    "path_to_goal",
    "path_to_measure",
    "path_to_target",
    "path_to_task",
    "plan_due",
    "walk_goals",
    "walk_measures",
    "walk_targets",
    "walk_tasks",
]
