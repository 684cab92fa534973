"""Meetings of States Parties (Art. 11) and Review Conferences (Art. 12)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.sources.fields import FuzzyDateField, state_field
from treaty_tracker.sources.models import Sourced


class Meeting(Sourced):
    class Kind(models.TextChoices):
        MSP = "msp", _("Meeting of States Parties")
        RC = "rc", _("Review Conference")

    code = models.CharField(_("code"), max_length=16, unique=True)  # 9MSP, 2RC
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=120)
    opens = FuzzyDateField(_("opens"))
    closes = FuzzyDateField(_("closes"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    president = state_field(
        "presidencies", _("presidency"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["opens", "code"]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return self.code
