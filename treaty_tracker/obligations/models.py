"""Obligations under Articles 3, 4 and 5, extension requests and decisions, and Art. 9
national implementation measures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules.extensions import Assessment, Stage
from treaty_tracker.rules.records import Basis
from treaty_tracker.rules.records import Decision as RuleDecision
from treaty_tracker.sources.fields import FuzzyDateField, HttpsURLField, state_field
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

    state = state_field("obligations", None)
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
    """A request to extend an Art. 3 or Art. 4 deadline, through its lifecycle
    (``stage``: draft, submitted, analysis, decided, withdrawn; docs/extensions.md).

    A draft counts for nothing in the rules engine; from ``submitted`` on it is a request.
    Stages move only through ``obligations.services``.
    """

    class StageChoice(models.TextChoices):
        DRAFT = Stage.DRAFT.value, _("Draft")
        SUBMITTED = Stage.SUBMITTED.value, _("Submitted")
        ANALYSIS = Stage.ANALYSIS.value, _("Under analysis")
        DECIDED = Stage.DECIDED.value, _("Decided")
        WITHDRAWN = Stage.WITHDRAWN.value, _("Withdrawn")

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="extensions")
    stage = models.CharField(
        _("stage"), max_length=16, choices=StageChoice.choices, default=StageChoice.SUBMITTED
    )
    months_requested = models.PositiveSmallIntegerField(
        _("months requested"), null=True, blank=True
    )
    submitted = FuzzyDateField(_("submitted"), null=True, blank=True)
    summary = models.TextField(
        _("summary of the request"),
        blank=True,
        help_text=_("The reasons and the plan, as the request states them."),
    )
    document_url = HttpsURLField(_("request document"), max_length=500, blank=True)
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


class ExtensionAssessment(Sourced):
    """The ISU's analysis of one element a request must contain (Art. 3(4), 4(6) and the
    2018 guidelines): the requirement's code comes from ``rules.treaty``."""

    class AssessmentChoice(models.TextChoices):
        MET = Assessment.MET.value, _("Met")
        PARTLY = Assessment.PARTLY.value, _("Partly met")
        NOT_MET = Assessment.NOT_MET.value, _("Not met")
        NOT_ASSESSED = Assessment.NOT_ASSESSED.value, _("Not assessed")

    request = models.ForeignKey(
        ExtensionRequest, on_delete=models.CASCADE, related_name="assessments"
    )
    requirement = models.CharField(_("requirement"), max_length=64)
    assessment = models.CharField(_("assessment"), max_length=16, choices=AssessmentChoice.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["request", "requirement"]
        verbose_name = _("extension request assessment")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "requirement"], name="one_assessment_per_requirement"
            ),
        ]


class ExtensionMilestone(Sourced):
    """A milestone of a request's work plan, or a benchmark the decision set, tracked to
    its achievement."""

    class Origin(models.TextChoices):
        WORK_PLAN = "work_plan", _("Work plan of the request")
        DECISION = "decision", _("Benchmark set by the decision")

    request = models.ForeignKey(
        ExtensionRequest, on_delete=models.CASCADE, related_name="milestones"
    )
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.WORK_PLAN
    )
    due = FuzzyDateField(_("due"))
    description = models.CharField(_("milestone"), max_length=300)
    achieved = FuzzyDateField(_("achieved"), null=True, blank=True)

    class Meta:
        ordering = ["request", "due", "pk"]
        verbose_name = _("extension milestone")


class NationalMeasure(Sourced):
    """Art. 9: the category a State's national implementation measures fell in at a date."""

    class Category(models.TextChoices):
        SPECIFIC_LAW = "specific_law", _("Specific law implementing the Convention")
        EXISTING_LAW_SUFFICIENT = "existing_law_sufficient", _("Existing law deemed sufficient")
        LEGISLATION_IN_PROGRESS = "legislation_in_progress", _("Legislation under consideration")
        INVESTMENT_PROHIBITION = "investment_prohibition", _("Law prohibiting investment")

    state = state_field("national_measures", None)

    class Kind(models.TextChoices):
        LEGAL = "legal", _("Legal measure")
        ADMINISTRATIVE = "administrative", _("Administrative measure")
        OTHER = "other", _("Other measure")
        NOT_KNOWN = "not_known", _("Not known")

    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    as_of = FuzzyDateField(_("as of"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NOT_KNOWN)
    title = models.CharField(_("title"), max_length=300, blank=True)
    adopted = FuzzyDateField(_("adopted"), null=True, blank=True)
    url = HttpsURLField(_("text or link"), max_length=500, blank=True)

    class Meta:
        ordering = ["state__name", "category"]
        verbose_name = _("national implementation measure")
