"""The rules the project's forms share: text cleaned as it enters (every form), and the
attribution of a fact (every form that edits one: the admin's and the fact editor's)."""

from __future__ import annotations

from typing import Any

from django.utils.datastructures import MultiValueDict

from treaty_tracker.sources.text import clean_text


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return [_cleaned(item) for item in value]
    return value


def cleaned_data_of(data: Any) -> Any:
    """A form's submitted ``data`` (a ``QueryDict`` or a plain dict) with every text
    cleaned by :func:`~treaty_tracker.sources.text.clean_text`; files are not touched."""
    if isinstance(data, MultiValueDict):
        copy = data.copy()
        for key, values in data.lists():
            copy.setlist(key, _cleaned(values))
        return copy
    if isinstance(data, dict):
        return {key: _cleaned(value) for key, value in data.items()}
    return data


class CleanTextMixin:
    """For every project form (a test enforces it): the submitted text is cleaned before
    any field reads it, so a control character pasted from Word (a vertical tab) or a NUL
    is dropped, never a 500 on saving (PostgreSQL refuses NUL) nor on the XLSX or DOCX
    made from it later. The form shows the cleaned text back when it has errors."""

    data: Any
    is_bound: bool

    def full_clean(self) -> None:
        if self.is_bound:
            self.data = cleaned_data_of(self.data)
        super().full_clean()  # type: ignore[misc]


class AttributingMixin:
    """For a ``ModelForm`` of a ``Sourced`` fact: a fact saved without a document source
    is attributed to the user (``entered_by``), before the model's own validation, which
    requires a source or a user. Set ``attributed_to`` to the user."""

    attributed_to: Any
    instance: Any

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        if not cleaned.get("source"):
            self.instance.entered_by = self.attributed_to
        return cleaned
