"""Section VIII of the generated review (National Implementation Measures), for the
period of CCM/CONF/2020/13: the counts per category at the start (para 106) and the end
(para 107) are computed from the record, with the source's counts kept beside them, the
para 107 discrepancy included (docs/sources.md)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.services.test_review_victims import figures
from treaty_tracker.obligations.review import SECTION, build
from treaty_tracker.review.sections import sections
from treaty_tracker.themes.document import Period, SectionContent

PERIOD = Period(date(2015, 9, 11), date(2020, 9, 28))
K = "national_measures"


@pytest.fixture(scope="module")
def content(django_db_blocker: pytest.FixtureRequest) -> SectionContent:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build(PERIOD)


def test_it_is_section_viii_and_found_by_the_generator() -> None:
    assert (SECTION.number, SECTION.key) == ("VIII", "national_measures")
    assert str(SECTION.title) == "National Implementation Measures"
    assert sections()["VIII"] is SECTION


def test_the_counts_at_the_start_agree_with_para_106(content: SectionContent) -> None:
    f = figures(content)
    for category, count in (
        ("investment_prohibition", 9),
        ("specific_law", 24),
        ("existing_law_sufficient", 17),
        ("legislation_in_progress", 21),
    ):
        assert f[f"{K}.{category}.start"].value == count
        assert len(f[f"{K}.{category}.start.states"].value) == count
        assert f[f"{K}.{category}.start.stated"].value == count
        assert f[f"{K}.{category}.start"].sources == ("CCM/CONF/2020/13 para 106",)
    assert f[f"{K}.legal_measures.start.stated"].value == 41
    assert f[f"{K}.administrative_measures.start.stated"].value == 44
    assert f[f"{K}.investment_prohibition.start.states"].value == (
        "BEL",
        "IRL",
        "ITA",
        "LIE",
        "LUX",
        "NLD",
        "NZL",
        "WSM",
        "CHE",
    ) or set(f[f"{K}.investment_prohibition.start.states"].value) == {
        "BEL",
        "IRL",
        "ITA",
        "LIE",
        "LUX",
        "NLD",
        "NZL",
        "WSM",
        "CHE",
    }


def test_the_counts_at_the_end_agree_with_para_107_and_keep_its_discrepancy(
    content: SectionContent,
) -> None:
    f = figures(content)
    assert f[f"{K}.investment_prohibition.end"].value == 12
    assert f[f"{K}.specific_law.end"].value == 31
    # existing law: 31 on the record, of which Mauritania as recorded in 2015; para 107: 30
    assert f[f"{K}.existing_law_sufficient.end.carried"].value == ("MRT",)
    assert f[f"{K}.existing_law_sufficient.end"].value - 1 == 30
    assert f[f"{K}.existing_law_sufficient.end.stated"].value == 30
    # para 107 states 23 but describes 22: both kept, the difference said
    assert f[f"{K}.legislation_in_progress.end"].value == 22
    stated = f[f"{K}.legislation_in_progress.end.stated"]
    assert stated.value == 23 and "differs" in stated.method
    assert stated.sources == ("CCM/CONF/2020/13 para 107",)
    assert f[f"{K}.legal_measures.end.stated"].value == 61
    assert f[f"{K}.administrative_measures.end.stated"].value == 53
    assert f[f"{K}.states_parties_in_force.end.stated"].value == 108


def test_the_changes_are_computed(content: SectionContent) -> None:
    f = figures(content)
    assert f[f"{K}.investment_prohibition.added"].value == ("AFG", "KNA", "ESP") or set(
        f[f"{K}.investment_prohibition.added"].value
    ) == {"AFG", "KNA", "ESP"}
    assert {"AFG", "BGR", "CMR", "HRV", "GTM", "MOZ"} <= set(
        f[f"{K}.legislation_in_progress.left"].value
    )


def test_legal_and_administrative_counts_are_not_known_without_kinds(
    content: SectionContent,
) -> None:
    f = figures(content)
    assert f[f"{K}.legal_measures.end"].value is None
    assert f[f"{K}.legal_measures.end"].text == "not known"


def test_every_known_figure_carries_its_sources_and_method(content: SectionContent) -> None:
    for key, figure in figures(content).items():
        assert figure.method, key
