"""What an upload's problems look like, and what parsing gives back.

A :class:`Problem` is located by sheet and cell (for JSON, by the field's path); a
:class:`ParseResult` carries the content (``None`` when refused), every problem, and the map
from field paths to cells that places validation findings where the focal point typed them.
:class:`Refused` stops parsing at the first problem that makes the file unreadable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from treaty_tracker.rules import Finding

REFUSAL = "refusal"  # the file cannot be imported; nothing is saved

Location = tuple[str, str]  # (sheet, cell), e.g. ("B", "C7")


@dataclass(frozen=True)
class Problem:
    """One problem with an upload, where it is: ``sheet`` and ``cell`` ("B", "C7"); for
    JSON, ``sheet`` is empty and ``cell`` the field's path (or the line and column).

    ``severity`` is ``refusal`` (nothing can be imported), or a validation finding's
    ``error`` / ``warning``; ``code`` is ``upload.*`` or the finding's code."""

    sheet: str
    cell: str
    message: str
    code: str
    severity: str = REFUSAL
    field: str = ""

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell

    def as_dict(self) -> dict[str, str]:
        """The problem as JSON, as listed to the uploader (kept with the upload's log)."""
        return {
            "where": self.where,
            "sheet": self.sheet,
            "cell": self.cell,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "field": self.field,
        }


@dataclass
class ParseResult:
    """What an upload gave: the content (None when refused) and every problem, in order:
    refusals first, then validation findings by sheet and cell."""

    content: dict[str, Any] | None
    problems: list[Problem]
    cells: dict[str, Location] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return self.content is None

    def locate(self, findings: Iterable[Finding]) -> list[Problem]:
        """Validation findings as problems at the sheet and cell their field path came from
        (the nearest enclosing path when the exact one has no cell)."""
        return [self._located(finding) for finding in findings]

    def _located(self, finding: Finding) -> Problem:
        sheet, cell = self._cell_of(finding.field or "")
        return Problem(
            sheet=sheet,
            cell=cell,
            message=finding.message,
            code=finding.code,
            severity=finding.severity.value,
            field=finding.field or "",
        )

    def _cell_of(self, path: str) -> Location:
        if not self.cells:  # JSON: the path is the place
            return ("", path)
        candidate = path
        while candidate:
            if candidate in self.cells:
                return self.cells[candidate]
            head, dot, _tail = candidate.rpartition(".")
            bracket = candidate.rfind("[")
            if bracket > len(head):  # "B.stockpile[2]" -> "B.stockpile"
                candidate = candidate[:bracket]
            elif dot:
                candidate = head
            else:
                break
        return ("", path)


class Refused(Exception):
    """Raised inside parsing when the file cannot be read any further; carries the one
    problem that says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def refuse(message: str, code: str, sheet: str = "", cell: str = "") -> Refused:
    """The exception to raise for a refusal at ``sheet`` and ``cell`` (empty: the file)."""
    return Refused(Problem(sheet=sheet, cell=cell, message=message, code=code))
