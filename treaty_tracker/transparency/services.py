"""The one write path for Article 7 reports: pages, the API and commands call these.

A focal point starts a draft (carried forward from the State's last report: the short
form), saves it as often as they like (never lost, valid or not), and submits it; the
submission is an immutable version stamped with its date, which decides on time or late.
The ISU returns it with comments or publishes it; publishing puts the report on the public
record (a ``Report`` fact the rules engine reads). An amendment is a new version. ISU staff
may enter a report received by e-mail on a State's behalf, with the original file.
Every file a focal point uploads into a draft is logged as received, accepted or refused
(``report_upload_record``); a refused upload's file is deleted after the retention limit,
its log row kept (``report_upload_purge``).

Every service checks the caller's role through ``accounts.policy`` and raises
``PermissionDenied`` when refused; blocking validation findings raise ``ReportInvalid``
with every finding, and nothing is written.

Concurrency: every service that writes a State's reports first locks that State's row
(``_lock_state``), then its draft, always in that order, so two requests for one State
(two tabs, a double click, an autosave racing a submit) take turns and never deadlock,
while writes for different States never wait for one another. A draft that another
request has submitted meanwhile is gone: saving or submitting it raises ``DraftGone``
(``AlreadySubmitted`` when a version exists), never re-creates it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from treaty_tracker.accounts import policy
from treaty_tracker.rules import Finding, FuzzyDate, ObligationStatus, ReportKind
from treaty_tracker.rules.reporting import (
    DefinitionError,
    Period,
    ReportContext,
    carry_forward,
    is_blocking,
    load_form_definition,
    validate_report,
)
from treaty_tracker.sources.models import Source
from treaty_tracker.sources.text import clean_text
from treaty_tracker.states.models import State
from treaty_tracker.states.selectors import register
from treaty_tracker.transparency.models import Draft, DraftUpload, Report, Submission

CURRENT_FORM_VERSION = "ccm-2010"
ONLINE_SOURCE = "article7-online"


class ReportInvalid(Exception):
    """The content has errors that block submission; ``findings`` lists every one."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("; ".join(f.message for f in findings if f.severity.value == "error"))


class DraftGone(Exception):
    """The draft being saved or submitted no longer exists: another request submitted it
    (or it was never started). Nothing was written."""

    def __init__(self, slot: Slot, latest: Submission | None = None) -> None:
        self.slot = slot
        self.latest = latest
        super().__init__(f"{slot} has no draft")


class AlreadySubmitted(DraftGone):
    """The draft was submitted meanwhile (``latest`` is the newest version); submitting
    it again would make a second, identical version."""


@dataclass(frozen=True)
class Slot:
    """Which report: a State's initial report, or its annual / voluntary report covering a
    calendar year."""

    iso3: str
    kind: ReportKind
    year: int | None

    def __post_init__(self) -> None:
        if (self.kind is ReportKind.INITIAL) != (self.year is None):
            raise ValueError(_("An initial report has no year; annual and voluntary ones do."))

    @property
    def period(self) -> Period | None:
        return Period.calendar_year(self.year) if self.year is not None else None

    def filter(self) -> dict[str, Any]:
        return {"state__iso3": self.iso3, "kind": self.kind.value, "year": self.year}


def _require_drafter(user: AbstractBaseUser, slot: Slot, today: date | None) -> None:
    if not policy.can_draft_report(user, slot.iso3, today=today):
        raise PermissionDenied(_("Only the focal point of this State may draft its reports."))


def _lock_state(iso3: str) -> State:
    """Lock the State's row for the rest of the transaction: the one lock every write to a
    State's reports takes first. ``no_key``: rows that merely point at the State (facts
    entered meanwhile) are not held up. SQLite has no row locks; it runs one write
    transaction at a time (``transaction_mode`` IMMEDIATE in the settings)."""
    return State.objects.select_for_update(no_key=True).get(iso3=iso3)


def _lock(slot: Slot) -> tuple[State, Draft | None]:
    """Lock the slot's State, then its draft (read under the lock, so never stale): the
    order every write to a State's reports takes."""
    state = _lock_state(slot.iso3)
    return state, Draft.objects.select_for_update().filter(**slot.filter()).first()


def missing_draft(slot: Slot) -> DraftGone:
    """Why the slot has no draft: ``AlreadySubmitted`` with its newest version, or plain
    ``DraftGone`` when it has none (never started, or discarded)."""
    latest = Submission.objects.filter(**slot.filter()).order_by("-number").first()
    return DraftGone(slot) if latest is None else AlreadySubmitted(slot, latest)


def _previous_content(slot: Slot) -> dict[str, Any] | None:
    """The State's last submitted report, of any kind: what the short form starts from."""
    last = (
        Submission.objects.filter(state__iso3=slot.iso3)
        .exclude(kind=slot.kind.value, year=slot.year)
        .order_by("-submitted_at")
        .first()
    )
    return None if last is None else dict(last.content)


def _context(slot: Slot, today: date) -> ReportContext:
    result = register().state(slot.iso3, today)
    # Obligations still to fulfil (a completed Art. 3 leaves Form B free to be "not
    # applicable"); Art. 5 has no completion.
    open_articles = {
        o.article for o in result.obligations if o.status is not ObligationStatus.COMPLETED
    }
    if result.victim_assistance:
        open_articles.add(register().treaty.victim_assistance_article)
    return ReportContext(
        due_year=slot.year + 1 if slot.kind is ReportKind.ANNUAL and slot.year else None,
        obligations=frozenset(open_articles),
        previous=_previous_content(slot),
        state=slot.iso3,
    )


def _blank(slot: Slot) -> dict[str, Any]:
    content: dict[str, Any] = {
        "form_version": CURRENT_FORM_VERSION,
        "kind": slot.kind.value,
        "state": slot.iso3,
        "forms": {},
    }
    if slot.period is not None:
        content["period"] = slot.period.as_content()
    return content


def report_findings(
    *, slot: Slot, content: dict[str, Any], today: date | None = None
) -> list[Finding]:
    """Every finding for ``content`` as the report in ``slot`` (no permission needed: it
    reads only what the caller passes)."""
    try:
        definition = load_form_definition(str(content.get("form_version")))
    except DefinitionError:
        # A version this installation does not ship: check against the current one, whose
        # schema layer reports the version (schema.version) rather than failing.
        definition = load_form_definition(CURRENT_FORM_VERSION)
    return validate_report(content, definition, context=_context(slot, today or date.today()))


@transaction.atomic
def report_draft_start(*, user: AbstractBaseUser, slot: Slot, today: date | None = None) -> Draft:
    """The State's draft for ``slot``: the existing one, or a new one carried forward from
    its last report (every form "unchanged since" that report), or a blank one."""
    _require_drafter(user, slot, today)
    state, existing = _lock(slot)
    if existing is not None:
        return existing
    previous = _previous_content(slot)
    if previous is not None and slot.period is not None:
        content = carry_forward(previous, kind=slot.kind, period=slot.period)
        content["form_version"] = CURRENT_FORM_VERSION
        content["state"] = slot.iso3
    else:
        content = _blank(slot)
    return Draft.objects.create(
        state=state,
        kind=slot.kind.value,
        year=slot.year,
        form_version=CURRENT_FORM_VERSION,
        content=content,
        updated_by=user,
    )


@transaction.atomic
def report_draft_save(
    *, user: AbstractBaseUser, slot: Slot, content: dict[str, Any], today: date | None = None
) -> tuple[Draft, list[Finding]]:
    """Save the draft as given, whatever its problems (autosave never loses work), and
    return it with its findings to show. The draft must exist (``report_draft_start``):
    one submitted meanwhile raises ``DraftGone`` and is not re-created."""
    _require_drafter(user, slot, today)
    _state, draft = _lock(slot)
    if draft is None:
        raise missing_draft(slot)
    _write(draft, content, user)
    return draft, report_findings(slot=slot, content=content, today=today)


def _write(draft: Draft, content: dict[str, Any], user: AbstractBaseUser) -> None:
    draft.content = content
    draft.form_version = str(content.get("form_version") or CURRENT_FORM_VERSION)
    draft.updated_by = user  # type: ignore[assignment]
    draft.save()


# Suffixes kept on a stored upload's file name; anything else is stored as ".bin".
_UPLOAD_SUFFIXES = {".xlsx", ".json"}


@transaction.atomic
def report_upload_record(
    *,
    user: AbstractBaseUser,
    slot: Slot,
    upload_bytes: bytes | None,
    name: str,
    outcome: DraftUpload.Outcome,
    problems: Iterable[Mapping[str, Any]],
    draft: Draft | None,
    size: int | None = None,
    content_type: str = "",
    today: date | None = None,
) -> DraftUpload:
    """Log one file uploaded into the draft of ``slot``, accepted or refused, with the
    file itself (``upload_bytes``, stored as received under its SHA-256) and the
    ``problems`` as listed to the uploader.

    ``draft`` is the draft it was read into (or meant for), checked to be the slot's;
    the log links the slot's draft as it stands under the State's lock, if it still has
    one (a file refused unread starts no draft; a draft submitted meanwhile is gone).
    ``upload_bytes`` is None when the file was refused unread (over the size limit): then
    only its declared ``size`` is kept, no file and no checksum. Only the State's focal
    point may upload, so only theirs are logged: anyone else is refused
    (``PermissionDenied``) and nothing is written.
    """
    _require_drafter(user, slot, today)
    if draft is not None and (draft.state.iso3, draft.kind, draft.year) != (
        slot.iso3,
        slot.kind.value,
        slot.year,
    ):
        raise ValueError(f"{draft} is not the draft of {slot}")
    if upload_bytes is None and size is None:
        raise ValueError("an upload without its bytes needs its declared size")
    # Read again under the lock: a draft submitted meanwhile is gone, and the log keeps
    # the upload without it (never a reference to a deleted row).
    state, draft = _lock(slot)
    sha256 = hashlib.sha256(upload_bytes).hexdigest() if upload_bytes is not None else ""
    upload = DraftUpload(
        draft=draft,
        state=state,
        kind=slot.kind.value,
        year=slot.year,
        # Column limits hold on PostgreSQL too: a browser sends whatever name it likes
        # (even a NUL, which PostgreSQL refuses in text).
        original_name=clean_text(name)[-255:],
        sha256=sha256,
        size=len(upload_bytes) if upload_bytes is not None else size,
        content_type=clean_text(content_type)[:100],
        uploaded_by=user,
        outcome=outcome,
        problems=[dict(problem) for problem in problems],
    )
    if upload_bytes is not None:
        # Stored under its checksum, not the uploader's name (which may be long or odd).
        suffix = PurePath(name).suffix.lower()
        stored = f"{sha256}{suffix if suffix in _UPLOAD_SUFFIXES else '.bin'}"
        upload.file.save(stored, ContentFile(upload_bytes), save=False)
    upload.save()
    return upload


def report_uploads_to_purge(
    *, now: datetime | None = None, days: int | None = None
) -> list[DraftUpload]:
    """Refused uploads whose file is older than the retention limit (``days``, by default
    ``REFUSED_UPLOAD_RETENTION_DAYS``) and still stored: what ``report_upload_purge``
    would purge, oldest first. Accepted uploads and submissions' originals never are."""
    days = settings.REFUSED_UPLOAD_RETENTION_DAYS if days is None else days
    if days < 1:
        raise ValueError(f"the retention limit must be 1 day or more, not {days}")
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return list(
        DraftUpload.objects.filter(
            outcome=DraftUpload.Outcome.REFUSED,
            uploaded_at__lt=cutoff,
            file_purged_at__isnull=True,
        )
        .exclude(file="")
        .select_related("state")
        .order_by("uploaded_at", "pk")
    )


@transaction.atomic
def report_upload_purge(
    *, now: datetime | None = None, days: int | None = None
) -> list[DraftUpload]:
    """Delete the files of refused uploads older than the retention limit and stamp each
    row ``file_purged_at``: the log that the file was received and refused stays (name,
    size, checksum, problems), only the bytes go. Returns the purged rows.

    The files are deleted once the transaction commits, so a rolled-back purge loses no
    file; a stored name another row still uses (an accepted upload, a submission's
    original) is left on disk. No user: only the administrator's command
    (``treaty-tracker uploads purge``) calls it (docs/decisions.md, decision 11)."""
    now = now or timezone.now()
    purged = report_uploads_to_purge(now=now, days=days)
    for upload in purged:
        name = upload.file.name
        # A log row refuses changes (DraftUpload.save); this is the one it takes.
        DraftUpload.objects.filter(pk=upload.pk).update(file="", file_purged_at=now)
        upload.file_purged_at = now
        still_used = (
            DraftUpload.objects.filter(file=name).exists()
            or Submission.objects.filter(original_file=name).exists()
        )
        if not still_used:
            storage = upload.file.storage
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return purged


def _stored(finding: Finding) -> dict[str, Any]:
    """A finding as kept with the version: with its params, so a page can word it again
    in another language."""
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "field": finding.field,
        "message": finding.message,
        "params": {k: str(v) for k, v in finding.params.items()},
    }


def _next_number(slot: Slot) -> int:
    latest = Submission.objects.filter(**slot.filter()).aggregate(n=Max("number"))["n"]
    return (latest or 0) + 1


def _create_submission(
    *,
    user: AbstractBaseUser,
    slot: Slot,
    state: State,
    content: dict[str, Any],
    findings: list[Finding],
    submitted_at: datetime,
    on_behalf: bool,
    original_file: File[Any] | None,
) -> Submission:
    """A new version of the slot's report; the caller holds the State's lock (so the
    version number is not taken meanwhile) and has checked ``findings``."""
    period = Period.from_content(content)
    submission = Submission(
        state=state,
        kind=slot.kind.value,
        year=slot.year,
        number=_next_number(slot),
        form_version=str(content.get("form_version")),
        content=content,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        submitted_at=submitted_at,
        submitted_by=user,
        on_behalf=on_behalf,
        findings=[_stored(f) for f in findings],
    )
    if original_file is not None:
        submission.original_file.save(original_file.name or "original", original_file, save=False)
    submission.save()
    return submission


def report_submit(
    *,
    user: AbstractBaseUser,
    slot: Slot,
    content: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Submission:
    """Submit the State's draft as a new immutable version (an amendment when a version
    exists). Errors block it; warnings are kept with it. The draft is consumed.

    With ``content``, the draft is saved with it first, in the same transaction that
    locks the draft: the save is kept even when errors block the submission
    (``ReportInvalid``), and a draft another request submitted meanwhile raises
    ``AlreadySubmitted`` (never a second, identical version)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not policy.can_submit_report(user, slot.iso3, today=today):
        raise PermissionDenied(_("Only the focal point of this State may submit its reports."))
    with transaction.atomic():
        state, draft = _lock(slot)
        if draft is None:
            raise missing_draft(slot)
        if content is not None:
            _write(draft, content, user)
        findings = report_findings(slot=slot, content=dict(draft.content), today=today)
        submission = None
        if not is_blocking(findings):
            submission = _create_submission(
                user=user,
                slot=slot,
                state=state,
                content=dict(draft.content),
                findings=findings,
                submitted_at=now,
                on_behalf=False,
                original_file=None,
            )
            draft.delete()
    # Raised after the block, so the saved draft is committed with its errors listed.
    if submission is None:
        raise ReportInvalid(findings)
    return submission


@transaction.atomic
def report_enter_on_behalf(
    *,
    user: AbstractBaseUser,
    slot: Slot,
    content: dict[str, Any],
    received: datetime,
    original_file: File[Any] | None = None,
) -> Submission:
    """ISU staff enter a report a State sent by e-mail: dated when it was received, with
    the original file attached."""
    if not policy.can_enter_on_behalf(user):
        raise PermissionDenied(_("Only ISU staff may enter a report on a State's behalf."))
    findings = report_findings(slot=slot, content=content, today=timezone.localdate(received))
    if is_blocking(findings):
        raise ReportInvalid(findings)
    return _create_submission(
        user=user,
        slot=slot,
        state=_lock_state(slot.iso3),
        content=content,
        findings=findings,
        submitted_at=received,
        on_behalf=True,
        original_file=original_file,
    )


@transaction.atomic
def report_return(*, user: AbstractBaseUser, submission: Submission, comment: str) -> Submission:
    """The ISU sends a version back to the State with comments; the State amends it."""
    if not policy.can_review_reports(user):
        raise PermissionDenied(_("Only ISU staff may review reports."))
    _lock_state(submission.state.iso3)
    submission.refresh_from_db(fields=["status"])
    if submission.status == Submission.Status.PUBLISHED:
        raise PermissionDenied(_("A published version cannot be returned; the State amends it."))
    if not comment.strip():
        raise ReportInvalid([])
    submission.status = Submission.Status.RETURNED
    submission.review_comment = comment
    submission.reviewed_by = user  # type: ignore[assignment]
    submission.reviewed_at = timezone.now()
    submission.save()
    return submission


@transaction.atomic
def report_publish(*, user: AbstractBaseUser, submission: Submission) -> Submission:
    """The ISU publishes a version: the public sees it, and the record holds the report as
    submitted on the date of its first version (which decides on time or late)."""
    if not policy.can_publish_reports(user):
        raise PermissionDenied(_("Only ISU staff may publish reports."))
    _lock_state(submission.state.iso3)
    submission.status = Submission.Status.PUBLISHED
    submission.reviewed_by = user  # type: ignore[assignment]
    submission.reviewed_at = timezone.now()
    submission.save()
    first = (
        Submission.objects.filter(
            state=submission.state, kind=submission.kind, year=submission.year
        )
        .order_by("submitted_at")
        .first()
    )
    assert first is not None
    source, _created = Source.objects.get_or_create(
        key=ONLINE_SOURCE,
        defaults={"title": "Article 7 reports submitted through treaty-tracker"},
    )
    key = f"online:{submission.state.iso3}:{submission.kind}:{submission.year or ''}"
    Report.objects.update_or_create(
        reference_key=key,
        defaults={
            "state": submission.state,
            "kind": submission.kind,
            "year": submission.year,
            "period_start": submission.period_start,
            "period_end": submission.period_end,
            "submitted": FuzzyDate.exact(timezone.localdate(first.submitted_at)),
            "source": source,
            # Short (paragraph holds 32 characters): first version, and the one published.
            "paragraph": f"v{first.number}, published v{submission.number}",
        },
    )
    return submission
