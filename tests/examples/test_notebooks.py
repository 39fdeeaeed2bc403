"""The example notebooks: in step with their scripts, stored without outputs, and they run.

Each ``examples/NAME.ipynb`` is built from ``examples/NAME.py``, a script in the
"percent" format (``# %%`` starts a code cell, ``# %% [markdown]`` a text cell;
``# %magic`` lines become magics, and ``# noqa: B018`` after a bare expression
is dropped). After editing a script, rebuild its notebook:

    python tests/examples/test_notebooks.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("explore_2020", "lint_plan", "compare_years")


def script_cells(text: str) -> list[tuple[str, str]]:
    """The (cell type, source) pairs of a percent-format script."""
    cells: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("# %%"):
            cells.append(("markdown" if "[markdown]" in line else "code", []))
            continue
        if not cells:
            continue
        kind, lines = cells[-1]
        if kind == "markdown":
            lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
        else:
            # A bare expression is a display in a notebook, a "useless expression" (B018) in a script.
            line = line.removesuffix("  # noqa: B018")
            lines.append(line[2:] if line.startswith("# %") else line)
    return [(kind, "\n".join(lines).strip("\n")) for kind, lines in cells]


def build_notebook(name: str) -> Any:
    """The notebook for ``examples/NAME.py``, without outputs."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    for index, (kind, source) in enumerate(
        script_cells((EXAMPLES / f"{name}.py").read_text(encoding="utf-8"))
    ):
        cell = (
            nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)
        )
        cell["id"] = f"{name}-{index}"  # stable ids keep the stored notebooks' diffs small
        notebook.cells.append(cell)
    return notebook


def read_notebook(name: str) -> Any:
    import nbformat

    return nbformat.read(EXAMPLES / f"{name}.ipynb", as_version=4)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_matches_its_script_and_has_no_outputs(name: str) -> None:
    pytest.importorskip("nbformat")
    stored = read_notebook(name)
    built = build_notebook(name)
    assert [(c.cell_type, c.source) for c in stored.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ], f"examples/{name}.ipynb is out of date: run python tests/examples/test_notebooks.py"
    for cell in stored.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("ipykernel")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core's migration warning otherwise
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's frozen-modules note otherwise
    notebook = read_notebook(name)
    client = nbclient.NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    errors = "".join(output.get("text", "") for output in outputs if output.get("name") == "stderr")
    assert "Glyph" not in errors
    assert "Traceback" not in errors
    shown = {kind for output in outputs for kind in output.get("data", {})}
    assert "text/html" in shown  # the plan, report or diff display
    if name != "lint_plan":
        assert "image/png" in shown  # a picture


if __name__ == "__main__":
    import nbformat

    for example in sys.argv[1:] or NAMES:
        path = EXAMPLES / f"{example}.ipynb"
        nbformat.write(build_notebook(example), path)
        print(os.path.relpath(path))
