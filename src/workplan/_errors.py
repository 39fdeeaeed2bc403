"""The exception hierarchy: one root, each subclass also a builtin.

```text
WorkplanError(Exception)                  catch this for any failure workplan raises on purpose
├── LoadError(ValueError)                 a plan file or text could not be read; JSON path and file
├── WriteError(OSError)                   a plan could not be written; names the file
├── ParseError(ValueError)                text could not be understood; shows the span with a caret
├── PathSyntaxError(ValueError)           a path id such as ``g2/t7/m3`` is malformed
├── NodeNotFoundError(KeyError)           a well-formed id names nothing in the plan
├── QueryError(ValueError)                a query asked something it cannot answer
├── RuleError(ValueError)                 a check rule was selected wrongly or could not be loaded
├── ExcelError(ValueError)                a workbook is malformed; sheet, row and column
├── FileFormatError(ValueError)           a Word, web or PDF file could not be read; names the file
├── ArgumentError(ValueError)             a function was given an argument it cannot use
└── MissingExtraError(ImportError)        an optional dependency is missing; names the extra
```

Every class shows as ``workplan.X`` in tracebacks and reprs.
"""

from __future__ import annotations

__all__ = [
    "ArgumentError",
    "ExcelError",
    "FileFormatError",
    "LoadError",
    "MissingExtraError",
    "NodeNotFoundError",
    "ParseError",
    "PathSyntaxError",
    "QueryError",
    "RuleError",
    "WorkplanError",
    "WriteError",
    "format_caret",
]


class WorkplanError(Exception):
    """Root of every error that workplan raises on purpose.

    Catch this to handle any user-facing failure; each subclass also inherits
    the matching builtin (``ValueError``, ``KeyError``, ``ImportError``).
    """


def format_caret(text: str, start: int, end: int | None = None) -> str:
    """Show the line of ``text`` that holds ``start`` with ``^~~`` under the span.

    >>> print(format_caret("a\\nbcd\\n", 3, 5))
    line 2, column 2:
      bcd
       ^~
    """
    start = max(0, min(start, len(text)))
    end = start + 1 if end is None or end <= start else min(end, len(text))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if line_end == -1:
        line_end = len(text)
    line = text[line_start:line_end]
    column = start - line_start
    width = max(1, min(end, line_end) - start)
    lineno = text.count("\n", 0, start) + 1
    # East Asian characters take two terminal cells; pad the caret to match.
    pad = sum(_cells(ch) for ch in line[:column])
    mark = "^" + "~" * (sum(_cells(ch) for ch in line[column : column + width]) - 1)
    return f"line {lineno}, column {column + 1}:\n  {line}\n  {' ' * pad}{mark}"


def _cells(ch: str) -> int:
    import unicodedata

    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class LoadError(WorkplanError, ValueError):
    """A plan file could not be read.

    ``where`` is a JSON path such as ``$.goals[2].title`` (None when the problem
    is not inside JSON or YAML data); ``file`` is the file it came from, when known.
    """

    def __init__(self, message: str, where: str | None = None, *, file: str | None = None) -> None:
        self.message = message
        self.where = where
        self.file = file
        text = f"{message} @ {where}" if where else message
        super().__init__(f"{file}: {text}" if file else text)


class WriteError(WorkplanError, OSError):
    """A plan could not be written: an unknown format, or the file system refused; ``file`` names it."""

    def __init__(self, message: str, *, file: str | None = None) -> None:
        self.message = message
        self.file = file
        super().__init__(f"{file}: {message}" if file else message)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ParseError(WorkplanError, ValueError):
    """Text could not be understood; ``text`` and the span locate the problem."""

    def __init__(
        self,
        message: str,
        text: str = "",
        start: int = 0,
        end: int | None = None,
        diagnostics: tuple[object, ...] = (),
    ) -> None:
        self.message = message
        self.text = text
        self.start = start
        self.end = end
        self.diagnostics = diagnostics
        """What the parser noticed on the way (`workplan.parse.Diagnostic`s), for strict parsing."""
        detail = f"\n{format_caret(text, start, end)}" if text else ""
        super().__init__(f"{message}{detail}")


class PathSyntaxError(WorkplanError, ValueError):
    """A path id such as ``g2/t7/m3`` is malformed."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        super().__init__(f"invalid path id {path!r}: {reason}")


class NodeNotFoundError(WorkplanError, KeyError):
    """A well-formed path or registry id names nothing in the plan."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(path)

    def __str__(self) -> str:
        return f"no node {self.path!r} in this plan"


class MissingExtraError(WorkplanError, ImportError):
    """An optional dependency is not installed; the message names the extra."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(f"{package} is needed for this; install it with: pip install 'workplan[{extra}]'")


class FileFormatError(WorkplanError, ValueError):
    """A plan file (Word, web page, PDF, text) could not be read as plan text; names the file and why."""

    def __init__(self, path: object, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class ExcelError(WorkplanError, ValueError):
    """A workbook is malformed; names the sheet, row and column where known."""

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column
        where = ", ".join(
            part
            for part in (
                f"sheet {sheet!r}" if sheet is not None else "",
                f"row {row}" if row is not None else "",
                f"column {column!r}" if column is not None else "",
            )
            if part
        )
        super().__init__(f"{message} ({where})" if where else message)


class RuleError(WorkplanError, ValueError):
    """A check rule was selected wrongly or could not be loaded."""


class QueryError(WorkplanError, ValueError):
    """A query was asked something it cannot answer: an unknown kind, a bad pattern or date."""


class ArgumentError(WorkplanError, ValueError):
    """A function was given an argument it cannot use (an unknown format, a threshold out of range)."""


# Exported classes show as workplan.LoadError, not workplan._errors.LoadError.
for _class in (
    WorkplanError,
    LoadError,
    WriteError,
    ParseError,
    PathSyntaxError,
    NodeNotFoundError,
    MissingExtraError,
    ExcelError,
    FileFormatError,
    RuleError,
    QueryError,
    ArgumentError,
):
    _class.__module__ = "workplan"
del _class
