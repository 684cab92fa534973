"""Shared fixtures: the reference data is loaded once per test session into the test
database; each test runs in a transaction that is rolled back.

Personas (as in the healthchecks test suite): ``alice`` is ISU staff and may edit the
record, ``bob`` has an account but no role, the anonymous public reads only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from treaty_tracker.reference.loader import load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        load()
    yield


@pytest.fixture(autouse=True)
def _keep_connections_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run in-process (``treaty_tracker.cli.main``) closes every connection when
    it ends, as Django's ``run_from_argv`` does; on PostgreSQL that would drop the test's
    transaction. Tests run commands in-process, so the connections stay open."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts and ends in the site's language: a request in French activates
    French for the thread, which would otherwise leak into the next test on it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Uploaded files go to a temporary folder, not the checkout's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _record_cache_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Each test has a record cache of its own (states/caching.py): an entry kept by one test
    can never answer another whose rolled-back database differs while its version does not,
    and what the process keeps in memory is forgotten."""
    from treaty_tracker.states.caching import forget_here

    forget_here()
    settings.CACHES = {
        **settings.CACHES,
        "record": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path / "record-cache",
        },
    }


@pytest.fixture
def alice(db: None) -> User:
    user = User.objects.create_user(
        "alice", "alice@isu.example", "correct horse battery", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=[
                "states",
                "obligations",
                "transparency",
                "meetings",
                "sources",
                "universalization",
                "reminders",
                "stockpiles",
                "clearance",
                "victims",
                "cooperation",
                "support",
                "plans",
                "review",
            ]
        )
    )
    return user


@pytest.fixture
def bob(db: None) -> User:
    return User.objects.create_user("bob", "bob@example.org", "correct horse battery")


@pytest.fixture
def alice_client(alice: User) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob: User) -> Client:
    client = Client()
    client.force_login(bob)
    return client


# Personas with roles (treaty_tracker.accounts, docs/roles.md). Their roles start on
# 2020-01-01 and never end, so questions asked for any later date see them. Alice above has
# is_staff and model permissions for the admin but no role: the reporting policy does not
# count her as ISU staff; isla is ISU staff by her role. They have no password (hashing one
# costs a fifth of a second per test): sign them in with ``Client.force_login``.


def _persona_with_role(username: str, kind: str, **where: str) -> User:
    from datetime import date

    from treaty_tracker.accounts.services import role_grant
    from treaty_tracker.states.models import State

    user = User.objects.create_user(username, f"{username}@example.org")
    state = State.objects.get(iso3=where["state"]) if "state" in where else None
    role_grant(
        user=user,
        kind=kind,
        state=state,
        theme=where.get("theme"),
        starts=date(2020, 1, 1),
        granted_by=None,
    )
    return user


@pytest.fixture
def fiona(db: None) -> User:
    """Focal point of Iceland."""
    return _persona_with_role("fiona", "focal_point", state="ISL")


@pytest.fixture
def felix(db: None) -> User:
    """Focal point of Peru."""
    return _persona_with_role("felix", "focal_point", state="PER")


@pytest.fixture
def carla(db: None) -> User:
    """Coordinator for transparency (Art. 7)."""
    return _persona_with_role("carla", "coordinator", theme="transparency")


@pytest.fixture
def isla(db: None) -> User:
    """ISU staff by her role (no is_staff, no admin permissions)."""
    return _persona_with_role("isla", "isu_staff")
