"""Template filters for the record: dates known only in part, the engine's codes as words,
and source citations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from treaty_tracker.rules import FuzzyDate
from treaty_tracker.themes import labels

register = template.Library()


def _day(day: date) -> SafeString:
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day, "j F Y"))


@register.filter
def fuzzydate(value: FuzzyDate | date | None) -> SafeString | str:
    """A date as precisely as the record knows it: "1 August 2010", "March 2019", "2019",
    "by 28 September 2020", "after …", "between … and …" or "not known".

    ``None`` (no such event) renders as an empty string; the template decides what to say.
    """
    if value is None:
        return ""
    if isinstance(value, date):
        value = FuzzyDate.exact(value)
    lo, hi = value.earliest, value.latest
    match value.precision:
        case "day":
            assert lo is not None
            return _day(lo)
        case "month":
            assert lo is not None
            return format_html(
                '<time datetime="{}">{}</time>', f"{lo:%Y-%m}", date_format(lo, "F Y")
            )
        case "year":
            assert lo is not None
            return format_html('<time datetime="{}">{}</time>', f"{lo:%Y}", f"{lo:%Y}")
        case "by":
            assert hi is not None
            return format_html(_("by {date}"), date=_day(hi))
        case "after":
            assert lo is not None
            # parse("after 2020-09-28") keeps the earliest possible day, 29 September.
            return format_html(_("on or after {date}"), date=_day(lo))
        case "range":
            assert lo is not None and hi is not None
            return format_html(_("between {start} and {end}"), start=_day(lo), end=_day(hi))
        case _:
            return _("not known")


@register.filter
def value(value: Any) -> SafeString | str:
    """Any fact's value: dates as :func:`fuzzydate`, anything else as text."""
    if isinstance(value, FuzzyDate | date):
        return fuzzydate(value)
    return "" if value is None else str(value)


@register.filter
def lookup(mapping: Mapping[str, Any] | None, key: Any) -> Any:
    """``{{ ids|lookup:key }}``: the value under ``key`` (as text), or None."""
    return None if mapping is None else mapping.get(str(key))


@register.filter
def label(value: Any, domain: str) -> str:
    """``{{ result.status|label:"status" }}`` → "State Party" (see ``themes.labels``)."""
    return labels.label(domain, value)


@register.inclusion_tag("web/includes/sources.html")
def sources(citations: Iterable[str] | str, labelled: bool = False) -> dict[str, Any]:
    """Each fact's citations, e.g. "CCM/CONF/2020/13 para 30", deduplicated in order; a
    model's ``.citation`` (one string) works too. ``labelled`` prefixes "Source:" where no
    column or term already says so."""
    if isinstance(citations, str):
        citations = [citations]
    return {"citations": list(dict.fromkeys(c for c in citations if c)), "labelled": labelled}
