"""Reading and writing plans: JSON and YAML text, files by suffix, the JSON Schema."""

from ._atomic import atomic_path as atomic_path
from ._atomic import write_atomic as write_atomic
from ._converter import SCHEMA_VERSION as SCHEMA_VERSION
from ._converter import structure_plan as structure_plan
from ._converter import unstructure_plan as unstructure_plan
from ._files import dump as dump
from ._files import load as load
from ._json import dumps as dumps
from ._json import dumps_yaml as dumps_yaml
from ._json import loads as loads
from ._json import loads_yaml as loads_yaml
from ._schema import json_schema as json_schema

__all__ = [
    "SCHEMA_VERSION",
    "atomic_path",
    "dump",
    "dumps",
    "dumps_yaml",
    "json_schema",
    "load",
    "loads",
    "loads_yaml",
    "structure_plan",
    "unstructure_plan",
    "write_atomic",
]
