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
