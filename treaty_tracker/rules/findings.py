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
