"""Roles in the admin (only superusers grant them: ISU staff cannot give themselves power),
and the ``require`` decorator later reporting views will use, on a throwaway view."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission, User
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

from treaty_tracker.accounts import policy
from treaty_tracker.accounts.decorators import require
from treaty_tracker.accounts.models import Role
from treaty_tracker.states.models import State

ROLES = "/admin/accounts/role/"


@pytest.fixture
def root_client(db: None) -> Client:
    root = User.objects.create_superuser("root", "root@example.org", password=None)
    client = Client()
    client.force_login(root)
    return client


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _staff_with_every_role_permission() -> User:
    """An ISU staff member who somehow holds every model permission on roles."""
    user = User.objects.create_user("ivan", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    return user


def test_it_lets_a_superuser_grant_a_role_and_records_who(root_client: Client, bob: User) -> None:
    response = root_client.post(
        ROLES + "add/",
        {
            "user": bob.pk,
            "kind": "focal_point",
            "state": State.objects.get(iso3="ISL").pk,
            "theme": "",
            "starts": "2026-01-05",
            "ends": "",
            "note": "Named in the note verbale of 2 January",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    role = Role.objects.get(user=bob)
    assert (role.state.iso3, role.starts, role.granted_by.username) == (
        "ISL",
        date(2026, 1, 5),
        "root",
    )
    assert role.history.get().history_user.username == "root"
    assert policy.can_draft_report(bob, "ISL", today=date(2026, 1, 5))


def test_it_refuses_a_bad_combination_field_by_field_in_the_admin(
    root_client: Client, bob: User
) -> None:
    response = root_client.post(
        ROLES + "add/",
        {"user": bob.pk, "kind": "focal_point", "theme": "transparency", "starts": "2026-01-05"},
    )
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"state", "theme"}
    assert not Role.objects.filter(user=bob).exists()


def test_it_lets_a_superuser_end_a_role_but_not_move_it(root_client: Client, fiona: User) -> None:
    role = fiona.roles.get()
    url = f"{ROLES}{role.pk}/change/"
    page = root_client.get(url)
    assert page.status_code == 200
    assert set(page.context["adminform"].form.fields) == {"starts", "ends", "note"}
    response = root_client.post(url, {"starts": "2020-01-01", "ends": "2026-02-01", "note": ""})
    assert response.status_code == 302
    role.refresh_from_db()
    assert (role.state.iso3, role.ends, role.ended_by.username) == (
        "ISL",
        date(2026, 2, 1),
        "root",
    )


@pytest.mark.parametrize("who", ["alice", "ivan"])
def test_it_refuses_to_let_staff_grant_roles(
    request: pytest.FixtureRequest, bob: User, who: str
) -> None:
    user = (
        request.getfixturevalue("alice") if who == "alice" else _staff_with_every_role_permission()
    )
    client = _as(user)
    assert client.get(ROLES + "add/").status_code == 403
    response = client.post(
        ROLES + "add/",
        {"user": user.pk, "kind": "isu_staff", "theme": "", "starts": "2026-01-05"},
    )
    assert response.status_code == 403
    assert not Role.objects.exists()
    assert not policy.is_isu(user)


def test_it_shows_roles_to_staff_who_may_view_but_not_change_or_end_them(fiona: User) -> None:
    client = _as(_staff_with_every_role_permission())
    role = fiona.roles.get()
    assert client.get(ROLES).status_code == 200
    page = client.get(f"{ROLES}{role.pk}/change/")
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    response = client.post(
        f"{ROLES}{role.pk}/change/", {"starts": "2020-01-01", "ends": "2026-01-01"}
    )
    assert response.status_code == 403
    assert client.post(f"{ROLES}{role.pk}/delete/", {"post": "yes"}).status_code == 403
    role.refresh_from_db()
    assert role.ends is None


def test_it_refuses_the_roles_admin_to_staff_without_permission_and_to_bob(
    alice_client: Client, bob_client: Client, fiona: User
) -> None:
    assert alice_client.get(ROLES).status_code == 403
    response = bob_client.get(ROLES)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_it_filters_and_searches_roles(
    root_client: Client, fiona: User, felix: User, carla: User
) -> None:
    def users(query: str) -> set[str]:
        response = root_client.get(ROLES + query)
        assert response.status_code == 200
        return {r.user.username for r in response.context["cl"].result_list}

    assert users("") == {"fiona", "felix", "carla"}
    assert users("?kind__exact=focal_point") == {"fiona", "felix"}
    assert users("?theme__exact=transparency") == {"carla"}
    peru = State.objects.get(iso3="PER").pk
    assert users(f"?state__id__exact={peru}") == {"felix"}
    assert users("?q=ISL") == {"fiona"}
    assert users("?q=Peru") == {"felix"}
    assert users("?q=carla") == {"carla"}
    assert users("?active=yes") == {"fiona", "felix", "carla"}
    assert users("?active=no") == set()
    for page in (f"{ROLES}{fiona.roles.get().pk}/history/", ROLES + "add/"):
        assert root_client.get(page).status_code == 200, page


# --- the require decorator, on a throwaway view ------------------------------------------


@require(policy.can_draft_report)
def draft_view(request: HttpRequest, iso3: str) -> HttpResponse:
    return HttpResponse(f"draft {iso3}")


@require(lambda user, iso3: policy.can_read_report(user, iso3, published=True))
def published_view(request: HttpRequest, iso3: str) -> HttpResponse:
    return HttpResponse(f"published {iso3}")


@require(policy.can_review_reports)
def review_view(request: HttpRequest, iso3: str) -> HttpResponse:
    return HttpResponse(f"review {iso3}")


urlpatterns = [
    path("reports/<str:iso3>/draft/", draft_view),
    path("reports/<str:iso3>/", published_view),
    path("review/<str:iso3>/", review_view),
]

throwaway_urls = override_settings(ROOT_URLCONF=__name__)


@throwaway_urls
@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("fiona", "/reports/ISL/draft/", 200),
        ("felix", "/reports/ISL/draft/", 403),
        ("fiona", "/reports/PER/draft/", 403),
        ("felix", "/reports/PER/draft/", 200),
        ("carla", "/reports/ISL/draft/", 403),
        ("isla", "/reports/ISL/draft/", 403),
        ("bob", "/reports/ISL/draft/", 403),
        ("isla", "/review/ISL/", 200),
        ("alice", "/review/ISL/", 403),
        ("fiona", "/review/ISL/", 403),
        ("bob", "/reports/ISL/", 200),
    ],
)
def test_it_lets_a_view_through_only_when_the_policy_allows(
    request: pytest.FixtureRequest, who: str, url: str, status: int
) -> None:
    response = _as(request.getfixturevalue(who)).get(url)
    assert response.status_code == status


@throwaway_urls
def test_it_sends_the_public_to_sign_in_when_refused(client: Client, db: None) -> None:
    response = client.get("/reports/ISL/draft/?year=2025")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/reports/ISL/draft/%3Fyear%3D2025"


@throwaway_urls
def test_it_lets_the_public_through_when_the_policy_allows(client: Client, db: None) -> None:
    response = client.get("/reports/ISL/")
    assert (response.status_code, response.content) == (200, b"published ISL")
