"""Article 9 rules (``rules.measures``): each State's categories over time and the counts
per category on a date, beside the figures the sources state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.measures import (
    MeasureRecord,
    SourcedCount,
    count_kinds,
    counts,
    history,
    latest,
)

Y2015 = FuzzyDate.parse("2015-09-11")
Y2020 = FuzzyDate.parse("2020-09-28")

RECORDS = [
    MeasureRecord("GNB", "existing_law_sufficient", Y2015, sources=("para 106",)),
    MeasureRecord("GNB", "legislation_in_progress", Y2020, sources=("para 107",)),
    MeasureRecord("BEL", "investment_prohibition", Y2015),
    MeasureRecord("BEL", "specific_law", Y2015),
    MeasureRecord("BEL", "investment_prohibition", Y2020),
    MeasureRecord("BEL", "specific_law", Y2020, kind="legal", title="Loi du 18 mai 2006"),
    MeasureRecord("MRT", "existing_law_sufficient", Y2015),
]
STATED = [
    SourcedCount(
        "national_implementation.existing_law_sufficient", Decimal(2), Y2015, "", ("p106",)
    ),
    SourcedCount(
        "national_implementation.existing_law_sufficient", Decimal(0), Y2020, "", ("p107",)
    ),
    SourcedCount(
        "national_implementation.legislation_in_progress", Decimal(2), Y2020, "", ("p107",)
    ),
]


def test_it_keeps_each_state_s_history_oldest_first() -> None:
    gnb = history(RECORDS, "GNB")
    assert [(s.as_of, s.categories) for s in gnb] == [
        (Y2015, ("existing_law_sufficient",)),
        (Y2020, ("legislation_in_progress",)),
    ]
    assert gnb[1].sources == ("para 107",)
    assert history(RECORDS, "BEL")[0].categories == ("investment_prohibition", "specific_law")


def test_its_latest_categories_are_those_of_the_most_recent_date() -> None:
    assert latest(RECORDS, date(2020, 9, 28))["GNB"].categories == ("legislation_in_progress",)
    assert latest(RECORDS, date(2018, 1, 1))["GNB"].categories == ("existing_law_sufficient",)
    assert "GNB" not in latest(RECORDS, date(2015, 9, 10))
    # A State in no later source keeps its earlier picture.
    assert latest(RECORDS, date(2020, 9, 28))["MRT"].as_of == Y2015


def test_it_counts_per_category_beside_the_stated_figure() -> None:
    by_category = {c.category: c for c in counts(RECORDS, date(2020, 9, 28), STATED)}
    existing = by_category["existing_law_sufficient"]
    assert existing.states == ("MRT",) and existing.carried == ("MRT",)
    assert int(existing.stated.value) == 0 and existing.differs
    progress = by_category["legislation_in_progress"]
    assert progress.count == 1 and int(progress.stated.value) == 2 and progress.differs
    assert by_category["specific_law"].stated is None
    assert by_category["investment_prohibition"].states == ("BEL",)


def test_it_uses_the_figure_stated_for_the_date() -> None:
    by_category = {c.category: c for c in counts(RECORDS, date(2016, 1, 1), STATED)}
    existing = by_category["existing_law_sufficient"]
    assert existing.states == ("GNB", "MRT") and existing.carried == ()
    assert int(existing.stated.value) == 2 and not existing.differs


def test_it_counts_kinds_of_measure_only_where_known() -> None:
    assert count_kinds(RECORDS, date(2020, 9, 28)) == {"legal": ("BEL",)}
