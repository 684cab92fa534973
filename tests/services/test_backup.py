"""Backups an ISU can restore (``treaty_tracker.backup``, ``backup`` and ``restore``): a
record with reference data, users with roles, drafts, a published report with its
original, an upload and staff edits with history survives backup → wipe → restore, row
for row and byte for byte; a damaged archive, another schema or a database that already
holds a record is refused, and nothing changes."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from tests.factories import minimal_annual_report, run_cli
from treaty_tracker.accounts.models import Role
from treaty_tracker.backup import (
    BackupError,
    backup_restore,
    backup_write,
    constraints_checked_now,
    counts_per_model,
)
from treaty_tracker.rules import ReportKind
from treaty_tracker.sources.models import RecordVersion
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State
from treaty_tracker.transparency.models import Draft, DraftUpload, Submission
from treaty_tracker.transparency.services import (
    Slot,
    report_draft_save,
    report_draft_start,
    report_enter_on_behalf,
    report_publish,
    report_upload_record,
)
from treaty_tracker.universalization.models import StateVote

ICELAND_2025 = Slot("ISL", ReportKind.ANNUAL, 2025)
ICELAND_2026 = Slot("ISL", ReportKind.ANNUAL, 2026)
ORIGINAL = b"%PDF-1.4 Iceland's 2025 report as received\n" + bytes(range(256))
UPLOAD = b"PK\x03\x04 not really a workbook"


def _media() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def record(fiona: User, isla: User) -> dict[str, Any]:
    """Everything a real ISU keeps, on top of the reference data."""
    submission = report_enter_on_behalf(
        user=isla,
        slot=ICELAND_2025,
        content=minimal_annual_report("ISL", 2025),
        received=timezone.now(),
        original_file=ContentFile(ORIGINAL, name="iceland-2025.pdf"),
    )
    report_publish(user=isla, submission=submission)
    report_draft_start(user=fiona, slot=ICELAND_2026)
    draft, _ = report_draft_save(
        user=fiona, slot=ICELAND_2026, content=minimal_annual_report("ISL", 2026, text="draft")
    )
    upload = report_upload_record(
        user=fiona,
        slot=ICELAND_2026,
        upload_bytes=UPLOAD,
        name="iceland.xlsx",
        outcome=DraftUpload.Outcome.REFUSED,
        problems=[{"code": "upload.not_xlsx", "message": "not a workbook"}],
        draft=draft,
    )
    vote = save_fact(
        StateVote(state=State.objects.get(iso3="ISL"), year=2019, vote="yes"), user=isla
    )
    vote.vote = "abstain"
    save_fact(vote, user=isla, reason="corrected from the UNGA record")
    return {"submission": submission, "draft": draft, "upload": upload, "vote": vote}


def _history(vote: StateVote) -> list[dict[str, Any]]:
    """Every history row of a staff-edited fact, field by field, times to the microsecond."""
    return list(StateVote.history.filter(id=vote.pk).order_by("history_date").values())


def _wipe() -> None:
    """What a lost server leaves: a freshly migrated, empty database and no files."""
    with constraints_checked_now():
        call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def _stored_token() -> str:
    """The version token as stored (``RecordVersion.current()`` answers "" inside a
    transaction that changed the record, as this test's does)."""
    return RecordVersion.objects.values_list("token", flat=True).get(pk=1)


def test_it_restores_every_row_and_every_file_after_a_wipe(
    record: dict[str, Any], tmp_path: Path
) -> None:
    counts, media, history = counts_per_model(), _media(), _history(record["vote"])
    assert len(media) == 2 and counts["transparency.historicalsubmission"] == 2
    archive = tmp_path / "treaty.tar.gz"
    outcome = backup_write(output=archive)
    assert outcome.missing_files == [] and outcome.archive_sha256
    token = _stored_token()
    _wipe()
    assert not Submission.objects.exists() and not Path(settings.MEDIA_ROOT).exists()

    restored = backup_restore(archive=archive)

    assert restored.replaced == {}
    assert counts_per_model() == counts
    assert _media() == media
    submission = Submission.objects.get(pk=record["submission"].pk)
    for name in ("content", "submitted_at", "status", "original_file", "findings", "number"):
        assert getattr(submission, name) == getattr(record["submission"], name), name
    assert (submission.submitted_by.username, submission.reviewed_by.username) == (
        "isla",
        "isla",
    )
    assert submission.original_file.read() == ORIGINAL
    assert Draft.objects.get(pk=record["draft"].pk).content == record["draft"].content
    upload = DraftUpload.objects.get(pk=record["upload"].pk)
    assert (upload.sha256, upload.problems, upload.draft_id) == (
        record["upload"].sha256,
        record["upload"].problems,
        record["draft"].pk,
    )
    assert upload.file.read() == UPLOAD
    roles = Role.objects.filter(user__username="fiona").values_list("kind", "state__iso3")
    assert list(roles) == [("focal_point", "ISL")]
    assert _history(record["vote"]) == history
    assert [(h["vote"], h["history_change_reason"]) for h in history] == [
        ("yes", ""),
        ("abstain", "corrected from the UNGA record"),
    ]
    assert _stored_token() not in ("", token)  # caches refresh
    new = User.objects.create_user("newcomer")  # the sequences follow the restored rows
    assert new.pk > max(User.objects.exclude(pk=new.pk).values_list("pk", flat=True))


def test_it_refuses_a_database_that_holds_a_record_unless_told(
    record: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "treaty.tar.gz"
    backup_write(output=archive)
    Draft.objects.filter(pk=record["draft"].pk).delete()
    StateVote.objects.filter(pk=record["vote"].pk).delete()
    with pytest.raises(BackupError, match=r"not empty .*pass --yes"):
        backup_restore(archive=archive)
    assert not Draft.objects.filter(pk=record["draft"].pk).exists()

    outcome = backup_restore(archive=archive, replace=True)

    assert outcome.replaced["states.state"] == State.objects.count()
    assert Draft.objects.get(pk=record["draft"].pk).content == record["draft"].content
    assert StateVote.objects.get(pk=record["vote"].pk).vote == "abstain"


def _rewrite(
    archive: Path, target: Path, *, files: dict[str, bytes | None] | None = None, **manifest: Any
) -> Path:
    """A copy of ``archive`` with members replaced (None: left out) and manifest keys
    changed, as damage or a newer version would leave it."""
    files = dict(files or {})
    with tarfile.open(archive, "r:gz") as source:
        members = {m.name: source.extractfile(m).read() for m in source}  # type: ignore[union-attr]
    if manifest:
        document = json.loads(members["manifest.json"])
        for key, change in manifest.items():
            document[key] = change(document[key])
        files.setdefault("manifest.json", json.dumps(document).encode())
    members.update(files)
    with tarfile.open(target, "w:gz") as copy:
        for name, data in members.items():
            if data is not None:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                copy.addfile(info, io.BytesIO(data))
    return target


@pytest.fixture
def archive(record: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / "good.tar.gz"
    backup_write(output=path)
    return path


def _original_name(record: dict[str, Any]) -> str:
    return "media/" + record["submission"].original_file.name


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("flipped", "does not match its SHA-256"),
        ("no_manifest", "has no manifest.json"),
        ("missing_file", "listed in the manifest but missing"),
        ("extra_file", "in the archive but not in the manifest"),
        ("escape", "which no treaty-tracker backup holds"),
        ("truncated", "not a readable .tar.gz"),
        ("newer_schema", "newer schema"),
        ("older_schema", "older schema"),
        ("not_a_backup", "not a treaty-tracker backup"),
    ],
)
def test_it_refuses_a_damaged_or_foreign_archive_and_changes_nothing(
    record: dict[str, Any], archive: Path, tmp_path: Path, damage: str, message: str
) -> None:
    original = _original_name(record)
    bad = tmp_path / "bad.tar.gz"
    if damage == "flipped":
        _rewrite(archive, bad, files={original: ORIGINAL.replace(b"2025", b"2024")})
    elif damage == "no_manifest":
        _rewrite(archive, bad, files={"manifest.json": None})
    elif damage == "missing_file":
        _rewrite(archive, bad, files={original: None})
    elif damage == "extra_file":
        _rewrite(archive, bad, files={"media/reports/planted.pdf": b"x"})
    elif damage == "escape":
        _rewrite(archive, bad, files={"media/../../outside.txt": b"x"})
    elif damage == "truncated":
        data = archive.read_bytes()
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "newer_schema":
        _rewrite(archive, bad, migrations=lambda m: m | {"transparency": ["9999_future"]})
    elif damage == "older_schema":
        _rewrite(archive, bad, migrations=lambda m: m | {"transparency": m["transparency"][:-1]})
    else:
        _rewrite(archive, bad, format=lambda _: "something-else")
    counts = counts_per_model()
    Path(settings.MEDIA_ROOT, record["upload"].file.name).unlink()
    media = _media()
    with pytest.raises(BackupError, match=message):
        backup_restore(archive=bad, replace=True)
    assert counts_per_model() == counts and _media() == media
    assert not (tmp_path.parent / "outside.txt").exists()


def test_it_rolls_the_whole_restore_back_when_a_model_comes_back_short(
    record: dict[str, Any], archive: Path, tmp_path: Path
) -> None:
    bad = _rewrite(archive, tmp_path / "bad.tar.gz", counts=lambda c: c | {"states.state": 10**6})
    Draft.objects.filter(pk=record["draft"].pk).update(content={"typed": "after the backup"})
    with pytest.raises(BackupError, match="does not hold what the manifest counts"):
        backup_restore(archive=bad, replace=True)
    assert Draft.objects.get(pk=record["draft"].pk).content == {"typed": "after the backup"}


def test_it_checks_an_archive_on_a_dry_run_and_writes_nothing(
    record: dict[str, Any], archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Draft.objects.filter(pk=record["draft"].pk).delete()
    outcome = backup_restore(archive=archive, dry_run=True)
    assert outcome.dry_run and outcome.rows == sum(outcome.manifest["counts"].values())
    assert outcome.replaced["states.state"] == State.objects.count()
    assert not Draft.objects.filter(pk=record["draft"].pk).exists()
    code, out, err = run_cli(capsys, "restore", str(archive), "--dry-run")
    assert (code, err) == (0, "") and "is intact" in out and "needs --yes" in out
    assert not Draft.objects.filter(pk=record["draft"].pk).exists()


def test_it_backs_up_and_restores_from_the_command_line(
    record: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "cli.tar.gz"
    code, out, err = run_cli(capsys, "backup", "--output", str(archive), "--dry-run")
    assert (code, err) == (0, "") and "nothing written" in out and not archive.exists()
    code, out, err = run_cli(capsys, "backup", "--output", str(archive))
    assert (code, err) == (0, "") and f"Wrote {archive}" in out and "SHA-256" in out
    _wipe()
    code, out, err = run_cli(capsys, "restore", str(archive), "--dry-run")
    assert (code, err) == (0, "") and "is intact" in out and not Submission.objects.exists()
    code, out, err = run_cli(capsys, "restore", str(archive))
    assert (code, err) == (0, "") and out.startswith("Restored ")
    assert Submission.objects.get(pk=record["submission"].pk).original_file.read() == ORIGINAL


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["backup"], "--output"),
        (["backup", "--output", "{archive}"], "already exists"),
        (["backup", "--output", "{tmp}/no/such/dir/b.tar.gz"], "is not a directory"),
        (["restore", "{tmp}/missing.tar.gz"], "is not a file"),
        (["restore", "{archive}"], "not empty"),
        (["restore", "{tmp}/not-an-archive.txt", "--yes"], "not a readable .tar.gz"),
    ],
)
def test_it_refuses_bad_input_on_the_command_line(
    archive: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    (tmp_path / "not-an-archive.txt").write_text("hello")
    counts = counts_per_model()
    argv = [a.format(archive=archive, tmp=tmp_path) for a in argv]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err
    assert counts_per_model() == counts
