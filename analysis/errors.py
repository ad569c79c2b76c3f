"""Problems found in data files, reported all at once and each pointing at its place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file: the file, the line or byte, the rule broken."""

    file: str
    message: str
    rule: str
    line: int | None = None
    byte: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.byte is not None:
            where += f": byte {self.byte}"
        return f"{where}: {self.message} [{self.rule}]"


class DataError(ValueError):
    """Raised when data fails validation; carries every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(
            problems, key=lambda p: (p.file, p.line or 0, p.byte or 0, p.rule, p.message)
        )
        super().__init__(self._text())

    def _text(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    @classmethod
    def single(cls, file: str, message: str, rule: str, **where: int | None) -> DataError:
        return cls([Problem(file, message, rule, **where)])
