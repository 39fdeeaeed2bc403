"""Every ```python block in the docs and the README runs, page by page, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
BLOCK = re.compile(r"^[ ]*```python\n(.*?)^[ ]*```", re.S | re.M)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_python_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = [_dedent(block) for block in BLOCK.findall(page.read_text(encoding="utf-8"))]
    if not blocks:
        pytest.skip("no python examples on this page")
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, block in enumerate(blocks, 1):
        try:
            exec(compile(block, f"{page.name}[{number}]", "exec"), namespace)
        except Exception as error:  # pragma: no cover - the message is the point
            raise AssertionError(f"{page.name}, example {number} failed:\n{block}") from error


def _dedent(block: str) -> str:
    import textwrap

    return textwrap.dedent(block)
