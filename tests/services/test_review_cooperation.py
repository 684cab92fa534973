"""Section VI of the generated review (International Cooperation and Assistance), for the
period of CCM/CONF/2020/13: para 78's figures are "not known" where the record holds no
published report, with the review's stated figures beside them; para 82's coalitions are
computed."""

from __future__ import annotations

from datetime import date

import pytest

from tests.services.test_review_victims import figures
from treaty_tracker.cooperation.review import SECTION, build, years
from treaty_tracker.review.sections import sections
from treaty_tracker.themes.document import Period, SectionContent

PERIOD = Period(date(2015, 9, 11), date(2020, 9, 28))
#: para 78, per year: requested, provided, received
PARA_78 = {
    2015: (9, 4, 4),
    2016: (11, 16, 10),
    2017: (12, 21, 12),
    2018: (9, 22, 12),
    2019: (15, 21, 10),
}


@pytest.fixture(scope="module")
def content(django_db_blocker: pytest.FixtureRequest) -> SectionContent:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build(PERIOD)


def test_it_is_section_vi_and_found_by_the_generator() -> None:
    assert (SECTION.number, SECTION.key) == ("VI", "cooperation")
    assert str(SECTION.title) == "International Cooperation and Assistance"
    assert sections()["VI"] is SECTION


def test_the_years_are_those_the_reports_cover() -> None:
    assert years(PERIOD) == [2015, 2016, 2017, 2018, 2019]
    assert years(Period(date(2021, 3, 1), date(2021, 6, 1))) == [2021]


def test_para_78_is_not_known_without_reports_and_the_review_s_figures_stand_beside(
    content: SectionContent,
) -> None:
    f = figures(content)
    for year, stated in PARA_78.items():
        assert f[f"cooperation.reports.{year}"].value == 0
        for direction, value in zip(("requesting", "providing", "receiving"), stated, strict=True):
            assert f[f"cooperation.{direction}.{year}"].value is None
            assert f[f"cooperation.{direction}.{year}"].text == "not known"
            assert f[f"cooperation.{direction}.{year}.stated"].value == value
            assert f[f"cooperation.{direction}.{year}.stated"].sources == (
                "CCM/CONF/2020/13 para 78",
            )
    assert f["cooperation.nonparty_requesting.2019.stated"].value == ("SSD",)


def test_coalitions_agree_with_para_82(content: SectionContent) -> None:
    f = figures(content)
    assert f["cooperation.country_coalitions"].value == 3
    assert f["cooperation.country_coalitions.stated"].value == 3
    assert f["cooperation.country_coalitions.states"].value == ("BWA", "LBN", "MNE")
    assert f["cooperation.country_coalitions.concluded"].value == ("BWA",)
    assert f["cooperation.country_coalitions"].sources


def test_the_record_s_requests_include_the_ten_of_para_71(content: SectionContent) -> None:
    f = figures(content)
    requesting = set(f["cooperation.record_requesting.states"].value)
    assert {"AFG", "ALB", "BIH", "TCD", "GNB", "IRQ", "LAO", "LBN", "MNE", "SOM"} <= requesting
    assert f["cooperation.record_requesting"].value == len(requesting)


def test_every_known_figure_carries_its_sources_and_method(content: SectionContent) -> None:
    for key, figure in figures(content).items():
        assert figure.method, key
        if figure.value not in (None, 0, ()):
            assert figure.sources, key
