"""Roles in the admin: only superusers grant, change or end them, so no ISU staff member can
give themselves (or anyone) more power. Staff with the ``accounts.view_role`` permission
may look.

Once saved, a role's user, kind, State and theme are fixed: to move a focal point to
another State, end the role and grant a new one, so the history reads true.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from treaty_tracker.accounts.models import Role


class ActiveFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "active"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("in force today")), ("no", _("ended or not yet started"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Role]) -> QuerySet[Role]:
        today = timezone.localdate()
        active = Q(starts__lte=today) & (Q(ends__isnull=True) | Q(ends__gt=today))
        if self.value() == "yes":
            return queryset.filter(active)
        if self.value() == "no":
            return queryset.exclude(active)
        return queryset


def _is_superuser(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    list_display = ("user", "kind", "state", "theme", "starts", "ends", "in_force")
    list_filter = (
        ActiveFilter,
        "kind",
        "theme",
        ("state", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "state__iso3",
        "state__name",
    )
    autocomplete_fields = ("user", "state")
    fields = ("user", "kind", "state", "theme", "starts", "ends", "note", "granted_by", "ended_by")
    list_select_related = ("user", "state")
    date_hierarchy = "starts"

    @admin.display(boolean=True, description=_("in force"))
    def in_force(self, role: Role) -> bool:
        return role.is_active()

    def get_readonly_fields(self, request: HttpRequest, obj: Role | None = None) -> Any:
        fixed = ("user", "kind", "state", "theme") if obj is not None else ()
        return (*fixed, "granted_by", "ended_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Role | None = None) -> bool:
        return _is_superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Role | None = None) -> bool:
        return _is_superuser(request)

    def save_model(self, request: HttpRequest, obj: Role, form: Any, change: bool) -> None:
        # The form has already run full_clean; record who granted or ended the role.
        if not change:
            obj.granted_by = request.user  # type: ignore[assignment]
        elif "ends" in form.changed_data:
            obj.ended_by = request.user if obj.ends is not None else None  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
