"""Mutation testing of parse/, checks/ and the matcher with mutmut 3, module by module.

mutmut copies ``src/workplan`` into ``./mutants``, mutates the files that
``[tool.mutmut] only_mutate`` names and runs, for each mutant, the tests that
reached the mutated function. This script wraps it:

    run MODULE[:K]... [--sample K]
                                 run the mutants of each module (``parse._scan``,
                                 ``compare._match``); with ``:K`` or ``--sample K``
                                 only every K-th mutant of the module (by function and
                                 number), so the large modules fit in a sitting
    report [--before FILE] [--json OUT]
                                 the per-module kill-rate table: killed / (ran -
                                 listed equivalents); ``--json`` saves it for a
                                 later ``--before``
    survivors MODULE             the mutants of a module no test killed, with their diffs
    recheck [MODULE...]          rerun those (after adding tests)

A killed mutant is one a test failed on (timeouts count as killed). Mutants
listed in ``benchmarks/mutation_equivalent.txt`` (one id and a reason a line)
are left out of the rate. Tests run under the Hypothesis profile ``mutation``
(tests/conftest.py) and each mutant's tests run fastest first, so a killed
mutant costs little.

Run: .venv/bin/python benchmarks/mutation.py run checks._parse parse._scan --max-children 2
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENTS = ROOT / "benchmarks" / "mutation_equivalent.txt"

KILLED = {1, 3, 24, -24, 36, 37, 152, 255}  # a test failed, pytest errored, a timeout, a type-check catch
SURVIVED = {0}
NO_TESTS = {5, 33}


def _module_name(module: str) -> str:
    """``parse._scan`` or ``workplan.parse._scan`` -> ``workplan.parse._scan``."""
    return module if module.startswith("workplan.") else f"workplan.{module}"


def _meta_path(module: str) -> Path:
    parts = _module_name(module).split(".")
    return MUTANTS / "src" / Path(*parts).with_suffix(".py.meta")


def _natural(name: str) -> tuple[str, int]:
    function, _, number = name.rpartition("__mutmut_")
    return function, int(number)


def _results(module: str) -> dict[str, int | None]:
    path = _meta_path(module)
    if not path.exists():
        return {}
    data = json.loads(path.read_text("utf-8"))
    codes: dict[str, int | None] = data["exit_code_by_key"]
    return dict(sorted(codes.items(), key=lambda item: _natural(item[0])))


def _all_modules() -> list[str]:
    metas = sorted((MUTANTS / "src").rglob("*.py.meta"))
    names = []
    for meta in metas:
        relative = meta.relative_to(MUTANTS / "src").with_suffix("").with_suffix("")
        names.append(".".join(relative.parts))
    return [name for name in names if _results(name)]


def equivalents() -> dict[str, str]:
    """Mutant id -> the reason it cannot be killed, from ``mutation_equivalent.txt``."""
    found: dict[str, str] = {}
    if not EQUIVALENTS.exists():
        return found
    for line in EQUIVALENTS.read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        found[name] = reason.strip()
    return found


def _sample(names: Iterable[str], every: int) -> list[str]:
    return [name for index, name in enumerate(names) if index % every == 0]


def _findable(test: str) -> str:
    return test.partition("[")[0] if "\\" in test else test


def _patch_mutmut() -> None:
    """Run each mutant's tests fastest first: with ``-x`` a killed mutant stops early."""
    from mutmut.runners.harness import PytestRunner
    from mutmut.state import state

    regular = PytestRunner._pytest_args_regular_run

    def fastest_first(self: PytestRunner, tests: Iterable[str]) -> list[str]:
        durations = state().duration_by_test
        ordered = sorted(tests, key=lambda test: (durations.get(test, 0.0), test))
        # A parametrised id with an escaped character (``'1.a\\n1.'x20000``) is "not found" by a
        # second pytest.main in the same process: run all of that test's parameters instead.
        return regular(self, list(dict.fromkeys(_findable(test) for test in ordered)))

    PytestRunner._pytest_args_regular_run = fastest_first  # type: ignore[method-assign]


def _mutmut(names: list[str], max_children: int) -> None:
    os.chdir(ROOT)
    os.environ.setdefault("HYPOTHESIS_PROFILE", "mutation")
    _patch_mutmut()
    from mutmut.__main__ import _run

    try:
        _run(names, max_children)
    except SystemExit as exit_:
        if exit_.code not in (0, None):
            raise


def _generate(max_children: int) -> None:
    """Create ./mutants (mutmut does it on its first run) without running any test."""
    if any((MUTANTS / "src").rglob("*.py.meta")):
        return
    os.chdir(ROOT)
    from mutmut.__main__ import create_mutants
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir

    MUTANTS.mkdir(exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    create_mutants(max_children)


def run(modules: list[str], every: int, max_children: int) -> None:
    """Run the mutants of ``modules``; ``MODULE:K`` samples every K-th of that module (else ``every``)."""
    samples = {module.partition(":")[0]: int(module.partition(":")[2] or every) for module in modules}
    if all(k <= 1 for k in samples.values()):
        _mutmut([f"{_module_name(module)}.*" for module in samples], max_children)
        return
    _generate(max_children)
    names: list[str] = []
    for module, k in samples.items():
        codes = _results(module)
        names += [name for name in _sample(codes, max(k, 1)) if codes[name] is None]
    if names:
        _mutmut(names, max_children)


def _row(module: str, codes: dict[str, int | None], skipped: dict[str, str]) -> dict[str, object]:
    ran = {name: code for name, code in codes.items() if code is not None}
    killed = sum(code in KILLED for code in ran.values())
    equivalent = sum(name in skipped and ran[name] in SURVIVED for name in ran)
    survived = sum(code in SURVIVED for code in ran.values()) - equivalent
    no_tests = sum(code in NO_TESTS for code in ran.values())
    counted = len(ran) - equivalent
    return {
        "module": module,
        "mutants": len(codes),
        "ran": len(ran),
        "killed": killed,
        "survived": survived,
        "no_tests": no_tests,
        "equivalent": equivalent,
        "rate": killed / counted if counted else None,
    }


def table(modules: list[str] | None = None) -> list[dict[str, object]]:
    skipped = equivalents()
    return [_row(module, _results(module), skipped) for module in modules or _all_modules()]


def _total(rows: list[dict[str, object]]) -> dict[str, object]:
    keys = ("mutants", "ran", "killed", "survived", "no_tests", "equivalent")
    total: dict[str, object] = {key: sum(int(str(row[key])) for row in rows) for key in keys}
    counted = int(str(total["ran"])) - int(str(total["equivalent"]))
    total["module"] = "total"
    total["rate"] = int(str(total["killed"])) / counted if counted else None
    return total


def _percent(rate: object) -> str:
    return "-" if rate is None else f"{100 * float(str(rate)):.1f}%"


def report(before: Path | None, out: Path | None) -> None:
    rows = [row for row in table() if int(str(row["ran"]))]
    rows.append(_total(rows))
    earlier: dict[str, dict[str, object]] = {}
    if before is not None:
        earlier = {row["module"]: row for row in json.loads(before.read_text("utf-8"))}  # type: ignore[misc]
    header = "| module | mutants | ran | killed | survived | no tests | equivalent | kill rate |"
    if before is not None:
        header += " before |"
    print(header)
    print("|" + "---|" * (header.count(" | ") + 1))
    for row in rows:
        cells = [
            f"`{row['module']}`" if row["module"] != "total" else "**total**",
            row["mutants"],
            row["ran"],
            row["killed"],
            row["survived"],
            row["no_tests"],
            row["equivalent"],
            _percent(row["rate"]),
        ]
        if before is not None:
            old = earlier.get(str(row["module"]))
            # the same equivalents left out as now: they survived then too
            counted = int(str(old["ran"])) - int(str(row["equivalent"])) if old else 0
            cells.append(_percent(int(str(old["killed"])) / counted) if old and counted > 0 else "-")
        print("| " + " | ".join(str(cell) for cell in cells) + " |")
    weighted = [
        (float(str(row["rate"])), int(str(row["mutants"]))) for row in rows[:-1] if row["rate"] is not None
    ]
    if weighted:
        size = sum(mutants for _, mutants in weighted)
        estimate = sum(rate * mutants for rate, mutants in weighted) / size
        print(
            f"\nSampled modules weighted by their size: {100 * estimate:.1f}% of {size} mutants "
            f"({int(str(rows[-1]['ran']))} ran)."
        )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(rows, indent=1), "utf-8")


def _survivors(module: str) -> Iterator[str]:
    """Mutants no test killed: survivors and those no test reached (new tests may reach them)."""
    skipped = equivalents()
    for name, code in _results(module).items():
        if (code in SURVIVED or code in NO_TESTS) and name not in skipped:
            yield name


def survivors(module: str) -> None:
    os.chdir(ROOT)
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    path = Path("src", *_module_name(module).split(".")).with_suffix(".py")
    for name in _survivors(module):
        print(f"# {name}")
        print(re.sub(r"^(---|\+\+\+) .*\n", "", get_diff_for_mutant(name, path=path), flags=re.MULTILINE))
        print()


def recheck(modules: list[str], max_children: int) -> None:
    names = [name for module in modules or _all_modules() for name in _survivors(module)]
    if names:
        _mutmut(names, max_children)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_ = commands.add_parser("run", help="run the mutants of modules")
    run_.add_argument("modules", nargs="+")
    run_.add_argument("--sample", type=int, default=1, metavar="K", help="only every K-th mutant")
    run_.add_argument("--max-children", type=int, default=2)
    report_ = commands.add_parser("report", help="the per-module kill-rate table")
    report_.add_argument("--before", type=Path, help="a table saved by report --json")
    report_.add_argument("--json", type=Path, help="save the table")
    survivors_ = commands.add_parser("survivors", help="the surviving mutants of a module")
    survivors_.add_argument("module")
    recheck_ = commands.add_parser("recheck", help="rerun the survivors")
    recheck_.add_argument("modules", nargs="*")
    recheck_.add_argument("--max-children", type=int, default=2)
    args = parser.parse_args(argv)
    if args.command == "run":
        run(args.modules, args.sample, args.max_children)
    elif args.command == "report":
        report(args.before, args.json)
    elif args.command == "survivors":
        survivors(args.module)
    else:
        recheck(args.modules, args.max_children)


if __name__ == "__main__":
    main()
