"""Obligations under Articles 3, 4 and 5, extension requests and decisions, and Art. 9
national implementation measures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules.records import Basis
from treaty_tracker.rules.records import Decision as RuleDecision
from treaty_tracker.sources.fields import FuzzyDateField
from treaty_tracker.sources.models import Sourced


class Obligation(Sourced):
    class Article(models.TextChoices):
        STOCKPILE = "3", _("Article 3: stockpile destruction")
        CLEARANCE = "4", _("Article 4: clearance and risk reduction education")
        VICTIM_ASSISTANCE = "5", _("Article 5: victim assistance")

    class BasisChoice(models.TextChoices):
        AT_ENTRY_INTO_FORCE = (
            Basis.AT_ENTRY_INTO_FORCE.value,
            _("Held or present at entry into force"),
        )
        AFTER_ENTRY_INTO_FORCE = (
            Basis.AFTER_ENTRY_INTO_FORCE.value,
            _("Contamination after entry into force (Art. 4(1)(b))"),
        )
        NOT_KNOWN = Basis.NOT_KNOWN.value, _("Not known whether the obligation exists")

    state = models.ForeignKey("states.State", on_delete=models.CASCADE, related_name="obligations")
    article = models.CharField(_("article"), max_length=2, choices=Article.choices)
    basis = models.CharField(
        _("basis"),
        max_length=32,
        choices=BasisChoice.choices,
        default=BasisChoice.AT_ENTRY_INTO_FORCE,
    )
    start = FuzzyDateField(_("end of active hostilities (Art. 4(1)(b))"), null=True, blank=True)
    recorded = FuzzyDateField(_("known to exist since"), null=True, blank=True)
    ended = FuzzyDateField(_("taken off the list"), null=True, blank=True)
    completed = FuzzyDateField(_("completed / compliance declared"), null=True, blank=True)

    class Meta:
        ordering = ["article", "state__name"]
        verbose_name = _("obligation")
        constraints = [
            models.UniqueConstraint(fields=["state", "article"], name="one_obligation_per_article"),
        ]

    def __str__(self) -> str:
        return f"{self.state.iso3} Art. {self.article}"


class ExtensionRequest(Sourced):
    """A request to extend an Art. 3 or Art. 4 deadline, as submitted."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="extensions")
    months_requested = models.PositiveSmallIntegerField(
        _("months requested"), null=True, blank=True
    )
    submitted = FuzzyDateField(_("submitted"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("considered at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="extension_requests",
    )

    class Meta:
        ordering = ["obligation", "submitted"]
        verbose_name = _("extension request")

    def __str__(self) -> str:
        return f"{self.obligation} extension ({self.meeting or '?'})"


class ExtensionDecision(Sourced):
    """The meeting's decision on a request (Art. 3(5), 4(6)); sourced on its own."""

    class Outcome(models.TextChoices):
        GRANTED = RuleDecision.GRANTED.value, _("Granted")
        REFUSED = RuleDecision.REFUSED.value, _("Refused")
        WITHDRAWN = RuleDecision.WITHDRAWN.value, _("Withdrawn")
        NOT_KNOWN = RuleDecision.NOT_KNOWN.value, _("Outcome not known")

    request = models.OneToOneField(
        ExtensionRequest, on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    months_granted = models.PositiveSmallIntegerField(_("months granted"), null=True, blank=True)
    decided = FuzzyDateField(_("decided"))
    stated_new_deadline = FuzzyDateField(
        _("new deadline as the source states it"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("extension decision")


class NationalMeasure(Sourced):
    """Art. 9: the category a State's national implementation measures fell in at a date."""

    class Category(models.TextChoices):
        SPECIFIC_LAW = "specific_law", _("Specific law implementing the Convention")
        EXISTING_LAW_SUFFICIENT = "existing_law_sufficient", _("Existing law deemed sufficient")
        LEGISLATION_IN_PROGRESS = "legislation_in_progress", _("Legislation under consideration")
        INVESTMENT_PROHIBITION = "investment_prohibition", _("Law prohibiting investment")

    state = models.ForeignKey(
        "states.State", on_delete=models.CASCADE, related_name="national_measures"
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    as_of = FuzzyDateField(_("as of"))

    class Meta:
        ordering = ["state__name", "category"]
        verbose_name = _("national implementation measure")
