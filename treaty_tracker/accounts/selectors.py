"""Reads of roles, for the admin, the ``roles`` command and later reporting pages."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from treaty_tracker.accounts.models import Role, RoleQuerySet


def role_list(
    *,
    on: date | None = None,
    include_ended: bool = False,
    username: str | None = None,
    kind: str | None = None,
) -> RoleQuerySet:
    """Roles in force on ``on`` (default: today), or every role ever granted with
    ``include_ended``; optionally of one user or one kind. Ordered by user, kind, start."""
    roles = Role.objects.select_related("user", "state")
    if not include_ended:
        roles = roles.active(on or timezone.localdate())
    if username is not None:
        roles = roles.filter(user__username=username)
    if kind is not None:
        roles = roles.filter(kind=kind)
    return roles.order_by("user__username", "kind", "state__iso3", "theme", "starts", "pk")


def focal_points_of(iso3: str, *, on: date | None = None) -> RoleQuerySet:
    """The focal-point roles of one State in force on ``on``: whom to notify about it."""
    return (
        Role.objects.active(on)
        .filter(kind=Role.Kind.FOCAL_POINT, state__iso3=iso3.upper())
        .select_related("user", "state")
    )
