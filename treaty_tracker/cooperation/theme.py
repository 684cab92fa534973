"""International cooperation and assistance (Art. 6): section VI of the review (see
``themes.registry``)."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.registry import Page, Theme

THEMES = [
    Theme(
        key="cooperation",
        number="VI",
        article="6",
        title=_("Cooperation and assistance (Art. 6)"),
        pages=(
            Page(
                "web:cooperation",
                _("Cooperation and assistance (Art. 6)"),
                _("Requests, offers and provision of assistance; Country Coalitions."),
            ),
        ),
    )
]
