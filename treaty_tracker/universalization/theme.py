"""Universalization and the norm: section II of the review (see ``themes.registry``)."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.registry import Page, Theme

THEMES = [
    Theme(
        key="universalization",
        number="II",
        title=_("Universalization"),
        pages=(
            Page(
                "web:universalization",
                _("Universalization and the norm"),
                _(
                    "States Parties and signatories, joiners, UNGA votes, participation, "
                    "non-parties' policies and allegations of use."
                ),
            ),
        ),
    )
]
