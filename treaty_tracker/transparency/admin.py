from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from treaty_tracker.sources.admin_base import ReadOnlyAdminMixin, StateFactAdmin
from treaty_tracker.transparency.models import Draft, DraftUpload, Report, Submission
from treaty_tracker.transparency.services import report_publish


@admin.register(Report)
class ReportAdmin(StateFactAdmin):
    list_display = ("state", "kind", "year", "submitted", "source", "paragraph")
    list_filter = ("kind", "year")


@admin.register(Draft)
class DraftAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Drafts belong to their State's focal point: visible here, never edited."""

    deletable = True  # as before: an abandoned draft may be removed

    list_display = ("state", "kind", "year", "updated_at", "updated_by")
    list_filter = ("kind",)
    search_fields = ("state__name", "state__iso3")


@admin.register(DraftUpload)
class DraftUploadAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """The log of files focal points uploaded into drafts, accepted or refused, each kept
    as received: read-only (written only by ``report_upload_record``)."""

    list_display = (
        "uploaded_at",
        "state",
        "kind",
        "year",
        "original_name",
        "outcome",
        "size",
        "uploaded_by",
    )
    list_filter = ("outcome", "kind")
    search_fields = ("state__name", "state__iso3", "original_name", "sha256")
    date_hierarchy = "uploaded_at"
    list_select_related = ("state", "uploaded_by")


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Submitted versions are immutable; the ISU publishes them with the action, which
    goes through ``report_publish`` like every other client."""

    deletable = True  # as before: model permissions decide

    list_display = ("state", "kind", "year", "number", "status", "submitted_at", "on_behalf")
    list_filter = ("status", "kind", "on_behalf")
    search_fields = ("state__name", "state__iso3")
    actions = ["publish"]

    @admin.action(description=_("Publish the selected versions"), permissions=["view"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Submission]) -> None:
        for submission in queryset:
            try:
                report_publish(user=request.user, submission=submission)
            except PermissionDenied as refused:
                self.message_user(request, str(refused), messages.ERROR)
                return
        self.message_user(request, _("Published %(n)d version(s).") % {"n": queryset.count()})
