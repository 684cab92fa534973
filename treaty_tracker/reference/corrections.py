"""Staff corrections to reference facts: a correction by a person wins over the shipped file.

A fact loaded from the reference data is *corrected by a person* when the latest row of its
history was written by a person: it has a user (the fact editor, the admin) or a reason
that is not the loader's. The loader writes its own rows with no user and the reason
``reference data <file>``; installs older than this rule have loader rows with neither user
nor reason, which count as the loader's too. Accepting the file's value for a corrected
fact (``setup --accept-file``) writes a row with the person who accepted it and the reason
``reference data <file> accepted: <why>``, so the fact follows the file again from then on.

History-based, so it works for facts corrected before this rule existed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = [
    "ACCEPTED",
    "FROM_FILE",
    "AcceptError",
    "Correction",
    "Difference",
    "correction",
    "describe",
    "person_row",
]

FROM_FILE = "reference data {file}"
ACCEPTED = "reference data {file} accepted: {reason}"
_PREFIX = "reference data "


class AcceptError(ValueError):
    """A request to take the file's value that cannot be done (nothing was written)."""


@dataclass(frozen=True)
class Difference:
    field: str  # the field's label, e.g. "date"
    staff: str
    file: str


@dataclass(frozen=True)
class Correction:
    """A reference fact whose value a person set, with what the file says instead."""

    key: str  # the fact's reference key, what ``setup --accept-file`` takes
    fact: str  # the fact in words: "treaty action ISL ratification 2015-09-30"
    file: str  # the reference file that ships it
    differences: tuple[Difference, ...]
    by: str  # who made the correction (username), "" if not recorded
    at: datetime
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "fact": self.fact,
            "file": self.file,
            "by": self.by,
            "at": self.at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "differences": [
                {"field": d.field, "staff": d.staff, "file": d.file} for d in self.differences
            ],
        }


def person_row(instance: Any) -> Any | None:
    """The latest history row of ``instance`` if a person wrote it, else None."""
    latest = instance.history.order_by("-history_date", "-history_id").first()
    if latest is None:
        return None
    reason = latest.history_change_reason or ""
    if reason.startswith(_PREFIX):
        return None
    if latest.history_user_id is None and not reason:
        return None
    return latest


def describe(model: Any, instance: Any) -> str:
    return f"{model._meta.verbose_name} {instance}"


def correction(
    model: Any, instance: Any, row: Any, key: str, file: str, differences: list[Difference]
) -> Correction:
    user = row.history_user
    return Correction(
        key=key,
        fact=describe(model, instance),
        file=file,
        differences=tuple(differences),
        by=user.get_username() if user is not None else "",
        at=row.history_date,
        reason=row.history_change_reason or "",
    )
