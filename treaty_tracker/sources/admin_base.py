"""Admin shared by every fact model: history (who, when, before/after) and attribution.

A fact saved by staff without a document source is attributed to them (``entered_by``),
so every fact keeps its origin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from treaty_tracker.sources.models import Sourced


class SourcedAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    readonly_fields: tuple[str, ...] = ("entered_by", "reference_key")
    source_fields = ("source", "paragraph", "quote", "note", "entered_by")

    def save_model(self, request: HttpRequest, obj: Sourced, form: Any, change: bool) -> None:
        if obj.source_id is None:
            obj.entered_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


admin.site.site_header = "treaty-tracker"
admin.site.site_title = "treaty-tracker staff"
