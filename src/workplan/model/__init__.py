"""The typed plan model: `Plan` holds goals, tasks, measures and targets.

Every class is a frozen, slotted, keyword-only attrs class; change one with
`attrs.evolve`. See the *Concepts* page of the docs for a picture.
"""

from ._enums import DocumentRelation as DocumentRelation
from ._enums import OwnerRole as OwnerRole
from ._enums import Qualifier as Qualifier
from ._enums import Recurrence as Recurrence
from ._enums import TargetKind as TargetKind
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
from ._plan import Node as Node
from ._plan import NodeKind as NodeKind
from ._plan import Plan as Plan
from ._plan import kind_of as kind_of

__all__ = [
    "Deadline",
    "Dependency",
    "Document",
    "DocumentRef",
    "DocumentRelation",
    "Goal",
    "Measure",
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
    "is_registry_id",
    "kind_of",
]
