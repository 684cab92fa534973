"""Implementation support: section IX of the review (see ``themes.registry``)."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.registry import Page, Theme

THEMES = [
    Theme(
        key="support",
        number="IX",
        title=_("Implementation support"),
        pages=(
            Page(
                "web:support",
                _("Implementation support"),
                _(
                    "The ISU's budget and contributions, meetings and their documents, the "
                    "Coordination Committee, the sponsorship programme."
                ),
            ),
        ),
    )
]
