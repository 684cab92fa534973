"""Section III (Stockpile Destruction), part A, for the period of CCM/CONF/2020/13: the
figures agree with paras 28-31 where the record holds the data (computed, or the
review's own sourced total where the record holds fewer States), and are "not known"
where nothing on the record can say. Figures are compared by key, not prose."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from treaty_tracker.stockpiles import review
from treaty_tracker.themes.document import (
    Chart,
    Document,
    Figure,
    Paragraph,
    Part,
    Period,
    Section,
)

REVIEW_PERIOD = Period(date(2015, 9, 11), date(2020, 9, 28))
SOURCE = "as the source states it"


def _document(period: Period) -> Document:
    content = review.build(period)
    section = Section(
        "III", "stockpiles", "Stockpile Destruction", (Part("A", "", content.status),)
    )
    return Document("Review", "TEST", period, period.end, "en", (section,))


@pytest.fixture
def document(db: None) -> Document:
    return _document(REVIEW_PERIOD)


def value(document: Document, key: str) -> Any:
    return document.figure(key).value


def test_para_28_counts_are_the_review_s_own_where_the_record_holds_fewer_states(
    document: Document,
) -> None:
    completed = document.figure("stockpiles.completed")
    reported = document.figure("stockpiles.reported_stockpiles")
    assert (completed.value, reported.value) == (36, 41)
    for figure in (completed, reported):
        assert figure.method.startswith(SOURCE)
        assert figure.sources == ("CCM/CONF/2020/13 para 28",)
    # Both appear: what the record itself names, computed, with the sources behind it.
    on_record = document.figure("stockpiles.completed_on_record_states")
    assert on_record.method.startswith("computed from the record")
    assert {"BWA", "HRV", "CUB", "FRA", "DEU", "ITA", "SVN", "ESP", "CHE"} <= set(on_record.value)
    assert value(document, "stockpiles.completed_on_record") == len(on_record.value)
    assert on_record.sources


def test_totals_destroyed_are_the_sourced_totals(document: Document) -> None:
    assert value(document, "stockpiles.destroyed_munitions") == 1_500_000
    assert value(document, "stockpiles.destroyed_submunitions") == 178_000_000
    assert value(document, "stockpiles.destroyed_share_percent") == 95
    assert value(document, "stockpiles.without_stockpiles") == 100
    assert document.figure("stockpiles.destroyed_munitions").method.startswith(SOURCE)


def test_thirteen_had_an_obligation_at_the_close_of_the_first_review_conference(
    document: Document,
) -> None:
    assert value(document, "stockpiles.outstanding_at_start") == 13


def test_para_28a_names_the_nine_that_declared_compliance(document: Document) -> None:
    nine = ("BWA", "HRV", "CUB", "FRA", "DEU", "ITA", "SVN", "ESP", "CHE")
    assert value(document, "stockpiles.declared_compliance") == nine  # ordered by name
    assert document.figure("stockpiles.declared_compliance").text == (
        "Botswana, Croatia, Cuba, France, Germany, Italy, Slovenia, Spain and Switzerland"
    )
    assert value(document, "stockpiles.declared_compliance_count") == 9
    # The record dates most completions only as "within the period": it cannot tell
    # whether they were in time, so it says so; the review's "five, three years ahead"
    # is its own figure.
    in_time = document.figure("stockpiles.declared_compliance_in_time")
    assert in_time.value is None and in_time.text == "not known"
    assert value(document, "stockpiles.completed_3_years_ahead") == 5


def test_para_28b_cuba_joined_with_stockpiles_and_completed(document: Document) -> None:
    assert value(document, "stockpiles.joined_with_stockpiles") == ("CUB",)
    assert value(document, "stockpiles.joined_completed") == ("CUB",)


def test_para_28c_new_parties_not_believed_to_hold_stockpiles(document: Document) -> None:
    figure = document.figure("stockpiles.new_parties_no_stockpile_believed")
    assert set(figure.value) == {"NIU", "LCA", "STP"}
    assert figure.method.startswith(SOURCE)


def test_para_28d_outstanding_with_the_engine_s_deadlines(document: Document) -> None:
    assert value(document, "stockpiles.outstanding") == ("BGR", "PER", "SVK", "ZAF")
    assert value(document, "stockpiles.outstanding_count") == 4
    # Para 30: Slovakia and South Africa on track for 2024 and 2023; Bulgaria's deadline
    # after its one-year extension.
    assert value(document, "stockpiles.deadline.SVK") == "2024-01-01"
    assert value(document, "stockpiles.deadline.ZAF") == "2023-11-01"
    assert value(document, "stockpiles.deadline.BGR") == "2020-10-01"
    assert value(document, "stockpiles.unconfirmed") == ("GNB",)


def test_para_30_extension_requests_of_the_period(document: Document) -> None:
    assert value(document, "stockpiles.extensions_granted") == ("BGR",)
    assert value(document, "stockpiles.months_granted.BGR.9MSP") == 12
    # Pending at the review (Peru's was decided in March 2021, after the period).
    assert value(document, "stockpiles.extensions_pending") == ("BGR", "PER")
    assert value(document, "stockpiles.months_requested.BGR.2RC") == 24
    assert value(document, "stockpiles.months_requested.PER.2RC") == 37
    assert value(document, "stockpiles.outstanding_without_request") == ("SVK", "ZAF")
    assert value(document, "stockpiles.discovered") == ()


def test_para_31_retention(document: Document) -> None:
    assert value(document, "stockpiles.retaining") == 13
    assert value(document, "stockpiles.retaining_at_start") == 11


def test_every_known_figure_carries_sources_and_a_method(document: Document) -> None:
    figures = list(document.figures())
    assert figures
    for figure in figures:
        assert figure.key.startswith("stockpiles.")
        assert figure.method, figure.key
        if figure.value not in (None, (), 0):
            assert figure.sources, figure.key


def test_a_chart_of_destruction_progress(document: Document) -> None:
    charts = [b for b in document.sections[0].parts[0].blocks if isinstance(b, Chart)]
    assert charts
    assert charts[0].svg.lstrip().startswith("<svg")
    assert "Peru" in charts[0].description


def test_not_known_where_no_source_states_it_for_the_period(db: None) -> None:
    document = _document(Period(date(2011, 1, 1), date(2012, 12, 31)))
    for key in (
        "stockpiles.without_stockpiles",
        "stockpiles.destroyed_share_percent",
        "stockpiles.destroyed_munitions",
        "stockpiles.new_parties_no_stockpile_believed",
    ):
        figure = document.figure(key)
        assert figure.value is None and figure.text == "not known", key
    # Counts the record can make stay computed (not the 2020 review's figures).
    assert not document.figure("stockpiles.completed").method.startswith(SOURCE)


def test_paragraphs_only_and_the_section_is_declared() -> None:
    assert review.SECTION.number == "III"
    assert review.SECTION.key == "stockpiles"
    assert str(review.SECTION.title) == "Stockpile Destruction"
    assert review.SECTION.build is review.build


def test_figures_are_figures(document: Document) -> None:
    blocks = document.sections[0].parts[0].blocks
    assert isinstance(blocks[0], Paragraph)
    assert all(isinstance(f, Figure) for f in document.figures())
