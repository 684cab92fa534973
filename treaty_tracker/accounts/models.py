"""Roles: what a user account may do in the reporting workflow, and for how long.

A role is held from ``starts`` (inclusive) until ``ends`` (exclusive): a role ended on a
date grants nothing on that date, so ending a role "today" takes effect at once. Staff
rotate often; a role is ended, not deleted, and its history keeps who granted and ended it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from treaty_tracker.themes import registry

#: The Presidency's coordinator role: the Convention's general status and operation,
#: which is no one theme of the review.
GENERAL_STATUS = "general_status"


def theme_choices() -> list[tuple[str, Any]]:
    """What a coordinator follows: one theme (``themes.registry``: the same key the action
    plans and the review use), or the general status (the Presidency)."""
    return [
        *registry.choices(),
        (GENERAL_STATUS, _("General status and operation (the Presidency)")),
    ]


class RoleQuerySet(models.QuerySet["Role"]):
    def active(self, on: date | None = None) -> RoleQuerySet:
        """Roles in force on ``on`` (default: today): started, and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(Q(ends__isnull=True) | Q(ends__gt=on), starts__lte=on)


class Role(models.Model):
    """One role held by one user account for a period."""

    # Who may do what is not the public record (``sources.signals``).
    moves_record_version = False

    class Kind(models.TextChoices):
        ISU_STAFF = "isu_staff", _("ISU staff")
        FOCAL_POINT = "focal_point", _("National focal point")
        COORDINATOR = "coordinator", _("Thematic coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    kind = models.CharField(_("role"), max_length=16, choices=Kind.choices)
    state = models.ForeignKey(
        "states.State",
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
        help_text=_("Focal points only: the one State whose reports this account keeps."),
    )
    theme = models.CharField(
        _("theme"),
        max_length=32,
        choices=theme_choices,
        blank=True,
        help_text=_("Coordinators only: the theme they follow across all States."),
    )
    starts = models.DateField(_("starts"), default=timezone.localdate)
    ends = models.DateField(
        _("ends"),
        null=True,
        blank=True,
        help_text=_("The first day without the role; empty while it lasts."),
    )
    note = models.TextField(_("note"), blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["user__username", "kind", "starts"]
        verbose_name = _("role")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["isu_staff", "focal_point", "coordinator"]),
                name="role_kind_known",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="focal_point", state__isnull=False)
                    | (~Q(kind="focal_point") & Q(state__isnull=True))
                ),
                name="role_state_if_and_only_if_focal_point",
                violation_error_message=_("A State is required for, and only for, a focal point."),
            ),
            models.CheckConstraint(
                condition=(
                    (Q(kind="coordinator") & ~Q(theme="")) | (~Q(kind="coordinator") & Q(theme=""))
                ),
                name="role_theme_if_and_only_if_coordinator",
                violation_error_message=_("A theme is required for, and only for, a coordinator."),
            ),
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=F("starts")),
                name="role_ends_not_before_starts",
                violation_error_message=_("A role cannot end before it starts."),
            ),
            # One open-ended role of each kind per user (and State or theme). A State is
            # NULL except for focal points, and NULLs never collide in a unique index, so
            # focal points get their own constraint.
            models.UniqueConstraint(
                fields=["user", "state"],
                condition=Q(kind="focal_point", ends__isnull=True),
                name="role_one_open_focal_point_per_user_and_state",
                violation_error_message=_("This user is already the focal point of this State."),
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "theme"],
                condition=~Q(kind="focal_point") & Q(ends__isnull=True),
                name="role_one_open_role_per_user_kind_and_theme",
                violation_error_message=_("This user already holds this role."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.describe()}"

    def describe(self) -> str:
        """``focal point of Iceland (ISL)``, ``coordinator for transparency``, ``ISU staff``."""
        if self.kind == Role.Kind.FOCAL_POINT and self.state_id is not None:
            return f"focal point of {self.state.name} ({self.state.iso3})"
        if self.kind == Role.Kind.COORDINATOR:
            return f"coordinator for {self.theme}"
        return str(Role.Kind(self.kind).label) if self.kind in Role.Kind.values else self.kind

    def is_active(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts <= on and (self.ends is None or on < self.ends)

    def clean(self) -> None:
        """Per-field errors for the combinations the database constraints also refuse, and
        for a period that overlaps another grant of the same role."""
        super().clean()
        errors: dict[str, Any] = {}
        if self.kind == Role.Kind.FOCAL_POINT and self.state_id is None:
            errors["state"] = _("A focal point belongs to one State: choose it.")
        if self.kind != Role.Kind.FOCAL_POINT and self.state_id is not None:
            errors["state"] = _(
                "Only a focal point belongs to a State: leave it empty for ISU staff and "
                "coordinators."
            )
        if self.kind == Role.Kind.COORDINATOR and not self.theme:
            errors["theme"] = _("A coordinator follows one theme: choose it.")
        if self.kind != Role.Kind.COORDINATOR and self.theme:
            errors["theme"] = _("Only a coordinator has a theme: leave it empty.")
        if self.starts and self.ends and self.ends < self.starts:
            errors["ends"] = _("A role cannot end before it starts.")
        if errors:
            raise ValidationError(errors)
        overlapping = self._overlapping()
        if overlapping is not None:
            raise ValidationError(
                _("%(user)s already holds this role from %(starts)s (role %(id)s).")
                % {"user": self.user, "starts": overlapping.starts, "id": overlapping.pk}
            )

    def get_constraints(self) -> list[tuple[type[models.Model], list[Any]]]:
        # full_clean() leaves the unique constraints to clean(): its overlap check refuses
        # every open-ended duplicate they would, and more, with a message naming the role.
        # The database still enforces them.
        return [
            (model, [c for c in constraints if not isinstance(c, models.UniqueConstraint)])
            for model, constraints in super().get_constraints()
        ]

    def _overlapping(self) -> Role | None:
        """Another grant of the same role to the same user whose period meets this one's."""
        if self.user_id is None or not self.kind or not self.starts:
            return None
        others = Role.objects.filter(
            user_id=self.user_id, kind=self.kind, state_id=self.state_id, theme=self.theme
        ).filter(Q(ends__isnull=True) | Q(ends__gt=self.starts))
        if self.ends is not None:
            others = others.filter(starts__lt=self.ends)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        return others.order_by("starts").first()
