"""The typed errors of Karabakh Atlas.

Every error the library raises on purpose derives from :class:`AtlasError` and carries
the command line's exit code for it (``exit_code``); the CLI maps errors to exit codes
in one place (:func:`geo.cli.main`) and the dashboard shows them as a problem page.

Exit codes: 0 success; 1 the dataset has problems; 2 a bad command line or setting;
3 an output file could not be written.
"""
from __future__ import annotations

from dataclasses import dataclass

from .escape import terminal


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a dataset: where it is and what is wrong."""

    file: str
    item_id: str
    field: str
    message: str

    def __str__(self) -> str:
        """``file: id: field: message``, with control characters made visible (safe in a terminal)."""
        return terminal(f"{self.file}: {self.item_id or '-'}: {self.field or '-'}: {self.message}")


class AtlasError(Exception):
    """Base class of every error Karabakh Atlas raises deliberately."""

    exit_code = 1


class DatasetError(AtlasError):
    """A dataset failed validation; ``problems`` lists every problem found."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"the dataset has {len(self.problems)} problem(s):\n{lines}")


class UsageError(AtlasError):
    """A command-line value is wrong."""

    exit_code = 2


class DateError(UsageError, ValueError):
    """A date string is not a valid EDTF date of the kinds the atlas accepts."""

    exit_code = 2


class ConfigError(UsageError):
    """A setting names something that is not there (``KARABAKH_ATLAS_SOURCES``, ``--sources``)."""

    exit_code = 2


class ExportError(AtlasError):
    """An output could not be written (unwritable path, a symlink or device at the target, ...)."""

    exit_code = 3


class RecipeError(AtlasError):
    """A drawn-data recipe or chronology entry cannot be built (unknown shape, bad step)."""
