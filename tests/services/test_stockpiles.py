"""Article 3 facts in the database: the reference data loads and passes its own rules, and
the one write path (``save_fact``) refuses bad input with every problem on its field,
writing nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from tests.factories import minimal_annual_report
from treaty_tracker.rules import FuzzyDate, ReportKind
from treaty_tracker.rules.stockpiles import Amount, Category, Qualifier, ReportTable
from treaty_tracker.sources.models import Source
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State
from treaty_tracker.stockpiles import selectors, tables
from treaty_tracker.stockpiles.models import (
    ComplianceDeclaration,
    StockpileDeclaration,
    StockpileDestruction,
    StockpileRetention,
)
from treaty_tracker.transparency.models import Submission
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish

pytestmark = pytest.mark.django_db

MODELS = (StockpileDeclaration, StockpileDestruction, StockpileRetention, ComplianceDeclaration)


def _peru() -> State:
    return State.objects.get(iso3="PER")


def _errors(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def test_it_loads_perus_stockpile_and_destruction_with_their_source() -> None:
    declared = StockpileDeclaration.objects.get(
        state__iso3="PER", category=Category.CLUSTER_MUNITIONS.value
    )
    assert declared.quantity == 2012
    assert declared.source is not None and declared.source.key == "monitor_peru"
    years = dict(
        StockpileDestruction.objects.filter(
            state__iso3="PER", category=Category.EXPLOSIVE_SUBMUNITIONS.value
        ).values_list("year", "quantity")
    )
    assert years == {2019: 600, 2020: 8595, 2021: 3000, 2022: 34824}


def test_it_holds_rounded_figures_as_approximate() -> None:
    italy = StockpileDestruction.objects.get(
        state__iso3="ITA", category=Category.EXPLOSIVE_SUBMUNITIONS.value
    )
    assert (italy.quantity, italy.qualifier) == (2_800_000, Qualifier.APPROXIMATE.value)
    assert italy.year is None and italy.through == FuzzyDate.parse("2015-12")
    progress = selectors.facts("ITA").progress("ITA", date(2020, 1, 1))
    submunitions = progress.category(Category.EXPLOSIVE_SUBMUNITIONS)
    assert submunitions is not None
    assert submunitions.destroyed == Amount(2_800_000, Qualifier.APPROXIMATE)


@pytest.mark.parametrize("model", MODELS)
def test_every_loaded_fact_passes_its_own_validation(model: type) -> None:
    facts = list(model.objects.exclude(reference_key=None))
    assert facts, f"no {model.__name__} loaded"
    for fact in facts:
        fact.full_clean()  # the loader writes without clean(): check it would pass


def test_staff_enter_a_year_of_destruction(isla: User) -> None:
    fact = save_fact(
        StockpileDestruction(
            state=_peru(), category="cluster_munitions", year=2023, quantity=500, method="OD"
        ),
        user=isla,
        reason="2023 report",
    )
    assert fact.entered_by == isla
    assert fact.history.get().history_change_reason == "2023 report"
    progress = selectors.facts("PER").progress("PER", date(2024, 1, 1))
    munitions = progress.category(Category.CLUSTER_MUNITIONS)
    assert munitions is not None and munitions.remaining == Amount(2012 - 1003 - 500)


def test_more_destroyed_than_declared_is_refused_on_the_quantity(isla: User) -> None:
    # 1,003 destroyed 2019-2022 of 2,012 declared: 1,010 more would make 2,013.
    fact = StockpileDestruction(
        state=_peru(), category="cluster_munitions", year=2023, quantity=1010
    )
    with pytest.raises(ValidationError) as error:
        save_fact(fact, user=isla)
    messages = _errors(error)
    assert list(messages) == ["quantity"]
    assert "2,013 destroyed in total is more than the 2,012 declared" in messages["quantity"][0]
    assert not StockpileDestruction.objects.filter(state__iso3="PER", year=2023).exists()


def test_correcting_a_year_upwards_past_the_stockpile_is_refused(isla: User) -> None:
    fact = StockpileDestruction.objects.get(
        state__iso3="PER", category="cluster_munitions", year=2022
    )
    fact.quantity = 542 + 1010  # its own old value is replaced, not added
    with pytest.raises(ValidationError) as error:
        save_fact(fact, user=isla)
    assert "quantity" in _errors(error)
    fact.quantity = 542 + 1009
    save_fact(fact, user=isla)  # exactly the whole stockpile: accepted


def test_lowering_a_declaration_below_what_was_destroyed_is_refused(isla: User) -> None:
    fact = StockpileDeclaration.objects.get(state__iso3="PER", category="cluster_munitions")
    fact.quantity = 1000  # 1,003 already destroyed
    with pytest.raises(ValidationError) as error:
        save_fact(fact, user=isla)
    assert list(_errors(error)) == ["quantity"]
    fact.refresh_from_db()
    assert fact.quantity == 2012


def test_a_discovered_stockpile_allows_more_destruction(isla: User) -> None:
    save_fact(
        StockpileDeclaration(
            state=_peru(),
            category="cluster_munitions",
            origin=StockpileDeclaration.Origin.DISCOVERED,
            quantity=20,
            as_of=FuzzyDate.parse("2023-02"),
        ),
        user=isla,
    )
    save_fact(
        StockpileDestruction(state=_peru(), category="cluster_munitions", year=2023, quantity=1029),
        user=isla,
    )
    assert selectors.overview(date(2024, 1, 1)).figures.discovered == ("PER",)


def test_a_rounded_figure_above_the_stockpile_is_only_a_warning(isla: User) -> None:
    state = State.objects.get(iso3="ISL")
    save_fact(
        StockpileDeclaration(
            state=state,
            category="explosive_submunitions",
            quantity=1_000_000,
            qualifier="approximate",
            as_of=FuzzyDate.parse("2016-02-01"),
        ),
        user=isla,
    )
    save_fact(
        StockpileDestruction(
            state=state, category="explosive_submunitions", year=2017, quantity=1_000_100
        ),
        user=isla,
    )


def test_every_problem_is_named_on_its_field_at_once(isla: User) -> None:
    fact = StockpileDestruction(
        state=_peru(),
        category="cluster_munitions",
        year=2007,
        through=FuzzyDate.parse("2013-12"),
        quantity=-5,
    )
    with pytest.raises(ValidationError) as error:
        fact.full_clean()
    messages = _errors(error)
    assert set(messages) == {"quantity", "year", "through", "source"}
    assert messages["quantity"] == ["Enter zero or more."]
    assert messages["year"] == ["Enter a year from 2008 to 2100."]


def test_a_destruction_figure_needs_a_year_or_a_through_date(isla: User) -> None:
    with pytest.raises(ValidationError) as error:
        save_fact(
            StockpileDestruction(state=_peru(), category="cluster_munitions", quantity=1), user=isla
        )
    assert list(_errors(error)) == ["year"]


def test_a_second_figure_for_the_same_year_is_refused(isla: User) -> None:
    with pytest.raises(ValidationError) as error:
        save_fact(
            StockpileDestruction(
                state=_peru(), category="cluster_munitions", year=2019, quantity=1
            ),
            user=isla,
        )
    assert "already has a figure for this category and year" in str(error.value)
    assert StockpileDestruction.objects.filter(state__iso3="PER", year=2019).count() == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"year": 2101}, "year"),
        ({"year": 2021, "munitions": -1}, "munitions"),
        ({"year": 2021, "submunitions_consumed": -3}, "submunitions_consumed"),
    ],
)
def test_bad_retention_figures_are_refused(isla: User, values: dict[str, int], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        save_fact(StockpileRetention(state=_peru(), **values), user=isla)
    assert list(_errors(error)) == [field]
    assert not StockpileRetention.objects.filter(state__iso3="PER").exists()


def test_retention_reported_year_by_year_shows_in_the_figures(isla: User) -> None:
    source = Source.objects.get(key="monitor_peru")
    for year, munitions in ((2021, 10), (2022, 8)):
        save_fact(
            StockpileRetention(
                state=_peru(),
                year=year,
                munitions=munitions,
                submunitions=0,
                planned_use="EOD training",
                source=source,
            ),
            user=isla,
        )
    view = selectors.overview(date(2023, 1, 1))
    assert "PER" in view.figures.retaining
    assert view.figures.retaining == ("ITA", "PER")
    # A year's figures count once the year is over: Italy's 2022 row not yet in mid-2022.
    assert selectors.overview(date(2022, 6, 1)).figures.retaining == ("PER",)


def test_a_compliance_declaration_with_a_bad_link_is_refused(isla: User) -> None:
    fact = ComplianceDeclaration(
        state=_peru(), declared=FuzzyDate.parse("2024-05"), url="not a link"
    )
    with pytest.raises(ValidationError) as error:
        save_fact(fact, user=isla)
    assert list(_errors(error)) == ["url"]
    fact.url = "https://example.org/declaration"
    save_fact(fact, user=isla)
    assert [c.declared for c in selectors.facts("PER").compliance["PER"]] == [
        FuzzyDate.parse("2024-05")
    ]


# -- figures from published Article 7 reports (Forms B and D) ------------------------------

FORM_B = {
    "status": "changed",
    "data": {
        "programme_status": "in_progress",
        "stockpile": [{"type": "CB-250K", "munitions": 600, "submunitions": 30_000}],
        "destroyed": [{"type": "CB-250K", "munitions": 77, "submunitions": 4_321, "method": "OD"}],
    },
}
FORM_D = {
    "status": "changed",
    "data": {"retained": [{"type": "CB-250K", "munitions": 6, "submunitions": 300}]},
}


def _enter(user: User, iso3: str, year: int, *, publish: bool = True) -> Submission:
    content = minimal_annual_report(iso3, year)
    content["forms"]["B"] = FORM_B
    content["forms"]["D"] = FORM_D
    version = report_enter_on_behalf(
        user=user,
        slot=Slot(iso3, ReportKind.ANNUAL, year),
        content=content,
        received=datetime(year + 1, 3, 2, tzinfo=UTC),
    )
    return report_publish(user=user, submission=version) if publish else version


def test_a_published_form_b_feeds_the_state_and_the_totals(isla: User) -> None:
    _enter(isla, "PER", 2023)
    view = selectors.overview(date(2024, 6, 1))
    [report] = view.facts.reported["PER"]
    assert (report.year, report.programme_status) == (2023, "in_progress")
    # No staff figure for 2023: the reported destruction counts, cited to the report.
    munitions = view.progress["PER"].category(Category.CLUSTER_MUNITIONS)
    assert munitions is not None and munitions.destroyed == Amount(5 + 160 + 296 + 542 + 77)
    year_2023 = next(y for y in view.yearly if y.year == 2023)
    assert year_2023.munitions == Amount(77) and year_2023.states == ("PER",)
    assert "PER" in view.figures.retaining  # from Form D
    rows = [r for r in tables.progress_table(view) if r["iso3"] == "PER"]
    assert "report PER 2023, Form B" in rows[0]["sources"]
    [cm, sub] = tables.reported_table(view)
    assert (cm["category"], cm["stockpile"], cm["destroyed"], cm["retained"]) == (
        "cluster_munitions",
        600,
        77,
        6,
    )
    assert cm["destroyed_in_totals"] is True and cm["retained_in_totals"] is True
    assert sub["sources"] == "report PER 2023, Form B; report PER 2023, Form D"
    # Before the report was submitted, it is not there.
    assert "PER" not in selectors.overview(date(2024, 3, 1)).facts.reported


def test_a_staff_figure_for_the_same_year_is_the_one_counted(isla: User) -> None:
    _enter(isla, "PER", 2022)  # Peru's 2022 destruction is on the record: 542 / 34,824
    view = selectors.overview(date(2024, 6, 1))
    munitions = view.progress["PER"].category(Category.CLUSTER_MUNITIONS)
    assert munitions is not None and munitions.destroyed == Amount(5 + 160 + 296 + 542)
    [cm, _sub] = tables.reported_table(view)
    assert (cm["destroyed"], cm["destroyed_in_totals"]) == (77, False)
    assert cm["retained_in_totals"] is True  # no retention row for 2022 on the record


def test_an_unpublished_report_is_never_read(isla: User) -> None:
    _enter(isla, "PER", 2023, publish=False)
    assert selectors.overview(date(2024, 6, 1)).facts.reported == {}
    assert selectors.facts("PER", date(2024, 6, 1)).reported == {}


def test_a_later_published_version_replaces_the_earlier(isla: User) -> None:
    _enter(isla, "PER", 2023)
    content = minimal_annual_report("PER", 2023)
    content["forms"]["B"] = {
        "status": "changed",
        "data": {
            "programme_status": "completed",
            "destroyed": [{"type": "CB-250K", "munitions": 80}],
        },
    }
    amended = report_enter_on_behalf(
        user=isla,
        slot=Slot("PER", ReportKind.ANNUAL, 2023),
        content=content,
        received=datetime(2024, 5, 2, tzinfo=UTC),
    )
    report_publish(user=isla, submission=amended)
    [before] = selectors.facts("PER", date(2024, 4, 1)).reported["PER"]
    [after] = selectors.facts("PER", date(2024, 6, 1)).reported["PER"]
    assert before.amount(ReportTable.DESTROYED, Category.CLUSTER_MUNITIONS) == Amount(77)
    assert after.amount(ReportTable.DESTROYED, Category.CLUSTER_MUNITIONS) == Amount(80)
    assert after.programme_status == "completed" and after.form_d == "not_applicable"


def test_another_states_report_is_not_this_states(isla: User) -> None:
    _enter(isla, "ISL", 2023)
    peru = selectors.facts("PER", date(2024, 6, 1))
    assert peru.reported == {}
    assert peru.progress("PER", date(2024, 6, 1)).category(
        Category.CLUSTER_MUNITIONS
    ) == selectors.facts("PER").progress("PER", date(2024, 6, 1)).category(
        Category.CLUSTER_MUNITIONS
    )
    assert list(selectors.facts(as_of=date(2024, 6, 1)).reported) == ["ISL"]


def test_a_rounded_retention_figure_is_kept_approximate(isla: User) -> None:
    fact = save_fact(
        StockpileRetention(
            state=_peru(), year=2022, munitions=400, qualifier="approximate", submunitions=None
        ),
        user=isla,
    )
    assert fact.as_rule().munitions_amount == Amount(400, Qualifier.APPROXIMATE)
    with pytest.raises(ValidationError) as error:
        save_fact(StockpileRetention(state=_peru(), year=2023, qualifier="roughly"), user=isla)
    assert list(_errors(error)) == ["qualifier"]
