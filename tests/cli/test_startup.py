"""What start-up imports: `--version` and `--help` load nothing heavy, and a command loads only itself.

Each case runs in a fresh interpreter and reads ``sys.modules`` at the end, so that
other tests' imports cannot hide a regression. Behaviour, not timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

HEAVY = (
    "networkx",
    "cattrs",
    "yaml",
    "pandas",
    "openpyxl",
    "workplan.parse",
    "workplan.io",
    "workplan.query",
    "workplan.checks",
    "workplan.compare",
    "workplan._views",
    "workplan.datasets",
)
"""Modules (and packages, with everything under them) that a start-up without work must not load."""

OTHER_COMMANDS = ("workplan.cli._diff", "workplan.cli._export", "workplan.cli._report", "workplan.cli._parse")


def _modules_after(code: str) -> set[str]:
    """The modules loaded after running ``code`` (which may end in SystemExit) in a fresh interpreter."""
    script = (
        "import json, sys\n"
        f"try:\n    exec({code!r})\nexcept SystemExit:\n    pass\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write('\\n' + json.dumps(sorted(sys.modules)))\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=False
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == name or m.startswith(name + ".") for name in names))


@pytest.mark.parametrize("argv", [["--version"], ["--help"], []])
def test_version_and_help_import_nothing_heavy(argv: list[str]) -> None:
    modules = _modules_after(f"from workplan.cli import main; main({argv!r})")
    assert "workplan.cli._main" in modules
    assert _loaded(modules, HEAVY) == []
    assert _loaded(modules, ("workplan.cli._check", *OTHER_COMMANDS)) == []


def test_a_command_imports_its_own_module_and_no_other() -> None:
    modules = _modules_after("from workplan.cli import main; main(['-q', 'check', 'changchun-edu-2020'])")
    assert "workplan.cli._check" in modules and "workplan.checks" in modules
    assert _loaded(modules, OTHER_COMMANDS) == []
    # A shipped plan carries its parse diagnostics: WP002 does not parse its text again.
    assert _loaded(modules, ("workplan.parse._api", "workplan.parse._segment", "workplan.parse._build")) == []
    # The shipped plan is read by the direct functions (no cattrs), its files found without
    # importlib.resources; one plan needs no process pool, and nothing logs without -v.
    assert _loaded(modules, ("cattrs", "importlib.resources", "concurrent.futures", "logging")) == []


def test_verbose_and_plugins_still_set_up_the_log() -> None:
    for argv in (["-v", "check", "changchun-edu-2020"], ["check", "--plugins", "changchun-edu-2020"]):
        modules = _modules_after(f"from workplan.cli import main; main({['-q', *argv]!r})")
        assert "logging" in modules, argv


def test_the_gazetteer_imports_without_the_parser() -> None:
    modules = _modules_after("from workplan.parse import Gazetteer; Gazetteer.default()")
    assert "workplan.parse._gazetteer" in modules
    assert _loaded(modules, ("workplan.parse._api", "workplan.parse._segment", "workplan.parse._build")) == []


def test_check_scans_plugins_only_when_asked() -> None:
    code = (
        "import workplan as wp\n"
        "from workplan.checks._registry import plugins_loaded\n"
        "wp.check(wp.datasets.load('changchun-edu-2020'))\n"
        "print(plugins_loaded())\n"
        "wp.check(wp.datasets.load('changchun-edu-2020'), plugins=True)\n"
        "print(plugins_loaded())\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_the_full_parser_registers_the_summaries_of_the_command_table() -> None:
    from workplan.cli._commands import COMMANDS
    from workplan.cli._main import build_parser

    action = build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    assert list(action.choices) == list(COMMANDS)
    assert {choice.dest: choice.help for choice in action._choices_actions} == {
        name: command.summary for name, command in COMMANDS.items()
    }
