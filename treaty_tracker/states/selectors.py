"""Reads: build the rules engine's input from the database, in a fixed number of queries.

Web views, the API and the CLI all call :func:`register`; none of them computes a date.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, QuerySet

from treaty_tracker.rules import (
    TREATIES,
    ConsentKind,
    FuzzyDate,
    Register,
    StateRecord,
    Treaty,
)
from treaty_tracker.sources.models import (
    Coverage,
    RecordVersion,
    StateList,
    uncommitted_changes,
)
from treaty_tracker.states.models import State, TreatyAction


def treaty() -> Treaty:
    return TREATIES[settings.TREATY]


@dataclass(frozen=True)
class RecordPart:
    """What an app adds to every State's engine record: a prefetch of its facts (``to_attr``
    lists, so no queryset is built per State) and the ``StateRecord`` fields read from
    them. Obligations and Article 7 reports are their apps' (``obligations.record``,
    ``transparency.record``), registered in their ``AppConfig.ready``: this module
    imports no app above it."""

    prefetch: Prefetch
    fields: Callable[[State], dict[str, Any]]


_record_parts: list[Callable[[], RecordPart]] = []


def record_part(build: Callable[[], RecordPart]) -> Callable[[], RecordPart]:
    """Register ``build`` (called for each read, so its querysets are fresh)."""
    if build not in _record_parts:
        _record_parts.append(build)
    return build


def state_records() -> list[StateRecord]:
    """Every State's facts as engine records, in a fixed number of queries (the treaty's
    own entry into force depends on every deposit, so it is always the whole record)."""
    parts = [build() for build in _record_parts]
    states = State.objects.prefetch_related(
        # to_attr lists: Django then does not build a queryset per State while prefetching.
        Prefetch(
            "actions",
            to_attr="action_list",
            queryset=TreatyAction.objects.select_related("source", "entered_by"),
        ),
        *[part.prefetch for part in parts],
    )
    records = []
    for state in states:
        actions = {a.kind: a for a in state.action_list}
        sources: dict[str, tuple[str, ...]] = defaultdict(tuple)
        consent = next((actions[k] for k in TreatyAction.CONSENT if k in actions), None)
        for key, action in (
            ("signature", actions.get(TreatyAction.Kind.SIGNATURE)),
            ("consent", consent),
            ("provisional_application", actions.get(TreatyAction.Kind.PROVISIONAL_APPLICATION)),
            (
                "withdrawal",
                actions.get(TreatyAction.Kind.WITHDRAWAL_EFFECT)
                or actions.get(TreatyAction.Kind.WITHDRAWAL_NOTICE),
            ),
        ):
            if action is not None:
                sources[key] = (action.citation,)

        def when(kind: str, actions: dict[str, TreatyAction] = actions) -> FuzzyDate | None:
            action = actions.get(kind)
            return action.date if action else None

        records.append(
            StateRecord(
                iso3=state.iso3,
                name=state.name,
                region=state.region,
                signature=when(TreatyAction.Kind.SIGNATURE),
                consent=consent.date if consent else None,
                consent_kind=ConsentKind(consent.kind) if consent else None,
                provisional_application=when(TreatyAction.Kind.PROVISIONAL_APPLICATION),
                withdrawal_received=when(TreatyAction.Kind.WITHDRAWAL_NOTICE),
                withdrawal_effective=when(TreatyAction.Kind.WITHDRAWAL_EFFECT),
                sources=dict(sources),
                **{k: v for part in parts for k, v in part.fields(state).items()},
            )
        )
    return records


def coverage() -> dict[str, date]:
    """Subject (``initial``, ``annual``, ``article3``, ``article4``) -> complete until."""
    return {c.subject: c.complete_until for c in Coverage.objects.all()}


_cache: dict[str, tuple[str, Register]] = {}
_lock = threading.Lock()


def snapshot() -> tuple[str, Register]:
    """The record's version token and the whole record as a rules-engine register.

    The register is built from the database when the record has changed since this
    process last built it (``RecordVersion``), otherwise reused: one query on the common
    path. A ``Register`` is read-only, so threads share it safely. The token also keys
    caches of pages rendered from the record.

    A transaction that has changed the record and not yet committed reads its own
    changes: the token is ``""`` (cache no page) and the register is built for that
    connection alone, reused until its next change.
    """
    version = RecordVersion.current()
    changes = uncommitted_changes()
    if changes is not None:
        own = getattr(connection, "uncommitted_register", None)
        if own is not None and own[0] == changes:
            return "", own[1]
        built = Register(treaty(), state_records(), coverage())
        connection.uncommitted_register = (changes, built)  # type: ignore[union-attr]
        return "", built
    key = f"{connection.alias}:{connection.settings_dict['NAME']}:{settings.TREATY}"
    cached = _cache.get(key)
    if cached is not None and version and cached[0] == version:
        return cached
    built_version = (version, Register(treaty(), state_records(), coverage()))
    with _lock:
        _cache[key] = built_version
    return built_version


PAGE_CACHE_SECONDS = 3600


def cache_seconds(version: str) -> int:
    """How long a page fragment rendered from the record at ``version`` may be kept: not
    at all when there is no committed version to key it by (a transaction that has
    changed the record reads its own changes, which no other reader may see)."""
    return PAGE_CACHE_SECONDS if version else 0


def register() -> Register:
    """The whole record as a rules-engine register (see :func:`snapshot`)."""
    return snapshot()[1]


def lists_including(iso3: str) -> QuerySet[StateList]:
    """The sourced lists of States (para 6, 11, 18…) that name this State."""
    return StateList.objects.filter(states__iso3=iso3).select_related("source", "entered_by")
