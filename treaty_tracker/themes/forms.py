"""The pages' GET parameters, parsed and checked by forms so each error sits by its field.

Every field is optional: a missing value takes its default (today, 365 days, no filter),
which :meth:`QueryForm.bind` writes into the data so the form shows what the page used.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, QueryDict
from django.utils.formats import date_format
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import EARLIEST_AS_OF, LATEST_AS_OF, Status
from treaty_tracker.sources.forms import CleanTextMixin
from treaty_tracker.themes import downloads, labels

ISO_DATE = "%Y-%m-%d"


class QueryForm(CleanTextMixin, forms.Form):
    """A GET form: bound to the query string with defaults filled in, so an empty query is
    valid and a bad one gives per-field errors. Django marks a field in error with
    ``aria-invalid`` and ``aria-describedby`` (``<id>_helptext <id>_error``)."""

    defaults: dict[str, Any] = {}

    @classmethod
    def bind(cls, query: QueryDict, today: date | None = None) -> QueryForm:
        data = query.copy()
        for name, value in cls.defaults.items():
            if not data.get(name):
                data[name] = value
        if not data.get("as_of"):
            data["as_of"] = (today or localdate()).isoformat()
        return cls(data)


class AsOfField(forms.DateField):
    default_error_messages = {
        "invalid": _("Enter a date as YYYY-MM-DD, for example 2020-09-28."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("As of"),
            required=False,
            input_formats=[ISO_DATE],
            help_text=_("The record as it stood on this date (YYYY-MM-DD)."),
            widget=forms.DateInput(
                format=ISO_DATE,
                attrs={
                    "type": "date",
                    "min": EARLIEST_AS_OF.isoformat(),
                    "max": LATEST_AS_OF.isoformat(),
                },
            ),
            **kwargs,
        )

    def validate(self, value: date | None) -> None:
        super().validate(value)
        if value is not None and value < EARLIEST_AS_OF:
            raise forms.ValidationError(
                _("Choose a date on or after %(earliest)s: the Convention did not exist before."),
                code="too_early",
                params={"earliest": date_format(EARLIEST_AS_OF, "j F Y")},
            )
        if value is not None and value > LATEST_AS_OF:
            raise forms.ValidationError(
                _("Choose a date on or before %(latest)s."),
                code="too_late",
                params={"latest": date_format(LATEST_AS_OF, "j F Y")},
            )


class AsOfForm(QueryForm):
    as_of = AsOfField()


PARTICIPANTS = ""
ALL = "all"


class StateFilterForm(QueryForm):
    """The list of States. With no status chosen it shows the participants: every State that
    has signed or consented to be bound at some date, i.e. all but "not signed"."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (PARTICIPANTS, _("Participants (all but not signed)")),
            (ALL, _("All States")),
            *((value, text) for value, text in labels.STATUS.items()),
        ],
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *labels.REGION.items()],
    )
    format = downloads.format_field()
    obligation = forms.ChoiceField(
        label=_("Obligation"),
        required=False,
        choices=[
            ("", _("Any or none")),
            ("3", _("Article 3: stockpile destruction")),
            ("4", _("Article 4: clearance")),
            ("5", _("Article 5: victim assistance")),
        ],
    )
    as_of = AsOfField()

    def statuses(self) -> set[Status] | None:
        """The statuses chosen: ``None`` for all, every status but "not signed" for
        participants (the default), or the one chosen."""
        chosen = self.cleaned_data["status"]
        if chosen == ALL:
            return None
        if chosen == PARTICIPANTS:
            return set(Status) - {Status.NOT_SIGNED}
        return {Status(chosen)}


class DeadlinesForm(QueryForm):
    defaults = {"within": "365"}

    as_of = AsOfField()
    within = forms.IntegerField(
        label=_("Within (days)"),
        required=False,
        min_value=0,
        max_value=36500,
        help_text=_("Deadlines falling due up to this many days after the date above."),
        error_messages={
            "invalid": _("Enter a whole number of days, for example 365."),
            "min_value": _("Enter zero or more days."),
            "max_value": _("Enter at most %(limit_value)s days."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *labels.DEADLINE_KIND.items()],
    )
    format = downloads.format_field()


def keep_date(request: HttpRequest, form: QueryForm) -> str:
    """``?as_of=…`` when the reader chose a date, so links keep it; nothing when the page
    follows today, so a bookmarked link keeps following today."""
    if request.GET.get("as_of") and form.is_valid():
        return "?" + urlencode({"as_of": form.cleaned_data["as_of"].isoformat()})
    return ""
