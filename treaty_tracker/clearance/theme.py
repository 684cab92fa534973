"""Clearance and risk reduction education (Art. 4): section IV of the review (see
``themes.registry``)."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.registry import Page, Theme

THEMES = [
    Theme(
        key="clearance",
        number="IV",
        article="4",
        title=_("Clearance and risk reduction education (Art. 4)"),
        pages=(
            Page(
                "web:clearance",
                _("Clearance and risk reduction education (Art. 4)"),
                _("Contaminated areas, land release, risk education, deadlines."),
            ),
        ),
    )
]
