"""A model field for dates that are only partly known (see ``rules.dates.FuzzyDate``).

Stored as its text form (``2019-03``, ``by 2020-09-28``, ``not known``) so one column
holds the whole fact; ``NULL`` means "no such event recorded".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules.dates import FuzzyDate, FuzzyDateError


class FuzzyDateField(models.CharField):  # type: ignore[type-arg]
    description = _("A date, possibly known only to the month, year or as a bound")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault(
            "help_text",
            _(
                "2019-03-01, 2019-03, 2019, 'by 2020-09-28', "
                "'2015-09-11..2020-09-28' or 'not known'"
            ),
        )
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("help_text", None)
        if kwargs.get("max_length") == 32:
            kwargs.pop("max_length")
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else FuzzyDate.parse(value)

    def to_python(self, value: Any) -> FuzzyDate | None:
        if value is None or isinstance(value, FuzzyDate):
            return value
        if value == "" and self.null:
            return None
        try:
            return FuzzyDate.parse(str(value))
        except FuzzyDateError as error:
            raise ValidationError(str(error), code="invalid_date") from error

    def run_validators(self, value: Any) -> None:
        # CharField's validators (max length) speak of the stored text, not the FuzzyDate.
        super().run_validators(value.iso() if isinstance(value, FuzzyDate) else value)

    def get_prep_value(self, value: Any) -> str | None:
        value = self.to_python(value)
        return None if value is None else value.iso()

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else value.iso()

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("form_class", FuzzyDateFormField)
        return super().formfield(**kwargs)


class FuzzyDateFormField(forms.CharField):
    """The form side: text in, ``FuzzyDate`` out, with the reason when the text is no date."""

    def prepare_value(self, value: Any) -> Any:
        return value.iso() if isinstance(value, FuzzyDate) else value

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in ("", None):
            return None
        try:
            return FuzzyDate.parse(value)
        except FuzzyDateError as error:
            raise ValidationError(str(error), code="invalid_date") from error

    def run_validators(self, value: Any) -> None:
        # CharField's validators (max length) speak of the text, not the FuzzyDate.
        super().run_validators(value.iso() if isinstance(value, FuzzyDate) else value)


class HttpsURLField(models.URLField):
    """A URL; typed without a scheme in a form, it is taken as https (Django 6's default)."""

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


STATE_LABEL = _("State")


def state_field(
    related_name: str,
    verbose_name: Any = STATE_LABEL,
    *,
    on_delete: Any = models.CASCADE,
    **kwargs: Any,
) -> models.ForeignKey:  # type: ignore[type-arg]
    """The State a fact is about (``states.State``): one definition for every fact model.
    Pass ``verbose_name=None`` where the field has never had one (no migration)."""
    return models.ForeignKey(
        "states.State",
        verbose_name=verbose_name,
        on_delete=on_delete,
        related_name=related_name,
        **kwargs,
    )
