"""Findings: what a rule says about the data, as data (never a bare boolean or a print)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # blocks the write
    WARNING = "warning"  # shown and kept


@dataclass(frozen=True)
class Finding:
    """``code`` is stable and documented in docs/rules.md; ``params`` fill the message."""

    code: str
    severity: Severity
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    field: str = ""


def error(code: str, field: str, message: str, **params: Any) -> Finding:
    """An error finding (it blocks the write) naming ``field``; ``params`` fill the message
    for whoever renders it again and are kept as given. Every rule module builds its errors
    here, in this argument order."""
    return Finding(code, Severity.ERROR, message, dict(params), field)
