"""Rule selection from ``[tool.workplan]`` in a pyproject.toml."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import attrs

from .._errors import RuleError

__all__ = ["CheckConfig", "find_pyproject", "load_config"]


@attrs.frozen(kw_only=True)
class CheckConfig:
    """The ``select`` and ``ignore`` lists a pyproject.toml sets for ``workplan check``."""

    select: tuple[str, ...] | None = None
    """Code prefixes to run instead of the default rules, or None for the defaults."""
    ignore: tuple[str, ...] = ()
    """Code prefixes never to run."""
    path: Path | None = None
    """The pyproject.toml it came from, or None when none was found."""


def find_pyproject(start: str | Path | None = None) -> Path | None:
    """The nearest pyproject.toml in ``start`` (default: the working directory) or a parent."""
    directory = Path(start) if start is not None else Path.cwd()
    if directory.is_file():
        return directory
    for folder in (directory, *directory.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


_HEADER = re.compile(rb"^[ \t]*\[\[?([^\]\n]*)\]")
_KEY = re.compile(rb"^[ \t]*([A-Za-z0-9_\-\"'. \t]+?)[ \t]*=")
_QUOTES_AND_SPACE = re.compile(rb"[\"' \t]")


def _may_configure(path: Path) -> bool:
    """Whether ``path`` may hold a ``[tool.workplan]`` table; most pyproject.toml files cannot.

    A line scan for a table or key that lands under ``tool.workplan`` (``[tool.workplan]``,
    ``tool.workplan.select = …``, ``workplan = {…}`` under ``[tool]``) spares the TOML
    parser's import and run (~20 ms of CPU at the start of ``workplan check``) in a project
    that does not configure workplan. A doubtful line counts as configuring: then the file is
    parsed as before.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return True  # let the parser report it
    if b"workplan" not in data:
        return False
    table = b""
    for line in data.splitlines():
        header = _HEADER.match(line)
        if header is None and line.lstrip().startswith(b"["):
            return True  # a header the scan can't read (a bracket missing): the parser reports it
        if header is not None:
            table = _QUOTES_AND_SPACE.sub(b"", header.group(1))
            name = table
        else:
            key = _KEY.match(line)
            if key is None:
                continue
            name = (table + b"." if table else b"") + _QUOTES_AND_SPACE.sub(b"", key.group(1))
        if name == b"tool.workplan" or name.startswith(b"tool.workplan."):
            return True
    return False


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]
        except ImportError:
            raise RuleError(f"reading {path} on Python 3.10 needs tomli: pip install tomli") from None
    try:
        with path.open("rb") as stream:
            data: dict[str, Any] = tomllib.load(stream)
            return data
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleError(f"cannot read {path}: {error}") from None


def _codes(table: dict[str, Any], key: str, path: Path) -> tuple[str, ...] | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise RuleError(f"[tool.workplan] {key} in {path} must be a list of rule codes")
    return tuple(value)


def load_config(start: str | Path | None = None) -> CheckConfig:
    """Read ``select`` and ``ignore`` from ``[tool.workplan]`` in the nearest pyproject.toml.

    ``start`` is a pyproject.toml, or a folder to search upwards from (default:
    the working directory); a ``start`` that does not exist is a `RuleError`.

    ```toml
    [tool.workplan]
    select = ["WP1", "WP3"]
    ignore = ["WP305"]
    ```
    """
    if start is not None and not Path(start).exists():
        raise RuleError(f"no such config file: {str(start)!r}")
    path = find_pyproject(start)
    if path is None:
        return CheckConfig()
    if not _may_configure(path):
        return CheckConfig(path=path)
    table = _read_toml(path).get("tool", {}).get("workplan", {})
    if not isinstance(table, dict):
        raise RuleError(f"[tool.workplan] in {path} must be a table")
    return CheckConfig(
        select=_codes(table, "select", path), ignore=_codes(table, "ignore", path) or (), path=path
    )
