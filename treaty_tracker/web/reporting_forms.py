"""The Article 7 workflow forms: the short form (cover contact, each form's status and
free text) and the ISU's return with comments.

The short form edits only what it shows: :meth:`ShortForm.apply` builds the new content
from the draft's content and the fields, so the data carried from the last report (the
rows of every table) is never dropped.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules.reporting import FormDefinition, FormSpec, FormStatus

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


class ShortForm(forms.Form):
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
            self.fields[f"{spec.code}-status"] = forms.ChoiceField(
                label=_("Status of form %(code)s") % {"code": spec.code},
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
            status = data[f"{spec.code}-status"]
            if status == FormStatus.UNCHANGED.value:
                since = self._since(form)
                if since is not None:
                    form["unchanged_since"] = since
            else:
                form.pop("unchanged_since", None)
            form["status"] = status
            if f"{spec.code}-text" in self.fields:
                _set(form, "text", data[f"{spec.code}-text"])
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


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Comments for the State"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages={"required": _("Say what the State should correct.")},
    )
