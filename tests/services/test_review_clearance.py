"""Section IV (Clearance and Risk Reduction Education), part A, for the period of
CCM/CONF/2020/13: paras 38-41 and 53 by key, computed from the record where it holds the
data, the review's sourced totals where only totals exist, "not known" otherwise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from treaty_tracker.clearance import review
from treaty_tracker.themes.document import Chart, Document, Part, Period, Section

REVIEW_PERIOD = Period(date(2015, 9, 11), date(2020, 9, 28))
SOURCE = "as the source states it"


def _document(period: Period) -> Document:
    content = review.build(period)
    section = Section("IV", "clearance", "Clearance", (Part("A", "", content.status),))
    return Document("Review", "TEST", period, period.end, "en", (section,))


@pytest.fixture
def document(db: None) -> Document:
    return _document(REVIEW_PERIOD)


def value(document: Document, key: str) -> Any:
    return document.figure(key).value


def test_para_38_eleven_at_the_start_ten_at_the_end(document: Document) -> None:
    assert value(document, "clearance.obligations_at_start") == 11
    assert value(document, "clearance.obligations_at_end") == 10
    assert set(value(document, "clearance.obligations_at_end_states")) == {
        "AFG",
        "BIH",
        "TCD",
        "CHL",
        "DEU",
        "IRQ",
        "LAO",
        "LBN",
        "MRT",
        "SOM",
    }
    end = document.figure("clearance.obligations_at_end")
    assert end.method.startswith("computed from the record")
    assert "CCM/CONF/2020/13 para 38" in end.sources


def test_para_38_completions_new_and_rediscovered(document: Document) -> None:
    assert value(document, "clearance.completed") == ("HRV", "MNE", "MOZ")
    assert value(document, "clearance.completed_count") == 3
    assert value(document, "clearance.new") == ("SOM",)
    assert value(document, "clearance.rediscovered") == ("MRT",)


def test_the_record_says_which_states_it_cannot_place_at_the_start(document: Document) -> None:
    # Completions dated only "by 2018": the main count is the review's, said as such.
    assert document.figure("clearance.obligations_at_start").method.startswith(SOURCE)
    assert value(document, "clearance.obligations_at_start_on_record") == 11
    assert "NOR" in value(document, "clearance.not_known_at_start")


def test_para_39_extensions_granted_and_pending(document: Document) -> None:
    assert value(document, "clearance.extensions_granted") == ("DEU", "LAO")
    assert value(document, "clearance.extended_deadline.DEU") == "2025-08-01"
    assert value(document, "clearance.extended_deadline.LAO") == "2025-08-01"
    assert document.figure("clearance.extended_deadline.LAO").text == "1 August 2025"
    assert value(document, "clearance.months_granted.DEU") == 60
    assert value(document, "clearance.extensions_pending") == ("BIH", "CHL", "LBN")
    assert value(document, "clearance.months_requested.BIH") == 18
    assert value(document, "clearance.months_requested.CHL") == 12
    assert value(document, "clearance.months_requested.LBN") == 60


def test_para_41_detailed_risk_education_as_the_source_states_it(document: Document) -> None:
    figure = document.figure("clearance.rre_detailed")
    assert set(figure.value) == {"AFG", "HRV", "IRQ", "LAO", "LBN"}
    assert figure.method.startswith(SOURCE)


def test_para_53_clearance_per_year_as_sourced_totals(document: Document) -> None:
    expected = {
        "clearance.area_cleared_km2.global.2015": 70,
        "clearance.area_cleared_km2.states_parties.2015": 52.2,
        "clearance.area_cleared_km2.global.2016": 88,
        "clearance.area_cleared_km2.states_parties.2016": 39.5,
        "clearance.area_cleared_km2.global.2017": 95.4,
        "clearance.area_cleared_km2.states_parties.2017": 43.9,
        "clearance.area_cleared_km2.global.2018": 128.3,
        "clearance.area_cleared_km2.states_parties.2018": 50.5,
        "clearance.submunitions_cleared.global.2015": 120_899,
        "clearance.submunitions_cleared.states_parties.2015": 106_863,
        "clearance.submunitions_cleared.global.2016": 137_544,
        "clearance.submunitions_cleared.states_parties.2016": 113_085,
        "clearance.submunitions_cleared.global.2017": 153_007,
        "clearance.submunitions_cleared.states_parties.2017": 125_550,
        "clearance.submunitions_cleared.global.2018": 135_779,
        "clearance.submunitions_cleared.states_parties.2018": 100_455,
    }
    for key, number in expected.items():
        figure = document.figure(key)
        assert figure.value == number, key
        assert figure.sources == ("CCM/CONF/2020/13 para 53",)
        assert figure.method.startswith(SOURCE)
    # No land release per State is on the record for those years: not known, not zero.
    assert value(document, "clearance.released_km2_on_record") is None


def test_a_chart_of_clearance_per_year(document: Document) -> None:
    charts = [b for b in document.sections[0].parts[0].blocks if isinstance(b, Chart)]
    assert charts and charts[0].svg.lstrip().startswith("<svg")
    assert "2018 in States Parties: more than 50.5 km²" in charts[0].description


def test_every_known_figure_carries_sources(document: Document) -> None:
    for figure in document.figures():
        assert figure.key.startswith("clearance.")
        assert figure.method, figure.key
        if figure.value not in (None, (), 0):
            assert figure.sources, figure.key


def test_not_known_where_the_record_cannot_say(db: None) -> None:
    document = _document(Period(date(2021, 1, 1), date(2022, 12, 31)))
    assert value(document, "clearance.area_cleared_km2.global") is None
    assert document.figure("clearance.rre_detailed").text == "not known"
    assert value(document, "clearance.released_km2_on_record") is None


def test_the_section_is_declared() -> None:
    assert (review.SECTION.number, review.SECTION.key) == ("IV", "clearance")
    assert str(review.SECTION.title) == "Clearance and Risk Reduction Education"
