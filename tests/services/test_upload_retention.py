"""The retention limit of refused uploads (``report_upload_purge``, ``uploads purge``): past
``REFUSED_UPLOAD_RETENTION_DAYS`` a refused upload's file goes and its log row stays,
stamped; accepted uploads and submissions' originals are never purged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tests.factories import minimal_annual_report, run_cli
from treaty_tracker.rules import ReportKind
from treaty_tracker.transparency.models import DraftUpload
from treaty_tracker.transparency.services import (
    Slot,
    report_enter_on_behalf,
    report_upload_purge,
    report_upload_record,
)

SLOT = Slot("ISL", ReportKind.ANNUAL, 2025)
PROBLEM = {"where": "upload", "code": "upload.not_xlsx", "severity": "refusal", "message": "no"}


def _upload(
    user: User,
    data: bytes | None,
    outcome: DraftUpload.Outcome = DraftUpload.Outcome.REFUSED,
    age_days: int = 0,
) -> DraftUpload:
    upload = report_upload_record(
        user=user,
        slot=SLOT,
        upload_bytes=data,
        name="report.xlsx",
        outcome=outcome,
        problems=[PROBLEM] if outcome == DraftUpload.Outcome.REFUSED else [],
        draft=None,
        size=None if data is not None else 10**8,
    )
    if age_days:
        # Received long ago: the log row is immutable, so age it behind its back.
        uploaded_at = timezone.now() - timedelta(days=age_days)
        DraftUpload.objects.filter(pk=upload.pk).update(uploaded_at=uploaded_at)
        upload.refresh_from_db()
    return upload


def _path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


Callbacks = Callable[..., Any]


def test_it_purges_a_refused_uploads_file_and_keeps_its_log_row(
    fiona: User, django_capture_on_commit_callbacks: Callbacks
) -> None:
    upload = _upload(fiona, b"not a workbook")
    stored = _path(upload.file.name)
    assert stored.exists()
    now = upload.uploaded_at + timedelta(days=91)
    with django_capture_on_commit_callbacks(execute=True):
        purged = report_upload_purge(now=now, days=90)
    assert [u.pk for u in purged] == [upload.pk]
    assert not stored.exists()
    kept = DraftUpload.objects.get(pk=upload.pk)
    assert (kept.file.name, kept.file_purged_at) == ("", now)
    assert (kept.outcome, kept.original_name, kept.size) == ("refused", "report.xlsx", 14)
    assert kept.sha256 == upload.sha256 and kept.problems == [PROBLEM]


def test_it_keeps_a_refused_upload_within_the_limit(
    fiona: User, django_capture_on_commit_callbacks: Callbacks
) -> None:
    upload = _upload(fiona, b"not a workbook")
    with django_capture_on_commit_callbacks(execute=True):
        purged = report_upload_purge(now=upload.uploaded_at + timedelta(days=89), days=90)
    assert purged == []
    assert _path(upload.file.name).exists()
    assert DraftUpload.objects.get(pk=upload.pk).file_purged_at is None


def test_it_uses_the_setting_as_the_default_limit(
    fiona: User, settings: Any, django_capture_on_commit_callbacks: Callbacks
) -> None:
    settings.REFUSED_UPLOAD_RETENTION_DAYS = 7
    upload = _upload(fiona, b"not a workbook")
    with django_capture_on_commit_callbacks(execute=True):
        assert report_upload_purge(now=upload.uploaded_at + timedelta(days=6)) == []
        assert len(report_upload_purge(now=upload.uploaded_at + timedelta(days=8))) == 1


def test_it_never_purges_accepted_uploads_or_submitted_originals(
    fiona: User, isla: User, django_capture_on_commit_callbacks: Callbacks
) -> None:
    accepted = _upload(fiona, b"{}", outcome=DraftUpload.Outcome.ACCEPTED, age_days=400)
    submission = report_enter_on_behalf(
        user=isla,
        slot=SLOT,
        content=minimal_annual_report("ISL", 2025),
        received=timezone.now() - timedelta(days=400),
        original_file=ContentFile(b"%PDF-1.4 as received", name="iceland-2025.pdf"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert report_upload_purge(now=timezone.now() + timedelta(days=400), days=1) == []
    assert _path(accepted.file.name).read_bytes() == b"{}"
    assert _path(submission.original_file.name).read_bytes() == b"%PDF-1.4 as received"
    assert DraftUpload.objects.get(pk=accepted.pk).file_purged_at is None


def test_it_leaves_a_refused_upload_without_a_file_unstamped(
    fiona: User, django_capture_on_commit_callbacks: Callbacks
) -> None:
    unread = _upload(fiona, None, age_days=400)  # over the size limit: never stored
    with django_capture_on_commit_callbacks(execute=True):
        assert report_upload_purge(days=1) == []
    assert DraftUpload.objects.get(pk=unread.pk).file_purged_at is None


def test_it_purges_a_file_once(fiona: User, django_capture_on_commit_callbacks: Callbacks) -> None:
    upload = _upload(fiona, b"not a workbook", age_days=100)
    with django_capture_on_commit_callbacks(execute=True):
        assert len(report_upload_purge(days=90)) == 1
    first = DraftUpload.objects.get(pk=upload.pk).file_purged_at
    with django_capture_on_commit_callbacks(execute=True):
        assert report_upload_purge(days=90) == []
    assert DraftUpload.objects.get(pk=upload.pk).file_purged_at == first


def test_it_deletes_no_file_when_the_purge_is_rolled_back(
    fiona: User, django_capture_on_commit_callbacks: Callbacks
) -> None:
    upload = _upload(fiona, b"not a workbook", age_days=100)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        report_upload_purge(days=90)
        transaction.set_rollback(True)
    assert _path(upload.file.name).exists()
    assert DraftUpload.objects.get(pk=upload.pk).file_purged_at is None


def test_it_keeps_a_stored_file_another_row_still_names(
    fiona: User, django_capture_on_commit_callbacks: Callbacks
) -> None:
    refused = _upload(fiona, b"not a workbook", age_days=100)
    accepted = _upload(fiona, b"{}", outcome=DraftUpload.Outcome.ACCEPTED)
    DraftUpload.objects.filter(pk=accepted.pk).update(file=refused.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        assert len(report_upload_purge(days=90)) == 1
    assert _path(refused.file.name).exists()


def test_it_refuses_a_limit_under_one_day(db: None) -> None:
    with pytest.raises(ValueError, match="1 day or more"):
        report_upload_purge(days=0)


def test_it_lists_without_deleting_on_a_dry_run(
    fiona: User, capsys: pytest.CaptureFixture[str]
) -> None:
    upload = _upload(fiona, b"not a workbook", age_days=100)
    code, out, err = run_cli(capsys, "uploads", "purge", "--dry-run", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["retention_days"], data["dry_run"]) == (90, True)
    assert [(p["id"], p["state"], p["sha256"]) for p in data["purged"]] == [
        (upload.pk, "ISL", upload.sha256)
    ]
    assert _path(upload.file.name).exists()
    assert DraftUpload.objects.get(pk=upload.pk).file_purged_at is None


def test_it_purges_from_the_command_line(
    fiona: User, capsys: pytest.CaptureFixture[str], django_capture_on_commit_callbacks: Callbacks
) -> None:
    old = _upload(fiona, b"not a workbook", age_days=100)
    recent = _upload(fiona, b"not a workbook either", age_days=10)
    with django_capture_on_commit_callbacks(execute=True):
        code, out, _ = run_cli(capsys, "uploads", "purge")
    assert code == 0
    assert "1 refused upload file(s) older than 90 days purged." in out
    assert "report.xlsx" in out
    assert not _path(old.file.name).exists() and _path(recent.file.name).exists()
    assert DraftUpload.objects.get(pk=old.pk).file_purged_at is not None


def test_it_refuses_the_command_without_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "uploads")
    assert (code, out) == (2, "")
    assert "choose an action: uploads purge" in err


@pytest.mark.parametrize(("value", "message"), [("0", "must be 1 or more"), ("soon", "integer")])
def test_it_refuses_a_bad_retention_setting_at_start_up(value: str, message: str) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-m", "treaty_tracker", "check"],
        env={**environment, "REFUSED_UPLOAD_RETENTION_DAYS": value},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "REFUSED_UPLOAD_RETENTION_DAYS=" in result.stderr and message in result.stderr
