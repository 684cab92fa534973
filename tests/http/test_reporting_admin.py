"""The ISU publishes submitted versions from the admin, through the same service as every
other client; staff without the ISU role are refused, and versions cannot be edited."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from tests.factories import minimal_annual_report
from treaty_tracker.accounts.services import role_grant
from treaty_tracker.rules import ReportKind
from treaty_tracker.transparency.models import Report, Submission
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf

URL = "/admin/transparency/submission/"


@pytest.fixture
def submission(isla: User) -> Submission:
    content = minimal_annual_report("ISL", 2025)
    return report_enter_on_behalf(
        user=isla,
        slot=Slot("ISL", ReportKind.ANNUAL, 2025),
        content=content,
        received=datetime(2026, 3, 2, tzinfo=UTC),
    )


@pytest.fixture
def isu_admin(db: None) -> Client:
    user = User.objects.create_user("ines", "ines@isu.example", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="transparency"))
    role_grant(user=user, kind="isu_staff", starts=date(2020, 1, 1), granted_by=None)
    client = Client()
    client.force_login(user)
    return client


def _publish(client: Client, submission: Submission) -> None:
    client.post(URL, {"action": "publish", "_selected_action": [submission.pk]}, follow=True)


def test_it_publishes_from_the_admin_for_isu_staff(
    isu_admin: Client, submission: Submission
) -> None:
    _publish(isu_admin, submission)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PUBLISHED
    assert Report.objects.get(state__iso3="ISL", year=2025).submitted.iso() == "2026-03-02"


def test_it_refuses_publication_to_staff_without_the_isu_role(
    alice_client: Client, submission: Submission
) -> None:
    _publish(alice_client, submission)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED


def test_it_never_offers_to_edit_a_submitted_version(
    isu_admin: Client, submission: Submission
) -> None:
    page = isu_admin.get(f"{URL}{submission.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert isu_admin.get(f"{URL}add/").status_code == 403
