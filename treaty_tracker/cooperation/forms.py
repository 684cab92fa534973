"""The GET forms of the cooperation pages: the date, the years, and for the needs view the
window and theme; every problem by its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from treaty_tracker.cooperation.models import Theme
from treaty_tracker.rules import assistance as rules
from treaty_tracker.themes import downloads
from treaty_tracker.themes.forms import AsOfField, QueryForm


def _year(label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=rules.FIRST_YEAR,
        max_value=rules.LAST_YEAR,
        help_text=help_text,
        error_messages={"invalid": _("Enter a year, for example 2019.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class YearsForm(QueryForm):
    as_of = AsOfField()
    from_year = _year(_("From year"), _("Default: six years before the date's year."))
    to_year = _year(_("To year"), _("Default: the year before the date's year."))
    format = downloads.format_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        as_of = cleaned.get("as_of")
        if as_of is None:
            return cleaned
        first, last = rules.default_years(as_of)
        if cleaned.get("from_year") is None and "from_year" not in self.errors:
            cleaned["from_year"] = first
        if cleaned.get("to_year") is None and "to_year" not in self.errors:
            cleaned["to_year"] = max(last, cleaned.get("from_year") or last)
        if "from_year" in self.errors or "to_year" in self.errors:
            return cleaned
        for finding in rules.check_years(cleaned["from_year"], cleaned["to_year"]):
            self.add_error(finding.field, finding.message)
        return cleaned


class NeedsForm(YearsForm):
    window = forms.IntegerField(
        label=_("Window (years)"),
        required=False,
        min_value=0,
        max_value=rules.MAX_WINDOW,
        help_text=_("Support counted from this many years before a request to as many after."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All themes")), *Theme.choices]
    )
    defaults = {"window": str(rules.DEFAULT_WINDOW)}
    field_order = ["as_of", "from_year", "to_year", "window", "theme", "format"]
