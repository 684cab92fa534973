"""Reads of the reminder log."""

from __future__ import annotations

from treaty_tracker.reminders.models import Reminder

Key = tuple[str, str, int | None, str]
"""(ISO3, report kind, year covered or ``None``, stage): one reminder, sent at most once."""


def sent_keys() -> set[Key]:
    """Every reminder already sent, as keys."""
    rows = Reminder.objects.filter(sent_at__isnull=False).values_list(
        "state__iso3", "kind", "year", "stage"
    )
    return {(iso3, kind, year, stage) for iso3, kind, year, stage in rows}


def unreachable_keys() -> set[Key]:
    """Reminders already logged as having nobody to send them to (logged once, retried on
    every run in case a focal point has been named since)."""
    rows = Reminder.objects.filter(outcome=Reminder.Outcome.NO_RECIPIENT).values_list(
        "state__iso3", "kind", "year", "stage"
    )
    return {(iso3, kind, year, stage) for iso3, kind, year, stage in rows}
