"""Staff entry of the Article 4 facts (``/record/<key>/``): every check is in the models'
``clean()`` (``rules.clearance``), so the editor refuses what the rules refuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treaty_tracker.clearance.models import (
    ContaminatedArea,
    ContaminationEstimate,
    LandRelease,
    Milestone,
    NationalPlan,
    RiskEducation,
    Survey,
)
from treaty_tracker.themes.fact_editor import FactEditor

GROUP = _("Clearance and risk reduction education (Art. 4)")

EDITORS = [
    FactEditor(
        key="clearance-areas",
        model=ContaminatedArea,
        fields=(
            "state",
            "name",
            "location",
            "size_m2",
            "remnant_types",
            "used",
            "status",
            "discovered",
            "previous_completion",
            "released",
            "geometry",
        ),
        title=_("Contaminated areas (Art. 4, 7(1)(h))"),
        columns=("state", "name", "size_m2", "status", "discovered", "released"),
        help=_(
            "Size in m². For contamination found after the State declared completion, give "
            "that completion's date and when the area was found."
        ),
        group=GROUP,
    ),
    FactEditor(
        key="clearance-estimates",
        model=ContaminationEstimate,
        fields=("state", "area_m2", "bound", "as_of"),
        title=_("Estimates of remaining contamination (Art. 7(1)(h))"),
        help=_("In m². “More than 800 million m²” is 800000000 with “at least”."),
        group=GROUP,
    ),
    FactEditor(
        key="clearance-releases",
        model=LandRelease,
        fields=("state", "year", "method", "area_m2", "submunitions_destroyed"),
        title=_("Land release per year and method (Art. 4, 7(1)(i))"),
        help=_("One row per State, year and method; area in m²."),
        group=GROUP,
    ),
    FactEditor(
        key="clearance-surveys",
        model=Survey,
        fields=("state", "kind", "carried_out", "area_m2"),
        title=_("Surveys (Art. 4(2)(a))"),
        group=GROUP,
    ),
    FactEditor(
        key="clearance-plans",
        model=NationalPlan,
        fields=("state", "kind", "title", "period_start", "period_end", "adopted", "link"),
        title=_("National strategies and work plans (Art. 4)"),
        columns=("state", "kind", "title", "period_start", "period_end", "adopted"),
        group=GROUP,
    ),
    FactEditor(
        key="clearance-milestones",
        model=Milestone,
        fields=("plan", "description", "due", "achieved"),
        title=_("Milestones of national plans"),
        group=GROUP,
    ),
    FactEditor(
        key="clearance-risk-education",
        model=RiskEducation,
        fields=(
            "state",
            "year",
            "delivery",
            "girls",
            "boys",
            "women",
            "men",
            "not_disaggregated",
            "total",
        ),
        title=_("Risk reduction education (Art. 4(2)(e), 7(1)(j))"),
        columns=("state", "year", "delivery", "total"),
        help=_("People reached, by sex and age; leave a part empty when it is not known."),
        group=GROUP,
    ),
]
