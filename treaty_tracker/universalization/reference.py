"""The universalization fact types of the reference data (see ``reference.validation.FactType``).

==========================  ==========================================  ======================
type                        fields                                      identified by
==========================  ==========================================  ======================
``unga_state_vote``         state, year, vote                           state, year
``meeting_participation``   state, meeting, role                        state, meeting
``outreach``                date, kind, actor, region, description,     date, kind, actor
                            states (targeted)
``nonparty_fact``           state, kind, as_of                          state, kind, as_of
``cm_policy``               state, kind, adopted, text, url             state, kind, adopted
``use_allegation``          period, territory, place, user_state,       period, territory,
                            user_description, status, description       place
==========================  ==========================================  ======================

The UNGA vote totals are the core ``vote`` type (``universalization.Vote``); the review's
lists of States (para 6, 8, 11, 18, 19) are core ``list`` facts, read by ``selectors``.
"""

from __future__ import annotations

from typing import Any

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.rules import universalization as rules
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.themes.facts import Checker, FactType
from treaty_tracker.universalization.models import (
    Allegation,
    NonPartyFact,
    Outreach,
    OutreachTarget,
    Participation,
    Policy,
    StateVote,
)


def _fz(value: Any) -> FuzzyDate | None:
    return None if value is None else FuzzyDate.parse(str(value))


def _check_vote(c: Checker) -> None:
    c.required("state", "year", "vote")
    c.state()
    c.integer("year")
    c.choice("vote", StateVote.Choice.values)
    year = c.fact.get("year")
    if isinstance(year, int) and year < rules.FIRST_RESOLUTION_YEAR:
        c.problem("year", f"the first resolution was in {rules.FIRST_RESOLUTION_YEAR}")


def _persist_vote(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        StateVote, f, {"state": p.states[f["state"]], "year": int(f["year"]), "vote": f["vote"]}
    )


def _check_participation(c: Checker) -> None:
    c.required("state", "meeting", "role")
    c.state()
    c.choice("role", Participation.RoleChoice.values)


def _persist_participation(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        Participation,
        f,
        {
            "state": p.states[f["state"]],
            "meeting": Meeting.objects.get(code=f["meeting"]),
            "role": f["role"],
        },
    )


def _check_outreach(c: Checker) -> None:
    c.required("date", "kind", "actor", "description")
    c.date("date")
    c.choice("kind", Outreach.Kind.values)
    for code in c.fact.get("states") or []:
        if code not in c.iso3:
            c.problem("states", f"unknown ISO 3166-1 alpha-3 code {code!r}")


def _persist_outreach(p: Any, f: dict[str, Any]) -> None:
    activity = p.upsert(
        Outreach,
        f,
        {
            "date": _fz(f["date"]),
            "kind": f["kind"],
            "actor": str(f["actor"]),
            "region": str(f.get("region") or ""),
            "description": str(f["description"]),
        },
    )
    for code in f.get("states") or []:
        OutreachTarget.objects.get_or_create(
            outreach=activity, state=p.states[code], defaults=p.cite(f)
        )


def _check_nonparty(c: Checker) -> None:
    c.required("state", "kind", "as_of")
    c.state()
    c.choice("kind", NonPartyFact.Kind.values)
    c.date("as_of")


def _persist_nonparty(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        NonPartyFact,
        f,
        {"state": p.states[f["state"]], "kind": f["kind"], "as_of": _fz(f["as_of"])},
    )


def _check_policy(c: Checker) -> None:
    c.required("state", "kind", "adopted", "text")
    c.state()
    c.choice("kind", Policy.Kind.values)
    c.date("adopted")
    if c.fact.get("url") and not str(c.fact["url"]).startswith("https://"):
        c.problem("url", "must be an https:// address")


def _persist_policy(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        Policy,
        f,
        {
            "state": p.states[f["state"]],
            "kind": f["kind"],
            "adopted": _fz(f["adopted"]),
            "text": str(f["text"]),
            "url": str(f.get("url") or ""),
        },
    )


def _check_allegation(c: Checker) -> None:
    c.required("period", "status")
    c.date("period")
    c.state("territory")
    c.state("user_state")
    c.choice("status", Allegation.StatusChoice.values)
    for finding in rules.check_allegation(
        str(c.fact.get("status") or ""),
        c.fact.get("territory"),
        str(c.fact.get("place") or ""),
        c.fact.get("user_state"),
    ):
        c.problem(finding.field, finding.message)


def _persist_allegation(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        Allegation,
        f,
        {
            "period": _fz(f["period"]),
            "territory": p.states[f["territory"]] if f.get("territory") else None,
            "place": str(f.get("place") or ""),
            "user_state": p.states[f["user_state"]] if f.get("user_state") else None,
            "user_description": str(f.get("user_description") or ""),
            "status": f["status"],
            "description": str(f.get("description") or ""),
        },
    )


FACT_TYPES: list[FactType] = [
    FactType("unga_state_vote", ("state", "year"), _check_vote, _persist_vote),
    FactType(
        "meeting_participation",
        ("state", "meeting"),
        _check_participation,
        _persist_participation,
    ),
    FactType("outreach", ("date", "kind", "actor"), _check_outreach, _persist_outreach),
    FactType("nonparty_fact", ("state", "kind", "as_of"), _check_nonparty, _persist_nonparty),
    FactType("cm_policy", ("state", "kind", "adopted"), _check_policy, _persist_policy),
    FactType(
        "use_allegation",
        ("period", "territory", "place"),
        _check_allegation,
        _persist_allegation,
    ),
]
