"""The one rule every form that edits a fact shares (the admin's and the fact editor's)."""

from __future__ import annotations

from typing import Any


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
