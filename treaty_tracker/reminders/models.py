"""The reminder log: every Article 7 report reminder sent, found with nobody to send it
to, or refused by the mail server. One row per reminder and outcome ("never sent twice",
"logged once") is the database's rule, not only the code's: two runs at once cannot
duplicate it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import ReportKind
from treaty_tracker.sources.fields import state_field


class Stage(models.TextChoices):
    """The codes of ``planning.STAGES``, with labels (a test keeps the two equal)."""

    UPCOMING = "upcoming", _("Upcoming")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    OVERDUE_ESCALATED = "overdue_escalated", _("Overdue, escalated to the ISU")


class Reminder(models.Model):
    """One reminder about one report of one State at one stage of the schedule."""

    # What was sent to whom is not the public record (``sources.signals``).
    moves_record_version = False

    class Kind(models.TextChoices):
        INITIAL = ReportKind.INITIAL.value, _("Initial (Art. 7(1))")
        ANNUAL = ReportKind.ANNUAL.value, _("Annual update (Art. 7(2))")

    Stage = Stage

    class Outcome(models.TextChoices):
        SENT = "sent", _("Sent")
        NO_RECIPIENT = "no_recipient", _("Not sent: no focal point with an e-mail address")
        FAILED = "failed", _("Not sent: the mail server refused it")

    state = state_field("+", on_delete=models.PROTECT)
    kind = models.CharField(_("report"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        _("calendar year covered"), null=True, blank=True, help_text=_("Empty: initial report.")
    )
    due = models.DateField(_("due date"))
    stage = models.CharField(_("stage"), max_length=24, choices=Stage.choices)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    recipients = models.JSONField(
        _("recipients"), default=dict, help_text=_('{"to": [...], "cc": [...]}')
    )
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"), blank=True)
    error = models.TextField(_("error"), blank=True)
    as_of = models.DateField(_("as of"), help_text=_("The date the schedule was computed for."))
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: the scheduled job."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reminder")
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="reminder_stage_known"
            ),
            models.CheckConstraint(
                condition=(Q(outcome="sent") & Q(sent_at__isnull=False))
                | (~Q(outcome="sent") & Q(sent_at__isnull=True)),
                name="reminder_sent_at_if_and_only_if_sent",
            ),
            models.CheckConstraint(
                condition=Q(kind="initial", year__isnull=True)
                | Q(kind="annual", year__isnull=False),
                name="reminder_year_if_and_only_if_annual",
            ),
            # One row per reminder and outcome: never sent twice, and two runs at once
            # log "no recipient" or "failed" once. NULLs never collide in a unique
            # index, so the initial report (no year) gets its own constraint.
            models.UniqueConstraint(
                fields=["state", "kind", "year", "stage", "outcome"],
                condition=Q(year__isnull=False),
                name="reminder_once_per_annual_report_stage_and_outcome",
            ),
            models.UniqueConstraint(
                fields=["state", "kind", "stage", "outcome"],
                condition=Q(year__isnull=True),
                name="reminder_once_per_initial_report_stage_and_outcome",
            ),
        ]

    def __str__(self) -> str:
        report = self.kind if self.year is None else f"{self.kind} {self.year}"
        return f"{self.state.iso3} {report} {self.stage}: {self.outcome}"
