"""The one write path for a fact entered or corrected by staff (the fact editor's pages,
and any command that writes a fact): validate it whole, attribute it, save it with its
history, all or nothing."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from treaty_tracker.sources.models import Sourced

FactT = TypeVar("FactT", bound=Sourced)


def save_fact(fact: FactT, *, user: AbstractBaseUser, reason: str = "") -> FactT:
    """Save ``fact`` after ``full_clean()`` (the model's own ``clean()`` carries every rule,
    e.g. destroyed never more than declared): raises ``ValidationError`` with every
    problem by field, and writes nothing then.

    A fact that cites no document is attributed to ``user`` (``entered_by``); the history
    row records ``user`` and ``reason`` (django-simple-history), so every change says who
    made it, when and why.
    """
    if fact.source_id is None:
        fact.entered_by = user  # type: ignore[assignment]
    fact.full_clean()
    fact._history_user = user  # type: ignore[attr-defined]
    fact._change_reason = reason  # type: ignore[attr-defined]
    with transaction.atomic():
        fact.save()
    return fact
