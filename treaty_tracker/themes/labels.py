"""Human words for the engine's codes, marked for translation.

The engine speaks in stable codes (``state_party``, ``not_yet_due``); these tables give each
its label. Several enums share values (``not_known``), so every table is looked up by
domain, never by the value alone.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import (
    Basis,
    ConsentKind,
    Decision,
    ObligationStatus,
    ReportStatus,
    Status,
    Timeliness,
)
from treaty_tracker.rules.extensions import Assessment, MilestoneStatus, Stage

STATUS: dict[str, Promise] = {
    Status.STATE_PARTY: _("State Party"),
    Status.SIGNATORY: _("Signatory"),
    Status.WITHDRAWN: _("Withdrawn"),
    Status.NOT_SIGNED: _("Not signed"),
    Status.NOT_KNOWN: _("Not known"),
}

OBLIGATION_STATUS: dict[str, Promise] = {
    ObligationStatus.PENDING: _("Pending"),
    ObligationStatus.COMPLETED: _("Completed"),
    ObligationStatus.OVERDUE: _("Overdue"),
    ObligationStatus.UNKNOWN: _("Not known"),
}

REPORT_STATUS: dict[str, Promise] = {
    ReportStatus.NOT_IN_FORCE: _("Not in force yet"),
    ReportStatus.NOT_YET_DUE: _("Not yet due"),
    ReportStatus.SUBMITTED: _("Submitted"),
    ReportStatus.OVERDUE: _("Overdue"),
    ReportStatus.NOT_KNOWN: _("Not known"),
}

TIMELINESS: dict[str, Promise] = {
    Timeliness.ON_TIME: _("On time"),
    Timeliness.LATE: _("Late"),
    Timeliness.NOT_KNOWN: _("Not known"),
}

DECISION: dict[str, Promise] = {
    Decision.PENDING: _("Pending"),
    Decision.GRANTED: _("Granted"),
    Decision.REFUSED: _("Refused"),
    Decision.WITHDRAWN: _("Withdrawn by the State"),
    Decision.NOT_KNOWN: _("Not known"),
}

BASIS: dict[str, Promise] = {
    Basis.AT_ENTRY_INTO_FORCE: _("Held or present at entry into force"),
    Basis.AFTER_ENTRY_INTO_FORCE: _("Contamination after entry into force (Art. 4(1)(b))"),
    Basis.NOT_KNOWN: _("Not known whether the obligation exists"),
}

CONSENT_KIND: dict[str, Promise] = {
    ConsentKind.RATIFICATION: _("Ratification"),
    ConsentKind.ACCEPTANCE: _("Acceptance"),
    ConsentKind.APPROVAL: _("Approval"),
    ConsentKind.ACCESSION: _("Accession"),
}

# DeadlineItem.kind and DeadlineItem.status are plain strings in the engine.
DEADLINE_KIND: dict[str, Promise] = {
    "initial_report": _("Initial report"),
    "annual_report": _("Annual report"),
    "article3": _("Stockpile destruction"),
    "article4": _("Clearance"),
    "withdrawal": _("Withdrawal takes effect"),
}

DEADLINE_STATUS: dict[str, Promise] = {
    "overdue": _("Overdue"),
    "pending": _("Pending"),
    "not_yet_due": _("Not yet due"),
    "not_in_force": _("Not in force yet"),
    ObligationStatus.UNKNOWN: _("Not known"),  # an Art. 3 or 4 deadline the record can't settle
    ReportStatus.NOT_KNOWN: _("Not known"),
}

ARTICLE: dict[str, Promise] = {
    "3": _("Article 3: stockpile destruction"),
    "4": _("Article 4: clearance and risk reduction education"),
    "5": _("Article 5: victim assistance"),
}

# The five M49 regions the record files States under (states.csv).
REGION: dict[str, Promise] = {
    "Africa": _("Africa"),
    "Americas": _("Americas"),
    "Asia": _("Asia"),
    "Europe": _("Europe"),
    "Oceania": _("Oceania"),
}

# Extension requests (rules.extensions).
STAGE: dict[str, Promise] = {
    Stage.DRAFT: _("Draft"),
    Stage.SUBMITTED: _("Submitted"),
    Stage.ANALYSIS: _("Under analysis"),
    Stage.DECIDED: _("Decided"),
    Stage.WITHDRAWN: _("Withdrawn"),
}

ASSESSMENT: dict[str, Promise] = {
    Assessment.MET: _("Met"),
    Assessment.PARTLY: _("Partly met"),
    Assessment.NOT_MET: _("Not met"),
    Assessment.NOT_ASSESSED: _("Not assessed"),
}

MILESTONE: dict[str, Promise] = {
    MilestoneStatus.ACHIEVED: _("Achieved"),
    MilestoneStatus.DUE: _("Not yet due"),
    MilestoneStatus.MISSED: _("Missed (nothing achieved on the record)"),
    MilestoneStatus.NOT_KNOWN: _("Not known"),
}

DOMAINS: dict[str, dict[str, Promise]] = {
    "stage": STAGE,
    "assessment": ASSESSMENT,
    "milestone": MILESTONE,
    "status": STATUS,
    "obligation": OBLIGATION_STATUS,
    "report": REPORT_STATUS,
    "timeliness": TIMELINESS,
    "decision": DECISION,
    "basis": BASIS,
    "consent": CONSENT_KIND,
    "deadline_kind": DEADLINE_KIND,
    "deadline_status": DEADLINE_STATUS,
    "article": ARTICLE,
    "region": REGION,
}


def label(domain: str, value: object) -> str:
    """The translated label of ``value`` in ``domain``; the raw value if none is known, so
    a new engine code shows up plainly rather than as a blank."""
    if value is None:
        return ""
    found = DOMAINS[domain].get(str(value))
    return str(found) if found is not None else str(value)
