"""The ``workplan`` command (also ``python -m workplan``)."""

from ._main import main as main

__all__ = ["main"]
