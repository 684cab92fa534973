"""Staff entry of the Article 5 facts (``themes.fact_editor``: list, new, edit, history at
``/record/<key>/``). Validation is the models' ``clean()``; the editor adds the source,
paragraph, quote and note fields."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treaty_tracker.themes.fact_editor import FactEditor
from treaty_tracker.victims.models import (
    Casualties,
    CrpdStatus,
    DataCollection,
    FocalPoint,
    NationalPlan,
    Service,
    SurvivorInvolvement,
)

EDITORS = [
    FactEditor(
        key="va-casualties",
        model=Casualties,
        fields=("state", "year", "outcome", "total", *Casualties.PARTS),
        title=_("Cluster munition casualties per year (Art. 5, 7(1)(k))"),
        columns=("state", "year", "outcome", "total"),
    ),
    FactEditor(
        key="va-focal-points",
        model=FocalPoint,
        fields=("state", "designated", "entity"),
        title=_("Victim assistance focal points (Art. 5(2)(g))"),
    ),
    FactEditor(
        key="va-plans",
        model=NationalPlan,
        fields=("state", "kind", "title", "period_start", "period_end", "adopted", "url"),
        title=_("National victim assistance and disability plans (Art. 5(2)(c))"),
        columns=("state", "kind", "title", "adopted"),
    ),
    FactEditor(
        key="va-crpd",
        model=CrpdStatus,
        fields=("state", "status", "since"),
        title=_("CRPD status of the States with Article 5 obligations"),
    ),
    FactEditor(
        key="va-data-collection",
        model=DataCollection,
        fields=("state", "status", "as_of", "disaggregated", "description"),
        title=_("Victim data collection (Art. 5(1))"),
        columns=("state", "status", "as_of", "disaggregated"),
    ),
    FactEditor(
        key="va-survivor-involvement",
        model=SurvivorInvolvement,
        fields=("state", "involved", "as_of"),
        title=_("Survivors' involvement in coordination (Art. 5(2)(f))"),
    ),
    FactEditor(
        key="va-services",
        model=Service,
        fields=("state", "kind", "description", "as_of"),
        title=_("Victim assistance services (Art. 5(1))"),
        columns=("state", "kind", "as_of"),
    ),
]
