"""National implementation measures (Art. 9): section VIII of the review (see
``themes.registry``). The extension requests of Art. 3 and 4 live in this app too: their
page is listed after clearance."""

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.registry import Page, Theme

THEMES = [
    Theme(
        key="national_measures",
        number="VIII",
        article="9",
        title=_("National implementation measures (Art. 9)"),
        pages=(
            Page(
                "web:national_measures",
                _("National implementation measures (Art. 9)"),
                _("Each State's legal and other measures, with their history."),
            ),
        ),
    )
]

PAGES = [
    Page(
        "web:extensions",
        _("Extension requests (Art. 3(3)-(5), 4(5)-(8))"),
        _("Every request from submission to decision, its analysis and milestones."),
        after="clearance",
    )
]
