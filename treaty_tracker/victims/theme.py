"""Victim assistance (Art. 5): section V of the review (see ``themes.registry``)."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.registry import Page, Theme

THEMES = [
    Theme(
        key="victim_assistance",
        number="V",
        article="5",
        title=_("Victim assistance (Art. 5)"),
        pages=(
            Page(
                "web:victim_assistance",
                _("Victim assistance (Art. 5)"),
                _("States with obligations, focal points, plans, casualties."),
            ),
        ),
    )
]
