"""Implementation support (CCM/CONF/2020/13 section IX): the ISU's work plan and budget,
contributions, the capital reserve, assessed contributions and arrears (Art. 14), the
sponsorship programme, the Coordination Committee and coordinators, meeting documents
and decisions, other actors.

Every model is a sourced fact (``Sourced``). Validation lives in ``clean()`` (the one write
path runs ``full_clean()``) and calls the pure checks of ``rules.support``; every problem
is reported at once, by field. An empty amount is "not known", never 0. Meetings are
``meetings.Meeting``; Country Coalitions are ``cooperation`` (not repeated here).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import support as rules
from treaty_tracker.rules.findings import Finding
from treaty_tracker.sources.fields import FuzzyDateField, HttpsURLField, state_field
from treaty_tracker.sources.models import Sourced
from treaty_tracker.themes import registry

STATE = "states.State"
MEETING = "meetings.Meeting"
NOT_KNOWN_HELP = _("Leave empty when the source does not give it (not known).")


def _amount(label: str) -> models.DecimalField:  # type: ignore[type-arg]
    # Negative amounts are refused by clean() through the rules, by field.
    return models.DecimalField(
        label, max_digits=14, decimal_places=2, null=True, blank=True, help_text=NOT_KNOWN_HELP
    )


def _currency(default: str = rules.ISU_CURRENCY) -> models.CharField:  # type: ignore[type-arg]
    return models.CharField(
        _("currency"), max_length=3, default=default, help_text=_("ISO 4217 code, e.g. CHF.")
    )


class IsuBudget(Sourced):
    """The ISU's work plan and budget for one calendar year (para 118: adopted by the
    States Parties under the financial procedures)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = _amount(_("budget"))
    currency = _currency()
    approved_at = models.ForeignKey(
        MEETING,
        verbose_name=_("approved at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    work_plan = HttpsURLField(_("work plan (link)"), max_length=500, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("ISU budget")

    def __str__(self) -> str:
        return f"ISU budget {self.year}"

    def findings(self) -> list[Finding]:
        return rules.check_budget(self.year, self.amount, self.currency)


class _Donation:
    """A contribution by a State or a named contributor in a year: the ISU's and the
    sponsorship programme's are checked alike (``rules.check_contribution``)."""

    state_id: int | None
    state: Any
    contributor: str
    year: int
    amount: Any
    currency: str

    def __str__(self) -> str:
        return f"{self.state_id or self.contributor} {self.year}: {self.amount}"

    def findings(self) -> list[Finding]:
        state = self.state.iso3 if self.state_id is not None else None
        return rules.check_contribution(
            state=state,
            contributor=self.contributor,
            year=self.year,
            amount=self.amount,
            currency=self.currency,
        )


class IsuContribution(_Donation, Sourced):
    """A contribution to the ISU under the financial procedures (paras 118-119), from a
    State (or a named contributor), for a year."""

    class Kind(models.TextChoices):
        REGULAR = rules.ContributionKind.REGULAR.value, _("Regular (to the budget)")
        EARMARKED = rules.ContributionKind.EARMARKED.value, _("Earmarked")
        RESERVE = rules.ContributionKind.RESERVE.value, _("To the capital reserve")
        NOT_KNOWN = rules.ContributionKind.NOT_KNOWN.value, _("Not known")

    state = state_field("isu_contributions", on_delete=models.PROTECT, null=True, blank=True)
    contributor = models.CharField(
        _("other contributor"),
        max_length=200,
        blank=True,
        help_text=_("Only when the contributor is not a State."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR.value
    )
    amount = _amount(_("amount"))
    currency = _currency()
    received = FuzzyDateField(_("received"), null=True, blank=True)

    class Meta:
        ordering = ["year", "state__name", "contributor"]
        verbose_name = _("contribution to the ISU")
        verbose_name_plural = _("contributions to the ISU")


class ReserveTarget(Sourced):
    """The level the capital reserve is to be kept at, from a date (para 119: CHF 400,000,
    decided at the Seventh Meeting of States Parties)."""

    amount = _amount(_("target"))
    currency = _currency()
    since = FuzzyDateField(_("in force from"))
    decided_at = models.ForeignKey(
        MEETING,
        verbose_name=_("decided at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["since"]
        verbose_name = _("capital reserve target")

    def __str__(self) -> str:
        return f"reserve target {self.currency} {self.amount} from {self.since}"

    def findings(self) -> list[Finding]:
        return rules.check_money(self.amount, self.currency)


class ReserveBalance(Sourced):
    """What the capital reserve held on a date."""

    amount = _amount(_("balance"))
    currency = _currency()
    as_of = FuzzyDateField(_("as of"))

    class Meta:
        ordering = ["as_of"]
        verbose_name = _("capital reserve balance")

    def __str__(self) -> str:
        return f"reserve {self.currency} {self.amount} on {self.as_of}"

    def findings(self) -> list[Finding]:
        return rules.check_money(self.amount, self.currency)


class AssessedContribution(Sourced):
    """A State's assessed share of the cost of a meeting (Art. 14(1)) and what it had paid
    of it on a date. Arrears (paras 125-126) are computed: assessed - paid."""

    meeting = models.ForeignKey(
        MEETING, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="+"
    )
    state = state_field("assessments", on_delete=models.PROTECT)
    assessed = _amount(_("amount assessed"))
    paid = _amount(_("amount paid"))
    currency = _currency("USD")
    as_of = FuzzyDateField(_("payment position as of"))

    class Meta:
        ordering = ["meeting__opens", "state__name"]
        verbose_name = _("assessed contribution")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "state"], name="one_assessment_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.meeting_id}: {self.assessed}"

    def findings(self) -> list[Finding]:
        return rules.check_assessment(self.assessed, self.paid, self.currency)


class SponsorshipContribution(_Donation, Sourced):
    """A donor's contribution to the sponsorship programme (para 134), for a meeting."""

    meeting = models.ForeignKey(
        MEETING,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = state_field(
        "sponsorship_contributions",
        _("donor State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    contributor = models.CharField(
        _("other donor"),
        max_length=200,
        blank=True,
        help_text=_("Only when the donor is not a State."),
    )
    amount = _amount(_("amount"))
    currency = _currency()

    class Meta:
        ordering = ["year", "state__name", "contributor"]
        verbose_name = _("sponsorship programme contribution")


class SponsoredParticipation(Sourced):
    """The delegates the sponsorship programme brought to a meeting (para 134)."""

    meeting = models.OneToOneField(
        MEETING, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="+"
    )
    delegates = models.PositiveSmallIntegerField(
        _("sponsored delegates"), null=True, blank=True, help_text=NOT_KNOWN_HELP
    )
    states = models.ManyToManyField(
        STATE, verbose_name=_("sponsored States"), blank=True, related_name="+"
    )
    states_count = models.PositiveSmallIntegerField(
        _("number of sponsored States"),
        null=True,
        blank=True,
        help_text=_("When the source gives the number without naming the States."),
    )

    class Meta:
        ordering = ["meeting__opens"]
        verbose_name = _("sponsored participation")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.delegates} delegates"

    def findings(self) -> list[Finding]:
        return rules.check_participation(self.delegates, self.states_count)


class CoordinatorRole(Sourced):
    """A seat on the Coordination Committee (para 130): the President, President-designate,
    Past-President, or a State coordinating a theme, for a period."""

    class RoleChoice(models.TextChoices):
        PRESIDENT = rules.Role.PRESIDENT.value, _("President")
        PRESIDENT_DESIGNATE = rules.Role.PRESIDENT_DESIGNATE.value, _("President-designate")
        PAST_PRESIDENT = rules.Role.PAST_PRESIDENT.value, _("Past-President")
        COORDINATOR = rules.Role.COORDINATOR.value, _("Coordinator")

    state = state_field("committee_seats", on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=24, choices=RoleChoice.choices)
    theme = models.CharField(
        _("theme"),
        max_length=32,
        choices=registry.choices,
        blank=True,
        help_text=_("Coordinators only."),
    )
    starts = FuzzyDateField(_("from"))
    ends = FuzzyDateField(_("until"), null=True, blank=True, help_text=_("Empty: not ended."))

    class Meta:
        ordering = ["starts", "role", "theme", "state__name"]
        verbose_name = _("Coordination Committee seat")

    def __str__(self) -> str:
        return f"{self.state_id} {self.role} {self.theme} {self.starts}"

    def findings(self) -> list[Finding]:
        return rules.check_role(self.role, self.theme) + rules.check_period(self.starts, self.ends)


class MeetingDocument(Sourced):
    """A document of a meeting: its report, a decision, a working paper (Arts. 11-12)."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        DECISION = "decision", _("Decision")
        WORKING_PAPER = "working_paper", _("Working paper")
        OTHER = "other", _("Other document")

    meeting = models.ForeignKey(
        MEETING, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="+"
    )
    symbol = models.CharField(
        _("document symbol"), max_length=64, blank=True, help_text=NOT_KNOWN_HELP
    )
    title = models.CharField(_("title or subject"), max_length=400)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = FuzzyDateField(_("date"))
    url = HttpsURLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["meeting__opens", "date", "symbol"]
        verbose_name = _("meeting document or decision")

    def __str__(self) -> str:
        return self.symbol or self.title


class OtherActor(Sourced):
    """An organisation taking part in the Convention's work (para 136), with its role."""

    name = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role"), max_length=400)
    since = FuzzyDateField(_("since"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("other actor")

    def __str__(self) -> str:
        return self.name
