"""Template filters for the Article 5 pages: the codes of the victims facts as words."""

from __future__ import annotations

from typing import Any

from django import template

from treaty_tracker.victims.models import (
    Casualties,
    CrpdStatus,
    DataCollection,
    NationalPlan,
    Service,
    SurvivorInvolvement,
)

register = template.Library()

LABELS: dict[str, dict[str, Any]] = {
    "plan": dict(NationalPlan.Kind.choices),
    "crpd": dict(CrpdStatus.Status.choices),
    "data_collection": dict(DataCollection.Status.choices),
    "involvement": dict(SurvivorInvolvement.Involved.choices),
    "service": dict(Service.Kind.choices),
    "outcome": dict(Casualties.OutcomeChoice.choices),
    "part": {name: Casualties._meta.get_field(name).verbose_name for name in Casualties.PARTS},
}


@register.filter
def va_label(value: Any, domain: str) -> str:
    """``{{ fact.value|va_label:"crpd" }}`` -> "Party"; the code itself when unknown."""
    return str(LABELS.get(domain, {}).get(value, value))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """``{{ row.facts|get:"crpd" }}``: a mapping's item (None when absent)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
