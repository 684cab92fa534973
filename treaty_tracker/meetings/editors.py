"""Meetings of States Parties and Review Conferences, entered by staff (see
``themes.fact_editor``)."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.themes.fact_editor import FactEditor

EDITORS = [
    FactEditor(
        key="meetings",
        model=Meeting,
        fields=("code", "kind", "number", "name", "opens", "closes", "place", "president"),
        title=_("Meetings of States Parties and Review Conferences"),
        columns=("code", "name", "opens", "closes", "place"),
    ),
]
