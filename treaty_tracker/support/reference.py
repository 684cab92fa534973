"""The support fact types of the reference data (see ``reference.validation.FactType``).

==========================  ========================================  =====================
type                        fields                                    identified by
==========================  ========================================  =====================
``support_reserve_target``  amount, currency, since, decided_at        since
``support_document``        meeting, kind, title, date, symbol, url    meeting, kind, title
``support_actor``           name, role, since                          name
==========================  ========================================  =====================

``meeting`` / ``decided_at`` are meeting codes (``7MSP``) of ``meeting`` facts. The
review's sponsorship averages (para 134-135) are core ``figure`` facts (keys
``support.*``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.rules import support as rules
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.support.models import MeetingDocument, OtherActor, ReserveTarget
from treaty_tracker.themes.facts import Checker, FactType


def _fz(value: Any) -> FuzzyDate | None:
    return None if value is None else FuzzyDate.parse(str(value))


def _meeting_codes(c: Checker) -> set[str]:
    return {str(f.get("code")) for _file, _i, f in c.batch.facts if f.get("type") == "meeting"}


def _meeting(c: Checker, name: str) -> None:
    value = c.fact.get(name)
    if value is not None and str(value) not in _meeting_codes(c):
        c.problem(name, f"no meeting {value!r} among the meeting facts")


def _check_reserve_target(c: Checker) -> None:
    c.required("amount", "currency", "since")
    c.date("since")
    _meeting(c, "decided_at")
    try:
        amount = Decimal(str(c.fact.get("amount")))
    except InvalidOperation:
        c.problem("amount", f"{c.fact.get('amount')!r} is not a number")
        return
    for finding in rules.check_money(amount, str(c.fact.get("currency") or "")):
        c.problem(finding.field, finding.message)


def _persist_reserve_target(p: Any, f: dict[str, Any]) -> None:
    decided = f.get("decided_at")
    p.upsert(
        ReserveTarget,
        f,
        {
            "amount": Decimal(str(f["amount"])),
            "currency": str(f["currency"]),
            "since": _fz(f["since"]),
            "decided_at": Meeting.objects.get(code=decided) if decided else None,
        },
    )


def _check_document(c: Checker) -> None:
    c.required("meeting", "kind", "title", "date")
    c.date("date")
    c.choice("kind", MeetingDocument.Kind.values)
    _meeting(c, "meeting")
    url = str(c.fact.get("url") or "")
    if url and not url.startswith("https://"):
        c.problem("url", "links are https:// addresses")


def _persist_document(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        MeetingDocument,
        f,
        {
            "meeting": Meeting.objects.get(code=f["meeting"]),
            "kind": f["kind"],
            "title": str(f["title"]),
            "symbol": str(f.get("symbol") or ""),
            "date": _fz(f["date"]),
            "url": str(f.get("url") or ""),
        },
    )


def _check_actor(c: Checker) -> None:
    c.required("name", "role")
    c.date("since")


def _persist_actor(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        OtherActor,
        f,
        {"name": str(f["name"]), "role": str(f["role"]), "since": _fz(f.get("since"))},
    )


FACT_TYPES: list[FactType] = [
    FactType("support_reserve_target", ("since",), _check_reserve_target, _persist_reserve_target),
    FactType("support_document", ("meeting", "kind", "title"), _check_document, _persist_document),
    FactType("support_actor", ("name",), _check_actor, _persist_actor),
]
