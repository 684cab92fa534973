"""Staff entry of the implementation support facts (``themes.fact_editor``: list, new, edit,
history at ``/record/<key>/``). Validation is the models' ``clean()`` (``rules.support``);
the editor adds the source, paragraph, quote and note fields."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treaty_tracker.support.models import (
    AssessedContribution,
    CoordinatorRole,
    IsuBudget,
    IsuContribution,
    MeetingDocument,
    OtherActor,
    ReserveBalance,
    ReserveTarget,
    SponsoredParticipation,
    SponsorshipContribution,
)
from treaty_tracker.themes.fact_editor import FactEditor

EDITORS = [
    FactEditor(
        key="isu-budgets",
        model=IsuBudget,
        fields=("year", "amount", "currency", "approved_at", "work_plan"),
        title=_("ISU work plan and budget per year"),
        columns=("year", "amount", "currency", "approved_at"),
    ),
    FactEditor(
        key="isu-contributions",
        model=IsuContribution,
        fields=("state", "contributor", "year", "kind", "amount", "currency", "received"),
        title=_("Contributions to the ISU (financial procedures)"),
        columns=("year", "state", "contributor", "kind", "amount", "currency"),
    ),
    FactEditor(
        key="reserve-targets",
        model=ReserveTarget,
        fields=("amount", "currency", "since", "decided_at"),
        title=_("Capital reserve target"),
    ),
    FactEditor(
        key="reserve-balances",
        model=ReserveBalance,
        fields=("amount", "currency", "as_of"),
        title=_("Capital reserve balance"),
    ),
    FactEditor(
        key="assessed-contributions",
        model=AssessedContribution,
        fields=("meeting", "state", "assessed", "paid", "currency", "as_of"),
        title=_("Assessed contributions for meetings (Art. 14)"),
    ),
    FactEditor(
        key="sponsorship-contributions",
        model=SponsorshipContribution,
        fields=("meeting", "year", "state", "contributor", "amount", "currency"),
        title=_("Sponsorship programme contributions"),
        columns=("year", "meeting", "state", "contributor", "amount", "currency"),
    ),
    FactEditor(
        key="sponsored-participation",
        model=SponsoredParticipation,
        fields=("meeting", "delegates", "states", "states_count"),
        title=_("Sponsored delegates and States per meeting"),
        columns=("meeting", "delegates", "states_count"),
    ),
    FactEditor(
        key="committee-seats",
        model=CoordinatorRole,
        fields=("state", "role", "theme", "starts", "ends"),
        title=_("Coordination Committee: Presidency and coordinators"),
    ),
    FactEditor(
        key="meeting-documents",
        model=MeetingDocument,
        fields=("meeting", "kind", "symbol", "title", "date", "url"),
        title=_("Meeting documents and decisions"),
        columns=("meeting", "kind", "symbol", "title", "date"),
    ),
    FactEditor(
        key="other-actors",
        model=OtherActor,
        fields=("name", "role", "since"),
        title=_("Other actors"),
        columns=("name", "role"),
    ),
]
