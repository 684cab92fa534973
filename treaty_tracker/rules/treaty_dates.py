"""The treaty's date rules, one function each, named for what they compute.

Every number comes from the ``Treaty`` definition; every function is non-decreasing in
its input date, so the engine applies it to both ends of a partly-known date.
"""

from __future__ import annotations

from datetime import date, timedelta

from treaty_tracker.rules.dates import add_months, add_years, first_of_month
from treaty_tracker.rules.treaty import ObligationRule, Treaty


def treaty_entry_into_force(deposits: list[date], treaty: Treaty) -> date | None:
    """Art. 17(1): first day of the sixth month after the month of the 30th instrument."""
    ordered = sorted(deposits)
    if len(ordered) < treaty.eif_instruments:
        return None
    threshold = ordered[treaty.eif_instruments - 1]
    return add_months(first_of_month(threshold), treaty.eif_delay_months)


def entry_into_force(deposit: date, treaty: Treaty, treaty_eif: date | None) -> date | None:
    """Art. 17(1)-(2): the treaty's own entry into force for the first instruments;
    otherwise the first day of the sixth month after the deposit of the instrument."""
    own = add_months(first_of_month(deposit), treaty.eif_delay_months)
    if treaty_eif is None:
        return None
    return max(own, treaty_eif)


def initial_report_due(eif: date, treaty: Treaty) -> date:
    """Art. 7(1): no later than 180 days after entry into force for the State."""
    return eif + timedelta(days=treaty.initial_report_days)


def annual_report_due(year: int, treaty: Treaty) -> date:
    """Art. 7(2): the update covering calendar year ``year - 1`` is due by 30 April ``year``."""
    return date(year, treaty.annual_report_due_month, treaty.annual_report_due_day)


def first_annual_report_year(initial_due: date, treaty: Treaty) -> int:
    """The first 30 April strictly after the initial report falls due."""
    due = annual_report_due(initial_due.year, treaty)
    return initial_due.year if due > initial_due else initial_due.year + 1


def obligation_deadline(start: date, rule: ObligationRule) -> date:
    """Art. 3(2): EIF + 8 years; Art. 4(1): EIF (or end of hostilities) + 10 years."""
    return add_years(start, rule.years)


def withdrawal_effective(received: date, treaty: Treaty) -> date:
    """Art. 20(3): six months after the depositary receives the notice."""
    return add_months(received, treaty.withdrawal_delay_months)


def extension_request_latest(meeting_opens: date, treaty: Treaty) -> date:
    """Art. 3(5), 4(6): a request reaches the deciding meeting at least 9 months ahead."""
    return add_months(meeting_opens, -treaty.extension_request_lead_months)
