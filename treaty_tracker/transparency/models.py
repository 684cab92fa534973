"""Article 7 transparency reports, as recorded submissions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules.records import ReportKind
from treaty_tracker.sources.fields import FuzzyDateField
from treaty_tracker.sources.models import Sourced


class Report(Sourced):
    class Kind(models.TextChoices):
        INITIAL = ReportKind.INITIAL.value, _("Initial (Art. 7(1))")
        ANNUAL = ReportKind.ANNUAL.value, _("Annual update (Art. 7(2))")
        VOLUNTARY = ReportKind.VOLUNTARY.value, _("Voluntary")

    state = models.ForeignKey("states.State", on_delete=models.CASCADE, related_name="reports")
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
