"""Editions of the generated review and the staff's narrative in each.

Figures are never stored: an edition holds its period and the text staff write where the
record cannot speak (challenges, judgements). The document is generated from the record
each time it is asked for, so it always shows the record as it now stands.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Edition(models.Model):
    """One review: its period, symbol and title; staff narrative hangs from it."""

    title = models.CharField(
        _("title"),
        max_length=200,
        default="Review of the operation and status of the Convention on Cluster Munitions",
    )
    symbol = models.CharField(_("document symbol"), max_length=64, blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("review edition")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="edition_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol or self.title} ({self.period_start} – {self.period_end})"


class Narrative(models.Model):
    """Staff text for one part of one section of an edition (e.g. section IV, part C:
    the challenges). Paragraphs are separated by a blank line; each becomes a numbered
    paragraph of the document. Every change is kept (who, when, the text before)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="narratives")
    section = models.CharField(_("section"), max_length=32)  # a key of review.sections
    part = models.CharField(_("part"), max_length=1, default="C")  # A, B or C
    text = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["edition", "section", "part"]
        verbose_name = _("review narrative")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "section", "part"], name="one_narrative_per_part"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition}: {self.section} {self.part}"

    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.text.split("\n\n") if p.strip()]
