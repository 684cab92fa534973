"""Universalization: UN General Assembly votes on the annual CCM resolution."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.sources.models import Sourced


class Vote(Sourced):
    """Totals of a UNGA vote on "Implementation of the Convention on Cluster Munitions"."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    yes = models.PositiveSmallIntegerField(_("yes"))
    no = models.PositiveSmallIntegerField(_("no"))
    abstain = models.PositiveSmallIntegerField(_("abstentions"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("UNGA vote")
