"""Staff entry of the universalization facts (``themes.fact_editor``: list, new, edit, history
at ``/record/<key>/``). Validation is the models' ``clean()`` (``rules.universalization``);
the editor adds the source, paragraph, quote and note fields."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.fact_editor import FactEditor
from treaty_tracker.universalization.models import (
    Allegation,
    NonPartyFact,
    Outreach,
    OutreachTarget,
    Participation,
    Policy,
    StateVote,
    Vote,
)

EDITORS = [
    FactEditor(
        key="universalization-votes",
        model=Vote,
        fields=("year", "yes", "no", "abstain"),
        title=_("UNGA resolution on the Convention: vote totals per year"),
    ),
    FactEditor(
        key="universalization-state-votes",
        model=StateVote,
        fields=("state", "year", "vote"),
        title=_("UNGA resolution on the Convention: votes per State"),
    ),
    FactEditor(
        key="universalization-participation",
        model=Participation,
        fields=("state", "meeting", "role"),
        title=_("Participation in meetings of the Convention"),
    ),
    FactEditor(
        key="universalization-outreach",
        model=Outreach,
        fields=("date", "kind", "actor", "region", "description"),
        title=_("Outreach: events, letters, missions"),
        columns=("date", "kind", "actor", "region"),
    ),
    FactEditor(
        key="universalization-outreach-targets",
        model=OutreachTarget,
        fields=("outreach", "state"),
        title=_("Outreach: States addressed"),
    ),
    FactEditor(
        key="universalization-nonparty-facts",
        model=NonPartyFact,
        fields=("state", "kind", "as_of"),
        title=_("States not parties: affected, producers, stockpilers"),
    ),
    FactEditor(
        key="universalization-policies",
        model=Policy,
        fields=("state", "kind", "adopted", "text", "url"),
        title=_("Policies, moratoria and laws on cluster munitions"),
        columns=("state", "kind", "adopted"),
    ),
    FactEditor(
        key="universalization-allegations",
        model=Allegation,
        fields=(
            "period",
            "territory",
            "place",
            "user_state",
            "user_description",
            "status",
            "description",
        ),
        title=_("Allegations of use"),
        columns=("period", "territory", "place", "user_state", "status"),
    ),
]
