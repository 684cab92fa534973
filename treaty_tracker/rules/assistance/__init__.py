"""Article 6: international cooperation and assistance, as plain data (no Django).

One module per job: :mod:`.vocabulary` (directions, themes, kinds, currencies),
:mod:`.checks` (what a record of assistance or a coalition must satisfy), :mod:`.facts`
(facts, and Form I of the reports read as facts), :mod:`.summaries` (per year and theme,
per State), :mod:`.matching` (needs and offers) and :mod:`.years` (the range asked for).
Import from the package: this ``__init__`` is its API.
"""

from __future__ import annotations

from treaty_tracker.rules.assistance.checks import (
    AssistanceInput,
    by_field,
    check_amount,
    check_assistance,
    check_coalition,
    check_meeting,
    check_partner,
    check_year_given,
)
from treaty_tracker.rules.assistance.facts import (
    REPORT_TABLES,
    AssistanceFact,
    NationalResource,
    citation_for_report,
    facts_from_report,
    resources_from_report,
)
from treaty_tracker.rules.assistance.matching import Match, Need, Supporter, match_needs, needs
from treaty_tracker.rules.assistance.summaries import (
    Cell,
    PeriodSummary,
    StateSummary,
    summarize_states,
    summarize_years,
)
from treaty_tracker.rules.assistance.vocabulary import (
    ARTICLE_THEMES,
    CURRENCIES,
    DEFAULT_WINDOW,
    DIRECTIONS,
    FIRST_YEAR,
    KINDS,
    LAST_YEAR,
    MAX_WINDOW,
    SUPPORT,
    THEMES,
    Direction,
    Kind,
    Theme,
)
from treaty_tracker.rules.assistance.years import check_years, default_years

__all__ = [
    "ARTICLE_THEMES",
    "CURRENCIES",
    "DEFAULT_WINDOW",
    "DIRECTIONS",
    "FIRST_YEAR",
    "KINDS",
    "LAST_YEAR",
    "MAX_WINDOW",
    "REPORT_TABLES",
    "SUPPORT",
    "THEMES",
    "AssistanceFact",
    "AssistanceInput",
    "Cell",
    "Direction",
    "Kind",
    "Match",
    "NationalResource",
    "Need",
    "PeriodSummary",
    "StateSummary",
    "Supporter",
    "Theme",
    "by_field",
    "check_amount",
    "check_assistance",
    "check_coalition",
    "check_meeting",
    "check_partner",
    "check_year_given",
    "check_years",
    "citation_for_report",
    "default_years",
    "facts_from_report",
    "match_needs",
    "needs",
    "resources_from_report",
    "summarize_states",
    "summarize_years",
]
