"""Staff entry and correction of the Article 6 facts (pages at ``/record/<key>/``). Every
rule is in the models' ``clean()`` (``rules/assistance/``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treaty_tracker.cooperation.models import (
    AssistanceRecord,
    Coalition,
    CoalitionMeeting,
    CoalitionPartner,
)
from treaty_tracker.themes.fact_editor import FactEditor

GROUP = "cooperation"

EDITORS = [
    FactEditor(
        key="cooperation-assistance",
        model=AssistanceRecord,
        fields=(
            "state",
            "year",
            "year_to",
            "direction",
            "theme",
            "kind",
            "counterpart",
            "counterpart_name",
            "amount",
            "currency",
            "description",
        ),
        title=_("Assistance requested, offered, provided or received (Art. 6)"),
        columns=("year", "state", "direction", "theme", "counterpart", "amount", "currency"),
        help=_(
            "One fact per State, direction, theme and year (or period). Amounts only as the "
            "source states them, with their ISO 4217 currency."
        ),
        group=GROUP,
    ),
    FactEditor(
        key="cooperation-coalitions",
        model=Coalition,
        fields=("state", "theme", "launched", "status", "status_as_of", "concluded", "description"),
        title=_("Country Coalitions (Art. 6)"),
        columns=("state", "theme", "launched", "status", "concluded"),
        group=GROUP,
    ),
    FactEditor(
        key="cooperation-coalition-partners",
        model=CoalitionPartner,
        fields=("coalition", "state", "role"),
        title=_("Country Coalition partners"),
        group=GROUP,
    ),
    FactEditor(
        key="cooperation-coalition-meetings",
        model=CoalitionMeeting,
        fields=("coalition", "date", "place", "description"),
        title=_("Country Coalition meetings"),
        columns=("coalition", "date", "place"),
        group=GROUP,
    ),
]
