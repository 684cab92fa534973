"""Article 3: stockpile destruction and retention (declared stockpiles, destruction per
year, retention under Art. 3(6), declarations of compliance).

Every model validates itself whole in ``clean()`` through the pure rules of
:mod:`treaty_tracker.rules.stockpiles`, so the fact editor, the admin and any service
refuse the same things, each problem on its field. Quantities are counts of items; NULL
means "not known", never zero. Completion and deadlines live on ``obligations.Obligation``
and come from the rules engine; nothing here computes a date.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import FuzzyDate
from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.rules.findings import Finding
from treaty_tracker.sources.fields import FuzzyDateField, HttpsURLField, state_field
from treaty_tracker.sources.models import Sourced


class Category(models.TextChoices):
    CLUSTER_MUNITIONS = rules.Category.CLUSTER_MUNITIONS.value, _("Cluster munitions")
    EXPLOSIVE_SUBMUNITIONS = (
        rules.Category.EXPLOSIVE_SUBMUNITIONS.value,
        _("Explosive submunitions"),
    )
    EXPLOSIVE_BOMBLETS = rules.Category.EXPLOSIVE_BOMBLETS.value, _("Explosive bomblets")


class Qualifier(models.TextChoices):
    EXACT = rules.Qualifier.EXACT.value, _("Exact")
    APPROXIMATE = rules.Qualifier.APPROXIMATE.value, _("Approximate (rounded by the source)")
    AT_LEAST = rules.Qualifier.AT_LEAST.value, _("At least (a lower bound)")


QUANTITY_HELP = _("A count of items; leave empty when the source gives none (not known).")
QUALIFIER_HELP = _("As the source gives it: “2.8 million” is approximate, “over 52,000” at least.")


class StockpileDeclaration(Sourced):
    """A declared stockpile of one category (Art. 3(4)(d), 7(1)(b)): held at entry into
    force, or discovered after it (para 30: "previously unknown stockpiles")."""

    class Origin(models.TextChoices):
        AT_ENTRY_INTO_FORCE = rules.Origin.AT_ENTRY_INTO_FORCE.value, _("Held at entry into force")
        DISCOVERED = rules.Origin.DISCOVERED.value, _("Discovered after entry into force")

    state = state_field("stockpile_declarations", None)
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    origin = models.CharField(
        _("origin"), max_length=32, choices=Origin.choices, default=Origin.AT_ENTRY_INTO_FORCE
    )
    munition_type = models.CharField(
        _("type"),
        max_length=200,
        blank=True,
        help_text=_("The munition's designation, if the source names it (e.g. BL-755)."),
    )
    quantity = models.BigIntegerField(_("quantity"), null=True, blank=True, help_text=QUANTITY_HELP)
    qualifier = models.CharField(
        _("exactness"),
        max_length=16,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=QUALIFIER_HELP,
    )
    as_of = FuzzyDateField(
        _("as of"),
        help_text=_(
            "The date the quantity refers to (for a stockpile held at entry into force, "
            "that date; for a discovery, when it was found)."
        ),
    )

    class Meta:
        ordering = ["state__name", "origin", "category", "as_of"]
        verbose_name = _("declared stockpile")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "category", "origin", "munition_type", "as_of"],
                name="one_declaration_per_state_category_type_date",
                violation_error_message=_(
                    "This State already has a declaration of this category, origin, type "
                    "and date: correct that one instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0) | Q(quantity__isnull=True),
                name="declared_quantity_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.category} {self.quantity} ({self.as_of})"

    def as_rule(self) -> rules.Declaration:
        return rules.Declaration(
            category=rules.Category(self.category),
            quantity=self.quantity,
            origin=rules.Origin(self.origin),
            as_of=self.as_of or FuzzyDate(),
            qualifier=rules.Qualifier(self.qualifier),
            sources=(self.citation,),
            key=self.pk,
        )

    def findings(self) -> list[Finding]:
        findings = rules.check_quantity(self.quantity, "quantity")
        if self.state_id is not None and not findings and self.category in Category.values:
            declarations, destructions = state_facts(self.state_id, replacing=self)
            findings += rules.check_within_declared(
                [*declarations, self.as_rule()], destructions, field="quantity"
            )
        return findings


class StockpileDestruction(Sourced):
    """Items of one category destroyed (Art. 3(2), 7(1)(e)): in one calendar year, or
    (when the source gives no yearly breakdown) a programme's total up to a date."""

    state = state_field("stockpile_destructions", None)
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    year = models.SmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("The calendar year of the destruction; empty for a programme total."),
    )
    through = FuzzyDateField(
        _("total through"),
        null=True,
        blank=True,
        help_text=_(
            "Only for a programme total the source does not break down by year: the date "
            "it runs to (e.g. 2013-12)."
        ),
    )
    quantity = models.BigIntegerField(
        _("quantity destroyed"), null=True, blank=True, help_text=QUANTITY_HELP
    )
    qualifier = models.CharField(
        _("exactness"),
        max_length=16,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=QUALIFIER_HELP,
    )
    method = models.CharField(_("method"), max_length=300, blank=True)
    site = models.CharField(_("site"), max_length=300, blank=True)

    class Meta:
        ordering = ["state__name", "year", "through", "category"]
        verbose_name = _("stockpile destruction")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "category", "year"],
                condition=Q(year__isnull=False),
                name="one_destruction_per_state_category_year",
                violation_error_message=_(
                    "This State already has a figure for this category and year: correct "
                    "that one instead."
                ),
            ),
            models.UniqueConstraint(
                fields=["state", "category", "through"],
                condition=Q(year__isnull=True),
                name="one_destruction_total_per_state_category_date",
                violation_error_message=_(
                    "This State already has a programme total for this category and date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0) | Q(quantity__isnull=True),
                name="destroyed_quantity_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.category} {self.year or self.through}: {self.quantity}"

    def as_rule(self) -> rules.Destruction:
        return rules.Destruction(
            category=rules.Category(self.category),
            quantity=self.quantity,
            year=self.year,
            through=self.through,
            qualifier=rules.Qualifier(self.qualifier),
            method=self.method,
            site=self.site,
            sources=(self.citation,),
            key=self.pk,
        )

    def findings(self) -> list[Finding]:
        findings = [
            *rules.check_quantity(self.quantity, "quantity"),
            *rules.check_year(self.year, "year"),
            *rules.check_destruction_period(self.year, self.through),
        ]
        if self.state_id is not None and not findings and self.category in Category.values:
            declarations, destructions = state_facts(self.state_id, replacing=self)
            findings += rules.check_within_declared(
                declarations, [*destructions, self.as_rule()], field="quantity"
            )
        return findings


class StockpileRetention(Sourced):
    """Art. 3(6)-(8): what a State retains for the development of and training in
    detection, clearance or destruction techniques, or for counter-measures, as reported
    for a calendar year (Art. 7(1)(g), Form D), with its planned and actual use."""

    state = state_field("stockpile_retentions", None)
    year = models.SmallIntegerField(_("year"))
    munitions = models.BigIntegerField(
        _("cluster munitions retained"), null=True, blank=True, help_text=QUANTITY_HELP
    )
    submunitions = models.BigIntegerField(
        _("explosive submunitions retained"), null=True, blank=True, help_text=QUANTITY_HELP
    )
    munitions_consumed = models.BigIntegerField(
        _("cluster munitions consumed"), null=True, blank=True, help_text=QUANTITY_HELP
    )
    submunitions_consumed = models.BigIntegerField(
        _("explosive submunitions consumed"), null=True, blank=True, help_text=QUANTITY_HELP
    )
    qualifier = models.CharField(
        _("exactness of the retained figures"),
        max_length=16,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=_(
            "How exact the cluster munitions and explosive submunitions retained are, as the "
            "source gives them (the consumed figures are counts)."
        ),
    )
    planned_use = models.TextField(_("planned use"), blank=True)
    actual_use = models.TextField(_("actual use"), blank=True)

    class Meta:
        ordering = ["state__name", "year"]
        verbose_name = _("retention under Art. 3(6)")
        verbose_name_plural = _("retention under Art. 3(6)")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year"],
                name="one_retention_per_state_year",
                violation_error_message=_(
                    "This State already has retention figures for this year: correct those."
                ),
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0}) | Q(**{f"{name}__isnull": True}),
                    name=f"retention_{name}_not_negative",
                )
                for name in (
                    "munitions",
                    "submunitions",
                    "munitions_consumed",
                    "submunitions_consumed",
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.year}: {self.munitions}/{self.submunitions}"

    def as_rule(self) -> rules.Retention:
        return rules.Retention(
            year=self.year,
            munitions=self.munitions,
            submunitions=self.submunitions,
            munitions_consumed=self.munitions_consumed,
            submunitions_consumed=self.submunitions_consumed,
            planned_use=self.planned_use,
            actual_use=self.actual_use,
            sources=(self.citation,),
            qualifier=rules.Qualifier(self.qualifier),
        )

    def findings(self) -> list[Finding]:
        findings: list[Finding] = (
            rules.check_year(self.year, "year") if self.year is not None else []
        )
        for name in ("munitions", "submunitions", "munitions_consumed", "submunitions_consumed"):
            findings += rules.check_quantity(getattr(self, name), name)
        return findings


class ComplianceDeclaration(Sourced):
    """A State's declaration that it has complied with Art. 3 (destroyed or ensured the
    destruction of all its stockpiles), made with the Declaration of Compliance template
    adopted at the 8MSP (2018) or otherwise. Completion itself, which moves the status, is
    ``Obligation.completed``."""

    state = state_field("stockpile_compliance", None)
    declared = FuzzyDateField(_("declared"))
    uses_template = models.BooleanField(
        _("made with the 8MSP template"),
        null=True,
        blank=True,
        help_text=_(
            "The Article 3 Declaration of Compliance template (8MSP, 2018); empty: not known."
        ),
    )
    url = HttpsURLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["state__name", "declared"]
        verbose_name = _("Art. 3 declaration of compliance")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "declared"],
                name="one_compliance_declaration_per_state_date",
                violation_error_message=_(
                    "This State already has a declaration of compliance of that date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} declared compliance {self.declared}"


def state_facts(
    state_id: Any, replacing: models.Model | None = None
) -> tuple[list[rules.Declaration], list[rules.Destruction]]:
    """The State's declarations and destruction as rules input, without ``replacing``
    (the row being validated, which the caller adds with its new values): two queries."""
    declarations = StockpileDeclaration.objects.filter(state_id=state_id).select_related(
        "source", "entered_by"
    )
    destructions = StockpileDestruction.objects.filter(state_id=state_id).select_related(
        "source", "entered_by"
    )
    if isinstance(replacing, StockpileDeclaration) and replacing.pk is not None:
        declarations = declarations.exclude(pk=replacing.pk)
    if isinstance(replacing, StockpileDestruction) and replacing.pk is not None:
        destructions = destructions.exclude(pk=replacing.pk)
    return [d.as_rule() for d in declarations], [d.as_rule() for d in destructions]
