"""Writes at once never duplicate, never deadlock, never lose (issue 9, items 1, 2, 4).

Each test releases real threads together, each on its own PostgreSQL connection, through
the real request stack (Django's test client, one per thread, sharing one signed-in
session) or the services, and then reads what was committed.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from tests.concurrency.conftest import at_once
from tests.conftest import _persona_with_role
from tests.factories import minimal_annual_report, short_form_data
from treaty_tracker.reminders import services as reminders
from treaty_tracker.reminders.models import Reminder
from treaty_tracker.rules import ReportKind
from treaty_tracker.sources.models import RecordVersion, Source
from treaty_tracker.transparency.models import Draft, DraftUpload, Submission
from treaty_tracker.transparency.services import (
    Slot,
    report_draft_save,
    report_draft_start,
    report_enter_on_behalf,
    report_publish,
)

pytestmark = pytest.mark.usefixtures("committed")


def _draft_url(iso3: str) -> str:
    return f"/reports/{iso3}/annual/2025/draft/"


def _signed_in(user: User) -> SimpleCookie:
    client = Client()
    client.force_login(user)
    return client.cookies


def _client(cookies: SimpleCookie) -> Client:
    """A browser tab of the same signed-in user: a server error comes back as a 500, as
    the user would see it, not as an exception in the test."""
    client = Client(raise_request_exception=False)
    client.cookies = SimpleCookie(cookies.output(header="", sep=";"))
    return client


def _focal_point_with_a_draft(username: str, iso3: str) -> tuple[User, dict[str, Any]]:
    user = _persona_with_role(username, "focal_point", state=iso3)
    slot = Slot(iso3, ReportKind.ANNUAL, 2025)
    content = minimal_annual_report(iso3, 2025)
    report_draft_start(user=user, slot=slot)
    report_draft_save(user=user, slot=slot, content=content)
    return user, content


def test_it_submits_a_draft_once_when_it_is_submitted_four_times_at_once() -> None:
    fiona, content = _focal_point_with_a_draft("fiona", "ISL")
    cookies = _signed_in(fiona)
    data = {**short_form_data(content), "action": "submit"}

    responses = at_once(4, lambda _i: _client(cookies).post(_draft_url("ISL"), data))

    statuses = [getattr(r, "status_code", r) for r in responses]
    assert statuses == [302] * 4, statuses
    (version,) = Submission.objects.filter(state__iso3="ISL", year=2025)
    # Every tab lands on the one version; the draft is consumed, not re-created.
    assert {r["Location"] for r in responses} == {f"/reports/submission/{version.pk}/"}
    assert not Draft.objects.filter(state__iso3="ISL").exists()


def test_it_never_recreates_a_draft_that_a_submit_consumed_meanwhile() -> None:
    fiona, content = _focal_point_with_a_draft("fiona", "ISL")
    cookies = _signed_in(fiona)
    form = short_form_data(content)

    def save_or_submit(index: int) -> Any:
        action = "submit" if index % 2 else "save"
        return _client(cookies).post(_draft_url("ISL"), {**form, "action": action})

    responses = at_once(6, save_or_submit)

    statuses = [getattr(r, "status_code", r) for r in responses]
    assert all(status in (200, 302) for status in statuses), statuses
    assert Submission.objects.filter(state__iso3="ISL", year=2025).count() == 1
    assert not Draft.objects.filter(state__iso3="ISL").exists()


def test_it_neither_deadlocks_nor_duplicates_with_six_writers_per_state() -> None:
    people = {
        iso3: _focal_point_with_a_draft(name, iso3)
        for name, iso3 in (("fiona", "ISL"), ("ines", "IRL"))
    }
    cookies = {iso3: _signed_in(user) for iso3, (user, _content) in people.items()}

    def upload_then_submit(index: int) -> list[int]:
        iso3 = "ISL" if index % 2 else "IRL"
        content = people[iso3][1]
        client = _client(cookies[iso3])
        upload = SimpleUploadedFile(f"{iso3}.json", json.dumps(content).encode())
        statuses = [
            client.post(f"/reports/{iso3}/annual/2025/upload/", {"file": upload}).status_code,
            client.post(
                _draft_url(iso3), {**short_form_data(content), "action": "submit"}
            ).status_code,
        ]
        return statuses

    results = at_once(12, upload_then_submit)

    flat = [s for r in results for s in (r if isinstance(r, list) else [r])]
    assert all(isinstance(s, int) and s < 500 for s in flat), flat
    for iso3 in people:
        numbers = list(
            Submission.objects.filter(state__iso3=iso3, year=2025)
            .order_by("number")
            .values_list("number", flat=True)
        )
        # Each version is a draft submitted once: numbered 1, 2, … with no gap.
        assert numbers and numbers == list(range(1, len(numbers) + 1)), (iso3, numbers)
        # Every file received was logged, accepted or refused.
        assert DraftUpload.objects.filter(state__iso3=iso3).count() == 6


def _lock_the_version_row(_index: int) -> int:
    """Lock the version row from another connection, failing at once if it is held."""
    with transaction.atomic():
        return len(list(RecordVersion.objects.select_for_update(nowait=True).filter(pk=1)))


def test_it_moves_the_record_version_only_after_a_change_to_the_record_commits() -> None:
    before = RecordVersion.current()
    _focal_point_with_a_draft("fiona", "ISL")  # a draft is not the public record
    assert RecordVersion.current() == before

    def edit_and_hold(_index: int) -> str:
        with transaction.atomic():
            Source.objects.create(key="test-source", title="A source entered by staff")
            # Uncommitted: this connection reads its own change, caching nothing...
            assert RecordVersion.current() == ""
            # ...and holds no lock on the version row, so others are not held up.
            (other,) = at_once(1, _lock_the_version_row)
            assert other == 1, other
        return RecordVersion.current()

    (after,) = at_once(1, edit_and_hold)
    assert isinstance(after, str) and after not in ("", before)
    assert RecordVersion.current() == after


def test_it_logs_each_reminder_once_when_runs_overlap() -> None:
    _persona_with_role("fiona", "focal_point", state="ISL")
    as_of = date(2026, 3, 31)  # the annual reports covering 2025 are due on 30 April
    planned = reminders.reminders_preview(as_of=as_of)
    # Iceland's is mailed; the others have no focal point on the record.
    assert {p.outcome for p in planned} == {"would_send", "no_recipient"}

    results = at_once(4, lambda _i: len(reminders.reminders_send(as_of=as_of, dry_run=False)))

    assert all(isinstance(r, int) for r in results), results
    keys = Counter(Reminder.objects.values_list("state__iso3", "kind", "year", "stage", "outcome"))
    assert keys and max(keys.values()) == 1
    assert len(keys) == len(planned)
    assert len(mail.outbox) == 1


def test_it_numbers_reports_entered_on_behalf_at_once_without_a_gap_or_a_clash() -> None:
    isla = _persona_with_role("isla", "isu_staff")
    slot = Slot("ISL", ReportKind.ANNUAL, 2025)

    def enter(index: int) -> int:
        version = report_enter_on_behalf(
            user=isla,
            slot=slot,
            content=minimal_annual_report("ISL", 2025, text=f"copy {index}"),
            received=datetime(2026, 3, 2, tzinfo=UTC),
        )
        return report_publish(user=isla, submission=version).number

    numbers = at_once(5, enter)

    assert sorted(n for n in numbers if isinstance(n, int)) == [1, 2, 3, 4, 5], numbers
