"""The layers of `docs/architecture.md`, enforced: a package imports only from layers below it.

The walk reads every module under ``src/workplan`` with `ast` and resolves each
``import`` of a workplan module to its top-level part (``model``, ``parse``,
``_views``…). A module-level import must go to the same part or a lower layer.
An import inside a function may also go up, but only into the view room
``_views`` or to a method listed in `UPWARD`: that is how ``Plan._repr_html_``
or ``PlanDiff.render`` reach the views without an import circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "workplan"

LAYERS: dict[str, int] = {
    "_errors": 0,
    "_version": 0,
    "_util": 0,
    "model": 1,
    "parse": 2,
    "query": 3,
    "graph": 3,
    "checks": 4,
    "io": 4,
    "compare": 5,
    "datasets": 6,
    "testing": 6,
    "_views": 7,
    "viz": 7,
    "cli": 8,
    "__main__": 9,
}
"""Bottom to top; the root ``workplan/__init__.py`` is the face and may name anything lazily."""

UPWARD: dict[tuple[str, str], str] = {
    ("model", "query"): "Plan.query() hands the plan to the query builder",
    ("model", "graph"): "Plan.graph builds the derived networkx view on first use",
    ("io", "compare"): "the SQLite store (io/_sqlite.py) keeps the changes between consecutive plans",
}
"""Function-level upward imports allowed besides the view room, each with its reason."""


def _part(module: str) -> str | None:
    """The top-level part of ``workplan.x.y`` (``x``), or None for another package."""
    names = module.split(".")
    if names[0] != "workplan":
        return None
    return names[1] if len(names) > 1 else ""


def _module_name(path: Path) -> str:
    relative = path.relative_to(SRC.parent).with_suffix("")
    names = list(relative.parts)
    if names[-1] == "__init__":
        names.pop()
    return ".".join(names)


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for each workplan import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue  # annotations only: no runtime edge
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - child.level + 1]
                    target = ".".join([*base, child.module] if child.module else base)
                else:
                    target = child.module or ""
                found.append((target, child.lineno, in_function))
                if child.module is None:  # `from .. import datasets` names modules
                    found.extend((f"{target}.{a.name}", child.lineno, in_function) for a in child.names)
            elif isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, in_function) for alias in child.names)
            visit(child, nested)

    visit(tree, False)
    return found


def _violations() -> list[str]:
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        importer = _part(_module_name(path))
        if importer in ("", None):
            continue
        assert importer in LAYERS, f"{path}: add {importer!r} to LAYERS and to docs/architecture.md"
        for target, line, in_function in _imports(path):
            part = _part(target)
            if part in (None, "", importer) or part not in LAYERS:
                continue
            if LAYERS[part] <= LAYERS[importer]:
                continue
            if in_function and (part == "_views" or (importer, part) in UPWARD):
                continue
            where = "a function" if in_function else "module level"
            problems.append(f"{path.relative_to(SRC)}:{line}: {importer} imports {target} from {where}")
    return problems


def test_every_import_goes_down_a_layer() -> None:
    assert _violations() == []


@pytest.mark.parametrize("part", sorted(LAYERS))
def test_layers_name_real_parts(part: str) -> None:
    assert (SRC / part).is_dir() or (SRC / f"{part}.py").is_file()


# -- path ids are spelled only in the model -----------------------------------------------------

PATHS_CONVERTED: tuple[str, ...] = tuple(sorted(part for part in LAYERS if part != "model"))
"""Every part but the model builds path ids only through it (`path_to_task`, the walks…)."""

_SPELLED = ("/t", "/m", "/q")


def _path_fstrings(source: str) -> list[int]:
    """Lines of f-strings that spell a path id by hand: ``f"g{…}"``, ``f"…/t{…}"``, ``/m{``, ``/q{``."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        parts = node.values
        for position, (part, following) in enumerate(zip(parts, parts[1:], strict=False)):
            if not (isinstance(part, ast.Constant) and isinstance(following, ast.FormattedValue)):
                continue
            text = str(part.value)
            if text.endswith(_SPELLED) or (position == 0 and text == "g"):
                lines.append(node.lineno)
                break
    return lines


@pytest.mark.parametrize(
    ("source", "spelled"),
    [
        ('f"g{goal.number}"', True),
        ('f"g{goal.number}/t{task.number}"', True),
        ('f"{task_path}/m{index}"', True),
        ("f'{measure_path}/q{index}'", True),
        ('f"{goal.number}. {goal.title}"', False),
        ('f"t{task.number}"', False),
        ('f"goal {goal.title!r} has no tasks"', False),
        ('"g1/t2"', False),
    ],
)
def test_the_path_rule_sees_hand_spelled_paths(source: str, spelled: bool) -> None:
    assert bool(_path_fstrings(source)) is spelled


def test_path_ids_are_spelled_only_in_the_model() -> None:
    found = []
    for part in PATHS_CONVERTED:
        files = sorted((SRC / part).rglob("*.py")) if (SRC / part).is_dir() else [SRC / f"{part}.py"]
        for path in files:
            relative = path.relative_to(SRC).as_posix()
            found.extend(f"{relative}:{line}" for line in _path_fstrings(path.read_text(encoding="utf-8")))
    assert found == [], "build path ids with workplan.model.path_to_* or the walks"


# -- each part is used through its face -------------------------------------------------------


def _is_module(target: str) -> bool:
    """Whether ``workplan.x.y`` names a module or package under ``src/workplan``."""
    relative = Path(*target.split(".")[1:])
    return (SRC / relative).with_suffix(".py").is_file() or (SRC / relative / "__init__.py").is_file()


def _private_imports(source: str, path: Path) -> list[tuple[str, int]]:
    """(module, line) for each import of a private module ``workplan.X._y`` in ``source`` (at ``path``).

    Counts imports at module level, in functions and under ``if TYPE_CHECKING:`` alike,
    and ``from workplan.x import _y`` as an import of ``workplan.x._y``.
    """
    tree = ast.parse(source)
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            targets.append(module)
            targets.extend(
                f"{module}.{alias.name}" for alias in node.names if _is_module(f"{module}.{alias.name}")
            )
        elif isinstance(node, ast.Import):
            targets.extend(alias.name for alias in node.names)
        for target in targets:
            names = target.split(".")
            if names[0] == "workplan" and len(names) > 2 and names[2].startswith("_"):
                found.append((target, node.lineno))
    return found


def _foreign_private_imports() -> list[str]:
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        importer = _part(_module_name(path))
        if importer in ("", None):
            continue  # the root face names anything, lazily
        for target, line in _private_imports(path.read_text(encoding="utf-8"), path):
            part = _part(target)
            if part in (importer, "_views"):
                continue  # a part's own rooms; the view room's modules are its face
            problems.append(f"{path.relative_to(SRC)}:{line}: {importer} imports {target}")
    return problems


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from ..io._excel import read_excel", ["workplan.io._excel"]),
        ("from ..io import _graphfiles", ["workplan.io._graphfiles"]),
        ("import workplan.query._index", ["workplan.query._index"]),
        ("def f():\n    from workplan.compare._result import PlanDiff", ["workplan.compare._result"]),
        ("if TYPE_CHECKING:\n    from ..compare._timeline import Timeline", ["workplan.compare._timeline"]),
        ("from ..io import dumps, load", []),
        ("from ..compare import PlanDiff", []),
    ],
)
def test_the_private_rule_sees_every_spelling(source: str, found: list[str]) -> None:
    probe = SRC / "cli" / "_probe.py"  # only its name is used: the module workplan.cli._probe
    assert [target for target, _ in _private_imports(source, probe)] == found


def test_no_part_imports_another_parts_private_module() -> None:
    assert _foreign_private_imports() == [], "import it from that part's face (its __init__.py)"
