"""The one place that answers "may this user do that?" for the reporting workflow.

Every view, API endpoint and command asks these functions; none decides for itself. Each
takes the user (anonymous or not) and, keyword-only, the date the question is asked for
(``today``, default: today), so tests and "as of" questions need no clock.

Who is who:

- **ISU staff**: an active ``isu_staff`` role, or a superuser. ``is_staff`` alone is *not*
  ISU staff here: it only opens the Django admin, where model permissions decide (see
  docs/roles.md).
- **Focal point**: an active ``focal_point`` role, for one State each.
- **Coordinator**: an active ``coordinator`` role, for one theme each.
- **The public**: everyone else, signed in or not. An inactive account is the public.

Article 7 reports belong to the ``transparency`` theme (:data:`REPORT_THEME`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from treaty_tracker.accounts.models import Role

Account: TypeAlias = AbstractBaseUser | AnonymousUser | None
"""Whoever asks: ``request.user``; ``None`` is the public."""

REPORT_THEME = "transparency"  # the key of the theme transparency/theme.py declares


@dataclass(frozen=True)
class Grants:
    """What one user holds on one date: computed once, in one query."""

    isu: bool = False
    states: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()


PUBLIC = Grants()


def grants(user: Account, *, today: date | None = None) -> Grants:
    """The active roles of ``user`` on ``today``: the basis of every answer below."""
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    isu = bool(getattr(user, "is_superuser", False))
    states: set[str] = set()
    themes: set[str] = set()
    roles = Role.objects.active(today or timezone.localdate()).filter(user=user)
    for kind, iso3, theme in roles.values_list("kind", "state__iso3", "theme"):
        if kind == Role.Kind.ISU_STAFF:
            isu = True
        elif kind == Role.Kind.FOCAL_POINT:
            states.add(iso3)
        elif kind == Role.Kind.COORDINATOR:
            themes.add(theme)
    return Grants(isu=isu, states=frozenset(states), themes=frozenset(themes))


def is_isu(user: Account, *, today: date | None = None) -> bool:
    """ISU staff: an active ``isu_staff`` role, or a superuser. Not ``is_staff`` alone."""
    return grants(user, today=today).isu


def focal_point_states(user: Account, *, today: date | None = None) -> set[str]:
    """ISO3 codes of the States ``user`` is the focal point of on ``today``."""
    return set(grants(user, today=today).states)


def coordinator_themes(user: Account, *, today: date | None = None) -> set[str]:
    """The themes ``user`` coordinates on ``today``."""
    return set(grants(user, today=today).themes)


def _is_focal_point_of(user: Account, iso3: str, today: date | None) -> bool:
    return iso3.upper() in grants(user, today=today).states


def can_draft_report(user: Account, iso3: str, *, today: date | None = None) -> bool:
    """Start or edit a draft Article 7 report of State ``iso3``: its focal point only.

    ISU staff entering a report received by e-mail use :func:`can_enter_on_behalf`.
    """
    return _is_focal_point_of(user, iso3, today)


def can_submit_report(user: Account, iso3: str, *, today: date | None = None) -> bool:
    """Submit a draft of State ``iso3`` to the ISU: its focal point only."""
    return _is_focal_point_of(user, iso3, today)


def can_amend_report(user: Account, iso3: str, *, today: date | None = None) -> bool:
    """Amend a submitted or returned report of State ``iso3``: its focal point only."""
    return _is_focal_point_of(user, iso3, today)


def can_review_reports(user: Account, *, today: date | None = None) -> bool:
    """Review submitted reports and return them with comments: ISU staff."""
    return is_isu(user, today=today)


def can_publish_reports(user: Account, *, today: date | None = None) -> bool:
    """Publish a reviewed report: ISU staff."""
    return is_isu(user, today=today)


def can_enter_on_behalf(user: Account, *, today: date | None = None) -> bool:
    """Enter a report received by e-mail on any State's behalf: ISU staff."""
    return is_isu(user, today=today)


def can_read_theme(user: Account, theme: str, *, today: date | None = None) -> bool:
    """Read everything, published or not, in ``theme``: ISU staff and its coordinators."""
    held = grants(user, today=today)
    return held.isu or theme in held.themes


def can_read_report(
    user: Account, iso3: str, *, published: bool, today: date | None = None
) -> bool:
    """Read an Article 7 report of State ``iso3``.

    Published: everyone. Not published (draft, submitted, returned): ISU staff, the
    State's own focal point, and coordinators of the transparency theme.
    """
    if published:
        return True
    held = grants(user, today=today)
    return held.isu or iso3.upper() in held.states or REPORT_THEME in held.themes


def can_edit_record(user: Account, *, today: date | None = None) -> bool:
    """Change the record itself (States, treaty actions, obligations) outside the Django
    admin: ISU staff."""
    return is_isu(user, today=today)
