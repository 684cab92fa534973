"""Template filters for Article 4 figures: areas in m² and km², lower bounds, the sex and
age parts of risk education."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.rules import clearance as rules

register = template.Library()

PARTS = {
    "girls": gettext_lazy("Girls"),
    "boys": gettext_lazy("Boys"),
    "women": gettext_lazy("Women"),
    "men": gettext_lazy("Men"),
    "not_disaggregated": gettext_lazy("Not disaggregated"),
}
METHODS = {
    rules.Method.CANCELLED: gettext_lazy("Cancelled (non-technical survey)"),
    rules.Method.REDUCED: gettext_lazy("Reduced (technical survey)"),
    rules.Method.CLEARED: gettext_lazy("Cleared"),
}


@register.filter
def count(value: Any) -> str:
    """A whole number with thousands separators; "not known" for None."""
    if value is None:
        return _("not known")
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return number_format(value, decimal_pos=2, force_grouping=True)
    return number_format(int(value), force_grouping=True)


@register.filter
def m2(value: Any) -> str:
    if value is None:
        return _("not known")
    return _("%(n)s m²") % {"n": count(value)}


@register.filter
def km2(value: Any) -> str:
    """m² shown as km² with two decimals (1 km² = 1,000,000 m²)."""
    if value is None:
        return _("not known")
    return _("%(n)s km²") % {
        "n": number_format(Decimal(value) / 1_000_000, decimal_pos=2, force_grouping=True)
    }


@register.filter
def bound(remaining: rules.Remaining) -> str:
    """ "at least" / "about" / "" before a remaining-contamination figure."""
    if remaining.bound is rules.Bound.AT_LEAST:
        return _("at least")
    if remaining.bound is rules.Bound.APPROXIMATELY:
        return _("about")
    return ""


@register.filter
def part(value: Any, name: str) -> Any:
    """``beneficiaries|part:"girls"``: one part (or a mapping's entry)."""
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None)


@register.filter
def part_label(name: str) -> str:
    return str(PARTS.get(name, name))


@register.filter
def method(year: rules.YearRelease, name: str) -> int:
    return year.by_method[rules.Method(name)]


@register.simple_tag
def method_labels() -> list[tuple[str, str]]:
    return [(m.value, str(text)) for m, text in METHODS.items()]
