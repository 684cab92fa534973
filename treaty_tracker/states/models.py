"""States and their treaty actions (signature, consent to be bound, Art. 18, withdrawal)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from treaty_tracker.sources.fields import FuzzyDateField, state_field
from treaty_tracker.sources.models import Sourced


class State(models.Model):
    """A State, identified by its ISO 3166-1 alpha-3 code, with its UN name and M49 region."""

    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    name = models.CharField(_("UN name"), max_length=120)
    region = models.CharField(_("region"), max_length=32)
    subregion = models.CharField(_("sub-region"), max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("State")

    def __str__(self) -> str:
        return self.name


class TreatyAction(Sourced):
    """One act of a State towards the treaty, dated as precisely as the source allows."""

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("Signature")
        RATIFICATION = "ratification", _("Ratification")
        ACCEPTANCE = "acceptance", _("Acceptance")
        APPROVAL = "approval", _("Approval")
        ACCESSION = "accession", _("Accession")
        PROVISIONAL_APPLICATION = "provisional_application", _("Provisional application (Art. 18)")
        WITHDRAWAL_NOTICE = "withdrawal_notice", _("Withdrawal notice received (Art. 20)")
        WITHDRAWAL_EFFECT = "withdrawal_effect", _("Withdrawal takes effect (Art. 20)")

    CONSENT = (Kind.RATIFICATION, Kind.ACCEPTANCE, Kind.APPROVAL, Kind.ACCESSION)

    state = state_field("actions", None)
    kind = models.CharField(_("action"), max_length=32, choices=Kind.choices)
    date = FuzzyDateField(_("date"))

    class Meta:
        ordering = ["state__name", "kind"]
        verbose_name = _("treaty action")
        constraints = [
            models.UniqueConstraint(fields=["state", "kind"], name="one_action_of_each_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.kind} {self.date}"
