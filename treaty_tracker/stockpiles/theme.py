"""Stockpile destruction and retention (Art. 3): section III of the review (see
``themes.registry``)."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.registry import Page, Theme

THEMES = [
    Theme(
        key="stockpiles",
        number="III",
        article="3",
        title=_("Stockpile destruction and retention (Art. 3)"),
        pages=(
            Page(
                "web:stockpiles",
                _("Stockpile destruction and retention (Art. 3)"),
                _("Declared stockpiles, destruction per year, retention, deadlines."),
            ),
        ),
    )
]
