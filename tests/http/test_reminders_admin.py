"""The ISU previews and sends today's reminders from the admin, through the same service as
the scheduled job; staff without the ISU role are refused, and the log cannot be edited."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from treaty_tracker.accounts.services import role_grant
from treaty_tracker.reminders import services
from treaty_tracker.reminders.models import Reminder
from treaty_tracker.rules import CCM, FuzzyDate, Register, StateRecord

LOG = "/admin/reminders/reminder/"
PREVIEW = "/admin/reminders/reminder/preview/"
TODAY = date(2026, 3, 31)  # a month before Iceland's annual report covering 2025 is due


@pytest.fixture(autouse=True)
def _iceland_only_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is 31 March 2026, and the record is Iceland's alone (with 29 early States that
    have withdrawn, so the treaty is in force)."""
    early = [
        StateRecord(
            f"X{i:02d}",
            f"Early {i}",
            consent=FuzzyDate.parse("2009-06-01"),
            withdrawal_effective=FuzzyDate.parse("2011-01-01"),
        )
        for i in range(29)
    ]
    iceland = StateRecord("ISL", "Iceland", consent=FuzzyDate.parse("2015-08-31"))
    register = Register(CCM, [*early, iceland], {})
    monkeypatch.setattr(services, "register", lambda: register)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


@pytest.fixture
def isu_admin(db: None) -> Client:
    """Ines: staff (opens the admin) and ISU by her role, with no model permission."""
    user = User.objects.create_user("ines", "ines@isu.example", is_staff=True)
    role_grant(user=user, kind="isu_staff", starts=date(2020, 1, 1), granted_by=None)
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_the_isu_todays_preview(isu_admin: Client, fiona: User) -> None:
    response = isu_admin.get(PREVIEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iceland (ISL)" in page and "fiona@example.org" in page and "Send them" in page
    assert mail.outbox == [] and Reminder.objects.count() == 0


def test_it_links_the_preview_from_the_log_for_the_isu(isu_admin: Client) -> None:
    response = isu_admin.get(LOG)
    assert response.status_code == 200
    assert PREVIEW in response.content.decode()


def test_it_lets_the_isu_send_them_once(isu_admin: Client, fiona: User) -> None:
    response = isu_admin.post(PREVIEW, follow=True)
    assert response.redirect_chain[-1][0] == LOG
    assert "1 reminders sent" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["fiona@example.org"]
    log = Reminder.objects.get()
    assert (log.sent_by.username, log.outcome) == ("ines", "sent")
    isu_admin.post(PREVIEW)
    assert len(mail.outbox) == 1 and Reminder.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_refuses_staff_without_the_isu_role(
    alice_client: Client, fiona: User, method: str
) -> None:
    response = getattr(alice_client, method)(PREVIEW)
    assert response.status_code == 403
    assert mail.outbox == [] and Reminder.objects.count() == 0


def test_it_refuses_a_focal_point(fiona: User) -> None:
    fiona.is_staff = True
    fiona.save()
    client = Client()
    client.force_login(fiona)
    assert client.post(PREVIEW).status_code == 403
    assert mail.outbox == []


def test_it_keeps_the_log_read_only(isu_admin: Client, fiona: User) -> None:
    isu_admin.post(PREVIEW)
    log = Reminder.objects.get()
    assert isu_admin.get(f"{LOG}{log.pk}/change/").status_code == 200  # view only
    assert isu_admin.post(f"{LOG}{log.pk}/delete/").status_code == 403
    assert isu_admin.get(f"{LOG}add/").status_code == 403
    assert Reminder.objects.count() == 1
