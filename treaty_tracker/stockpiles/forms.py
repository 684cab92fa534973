"""The Article 3 page's GET form: the date, and which table to download in what format."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes import downloads
from treaty_tracker.themes.forms import AsOfField, QueryForm

TABLES = [
    ("progress", _("Declared, destroyed and remaining, by State")),
    ("obligations", _("Obligations, deadlines and extensions")),
    ("destruction", _("Destruction per year")),
    ("retention", _("Retention under Art. 3(6)")),
    ("reported", _("Reported in Article 7 reports (Forms B and D)")),
    ("figures", _("Figures (paras 28-31)")),
]


class StockpilesForm(QueryForm):
    defaults = {"table": "progress"}

    as_of = AsOfField()
    table = downloads.table_field(TABLES)
    format = downloads.format_field()
