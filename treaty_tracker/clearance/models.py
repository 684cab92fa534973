"""Article 4: clearance and risk reduction education (contaminated areas, land release,
risk education, national plans).

Every model is a sourced fact. ``clean()`` holds all validation and calls the pure
checks in ``rules.clearance`` (each problem reported with its field, all at once), so the
admin, the fact editor and the reference loader refuse the same things. The declaration
of completion is not here: it is ``Obligation.completed`` for Article 4 (obligations app).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import Finding, FuzzyDate
from treaty_tracker.rules import clearance as rules
from treaty_tracker.sources.fields import FuzzyDateField, HttpsURLField, state_field
from treaty_tracker.sources.models import Sourced


def _int(value: object) -> int | None:
    """The value if Django could read it as a whole number (a field that failed its own
    validation keeps the raw input: that error is already reported)."""
    return value if isinstance(value, int) else None


def _fz(value: object) -> FuzzyDate | None:
    return value if isinstance(value, FuzzyDate) else None


class ContaminatedArea(Sourced):
    """An area known or suspected to contain cluster munition remnants (Art. 4(2)(a),
    7(1)(h)). ``previous_completion`` holds the completion a State had declared before
    this area was found (Mauritania, para 38): such an area is newly found contamination."""

    class AreaStatus(models.TextChoices):
        SUSPECTED = "suspected", _("Suspected hazardous area")
        CONFIRMED = "confirmed", _("Confirmed hazardous area")
        NOT_KNOWN = "not_known", _("Not known")

    state = state_field("contaminated_areas")
    name = models.CharField(_("name"), max_length=200)
    location = models.CharField(_("location"), max_length=300, blank=True)
    size_m2 = models.BigIntegerField(
        _("size (m²)"), null=True, blank=True, help_text=_("Empty when not known.")
    )
    remnant_types = models.CharField(_("types of remnants"), max_length=300, blank=True)
    used = FuzzyDateField(_("when cluster munitions were used"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AreaStatus.choices, default=AreaStatus.NOT_KNOWN
    )
    discovered = FuzzyDateField(_("found or first reported"), null=True, blank=True)
    previous_completion = FuzzyDateField(
        _("completion declared before it was found"),
        null=True,
        blank=True,
        help_text=_("Only for contamination found after the State had declared completion."),
    )
    released = FuzzyDateField(_("wholly released"), null=True, blank=True)
    geometry = models.TextField(
        _("geometry (GeoJSON)"),
        blank=True,
        help_text=_('A GeoJSON geometry, e.g. {"type": "Point", "coordinates": [102.6, 19.9]}.'),
    )

    class Meta:
        ordering = ["state__name", "name"]
        verbose_name = _("contaminated area")

    def __str__(self) -> str:
        return f"{self.state_id and self.state.iso3}: {self.name}"

    @property
    def found_after_completion(self) -> bool:
        return self.previous_completion is not None

    def findings(self) -> list[Finding]:
        return rules.check_area(
            size_m2=_int(self.size_m2),
            discovered=_fz(self.discovered),
            previous_completion=_fz(self.previous_completion),
            released=_fz(self.released),
            geometry=self.geometry or "",
        )


class ContaminationEstimate(Sourced):
    """A State's estimate of its total remaining contamination at a date (Art. 7(1)(h)),
    with how exact it is: ">800 million m²" is a lower bound (``at_least``)."""

    state = state_field("contamination_estimates")
    area_m2 = models.BigIntegerField(_("area (m²)"))
    bound = models.CharField(
        _("exactness"),
        max_length=16,
        choices=[
            (rules.Bound.EXACT.value, _("as stated")),
            (rules.Bound.AT_LEAST.value, _("at least (more than)")),
            (rules.Bound.APPROXIMATELY.value, _("approximately")),
        ],
        default=rules.Bound.EXACT.value,
    )
    as_of = FuzzyDateField(_("as of"))

    class Meta:
        ordering = ["state__name", "as_of"]
        verbose_name = _("contamination estimate")

    def __str__(self) -> str:
        return f"{self.state_id and self.state.iso3}: {self.area_m2} m² ({self.as_of})"

    def findings(self) -> list[Finding]:
        return rules.check_not_negative({"area_m2": _int(self.area_m2)})


class LandRelease(Sourced):
    """Land released by a State in a year by one method (Art. 4(2)(c), 7(1)(i)): cancelled
    by non-technical survey, reduced by technical survey, or cleared."""

    class MethodChoice(models.TextChoices):
        CANCELLED = rules.Method.CANCELLED.value, _("Cancelled by non-technical survey")
        REDUCED = rules.Method.REDUCED.value, _("Reduced by technical survey")
        CLEARED = rules.Method.CLEARED.value, _("Cleared")

    state = state_field("land_releases")
    year = models.IntegerField(_("year"))
    method = models.CharField(_("method"), max_length=16, choices=MethodChoice.choices)
    area_m2 = models.BigIntegerField(_("area (m²)"))
    submunitions_destroyed = models.BigIntegerField(
        _("submunitions destroyed"), null=True, blank=True, help_text=_("Empty when not known.")
    )

    class Meta:
        ordering = ["state__name", "year", "method"]
        verbose_name = _("land release")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year", "method"], name="clearance_one_release_per_method"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state_id and self.state.iso3} {self.year} {self.method}: {self.area_m2} m²"

    def findings(self) -> list[Finding]:
        others = 0
        if self.state_id is not None and _int(self.year) is not None:
            others = sum(
                LandRelease.objects.filter(state_id=self.state_id, year=self.year)
                .exclude(pk=self.pk)
                .exclude(method=self.method)
                .values_list("area_m2", flat=True)
            )
        return rules.check_release(
            year=_int(self.year),
            area_m2=_int(self.area_m2),
            submunitions=_int(self.submunitions_destroyed),
            others_m2=others,
            method=self.method,
        )


class Survey(Sourced):
    """A survey of contamination (Art. 4(2)(a); para 44: evidence-based survey)."""

    class Kind(models.TextChoices):
        NON_TECHNICAL = "non_technical", _("Non-technical survey")
        TECHNICAL = "technical", _("Technical survey")
        NOT_KNOWN = "not_known", _("Survey (kind not stated)")

    state = state_field("surveys")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    carried_out = FuzzyDateField(_("carried out"), help_text=_("A year, or a period."))
    area_m2 = models.BigIntegerField(_("area surveyed (m²)"), null=True, blank=True)

    class Meta:
        ordering = ["state__name", "carried_out"]
        verbose_name = _("survey")

    def __str__(self) -> str:
        return f"{self.state_id and self.state.iso3} {self.kind} {self.carried_out}"

    def findings(self) -> list[Finding]:
        return rules.check_not_negative({"area_m2": _int(self.area_m2)})


class NationalPlan(Sourced):
    """A national strategy or operational work plan for clearance (Art. 4(6)(h); the 2018
    guidelines; para 46)."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("National strategy")
        WORK_PLAN = "work_plan", _("Work plan")

    state = state_field("clearance_plans")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    period_start = FuzzyDateField(_("period starts"), null=True, blank=True)
    period_end = FuzzyDateField(_("period ends"), null=True, blank=True)
    adopted = FuzzyDateField(_("adopted"), null=True, blank=True)
    link = HttpsURLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["state__name", "period_start", "title"]
        verbose_name = _("national strategy or work plan")

    def __str__(self) -> str:
        return f"{self.state_id and self.state.iso3}: {self.title}"

    def findings(self) -> list[Finding]:
        return rules.check_plan(start=_fz(self.period_start), end=_fz(self.period_end))


class Milestone(Sourced):
    """A milestone of a national plan: when it is due, and when it was achieved."""

    plan = models.ForeignKey(
        NationalPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="milestones"
    )
    due = FuzzyDateField(_("due"))
    description = models.CharField(_("milestone"), max_length=300)
    achieved = FuzzyDateField(_("achieved"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "due"]
        verbose_name = _("milestone")

    def __str__(self) -> str:
        return f"{self.description} (due {self.due})"

    def findings(self) -> list[Finding]:
        plan = self.plan if self.plan_id is not None else None
        return rules.check_milestone(
            achieved=_fz(self.achieved),
            adopted=_fz(plan.adopted) if plan else None,
            period_start=_fz(plan.period_start) if plan else None,
        )


class RiskEducation(Sourced):
    """Risk reduction education by a State in a year (Art. 4(2)(e), 7(1)(j); para 45),
    with the people reached by sex and age. An empty part is not known; ``total`` may be
    given alone (then nothing is disaggregated) or with its parts."""

    class Delivery(models.TextChoices):
        FACE_TO_FACE = "face_to_face", _("Face-to-face sessions")
        MASS_MEDIA = "mass_media", _("Mass media")
        DIGITAL = "digital", _("Digital and social media")
        MIXED = "mixed", _("Several methods")
        NOT_KNOWN = "not_known", _("Not stated")

    state = state_field("risk_education")
    year = models.IntegerField(_("year"))
    delivery = models.CharField(
        _("delivery method"), max_length=16, choices=Delivery.choices, default=Delivery.NOT_KNOWN
    )
    girls = models.BigIntegerField(_("girls"), null=True, blank=True)
    boys = models.BigIntegerField(_("boys"), null=True, blank=True)
    women = models.BigIntegerField(_("women"), null=True, blank=True)
    men = models.BigIntegerField(_("men"), null=True, blank=True)
    not_disaggregated = models.BigIntegerField(
        _("not disaggregated (sex or age not known)"), null=True, blank=True
    )
    total = models.BigIntegerField(_("total reached"), null=True, blank=True)

    class Meta:
        ordering = ["state__name", "year", "delivery"]
        verbose_name = _("risk reduction education")
        verbose_name_plural = _("risk reduction education")

    def __str__(self) -> str:
        return f"{self.state_id and self.state.iso3} {self.year}: {self.reached}"

    def beneficiaries(self) -> rules.Beneficiaries:
        return rules.Beneficiaries(
            girls=self.girls,
            boys=self.boys,
            women=self.women,
            men=self.men,
            not_disaggregated=self.not_disaggregated,
            total=self.total,
        )

    @property
    def reached(self) -> int | None:
        return self.beneficiaries().reached

    def findings(self) -> list[Finding]:
        findings = rules.check_beneficiaries(
            {p: _int(getattr(self, p)) for p in rules.BENEFICIARY_PARTS}, _int(self.total)
        )
        return findings + rules.check_year(_int(self.year))
