"""The one write path for roles: the admin, the ``roles`` command and later pages call these.

Each validates the whole role (``full_clean``: the model's rules and the database
constraints) before saving, so a refused grant raises ``ValidationError`` with per-field
messages and writes nothing. History records who granted or ended the role.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from treaty_tracker.accounts.models import Role
from treaty_tracker.states.models import State


@transaction.atomic
def role_grant(
    *,
    user: AbstractBaseUser,
    kind: str,
    state: State | None = None,
    theme: str | None = None,
    starts: date | None = None,
    note: str = "",
    granted_by: AbstractBaseUser | None,
) -> Role:
    """Give ``user`` a role from ``starts`` (default: today) with no end.

    ``state`` is required for a focal point and refused otherwise; ``theme`` likewise for a
    coordinator. ``granted_by`` is ``None`` when an administrator grants it from the
    command line without ``--by``.
    """
    role = Role(
        user=user,
        kind=kind,
        state=state,
        theme=theme or "",
        starts=starts or timezone.localdate(),
        note=note,
        granted_by=granted_by,
    )
    role.full_clean()
    role._history_user = granted_by  # type: ignore[attr-defined]  # read by simple_history
    role.save()
    return role


@transaction.atomic
def role_end(*, role: Role, ends: date, ended_by: AbstractBaseUser | None) -> Role:
    """End ``role`` on ``ends``: from that day on it grants nothing.

    A role already ended on or before ``ends`` is refused; an end may be brought forward.
    """
    # Lock the role row only: PostgreSQL cannot lock the nullable side of the State join.
    role = (
        Role.objects.select_for_update(of=("self",)).select_related("user", "state").get(pk=role.pk)
    )
    if role.ends is not None and role.ends <= ends:
        raise ValidationError(
            {
                "ends": _("Role %(id)s already ended on %(ends)s.")
                % {"id": role.pk, "ends": role.ends}
            }
        )
    role.ends = ends
    role.ended_by = ended_by
    role.full_clean()
    role._history_user = ended_by  # type: ignore[attr-defined]
    role.save()
    return role
