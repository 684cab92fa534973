"""Action plans (the Dubrovnik and Lausanne Action Plans) as data, with indicators computed
over the record.

An :class:`ActionPlan` has :class:`Action` s, each under a theme (the review's section
keys), and an action has :class:`Indicator` s. An indicator names a formula of
``rules.indicators`` (the computation over the record), its baseline and target, and how
the value meets the target. Every row is a sourced fact (``Sourced``): the review paragraph
that cites the action, or the ISU page. An action whose text was not retrieved keeps an
empty ``text`` and the pages say so; nothing is invented to fill it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules.findings import Finding
from treaty_tracker.rules.indicators import Comparison, Unit, check_indicator
from treaty_tracker.sources.fields import FuzzyDateField
from treaty_tracker.sources.models import Sourced, add_problem, check_period
from treaty_tracker.themes import registry


class ActionPlan(Sourced):
    class Code(models.TextChoices):
        VAP = "VAP", _("Vientiane Action Plan")
        DAP = "DAP", _("Dubrovnik Action Plan")
        LAP = "LAP", _("Lausanne Action Plan")

    code = models.CharField(_("code"), max_length=8, choices=Code.choices, unique=True)
    name = models.CharField(_("name"), max_length=200)
    adopted_at = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("adopted at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    period_start = FuzzyDateField(_("period from"))
    period_end = FuzzyDateField(_("period to"))

    class Meta:
        ordering = ["period_start", "code"]
        verbose_name = _("action plan")

    def __str__(self) -> str:
        return self.code

    def problems(self) -> dict[str, list[str]]:
        problems = super().problems()
        check_period(problems, self.period_start, self.period_end)
        return problems

    def days(self) -> tuple[date, date] | None:
        """The period as days (earliest start, latest end), or None if not known."""
        start, end = self.period_start, self.period_end
        if start is None or end is None or start.earliest is None or end.latest is None:
            return None
        return start.earliest, end.latest


def number_key(number: str) -> tuple[int, ...]:
    """ "1.10" after "1.9"; "12" after "2"."""
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))


class Action(Sourced):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan")
    )
    number = models.CharField(
        _("number"),
        max_length=16,
        help_text=_('As the plan numbers it: "1.1" in the DAP, "12" in the LAP.'),
    )
    theme = models.CharField(_("theme"), max_length=24, choices=registry.choices)
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("The action's words as the source gives them; empty when not retrieved."),
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("The action's full text; empty when not retrieved.")
    )

    class Meta:
        ordering = ["plan__code", "number"]
        verbose_name = _("action")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_action_number_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id and self.plan.code} {self.number}"

    def problems(self) -> dict[str, list[str]]:
        problems = super().problems()
        if self.number and not all(p.isdigit() for p in self.number.split(".")):
            message = _('Enter the number as the plan gives it, e.g. "1.1" or "12".')
            add_problem(problems, "number", str(message))
        return problems


class Indicator(Sourced):
    """A measure of an action: ``formula`` names its computation (``rules.indicators``),
    empty when the sources define none; baseline and target as the sources state them."""

    class ComparisonChoice(models.TextChoices):
        AT_LEAST = Comparison.AT_LEAST.value, _("at least the target")
        AT_MOST = Comparison.AT_MOST.value, _("at most the target")
        ALL = Comparison.ALL.value, _("all the States counted over")
        ABOVE_BASELINE = Comparison.ABOVE_BASELINE.value, _("above the baseline")
        NONE = Comparison.NONE.value, _("no target")

    class UnitChoice(models.TextChoices):
        STATES = Unit.STATES.value, _("States")
        PER_CENT = Unit.PER_CENT.value, _("per cent")

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("action")
    )
    code = models.SlugField(_("code"), max_length=64)
    description = models.CharField(_("description"), max_length=300)
    # Not a choices field: the registry of computations grows with the code, and a
    # migration per new formula would be noise; clean() refuses an unknown key.
    formula = models.CharField(
        _("formula"),
        max_length=64,
        blank=True,
        help_text=_("The key of a computation (docs/indicators.md); empty: not defined."),
    )
    comparison = models.CharField(
        _("compared with the target"),
        max_length=16,
        choices=ComparisonChoice.choices,
        default=Comparison.NONE.value,
    )
    unit = models.CharField(_("unit"), max_length=16, choices=UnitChoice.choices)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    baseline_date = FuzzyDateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_date = FuzzyDateField(_("target date"), null=True, blank=True)

    class Meta:
        ordering = ["action__plan__code", "action__number", "code"]
        verbose_name = _("indicator")
        constraints = [
            models.UniqueConstraint(fields=["action", "code"], name="one_indicator_code_per_action")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.code}"

    def findings(self) -> list[Finding]:
        return check_indicator(
            formula=self.formula,
            comparison=self.comparison,
            unit=self.unit,
            baseline_value=self.baseline_value,
            target_value=self.target_value,
            baseline_date=self.baseline_date,
            target_date=self.target_date,
        )

    @property
    def figure_key(self) -> str:
        return f"plans.{self.action.plan.code}.{self.action.number}.{self.code}"


def sorted_actions(actions: Any) -> list[Action]:
    """Actions in the plan's order (numbers compared as numbers)."""
    return sorted(actions, key=lambda a: (a.plan.code, number_key(a.number)))
