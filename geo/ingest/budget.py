"""A time budget for reading one document: ``ingest`` stops with a clear message instead of
running for as long as a hostile document makes it.

The steps check the budget between units of bounded work (a PDF page, a sentence), so a
document is stopped within one unit of the limit."""
from __future__ import annotations

import time

from ..errors import UsageError

#: Seconds one document may take to read and propose from (the seed documents take a few).
DEFAULT_SECONDS = 300.0


class BudgetExceeded(UsageError):
    """A document took longer than its time budget."""


class Budget:
    def __init__(self, seconds: float = DEFAULT_SECONDS, what: str = "the document") -> None:
        if not seconds > 0:
            raise UsageError(f"a time limit must be a positive number of seconds, not {seconds!r}")
        self.seconds, self.what = seconds, what
        self.deadline = time.monotonic() + seconds

    def check(self, step: str) -> None:
        """Raise :class:`BudgetExceeded` when the budget is spent (``step``: where it stopped)."""
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(f"{self.what}: stopped after {self.seconds:g} s while {step}; a report takes a few "
                                 "seconds: split the document, or allow more time with --time-limit SECONDS")
