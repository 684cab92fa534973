"""Article 5: victim assistance (casualties, focal points, national plans, services, CRPD).

Which States have Article 5 obligations is ``obligations.Obligation`` (article "5"), read
through the register; nothing here repeats it. Each model is one sourced fact about a
State that holds from a date; the history of a State is the sequence of its facts.
Validation lives in ``clean()`` (the one write path runs ``full_clean()``), and the
casualty arithmetic in ``rules.victims``.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules.findings import Finding
from treaty_tracker.rules.victims import Outcome, check_casualties
from treaty_tracker.sources.fields import FuzzyDateField, HttpsURLField, state_field
from treaty_tracker.sources.models import Sourced, add_problem, check_period

STATE = "states.State"


class FocalPoint(Sourced):
    """Art. 5(2)(g): the focal point the State designated within its government."""

    state = state_field("va_focal_points")
    designated = FuzzyDateField(_("designated"))
    entity = models.CharField(
        _("entity or person"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty when the source does not name it."),
    )

    class Meta:
        ordering = ["state__name", "designated"]
        verbose_name = _("victim assistance focal point")

    def __str__(self) -> str:
        return f"{self.state_id}: {self.entity or _('focal point')}"


class NationalPlan(Sourced):
    """Art. 5(2)(b)-(c): a national victim assistance or disability plan, or a national
    authority designated to lead the work."""

    class Kind(models.TextChoices):
        VA_ACTION_PLAN = "va_action_plan", _("Victim assistance action plan")
        DISABILITY_PLAN = "disability_plan", _("National disability plan")
        NATIONAL_AUTHORITY = "national_authority", _("National authority designated")
        NOT_KNOWN = "not_known", _("Not known")

    state = state_field("va_plans")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    period_start = FuzzyDateField(_("period from"), null=True, blank=True)
    period_end = FuzzyDateField(_("period to"), null=True, blank=True)
    adopted = FuzzyDateField(_("adopted or designated"))
    url = HttpsURLField(_("text or link"), max_length=500, blank=True)

    class Meta:
        ordering = ["state__name", "adopted"]
        verbose_name = _("national victim assistance plan")

    def __str__(self) -> str:
        return f"{self.state_id}: {self.title or self.get_kind_display()}"

    def problems(self) -> dict[str, list[str]]:
        problems = super().problems()
        check_period(problems, self.period_start, self.period_end)
        return problems


class CrpdStatus(Sourced):
    """The State's place in the Convention on the Rights of Persons with Disabilities
    (relevant to Art. 5 through DAP Action 4.1(c)), from a date."""

    class Status(models.TextChoices):
        PARTY = "party", _("Party")
        SIGNATORY = "signatory", _("Signatory only")
        NOT_PARTY = "not_party", _("Neither party nor signatory")
        NOT_KNOWN = "not_known", _("Not known")

    state = state_field("crpd_statuses")
    status = models.CharField(_("CRPD status"), max_length=16, choices=Status.choices)
    since = FuzzyDateField(_("since"))

    class Meta:
        ordering = ["state__name", "since"]
        verbose_name = _("CRPD status")
        verbose_name_plural = _("CRPD statuses")

    def __str__(self) -> str:
        return f"{self.state_id}: CRPD {self.status}"


class DataCollection(Sourced):
    """Art. 5(1), DAP Action 4.1(a): how far the State collects data on victims."""

    class Status(models.TextChoices):
        COMPREHENSIVE = "comprehensive", _("Comprehensive")
        PARTIAL = "partial", _("Partial")
        NONE = "none", _("None")
        NOT_KNOWN = "not_known", _("Not known")

    state = state_field("va_data_collection")
    status = models.CharField(_("data collection"), max_length=16, choices=Status.choices)
    as_of = FuzzyDateField(_("as of"))
    description = models.TextField(_("description"), blank=True)
    disaggregated = models.BooleanField(
        _("disaggregated by sex and age"), null=True, blank=True, help_text=_("Empty: not known.")
    )

    class Meta:
        ordering = ["state__name", "as_of"]
        verbose_name = _("victim data collection")
        verbose_name_plural = _("victim data collection")

    def __str__(self) -> str:
        return f"{self.state_id}: data collection {self.status}"


class SurvivorInvolvement(Sourced):
    """Art. 5(2)(f), DAP Action 4.2(a): whether survivors or their organisations take part
    in coordination."""

    class Involved(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_KNOWN = "not_known", _("Not known")

    state = state_field("va_involvement")
    involved = models.CharField(
        _("survivors involved in coordination"), max_length=16, choices=Involved.choices
    )
    as_of = FuzzyDateField(_("as of"))

    class Meta:
        ordering = ["state__name", "as_of"]
        verbose_name = _("survivors' involvement")
        verbose_name_plural = _("survivors' involvement")

    def __str__(self) -> str:
        return f"{self.state_id}: survivors involved {self.involved}"


class Service(Sourced):
    """Art. 5(1): assistance the State provides, by kind."""

    class Kind(models.TextChoices):
        MEDICAL = "medical", _("Medical care")
        REHABILITATION = "rehabilitation", _("Rehabilitation")
        PSYCHOLOGICAL = "psychological", _("Psychological support")
        SOCIO_ECONOMIC = "socio_economic", _("Social and economic inclusion")
        EDUCATION = "education", _("Education")

    state = state_field("va_services")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"))
    as_of = FuzzyDateField(_("as of"))

    class Meta:
        ordering = ["state__name", "kind", "as_of"]
        verbose_name = _("victim assistance service")

    def __str__(self) -> str:
        return f"{self.state_id}: {self.get_kind_display()}"


def _count(label: str) -> models.PositiveIntegerField:  # type: ignore[type-arg]
    # Positive at the database; clean() says so first, by field, through the rules.
    return models.PositiveIntegerField(label, null=True, blank=True)


class Casualties(Sourced):
    """People killed or injured by cluster munitions in one State in one calendar year,
    as one source gives them, with the parts by sex, age and status it gives.

    An empty part is "not given"; a ``*_unknown`` part is "the source says not known".
    The parts of each dimension may not exceed the total (``rules.victims``).
    """

    class OutcomeChoice(models.TextChoices):
        KILLED = Outcome.KILLED.value, _("Killed")
        INJURED = Outcome.INJURED.value, _("Injured")
        NOT_KNOWN = Outcome.NOT_KNOWN.value, _("Killed or injured, not known")

    state = state_field("casualties")
    year = models.PositiveSmallIntegerField(_("calendar year"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=OutcomeChoice.choices)
    total = _count(_("total (empty: not known)"))
    female = _count(_("female"))
    male = _count(_("male"))
    sex_unknown = _count(_("sex not known"))
    child = _count(_("children"))
    adult = _count(_("adults"))
    age_unknown = _count(_("age not known"))
    civilian = _count(_("civilians"))
    military = _count(_("military"))
    status_unknown = _count(_("status not known"))

    PARTS = (
        "female",
        "male",
        "sex_unknown",
        "child",
        "adult",
        "age_unknown",
        "civilian",
        "military",
        "status_unknown",
    )
    FIRST_YEAR = 1960  # cluster munitions were used from the 1960s (Lao PDR)

    class Meta:
        ordering = ["state__name", "year", "outcome"]
        verbose_name = _("casualties")
        verbose_name_plural = _("casualties")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year", "outcome"], name="one_casualty_count_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.year} {self.outcome}: {self.total}"

    def parts(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in self.PARTS}

    def findings(self) -> list[Finding]:
        # A finding on no one part is on the total.
        return [
            replace(finding, field=finding.field or "total")
            for finding in check_casualties(self.total, self.parts())
        ]

    def problems(self) -> dict[str, list[str]]:
        problems = super().problems()
        if self.year is not None and self.year < self.FIRST_YEAR:
            message = _("Enter a year from %(year)s on.") % {"year": self.FIRST_YEAR}
            add_problem(problems, "year", str(message))
        return problems
