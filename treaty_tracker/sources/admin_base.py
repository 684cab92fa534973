"""Admin shared by every fact model: history (who, when, before/after) and attribution.

A fact saved by staff without a document source is attributed to them (``entered_by``),
so every fact keeps its origin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from treaty_tracker.sources.forms import AttributingMixin, CleanTextMixin


class SourcedAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    readonly_fields: tuple[str, ...] = ("entered_by", "reference_key")
    source_fields = ("source", "paragraph", "quote", "note", "entered_by")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        base = super().get_form(request, obj, change=change, **kwargs)

        class AttributingForm(CleanTextMixin, AttributingMixin, base):  # type: ignore[valid-type,misc]
            attributed_to = request.user

        return AttributingForm


class StateFactAdmin(SourcedAdmin):
    """A fact about one State: found by the State's code or name, which is chosen by
    autocomplete. A subclass searching more names ``(*StateFactAdmin.search_fields, ...)``."""

    search_fields: tuple[str, ...] = ("state__iso3", "state__name")
    autocomplete_fields: tuple[str, ...] = ("state",)


admin.site.site_header = "treaty-tracker"
admin.site.site_title = "treaty-tracker staff"


class ReadOnlyAdminMixin:
    """For records nobody edits in the admin (logs, immutable versions): they can be
    viewed, never added or changed there; ``deletable`` says whether they can be deleted."""

    deletable = False

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)  # type: ignore[misc]
