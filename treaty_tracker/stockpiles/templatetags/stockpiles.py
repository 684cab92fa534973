"""Template filters for Article 3 quantities: a count as exactly as the source gives it."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from treaty_tracker.rules.stockpiles import Amount, Qualifier

register = template.Library()


def _count(value: int) -> str:
    return number_format(value, force_grouping=True)


@register.filter
def amount(value: Amount | int | None) -> SafeString | str:
    """``162,417``; ``about 2,800,000`` (rounded by the source); ``at least 52,000``;
    ``not known`` for None."""
    if value is None:
        return _("not known")
    if isinstance(value, int):
        return _count(value)
    if value.qualifier is Qualifier.APPROXIMATE:
        return format_html(
            '<span class="approximate" title="{}">{}</span>',
            _("approximate: a source rounds this figure"),
            _("about %(count)s") % {"count": _count(value.value)},
        )
    if value.qualifier is Qualifier.AT_LEAST:
        return _("at least %(count)s") % {"count": _count(value.value)}
    return _count(value.value)


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return _("not known")
    return f"{number_format(value * 100, decimal_pos=1)}%"


@register.filter
def change(value: int | None) -> str:
    """A yearly change: ``+3``, ``−12``, ``0``; empty when not known."""
    if value is None:
        return ""
    if value > 0:
        return f"+{_count(value)}"
    if value < 0:
        return f"−{_count(-value)}"
    return "0"


@register.filter
def figure_value(value: Any) -> str:
    """A sourced ``Figure`` value (a Decimal) without trailing zeros, grouped."""
    if value is None:
        return ""
    number = value.normalize() if hasattr(value, "normalize") else value
    if number == int(number):
        return _count(int(number))
    return number_format(number)


@register.filter
def category_label(value: Any) -> str:
    """``cluster_munitions`` → "Cluster munitions" (translated)."""
    from treaty_tracker.stockpiles.models import Category

    return str(dict(Category.choices).get(str(value), value))
