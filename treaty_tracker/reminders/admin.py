"""The reminder log, read-only, and the ISU's "Preview today's reminders" / "Send them"
page, which calls the same service as the scheduled job."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from treaty_tracker.accounts import policy
from treaty_tracker.reminders.models import Reminder
from treaty_tracker.reminders.services import reminders_preview, reminders_send
from treaty_tracker.sources.admin_base import ReadOnlyAdminMixin


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log is written only by the service: nobody adds, edits or deletes a row."""

    list_display = ("created_at", "state", "kind", "year", "due", "stage", "outcome", "sent_by")
    list_filter = ("stage", "outcome", "kind", "state")
    search_fields = ("state__name", "state__iso3", "subject")
    date_hierarchy = "created_at"
    list_select_related = ("state", "sent_by")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) or policy.is_isu(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or policy.is_isu(request.user)

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "preview/",
            self.admin_site.admin_view(self.preview_view),
            name="reminders_reminder_preview",
        )
        return [preview, *super().get_urls()]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra = {"can_send_reminders": policy.is_isu(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """GET: what today's run would send. POST: send it (ISU staff only)."""
        if not policy.is_isu(request.user):
            raise PermissionDenied(_("Only ISU staff preview and send reminders."))
        today = timezone.localdate()
        if request.method == "POST":
            results = reminders_send(as_of=today, dry_run=False, sent_by=request.user)
            sent = sum(1 for r in results if r.outcome == Reminder.Outcome.SENT)
            self.message_user(
                request,
                _("%(sent)d reminders sent, %(other)d not sent (see the log).")
                % {"sent": sent, "other": len(results) - sent},
                messages.SUCCESS if sent == len(results) else messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:reminders_reminder_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Reminders due on %(day)s") % {"day": today.isoformat()},
            "as_of": today,
            "items": reminders_preview(as_of=today),
        }
        return TemplateResponse(request, "reminders/admin_preview.html", context)
