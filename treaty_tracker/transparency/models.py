"""Article 7 transparency reports, as recorded submissions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from treaty_tracker.rules.records import ReportKind
from treaty_tracker.sources.fields import FuzzyDateField, state_field
from treaty_tracker.sources.models import Sourced


class Report(Sourced):
    class Kind(models.TextChoices):
        INITIAL = ReportKind.INITIAL.value, _("Initial (Art. 7(1))")
        ANNUAL = ReportKind.ANNUAL.value, _("Annual update (Art. 7(2))")
        VOLUNTARY = ReportKind.VOLUNTARY.value, _("Voluntary")

    state = state_field("reports", None)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("calendar year covered"), null=True, blank=True)
    period_start = models.DateField(_("reporting period from"), null=True, blank=True)
    period_end = models.DateField(_("reporting period to"), null=True, blank=True)
    submitted = FuzzyDateField(_("submitted"))

    class Meta:
        ordering = ["state__name", "kind", "year"]
        verbose_name = _("Article 7 report")

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.kind} {self.year or ''} ({self.submitted})"

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError(
                {"period_end": _("The reporting period cannot end before it starts.")}
            )


class Draft(models.Model):
    """A focal point's report in progress: saved as typed, valid or not, never lost.

    One per State, kind and year; submitting it creates an immutable :class:`Submission`.
    Not the public record: saving it leaves the record version (and every cache) alone.
    """

    moves_record_version = False

    state = state_field("drafts", None)
    kind = models.CharField(_("kind"), max_length=16, choices=Report.Kind.choices)
    year = models.PositiveSmallIntegerField(_("calendar year covered"), null=True, blank=True)
    form_version = models.CharField(_("form version"), max_length=32)
    content = models.JSONField(_("content"), default=dict)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report draft")
        constraints = [
            # Two partial indexes, since NULL years (initial reports) are distinct in SQL.
            models.UniqueConstraint(fields=["state", "kind", "year"], name="one_draft_per_report"),
            models.UniqueConstraint(
                fields=["state", "kind"],
                condition=models.Q(year__isnull=True),
                name="one_draft_per_yearless_report",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.kind} {self.year or ''} (draft)"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and not kwargs.get("force_insert"):
            # An UPDATE only: a stale copy of a draft submitted (deleted) meanwhile must
            # fail, never insert the draft again.
            kwargs["force_update"] = True
        super().save(*args, **kwargs)


class ImmutableError(Exception):
    """A submitted version was about to be changed."""


class Submission(models.Model):
    """One submitted version of a State's Article 7 report. Its content and date never
    change; an amendment is a new version. Review and publication change only its status,
    with history."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting review")
        RETURNED = "returned", _("Returned to the State with comments")
        PUBLISHED = "published", _("Published")

    FROZEN = (
        "state_id",
        "kind",
        "year",
        "number",
        "form_version",
        "content",
        "period_start",
        "period_end",
        "submitted_at",
        "submitted_by_id",
        "on_behalf",
        "findings",
    )

    state = state_field("submissions", None, on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=16, choices=Report.Kind.choices)
    year = models.PositiveSmallIntegerField(_("calendar year covered"), null=True, blank=True)
    number = models.PositiveSmallIntegerField(_("version"))
    form_version = models.CharField(_("form version"), max_length=32)
    content = models.JSONField(_("content"))
    period_start = models.DateField(_("reporting period from"), null=True, blank=True)
    period_end = models.DateField(_("reporting period to"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf = models.BooleanField(_("entered by the ISU on the State's behalf"), default=False)
    original_file = models.FileField(
        _("original file (as received)"), upload_to="reports/originals/", blank=True
    )
    findings = models.JSONField(_("validation warnings at submission"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    review_comment = models.TextField(_("review comments"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report submission")
        ordering = ["state__name", "kind", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "kind", "year", "number"], name="one_version_number"
            ),
            models.UniqueConstraint(
                fields=["state", "kind", "number"],
                condition=models.Q(year__isnull=True),
                name="one_version_number_yearless",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.kind} {self.year or ''} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = Submission.objects.filter(pk=self.pk).values(*self.FROZEN).first()
            if stored is not None and any(
                stored[name] != getattr(self, name) for name in self.FROZEN
            ):
                raise ImmutableError(f"{self} was submitted and cannot change; amend it instead")
        super().save(*args, **kwargs)

    @property
    def moves_record_version(self) -> bool:
        """Only a published version is read by the public pages (the profile's sections
        fed by reports); one awaiting review or returned is not."""
        return self.status == self.Status.PUBLISHED


class DraftUpload(models.Model):
    """One file a focal point uploaded into a draft (the spreadsheet template or a JSON
    report), kept as received beside the draft it was read into (STYLE rule 6: the raw
    submission beside the normalised rows), with what became of it: ``accepted`` (saved
    into the draft) or ``refused`` (nothing saved), and the problems listed to the user.
    A refused upload's file is kept ``REFUSED_UPLOAD_RETENTION_DAYS``; then
    ``report_upload_purge`` deletes the bytes and stamps ``file_purged_at``, the one change
    a row takes (its name, size and checksum stay: the record that it was received).

    The State, kind and year are kept on the row itself, so the log survives the draft:
    submitting consumes the draft (``draft`` becomes NULL), and a refused upload may come
    before any draft exists. Immutable once written: a log, not a record to correct.
    Not the public record: it leaves the record version alone.
    """

    moves_record_version = False

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted: saved into the draft")
        REFUSED = "refused", _("Refused: nothing saved")

    draft = models.ForeignKey(
        Draft,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploads",
    )
    state = state_field("draft_uploads", None, on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=16, choices=Report.Kind.choices)
    year = models.PositiveSmallIntegerField(_("calendar year covered"), null=True, blank=True)
    file = models.FileField(
        _("file (as received)"), upload_to="reports/uploads/", max_length=255, blank=True
    )
    original_name = models.CharField(_("file name given by the uploader"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type (as declared)"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    problems = models.JSONField(_("problems (as listed to the uploader)"), default=list)
    file_purged_at = models.DateTimeField(
        _("file purged (retention limit of refused uploads)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("draft upload")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.kind} {self.year or ''} upload {self.original_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError(f"{self} is a log entry and cannot change")
        super().save(*args, **kwargs)
