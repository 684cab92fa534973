"""The Article 7 workflow forms: the short form (cover contact, each form's status and
free text) and the ISU's return with comments.

The short form edits only what it shows: :meth:`ShortForm.apply` builds the new content
from the draft's content and the fields, so the data carried from the last report (the
rows of every table) is never dropped.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import ReportKind
from treaty_tracker.rules.reporting import FormDefinition, FormSpec, FormStatus
from treaty_tracker.sources.forms import CleanTextMixin
from treaty_tracker.states.models import State
from treaty_tracker.transparency.models import Report
from treaty_tracker.transparency.services import Slot
from treaty_tracker.transparency.spreadsheet import MAX_UPLOAD_BYTES

STATUS_LABELS = {
    FormStatus.CHANGED: _("Changed"),
    FormStatus.NOT_APPLICABLE: _("Not applicable"),
}


def _status_choices(spec: FormSpec, since: int | None) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = []
    for option in spec.status_options:
        if option is FormStatus.UNCHANGED:
            label = _("Unchanged since %(year)s") % {"year": since} if since else _("Unchanged")
            choices.append((option.value, label))
        else:
            choices.append((option.value, STATUS_LABELS[option]))
    return choices


class ShortForm(CleanTextMixin, forms.Form):
    """Built from the form definition and the draft's content: one contact field per
    cover contact key, and per form A–J a status (``<code>-status``) and, when the form has
    one, its free text (``<code>-text``)."""

    def __init__(
        self,
        data: Any = None,
        *,
        definition: FormDefinition,
        content: dict[str, Any],
        last_year: int | None,
    ) -> None:
        self.definition = definition
        self.content = content
        self.last_year = last_year
        contact = content.get("contact") or {}
        forms_content = content.get("forms") or {}
        initial: dict[str, Any] = {}
        for spec in definition.cover.contact:
            initial[f"contact-{spec.key}"] = contact.get(spec.key) or ""
        for spec in definition.forms:
            form = forms_content.get(spec.code) or {}
            initial[f"{spec.code}-status"] = form.get("status") or ""
            initial[f"{spec.code}-text"] = form.get("text") or ""
        super().__init__(data, initial=initial)
        for spec in definition.cover.contact:
            self.fields[f"contact-{spec.key}"] = forms.CharField(
                label=spec.label,
                required=False,
                max_length=500,
                widget=forms.EmailInput() if spec.key == "email" else forms.TextInput(),
            )
        for spec in definition.forms:
            form = forms_content.get(spec.code) or {}
            # Not required: a draft is saved as typed, unfinished or not; submission is
            # where a missing status is reported (schema.required).
            self.fields[f"{spec.code}-status"] = forms.ChoiceField(
                label=_("Status of form %(code)s") % {"code": spec.code},
                required=False,
                choices=_status_choices(spec, self._since(form)),
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose a status for form %(code)s.") % {"code": spec.code},
                    "invalid_choice": _("Form %(code)s cannot take the status “%(value)s”.")
                    % {"code": spec.code, "value": "%(value)s"},
                },
            )
            if spec.text is not None:
                self.fields[f"{spec.code}-text"] = forms.CharField(
                    label=spec.text.label,
                    required=False,
                    max_length=20000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    strip=False,
                )

    def _since(self, form: dict[str, Any]) -> int | None:
        """The year a form is unchanged since: as the draft says, else the year of the
        State's last report (never a guessed year when there is none)."""
        since = form.get("unchanged_since")
        return since if isinstance(since, int) else self.last_year

    def contact_fields(self) -> list[forms.BoundField]:
        return [self[f"contact-{spec.key}"] for spec in self.definition.cover.contact]

    def form_fields(self, code: str) -> tuple[forms.BoundField, forms.BoundField | None]:
        text = f"{code}-text"
        return self[f"{code}-status"], (self[text] if text in self.fields else None)

    def apply(self) -> dict[str, Any]:
        """The draft's content with the edits made: unchanged values are left exactly as
        they were (a blank stays absent), carried data is kept."""
        data = self.cleaned_data
        content = copy.deepcopy(self.content)
        contact = dict(content.get("contact") or {})
        for spec in self.definition.cover.contact:
            _set(contact, spec.key, data[f"contact-{spec.key}"])
        if contact or "contact" in content:
            content["contact"] = contact
        forms_content = content.setdefault("forms", {})
        for spec in self.definition.forms:
            form = dict(forms_content.get(spec.code) or {})
            if f"{spec.code}-text" in self.fields:
                _set(form, "text", data[f"{spec.code}-text"])
            status = data[f"{spec.code}-status"]
            if status == FormStatus.UNCHANGED.value:
                since = self._since(form)
                if since is not None:
                    form["unchanged_since"] = since
            else:
                form.pop("unchanged_since", None)
            if status:
                form["status"] = status
            else:
                form.pop("status", None)  # left unchosen: stays unset until submission
            if form or spec.code in forms_content:
                forms_content[spec.code] = form
        return content


def _set(target: dict[str, Any], key: str, value: str) -> None:
    """Store an edited text: unchanged (a blank where nothing was) leaves ``target`` as is,
    a cleared one is removed."""
    if (target.get(key) or "") == value:
        return
    if value.strip():
        target[key] = value
    else:
        target.pop(key, None)


class ReturnForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comments for the State"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages={"required": _("Say what the State should correct.")},
    )


# A report entered on a State's behalf cannot have been received before the Convention was
# adopted (30 May 2008), nor cover an earlier year; the ISU reads the year off the report.
FIRST_YEAR = 2008
MAX_ORIGINAL_BYTES = 20 * 1024 * 1024  # 20 MB: a scanned PDF or a Word file, as received
DATA_SUFFIXES = (".xlsx", ".json")


class EnterOnBehalfForm(CleanTextMixin, forms.Form):
    """A report received by e-mail, entered by ISU staff: which report (State, kind, year
    covered), the date it was received, the data file (the template or a JSON report: the
    structured content) and the original file as received (the evidence).

    ``today`` bounds the date received (injectable for tests)."""

    state = forms.ChoiceField(
        label=_("State"),
        error_messages={
            "required": _("Choose the State that sent the report."),
            "invalid_choice": _("“%(value)s” is not a State in the record."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind of report"),
        choices=Report.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the kind of report."),
            "invalid_choice": _("“%(value)s” is not a kind of report."),
        },
    )
    year = forms.IntegerField(
        label=_("Calendar year covered"),
        required=False,
        min_value=FIRST_YEAR,
        help_text=_("For an annual or voluntary report; an initial report has none."),
    )
    received = forms.DateField(
        label=_("Date received"),
        # ISO only: "03/02/2025" is 3 February or 2 March depending on who typed it.
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the e-mail arrived (YYYY-MM-DD): it decides on time or late."),
        error_messages={
            "required": _("Give the date the report was received."),
            "invalid": _("Give the date as YYYY-MM-DD."),
        },
    )
    data_file = forms.FileField(
        label=_("Report data: the filled-in template (.xlsx) or a JSON report (.json)"),
        help_text=_(
            "The structured content: the template filled in from the State's report, or the "
            "report as JSON. Every problem is listed by sheet and cell."
        ),
        widget=forms.FileInput(
            attrs={
                "accept": ".xlsx,.json,application/json,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
        error_messages={
            "required": _("Choose the data file: the .xlsx template or a .json report."),
            "empty": _("The data file is empty."),
        },
    )
    original = forms.FileField(
        label=_("Original file as received (PDF, Word, …)"),
        help_text=_("Kept with the version as the evidence of what the State sent."),
        error_messages={
            "required": _("Attach the original file as received: it is the evidence."),
            "empty": _("The original file is empty."),
        },
    )

    def __init__(self, data: Any = None, files: Any = None, *, today: date) -> None:
        super().__init__(data, files)
        self.today = today
        field = self.fields["state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a State"))] + [
            (iso3, f"{name} ({iso3})")
            for iso3, name in State.objects.order_by("name").values_list("iso3", "name")
        ]
        year = self.fields["year"]
        assert isinstance(year, forms.IntegerField)
        # A year not yet over cannot have been reported on.
        year.validators.append(MaxValueValidator(today.year))
        year.widget.attrs["max"] = str(today.year)

    def clean_received(self) -> date:
        received: date = self.cleaned_data["received"]
        if received > self.today:
            raise forms.ValidationError(_("The date received cannot be in the future."))
        if received.year < FIRST_YEAR:
            raise forms.ValidationError(
                _("The date received cannot be before %(year)s.") % {"year": FIRST_YEAR}
            )
        return received

    def clean_data_file(self) -> UploadedFile:
        uploaded: UploadedFile = self.cleaned_data["data_file"]
        if not (uploaded.name or "").lower().endswith(DATA_SUFFIXES):
            raise forms.ValidationError(
                _("The data file must be the .xlsx template or a .json report.")
            )
        if uploaded.size is not None and uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The data file is %(size)s bytes; the limit is %(limit)s.")
                % {"size": f"{uploaded.size:,}", "limit": f"{MAX_UPLOAD_BYTES:,}"}
            )
        return uploaded

    def clean_original(self) -> UploadedFile:
        uploaded: UploadedFile = self.cleaned_data["original"]
        if uploaded.size is not None and uploaded.size > MAX_ORIGINAL_BYTES:
            raise forms.ValidationError(
                _("The original file is %(size)s bytes; the limit is %(limit)s.")
                % {"size": f"{uploaded.size:,}", "limit": f"{MAX_ORIGINAL_BYTES:,}"}
            )
        return uploaded

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, year = cleaned.get("kind"), cleaned.get("year")
        if kind == ReportKind.INITIAL.value and year is not None:
            self.add_error("year", _("An initial report covers no calendar year: leave it empty."))
        elif (
            kind and kind != ReportKind.INITIAL.value and year is None and "year" not in self.errors
        ):
            self.add_error("year", _("Give the calendar year the report covers."))
        return cleaned

    def slot(self) -> Slot:
        """The report entered (call after :meth:`is_valid`)."""
        data = self.cleaned_data
        kind = ReportKind(data["kind"])
        return Slot(data["state"], kind, None if kind is ReportKind.INITIAL else data["year"])
