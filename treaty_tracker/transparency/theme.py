"""Transparency measures (Art. 7): section VII of the review (see ``themes.registry``).
Article 7 reports are this theme's: its coordinators read every report, published or not
(``accounts.policy``)."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.registry import Page, Theme

KEY = "transparency"

THEMES = [
    Theme(
        key=KEY,
        number="VII",
        article="7",
        title=_("Transparency measures (Art. 7)"),
        pages=(
            Page(
                "web:reporting_matrix",
                _("Transparency measures (Art. 7)"),
                _(
                    "Who has reported for which year, initial reports due and overdue, and "
                    "every published report, form by form."
                ),
            ),
        ),
    )
]
