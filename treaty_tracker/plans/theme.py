"""The action plans are no theme of their own: they measure every theme (part B of each
review section). Their page is listed last (see ``themes.registry``)."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.registry import Page

PAGES = [
    Page(
        "web:plans_indicators",
        _("Action plans and indicators"),
        _("Every action of the Dubrovnik and Lausanne Action Plans, measured."),
        after="support",
    )
]
