"""The public surface: every exported name exists, nothing private leaks, imports stay light."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

import workplan


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert workplan.__all__ == sorted(workplan.__all__)
    for name in workplan.__all__:
        assert getattr(workplan, name) is not None, name


def test_nothing_private_is_exported() -> None:
    assert not [name for name in workplan.__all__ if name.startswith("_") and name != "__version__"]
    public_modules = [name for name in dir(workplan) if not name.startswith("_")]
    assert set(public_modules) <= set(workplan.__all__)


def test_errors_share_one_root_and_a_builtin() -> None:
    value_errors = ("LoadError", "ParseError", "PathSyntaxError", "ExcelError", "RuleError", "QueryError")
    for name in (*value_errors, "ArgumentError"):
        error = getattr(workplan, name)
        assert issubclass(error, workplan.WorkplanError) and issubclass(error, ValueError), name
    assert issubclass(workplan.NodeNotFoundError, KeyError)
    assert issubclass(workplan.MissingExtraError, ImportError)
    assert issubclass(workplan.WriteError, OSError) and issubclass(
        workplan.WriteError, workplan.WorkplanError
    )
    assert workplan.query.QueryError is workplan.QueryError


def test_every_exported_error_shows_as_workplan_x() -> None:
    errors = [getattr(workplan, name) for name in workplan.__all__ if name.endswith("Error")]
    assert len(errors) == 12
    for error in errors:
        assert error.__module__ == "workplan", error
        assert f"{error.__module__}.{error.__qualname__}" == f"workplan.{error.__name__}"
    assert repr(workplan.QueryError("x")) == "QueryError('x')"
    assert str(workplan.LoadError("no such file")) == "no such file"
    assert str(workplan.LoadError("bad", "$.title", file="p.json")) == "p.json: bad @ $.title"


def test_import_workplan_loads_no_heavy_dependency() -> None:
    code = (
        "import sys, workplan; heavy = {'networkx', 'yaml', 'pandas', 'openpyxl', 'cattrs', 'hypothesis',"
        " 'matplotlib', 'rapidfuzz'}; print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_unknown_attribute_is_an_attribute_error() -> None:
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        workplan.nope  # noqa: B018


def test_batch_names_are_public_and_gc_paused_restores_the_collector() -> None:
    import gc

    assert {"to_sqlite", "gc_paused"} <= set(workplan.__all__)
    assert gc.isenabled()
    with workplan.gc_paused():
        assert not gc.isenabled()
        with workplan.gc_paused():
            pass
        assert not gc.isenabled()  # only the outermost block re-enables
    assert gc.isenabled()


def test_the_library_never_pauses_the_collector_by_itself(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    import gc

    calls: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    text = workplan.dumps(workplan.datasets.load("changchun-edu-2020"))
    plan = workplan.loads(text)
    _ = plan.graph, plan.query().owned_by("长春市教育局").due_between("2020-01-01", "2020-12-31").paths()
    workplan.diff(plan, workplan.parse_text(plan.source or ""))
    workplan.check(plan)
    pytest.importorskip("openpyxl")
    workplan.dump(plan, tmp_path / "plan.xlsx")
    workplan.load(tmp_path / "plan.xlsx")
    assert calls == []
