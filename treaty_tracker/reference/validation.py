"""Validate a batch of reference data as a whole: every problem with its file, fact and
field, before anything is written (the second stage of the loader)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.obligations.models import NationalMeasure, Obligation
from treaty_tracker.rules import FuzzyDate, FuzzyDateError, Severity, check_extension_request
from treaty_tracker.sources.models import Coverage
from treaty_tracker.states.selectors import treaty
from treaty_tracker.themes import registry
from treaty_tracker.themes.facts import Batch, Checker, FactType, Problem
from treaty_tracker.transparency.models import Report

# Facts are persisted in this order, so a fact can refer to one loaded before it; the
# fact types of other apps (:func:`extra_fact_types`) come after these.
CORE_ORDER = [
    "meeting",
    "obligation",
    "extension",
    "extension_decision",
    "report",
    "coverage",
    "figure",
    "list",
    "vote",
    "national_measure",
    "withdrawal",
]


def extra_fact_types() -> dict[str, FactType]:
    """The fact types each app declares in its ``reference.py`` (``themes.registry``)."""
    return {
        fact_type.name: fact_type for group in registry.parts("fact_types") for fact_type in group
    }


def order() -> list[str]:
    """Every fact type, in the order facts are persisted."""
    return CORE_ORDER + list(extra_fact_types())


def _check_source(c: Checker) -> None:
    source = c.fact.get("source")
    if not isinstance(source, dict) or not source.get("ref"):
        c.problem("source", "every fact needs source: {ref: ..., paragraph: ...}")
    elif source["ref"] not in c.batch.sources:
        c.problem("source.ref", f"no source {source['ref']!r} in any file's sources")


def _check_fact(c: Checker) -> None:
    kind = c.fact.get("type")
    if kind not in order():
        c.problem("type", f"{kind!r} is not one of {', '.join(order())}")
        return
    _check_source(c)
    f = c.fact
    if kind in extra_fact_types():
        extra_fact_types()[kind].check(c)
        return
    if kind in ("obligation", "extension", "extension_decision"):
        c.required("state", "article")
        c.state()
        c.choice("article", ["3", "4", "5"])
    if kind == "obligation":
        c.choice("basis", [b.value for b in Obligation.BasisChoice])
        c.date("start", "recorded", "ended", "completed")
    if kind in ("extension", "extension_decision"):
        c.required("meeting")
        c.choice("decision", ["pending", "granted", "refused", "withdrawn", "not_known"])
        c.integer("months_requested", "months_granted")
        c.date("submitted", "decided", "new_deadline")
        if f.get("decision") == "granted" and f.get("months_granted") is None:
            c.problem("months_granted", "a granted extension needs its period in months")
        if str(f.get("article")) in ("3", "4") and not c.batch.problems_for(c.where, c.file):
            # Art. 3(3) and 4(5): the longest period one extension may give.
            for finding in check_extension_request(
                treaty(),
                str(f["article"]),
                months_requested=f.get("months_requested"),
                months_granted=f.get("months_granted"),
                submitted=FuzzyDate(),
                meeting_opens=FuzzyDate(),
                deadline=FuzzyDate(),
            ):
                if finding.severity is Severity.ERROR:
                    which = finding.code.removeprefix("extension.").split("_")[0]
                    c.problem(
                        f"months_{which}" if which in ("requested", "granted") else "article",
                        finding.message,
                    )
    if kind == "report":
        c.required("state", "kind", "submitted")
        c.state()
        c.choice("kind", [k.value for k in Report.Kind])
        c.date("submitted")
        if f.get("year") is not None:
            c.integer("year")
    if kind == "coverage":
        c.required("subject", "complete_until")
        c.choice("subject", [k.value for k in Coverage.Subject])
        c.date("complete_until")
        if "states_submitted" in f:
            for code in f["states_submitted"] or []:
                if code not in c.iso3:
                    c.problem("states_submitted", f"unknown ISO 3166-1 alpha-3 code {code!r}")
    if kind == "meeting":
        c.required("code", "kind", "number", "name", "opens")
        c.choice("kind", [k.value for k in Meeting.Kind])
        c.date("opens", "closes")
        if f.get("president"):
            c.state("president")
    if kind == "figure":
        c.required("key", "value", "unit", "as_of", "label")
        c.date("as_of")
        try:
            Decimal(str(f.get("value")))
        except InvalidOperation:
            c.problem("value", f"{f.get('value')!r} is not a number")
    if kind == "list":
        c.required("key", "label", "as_of", "states")
        c.date("as_of")
        for code in f.get("states") or []:
            if code not in c.iso3:
                c.problem("states", f"unknown ISO 3166-1 alpha-3 code {code!r}")
    if kind == "vote":
        c.required("year", "yes", "no", "abstain")
        c.integer("year", "yes", "no", "abstain")
    if kind == "national_measure":
        c.required("state", "category", "as_of")
        c.state()
        c.choice("category", [k.value for k in NationalMeasure.Category])
        c.choice("kind", [k.value for k in NationalMeasure.Kind])
        c.date("as_of", "adopted")
        if f.get("url") and not str(f["url"]).startswith("https://"):
            c.problem("url", "must be an https:// address")
    if kind == "withdrawal":
        c.required("state")
        c.state()
        c.date("received", "effective")


def validate(batch: Batch) -> list[Problem]:
    iso3 = {s["iso3"] for s in batch.states}
    for number, row in enumerate(batch.participants, start=2):
        if row["iso3"] not in iso3:
            batch.problems.append(
                Problem(
                    "ccm_participants.csv",
                    f"line {number}",
                    "iso3",
                    f"unknown code {row['iso3']!r}",
                )
            )
        for name in (
            "signature_date",
            "action_date",
            "provisional_application_date",
            "withdrawal_effective_date",
        ):
            try:
                FuzzyDate.parse(row[name] or None)
            except FuzzyDateError as error:
                batch.problems.append(
                    Problem("ccm_participants.csv", f"line {number}", name, str(error))
                )
    for key, source in batch.sources.items():
        if not source.get("title"):
            batch.problems.append(Problem("sources", key, "title", "is required"))
    seen: dict[str, str] = {}
    for file, index, fact in batch.facts:
        checker = Checker(batch, file, index, fact)
        _check_fact(checker)
        key = natural_key(fact)
        if key in seen:
            checker.problem("", f"duplicates {seen[key]}")
        seen[key] = f"{file} {checker.where}"
    return batch.problems


def natural_key(f: dict[str, Any]) -> str:
    kind = f.get("type")
    parts: dict[str, list[str]] = {
        "meeting": ["code"],
        "obligation": ["state", "article"],
        "extension": ["state", "article", "meeting"],
        "extension_decision": ["state", "article", "meeting"],
        "report": ["state", "kind", "year", "submitted"],
        "coverage": ["subject"],
        "figure": ["key", "as_of"],
        "list": ["key", "as_of"],
        "vote": ["year"],
        "national_measure": ["state", "category", "as_of"],
        "withdrawal": ["state"],
    }
    extra = extra_fact_types().get(str(kind))
    fields = list(extra.key) if extra else parts.get(str(kind), [])
    return ":".join([str(kind)] + [str(f.get(p, "")) for p in fields])
