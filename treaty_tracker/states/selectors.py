"""Reads: build the rules engine's input from the database, in a fixed number of queries.

Web views, the API and the CLI all call :func:`register`; none of them computes a date.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, QuerySet

from treaty_tracker.obligations.models import (
    ExtensionDecision,
    ExtensionRequest,
    Obligation,
)
from treaty_tracker.rules import (
    TREATIES,
    Basis,
    ConsentKind,
    Decision,
    ExtensionRecord,
    FuzzyDate,
    ObligationRecord,
    Register,
    ReportKind,
    ReportRecord,
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
from treaty_tracker.transparency.models import Report


def treaty() -> Treaty:
    return TREATIES[settings.TREATY]


def _extension(request: ExtensionRequest) -> ExtensionRecord:
    decision: ExtensionDecision | None = getattr(request, "decision", None)
    meeting = request.meeting
    sources = (request.citation,) + ((decision.citation,) if decision else ())
    return ExtensionRecord(
        months_requested=request.months_requested,
        submitted=request.submitted or FuzzyDate(),
        meeting=meeting.code if meeting else "",
        meeting_opens=meeting.opens if meeting else FuzzyDate(),
        decision=(
            Decision(decision.outcome)
            if decision
            else Decision.WITHDRAWN
            if request.stage == ExtensionRequest.StageChoice.WITHDRAWN
            else Decision.PENDING
        ),
        months_granted=decision.months_granted if decision else None,
        decided=decision.decided if decision else FuzzyDate(),
        sources=sources,
    )


def _obligation(obligation: Obligation) -> ObligationRecord:
    return ObligationRecord(
        article=obligation.article,
        basis=Basis(obligation.basis),
        start=obligation.start or FuzzyDate(),
        recorded=obligation.recorded or FuzzyDate(),
        ended=obligation.ended,
        completed=obligation.completed,
        extensions=tuple(_extension(e) for e in obligation.extension_list),
        sources=(obligation.citation,),
    )


def state_records() -> list[StateRecord]:
    """Every State's facts as engine records, in a fixed number of queries (the treaty's
    own entry into force depends on every deposit, so it is always the whole record)."""
    states = State.objects.prefetch_related(
        # to_attr lists: Django then does not build a queryset per State while prefetching.
        Prefetch(
            "actions",
            to_attr="action_list",
            queryset=TreatyAction.objects.select_related("source", "entered_by"),
        ),
        Prefetch(
            "obligations",
            to_attr="obligation_list",
            queryset=Obligation.objects.select_related("source", "entered_by").prefetch_related(
                Prefetch(
                    "extensions",
                    to_attr="extension_list",
                    # A draft is not a request under the treaty: the engine never sees it.
                    queryset=ExtensionRequest.objects.exclude(
                        stage=ExtensionRequest.StageChoice.DRAFT
                    ).select_related(
                        "source",
                        "entered_by",
                        "meeting",
                        "decision",
                        "decision__source",
                        "decision__entered_by",
                    ),
                )
            ),
        ),
        Prefetch(
            "reports",
            to_attr="report_list",
            queryset=Report.objects.select_related("source", "entered_by"),
        ),
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
                obligations=tuple(_obligation(o) for o in state.obligation_list),
                reports=tuple(
                    ReportRecord(
                        kind=ReportKind(r.kind),
                        submitted=r.submitted,
                        year=r.year,
                        sources=(r.citation,),
                    )
                    for r in state.report_list
                ),
                sources=dict(sources),
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
