"""Article 6: international cooperation and assistance (requests, offers, provision,
Country Coalitions).

Every model is ``Sourced``. Validation lives in ``clean()`` and is computed by the pure
checks of ``rules/assistance/``, so the fact editor, the admin and the reference loader
refuse the same input with the same words, every problem at once and by field.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import FuzzyDate
from treaty_tracker.rules import assistance as rules
from treaty_tracker.rules.findings import Finding
from treaty_tracker.sources.fields import FuzzyDateField, state_field
from treaty_tracker.sources.models import Sourced


class Direction(models.TextChoices):
    REQUESTED = rules.Direction.REQUESTED.value, _("Requested")
    OFFERED = rules.Direction.OFFERED.value, _("Offered")
    PROVIDED = rules.Direction.PROVIDED.value, _("Provided")
    RECEIVED = rules.Direction.RECEIVED.value, _("Received")


class Theme(models.TextChoices):
    STOCKPILE_DESTRUCTION = (
        rules.Theme.STOCKPILE_DESTRUCTION.value,
        _("Stockpile destruction (Art. 3)"),
    )
    CLEARANCE = rules.Theme.CLEARANCE.value, _("Survey and clearance (Art. 4)")
    RISK_EDUCATION = rules.Theme.RISK_EDUCATION.value, _("Risk reduction education (Art. 4)")
    VICTIM_ASSISTANCE = rules.Theme.VICTIM_ASSISTANCE.value, _("Victim assistance (Art. 5)")
    NATIONAL_MEASURES = rules.Theme.NATIONAL_MEASURES.value, _("National measures (Art. 9)")
    CAPACITY_BUILDING = rules.Theme.CAPACITY_BUILDING.value, _("Capacity building and exchange")
    OTHER = rules.Theme.OTHER.value, _("Other")
    NOT_KNOWN = rules.Theme.NOT_KNOWN.value, _("Not known")


class Kind(models.TextChoices):
    FINANCIAL = rules.Kind.FINANCIAL.value, _("Financial")
    TECHNICAL = rules.Kind.TECHNICAL.value, _("Technical")
    IN_KIND = rules.Kind.IN_KIND.value, _("Material or in kind")
    NOT_KNOWN = rules.Kind.NOT_KNOWN.value, _("Not known")


def _int(value: object) -> int | None:
    """A value ``clean_fields`` accepted, or None (its own error already names the field)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(value: object) -> FuzzyDate | None:
    return value if isinstance(value, FuzzyDate) else None


class AssistanceRecord(Sourced):
    """A State's request, offer, provision or receipt of assistance (Art. 6, Art. 7(1)(n))
    in one calendar year or a period of years, by theme, with the counterpart and the amount
    where the source gives them."""

    state = state_field("assistance_records", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The calendar year, or the first year of a period.")
    )
    year_to = models.PositiveSmallIntegerField(
        _("to year"),
        null=True,
        blank=True,
        help_text=_("The last year of a period; empty for one year."),
    )
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NOT_KNOWN)
    counterpart = state_field(
        "+",
        _("counterpart State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The State it was requested from, offered to, provided to or received from."),
    )
    counterpart_name = models.CharField(
        _("counterpart (organisation)"),
        max_length=200,
        blank=True,
        help_text=_("An organisation or group named in the source, when not a State."),
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only as the source states it; empty when not known."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, e.g. EUR.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["year", "state__name", "direction", "theme"]
        verbose_name = _("assistance record")
        indexes = [models.Index(fields=["direction", "theme", "year"])]

    def __str__(self) -> str:
        period = f"{self.year}-{self.year_to}" if self.year_to else str(self.year)
        return f"{self.state} {self.direction} {self.theme} {period}"

    def as_input(self) -> rules.AssistanceInput:
        amount = self.amount
        if amount is not None and not isinstance(amount, Decimal):
            try:
                amount = Decimal(str(amount))
            except ArithmeticError:
                amount = None  # clean_fields names the field
        return rules.AssistanceInput(
            state=self.state.iso3 if self.state_id else None,
            year=_int(self.year),
            year_to=_int(self.year_to),
            direction=self.direction,
            theme=self.theme,
            kind=self.kind,
            counterpart=self.counterpart.iso3 if self.counterpart_id else None,
            counterpart_name=self.counterpart_name or "",
            amount=amount,
            currency=self.currency or "",
        )

    def clean(self) -> None:
        self.currency = (self.currency or "").strip().upper()
        super().clean()

    def findings(self) -> list[Finding]:
        return [
            f
            for f in rules.check_assistance(self.as_input())
            # A missing year is the field's own error ("This field cannot be null").
            if f.code != "assistance.year_missing"
        ]


class Coalition(Sourced):
    """A Country Coalition (CCM/CONF/2020/13 paras 52, 55, 82): an affected State with
    partner States, introduced by the 7MSP Presidency in 2017."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CONCLUDED = "concluded", _("Concluded")
        NOT_KNOWN = "not_known", _("Not known")

    state = state_field("coalitions", _("affected State"), on_delete=models.PROTECT)
    theme = models.CharField(
        _("theme"), max_length=32, choices=Theme.choices, default=Theme.NOT_KNOWN
    )
    launched = FuzzyDateField(_("launched"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_KNOWN
    )
    status_as_of = FuzzyDateField(
        _("status as of"),
        null=True,
        blank=True,
        help_text=_("When the source states the status (e.g. the review's date)."),
    )
    concluded = FuzzyDateField(_("concluded"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    partners = models.ManyToManyField(
        "states.State",
        through="CoalitionPartner",
        related_name="coalition_partnerships",
        blank=True,
    )

    class Meta:
        ordering = ["state__name"]
        verbose_name = _("Country Coalition")

    def __str__(self) -> str:
        return f"Country Coalition {self.state}"

    def findings(self) -> list[Finding]:
        return rules.check_coalition(
            status=self.status, launched=_date(self.launched), concluded=_date(self.concluded)
        )


class CoalitionPartner(Sourced):
    """A State in a Country Coalition beside the affected State, with its role."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        DONOR = "donor", _("Donor")
        MEMBER = "member", _("Member")
        NOT_KNOWN = "not_known", _("Not known")

    coalition = models.ForeignKey(
        Coalition, verbose_name=_("coalition"), on_delete=models.CASCADE, related_name="members"
    )
    state = state_field("+", _("partner State"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["coalition", "role", "state__name"]
        verbose_name = _("Country Coalition partner")
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "state"],
                name="coalition_partner_once",
                violation_error_message=_("This State is already a partner of the coalition."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} ({self.role}) in {self.coalition}"

    def findings(self) -> list[Finding]:
        coalition = Coalition.objects.select_related("state").filter(pk=self.coalition_id).first()
        return rules.check_partner(
            coalition_state=coalition.state.iso3 if coalition else None,
            partner=self.state.iso3 if self.state_id else None,
        )


class CoalitionMeeting(Sourced):
    """A meeting of a Country Coalition."""

    coalition = models.ForeignKey(
        Coalition, verbose_name=_("coalition"), on_delete=models.CASCADE, related_name="meetings"
    )
    date = FuzzyDateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["coalition", "date"]
        verbose_name = _("Country Coalition meeting")

    def __str__(self) -> str:
        return f"{self.coalition} meeting {self.date}"

    def findings(self) -> list[Finding]:
        coalition = Coalition.objects.filter(pk=self.coalition_id).first()
        findings = rules.check_meeting(
            held=_date(self.date),
            launched=coalition.launched if coalition else None,
            concluded=coalition.concluded if coalition else None,
        )
        # A missing date is the field's own error.
        return [f for f in findings if f.code != "coalition.meeting_date_missing"]
