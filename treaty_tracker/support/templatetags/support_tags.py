"""Template filters of the implementation support page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext as _

from treaty_tracker.support.selectors import amount as printed

register = template.Library()


@register.filter
def money(value: Decimal | None, currency: str = "") -> str:
    """``CHF 400,000``; "not known" for an amount the record does not hold."""
    if value is None:
        return _("not known")
    return f"{currency} {printed(value)}".strip()


@register.filter
def known_sum(value: Any) -> str:
    """A ``rules.support.Sum``: its amount, "at least …" when some parts are not known or
    in another currency, "not known" when no part is known."""
    if value.amount is None:
        return _("not known")
    text = money(value.amount, value.currency)
    return text if value.complete else _("at least %(amount)s") % {"amount": text}


@register.filter
def get(mapping: dict[Any, Any] | None, key: Any) -> Any:
    return None if mapping is None else mapping.get(key)
