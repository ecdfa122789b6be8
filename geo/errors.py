"""The typed errors of Karabakh Atlas.

Every error the library raises on purpose derives from :class:`AtlasError`; the CLI
and the dashboard turn them into clear messages instead of tracebacks.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a dataset: where it is and what is wrong."""

    file: str
    item_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item_id or '-'}: {self.field or '-'}: {self.message}"


class AtlasError(Exception):
    """Base class of every error Karabakh Atlas raises deliberately."""


class DatasetError(AtlasError):
    """A dataset failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"the dataset has {len(self.problems)} problem(s):\n{lines}")


class DateError(AtlasError, ValueError):
    """A date string is not a valid EDTF date of the kinds the atlas accepts."""


class ExportError(AtlasError):
    """An export could not be written (bad option, unwritable path, ...)."""
