"""The indicators page: every action of both action plans with its indicators computed
from the record on a date (value, target, status, trend, States, sources), with downloads.
Everything comes from ``selectors.evaluate``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from treaty_tracker.plans import selectors
from treaty_tracker.plans.evaluation import status_label, target_text, value_text
from treaty_tracker.plans.models import ActionPlan
from treaty_tracker.rules import indicators as rules
from treaty_tracker.themes import downloads
from treaty_tracker.themes.forms import AsOfField, QueryForm
from treaty_tracker.themes.pages import Table, ThemePage, format_links


class IndicatorsForm(QueryForm):
    as_of = AsOfField()
    plan = forms.ChoiceField(
        label=_("Action plan"),
        required=False,
        choices=[
            ("", _("Both plans")),
            ("DAP", _("Dubrovnik Action Plan (2015–2020)")),
            ("LAP", _("Lausanne Action Plan (2021–2026)")),
        ],
    )
    format = downloads.format_field()


def _spark(trend: tuple[Any, ...], width: int = 120, height: int = 28) -> str:
    """A small inline SVG line of the trend's known values (numbers only, no text)."""
    points = [(i, float(v.value)) for i, (_d, v) in enumerate(trend) if v.value is not None]
    if len(points) < 2:
        return ""
    top = max(v for _i, v in points) or 1.0
    step = width / max(len(trend) - 1, 1)
    coords = " ".join(
        f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}" for i, v in points
    )
    return (
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-hidden="true" focusable="false"><polyline fill="none" stroke="currentColor" '
        f'stroke-width="1.5" points="{coords}"/></svg>'
    )


def _display(result: selectors.PlanResult) -> list[dict[str, Any]]:
    shown = []
    for a in result.actions:
        shown.append(
            {
                "action": a.action,
                "indicators": [
                    {
                        "result": r,
                        "value": value_text(r.value, r.indicator.unit),
                        "target": target_text(r.indicator),
                        "status": status_label(r.status),
                        "trend": [(d, value_text(v, r.indicator.unit)) for d, v in r.trend],
                        "spark": _spark(r.trend),
                    }
                    for r in a.indicators
                ],
            }
        )
    return shown


def _indicator_rows(results: list[selectors.PlanResult]) -> list[dict[str, Any]]:
    return [row for r in results for row in selectors.rows(r)]


class IndicatorsPage(ThemePage):
    template = "plans/indicators.html"
    form_class = IndicatorsForm
    nav = "indicators"
    tables = {"indicators": Table(selectors.ROW_COLUMNS, _indicator_rows)}
    extra_context = {"not_defined": rules.NOT_DEFINED}

    def overview(self, data: dict[str, Any]) -> list[selectors.PlanResult]:
        chosen = ActionPlan.objects.select_related("adopted_at", "source", "entered_by")
        if data["plan"]:
            chosen = chosen.filter(code=data["plan"])
        return [selectors.evaluate(p, data["as_of"]) for p in sorted(chosen, key=lambda p: p.code)]

    def download_name(self, view: Any, data: dict[str, Any], table: str) -> str:
        return f"indicators-{data['plan'] or 'all'}-{data['as_of']}"

    def page(self, results: list[selectors.PlanResult], data: dict[str, Any]) -> dict[str, Any]:
        return dict(
            as_of=data["as_of"],
            results=[{"result": r, "actions": _display(r)} for r in results],
            links=format_links(self.request),
        )


plans_indicators = IndicatorsPage.as_view()
