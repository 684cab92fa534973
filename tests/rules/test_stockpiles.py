"""Article 3 rules, pure: quantities and their exactness, declared / destroyed / remaining,
the checks a write must pass, retention year by year, and the figures of paras 28-31."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treaty_tracker.rules import Basis, FuzzyDate, ObligationResult, ObligationStatus, Severity
from treaty_tracker.rules.records import Decision
from treaty_tracker.rules.results import ExtensionResult
from treaty_tracker.rules.stockpiles import (
    CODES,
    Amount,
    Category,
    Declaration,
    Destruction,
    Origin,
    Qualifier,
    ReportedYear,
    ReportTable,
    Retention,
    check_destruction_period,
    check_quantity,
    check_within_declared,
    check_year,
    declared,
    destroyed,
    figures,
    latest_retention,
    merge_reported,
    progress,
    read_report,
    reported_destruction,
    reported_retention,
    retention_history,
    yearly_totals,
)

CM, SUB = Category.CLUSTER_MUNITIONS, Category.EXPLOSIVE_SUBMUNITIONS
EXACT, ABOUT, AT_LEAST = Qualifier.EXACT, Qualifier.APPROXIMATE, Qualifier.AT_LEAST

# Peru (Monitor profiles): 2,012 cluster munitions and 162,417 submunitions declared;
# destroyed 5/600 (2019), 160/8,595 (2020), 296/3,000 (2021), 542/34,824 (2022).
PERU_DECLARED = [
    Declaration(CM, 2012, as_of=FuzzyDate.parse("2013-03-01")),
    Declaration(SUB, 162417, as_of=FuzzyDate.parse("2013-03-01")),
]
PERU_DESTROYED = [
    Destruction(category, quantity, year=year)
    for year, munitions, submunitions in (
        (2019, 5, 600),
        (2020, 160, 8595),
        (2021, 296, 3000),
        (2022, 542, 34824),
    )
    for category, quantity in ((CM, munitions), (SUB, submunitions))
]


@pytest.mark.parametrize(
    ("a", "b", "total"),
    [
        (Amount(5), Amount(600), Amount(605)),
        (Amount(5), Amount(2_800_000, ABOUT), Amount(2_800_005, ABOUT)),
        (Amount(5), Amount(52_000, AT_LEAST), Amount(52_005, AT_LEAST)),
        (Amount(1, AT_LEAST), Amount(1, ABOUT), Amount(2, ABOUT)),
    ],
)
def test_a_sum_is_exact_only_when_every_term_is(a: Amount, b: Amount, total: Amount) -> None:
    assert a + b == total


@pytest.mark.parametrize(
    ("held", "gone", "left"),
    [
        (Amount(2012), Amount(1003), Amount(1009)),
        (Amount(2012), Amount(1003, ABOUT), Amount(1009, ABOUT)),
        (Amount(100, ABOUT), Amount(120), Amount(0, ABOUT)),  # never below zero when rounded
    ],
)
def test_a_difference_with_a_rounded_figure_stays_approximate(
    held: Amount, gone: Amount, left: Amount
) -> None:
    assert held.minus(gone) == left


@pytest.mark.parametrize(
    ("as_of", "munitions", "submunitions", "share"),
    [
        (date(2019, 6, 30), None, None, None),  # nothing destroyed on the record yet
        (date(2019, 12, 31), 5, 600, 5 / 2012),  # a year counts once it is over
        (date(2020, 9, 28), 5, 600, 5 / 2012),
        (date(2022, 12, 31), 1003, 47019, 1003 / 2012),
    ],
)
def test_peru_progress_on_a_date(
    as_of: date, munitions: int | None, submunitions: int | None, share: float | None
) -> None:
    result = progress("PER", PERU_DECLARED, PERU_DESTROYED, as_of)
    cm, sub = result.category(CM), result.category(SUB)
    assert cm is not None and sub is not None
    assert cm.declared == Amount(2012) and sub.declared == Amount(162417)
    assert (cm.destroyed and cm.destroyed.value) == munitions
    assert (sub.destroyed and sub.destroyed.value) == submunitions
    assert cm.share_destroyed == share
    if munitions is None:
        assert cm.remaining is None  # "not known", never the whole stockpile
    else:
        assert cm.remaining == Amount(2012 - munitions)


def test_declared_adds_discovered_stockpiles_from_their_date() -> None:
    rows = [
        Declaration(CM, 100, as_of=FuzzyDate.parse("2011-08-01")),
        Declaration(CM, 7, Origin.DISCOVERED, as_of=FuzzyDate.parse("2016-05")),
    ]
    assert declared(rows, CM, date(2015, 1, 1)) == Amount(100)
    assert declared(rows, CM, date(2016, 6, 1)) == Amount(107)
    assert declared(rows, CM) == Amount(107)
    assert progress("X", rows, [], date(2016, 6, 1)).discovered
    assert not progress("X", rows, [], date(2015, 1, 1)).discovered


def test_a_declared_quantity_not_known_makes_the_stockpile_not_known() -> None:
    rows = [Declaration(CM, 100), Declaration(CM, None, Origin.DISCOVERED)]
    assert declared(rows, CM) is None
    assert declared([], CM) is None


@pytest.mark.parametrize(
    ("rows", "as_of", "expected"),
    [
        # A programme total (UK: 190,828 by Dec 2013) counts from its date.
        ([Destruction(CM, 190828, through=FuzzyDate.parse("2013-12"))], date(2013, 12, 1), None),
        (
            [Destruction(CM, 190828, through=FuzzyDate.parse("2013-12"))],
            date(2014, 1, 1),
            Amount(190828),
        ),
        # Yearly figures after the total's year are added; those up to it are inside it.
        (
            [
                Destruction(CM, 50, year=2013),
                Destruction(CM, 190828, through=FuzzyDate.parse("2013-12")),
                Destruction(CM, 3, year=2014),
            ],
            date(2015, 1, 1),
            Amount(190831),
        ),
        # The latest total replaces an earlier one.
        (
            [
                Destruction(CM, 10, through=FuzzyDate.parse("2012")),
                Destruction(CM, 25, through=FuzzyDate.parse("2014")),
            ],
            None,
            Amount(25),
        ),
        # A year whose quantity is not known makes the total not known.
        ([Destruction(CM, 5, year=2019), Destruction(CM, None, year=2020)], None, None),
        (
            [Destruction(CM, 2_800_000, qualifier=ABOUT, through=FuzzyDate.parse("2015-12"))],
            None,
            Amount(2_800_000, ABOUT),
        ),
    ],
)
def test_destroyed_to_date(
    rows: list[Destruction], as_of: date | None, expected: Amount | None
) -> None:
    assert destroyed(rows, CM, as_of) == expected


@pytest.mark.parametrize(
    ("year", "ok"), [(2007, False), (2008, True), (2024, True), (2100, True), (2101, False)]
)
def test_a_year_is_a_real_year(year: int, ok: bool) -> None:
    findings = check_year(year)
    assert (findings == []) is ok
    if not ok:
        assert findings[0].code == "year.out_of_range"
        assert findings[0].field == "year"


def test_a_quantity_is_zero_or_more() -> None:
    assert check_quantity(0, "quantity") == []
    assert check_quantity(None, "quantity") == []
    [finding] = check_quantity(-1, "quantity")
    assert (finding.code, finding.severity, finding.field) == (
        "stockpile.negative_quantity",
        Severity.ERROR,
        "quantity",
    )


@pytest.mark.parametrize(
    ("year", "through", "code"),
    [
        (2019, None, None),
        (None, FuzzyDate.parse("2013-12"), None),
        (None, None, "stockpile.period_missing"),
        (2019, FuzzyDate.parse("2013-12"), "stockpile.period_both"),
    ],
)
def test_a_destruction_figure_has_one_period(
    year: int | None, through: FuzzyDate | None, code: str | None
) -> None:
    assert [f.code for f in check_destruction_period(year, through)] == ([code] if code else [])


@pytest.mark.parametrize(
    ("declarations", "destructions", "codes"),
    [
        (PERU_DECLARED, PERU_DESTROYED, []),
        # 2,013 destroyed against 2,012 declared: refused.
        (
            PERU_DECLARED,
            [*PERU_DESTROYED, Destruction(CM, 1010, year=2023)],
            ["stockpile.total_destroyed_exceeds_declared"],
        ),
        # Exactly everything declared: fine.
        (PERU_DECLARED, [Destruction(CM, 2012, year=2023)], []),
        # A discovered stockpile raises what may be destroyed.
        (
            [*PERU_DECLARED, Declaration(CM, 10, Origin.DISCOVERED, FuzzyDate.parse("2023"))],
            [*PERU_DESTROYED, Destruction(CM, 1010, year=2023)],
            [],
        ),
        # Rounded figures cannot prove it: a warning, not a refusal.
        (
            [Declaration(SUB, 2_800_000, qualifier=ABOUT)],
            [Destruction(SUB, 2_800_001, year=2015)],
            ["stockpile.destroyed_may_exceed_declared"],
        ),
        # No declared stockpile on the record: nothing to compare with.
        ([], [Destruction(CM, 190828, through=FuzzyDate.parse("2013-12"))], []),
    ],
)
def test_destroyed_is_never_more_than_declared(
    declarations: list[Declaration], destructions: list[Destruction], codes: list[str]
) -> None:
    findings = check_within_declared(declarations, destructions)
    assert [f.code for f in findings] == codes
    for finding in findings:
        assert finding.field == "quantity"
        expected = Severity.ERROR if finding.code.endswith("exceeds_declared") else Severity.WARNING
        assert finding.severity is expected


@given(
    held=st.integers(min_value=0, max_value=10**9),
    years=st.lists(st.integers(min_value=0, max_value=10**8), max_size=12),
)
def test_the_check_refuses_exactly_when_the_sum_exceeds_the_stockpile(
    held: int, years: list[int]
) -> None:
    rows = [Destruction(CM, q, year=2010 + i) for i, q in enumerate(years)]
    refused = bool(check_within_declared([Declaration(CM, held)], rows))
    assert refused is (sum(years) > held)
    if years:
        assert destroyed(rows, CM) == Amount(sum(years))


def test_yearly_totals_add_up_states_and_leave_out_programme_totals() -> None:
    rows = {
        "PER": PERU_DESTROYED,
        "BGR": [Destruction(CM, 100, year=2020)],
        "GBR": [Destruction(CM, 190828, through=FuzzyDate.parse("2013-12"))],
    }
    totals = yearly_totals(rows, date(2021, 6, 1))
    assert [t.year for t in totals] == [2019, 2020]
    assert totals[1].munitions == Amount(260)
    assert totals[1].submunitions == Amount(8595)
    assert totals[1].states == ("BGR", "PER")


def test_retention_history_gives_yearly_changes() -> None:
    rows = [
        Retention(2019, munitions=20, submunitions=None),
        Retention(2018, munitions=25, submunitions=400),
        Retention(2020, munitions=0, submunitions=0),
    ]
    history = retention_history(rows, date(2021, 1, 1))
    assert [h.row.year for h in history] == [2018, 2019, 2020]
    assert [h.munitions_change for h in history] == [None, -5, -20]
    assert [h.submunitions_change for h in history] == [None, None, None]
    assert latest_retention(rows, date(2020, 6, 1)) == rows[0]  # 2020 not over yet


@pytest.mark.parametrize(
    ("row", "retains"),
    [
        (Retention(2020, 0, 0), False),
        (Retention(2020, 3, 0), True),
        (Retention(2020, None, None), True),  # "retains some", no number given
        (Retention(2020, 0, None), False),
    ],
)
def test_what_counts_as_retaining(row: Retention, retains: bool) -> None:
    assert row.retains is retains


def _obligation(
    state: str,
    status: ObligationStatus,
    basis: Basis = Basis.AT_ENTRY_INTO_FORCE,
    extended: bool = False,
    pending: bool = False,
) -> ObligationResult:
    deadline = FuzzyDate.parse("2021-03-01")
    extensions = (
        (
            ExtensionResult(
                meeting="2RC",
                months_requested=37,
                decision=Decision.GRANTED,
                months_granted=37,
                decided=FuzzyDate.parse("2021-03"),
                deadline_before=deadline,
                deadline_after=FuzzyDate.parse("2024-04-01"),
                applied=True,
                sources=(),
            ),
        )
        if extended
        else ()
    )
    return ObligationResult(
        state=state,
        article="3",
        basis=basis,
        original_deadline=deadline,
        current_deadline=deadline,
        status=status,
        completed=None,
        extensions=extensions,
        pending_request=pending,
        sources=(),
    )


def test_the_figures_of_paras_28_to_31() -> None:
    as_of = date(2023, 1, 1)
    obligations = [
        _obligation("BWA", ObligationStatus.COMPLETED),
        _obligation("PER", ObligationStatus.PENDING, extended=True),
        _obligation("BGR", ObligationStatus.UNKNOWN, pending=True),
        _obligation("ZAF", ObligationStatus.OVERDUE),
        _obligation("GNB", ObligationStatus.UNKNOWN, basis=Basis.NOT_KNOWN),
    ]
    progresses = [
        progress("PER", PERU_DECLARED, PERU_DESTROYED, as_of),
        progress(
            "GBR",
            [],
            [
                Destruction(CM, 190828, through=FuzzyDate.parse("2013-12")),
                Destruction(SUB, 38_700_000, qualifier=ABOUT, through=FuzzyDate.parse("2013-12")),
            ],
            as_of,
        ),
    ]
    retention = {
        "ITA": [Retention(2022)],
        "GBR": [Retention(2013, 0, 0)],
        "SVK": [Retention(2019, 5, 50), Retention(2020, 0, 0)],
    }
    result = figures(as_of, obligations, progresses, retention)
    assert result.with_obligation == ("BWA", "PER", "BGR", "ZAF")
    assert result.completed == ("BWA",)
    assert result.outstanding == ("PER", "BGR", "ZAF")
    assert result.overdue == ("ZAF",)
    assert result.unconfirmed == ("GNB",)
    assert result.extended == ("PER",)
    assert result.pending_request == ("BGR",)
    assert result.destroyed_munitions == Amount(190828 + 1003)
    assert result.destroyed_submunitions == Amount(38_700_000 + 47019, ABOUT)
    assert result.destroyed_states == ("PER", "GBR")
    # The share only over States whose declared stockpile is known (Peru).
    assert result.share_munitions is not None
    assert result.share_munitions.states == ("PER",)
    assert result.share_munitions.value == pytest.approx(1003 / 2012)
    assert result.retaining == ("ITA",)
    assert result.not_retaining == ("GBR", "SVK")
    assert result.discovered == ()


def test_every_finding_code_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "article-3-stockpiles.md").read_text(
        encoding="utf-8"
    )
    assert [code for code in CODES if f"`{code}`" not in doc] == []


# -- Forms B and D of Article 7 reports ------------------------------------------------------


STOCKPILE, DESTROYED, DISCOVERED = (
    ReportTable.STOCKPILE,
    ReportTable.DESTROYED,
    ReportTable.DISCOVERED,
)
RETAINED, TRANSFERRED = ReportTable.RETAINED, ReportTable.TRANSFERRED


def _report(b: object = None, d: object = None) -> dict[str, object]:
    forms: dict[str, object] = {"A": {"status": "unchanged"}}
    if b is not None:
        forms["B"] = b
    if d is not None:
        forms["D"] = d
    return {"form_version": "ccm-2010", "forms": forms}


FORM_B = {
    "status": "changed",
    "data": {
        "programme_status": "in_progress",
        "stockpile": [
            {"type": "CB-250K", "munitions": 1000, "submunitions": 50_000},
            {"type": "BLU-97", "munitions": 12},  # no submunitions given: not zero
        ],
        "destroyed": [
            {"type": "CB-250K", "munitions": 300, "submunitions": 15_000, "method": "OD"},
            {"type": "BLU-97", "munitions": 2, "submunitions": 0, "site": "Base X"},
        ],
        "discovered": [{"type": "M26", "munitions": 4, "discovered_on": "2022-05-01"}],
    },
}
FORM_D = {
    "status": "changed",
    "data": {
        "retained": [
            {"type": "CB-250K", "munitions": 8, "submunitions": 400, "planned_use": "EOD training"}
        ],
        "transferred": [
            {"type": "M26", "munitions": 1, "recipient": "DEU", "purpose": "destruction"}
        ],
    },
}


def _amounts(report: ReportedYear | None) -> dict[tuple[str, str], int | None]:
    assert report is not None
    return {
        (table.value, category.value): None
        if (a := report.amount(table, category)) is None
        else a.value
        for table in ReportTable
        for category in (CM, SUB)
    }


def test_a_report_reads_as_figures_by_table_and_category() -> None:
    report = read_report("PER", 2022, _report(FORM_B, FORM_D))
    assert report is not None
    assert (report.state, report.year, report.form_b, report.form_d) == (
        "PER",
        2022,
        "changed",
        "changed",
    )
    assert report.programme_status == "in_progress"
    assert _amounts(report) == {
        ("stockpile", "cluster_munitions"): 1012,
        ("stockpile", "explosive_submunitions"): 50_000,
        ("destroyed", "cluster_munitions"): 302,
        ("destroyed", "explosive_submunitions"): 15_000,
        ("discovered", "cluster_munitions"): 4,
        ("discovered", "explosive_submunitions"): None,  # no row gives it: not known
        ("retained", "cluster_munitions"): 8,
        ("retained", "explosive_submunitions"): 400,
        ("transferred", "cluster_munitions"): 1,
        ("transferred", "explosive_submunitions"): None,
    }
    assert report.citation("B") == "report PER 2022, Form B"
    assert report.citation("D") == "report PER 2022, Form D"


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        (300, 300),
        (0, 0),
        (300.0, 300),  # a JSON number written with a point is still a whole count
        (-3, None),
        (2.5, None),
        ("300", None),  # text is not a figure
        (True, None),
        (None, None),
        ([300], None),
        ({"total": 300}, None),
        (float("nan"), None),
        (float("inf"), None),
    ],
)
def test_a_malformed_cell_is_left_out_and_nothing_is_invented(
    cell: object, read: int | None
) -> None:
    content = _report({"status": "changed", "data": {"destroyed": [{"munitions": cell}]}})
    report = read_report("PER", 2022, content)
    if read is None:
        assert report is None  # no figure, no programme status: nothing to say
    else:
        assert report is not None and _amounts(report)[("destroyed", "cluster_munitions")] == read


@pytest.mark.parametrize(
    "content",
    [
        None,
        "not a report",
        {},
        {"forms": "B"},
        {"forms": {"B": "changed"}},
        {"forms": {"B": {"status": "changed"}}},  # no data
        {"forms": {"B": {"status": "changed", "data": {"destroyed": "300"}}}},
        {"forms": {"B": {"status": "changed", "data": {"destroyed": [300, "x", None]}}}},
        {"forms": {"B": {"status": "changed", "data": {"programme_status": "finished"}}}},
        {"forms": {"B": {"status": "done", "data": FORM_B["data"]}}},  # an unknown status
        {"forms": {"B": {"data": FORM_B["data"]}}},  # no status: not read
    ],
)
def test_a_malformed_report_gives_nothing(content: object) -> None:
    assert read_report("PER", 2022, content) is None


def test_a_not_applicable_form_gives_no_figures_not_zeros() -> None:
    content = _report(
        {"status": "not_applicable", "data": FORM_B["data"]},
        {"status": "not_applicable", "data": FORM_D["data"]},
    )
    assert read_report("PER", 2022, content) is None
    only_d = read_report("PER", 2022, _report({"status": "not_applicable"}, FORM_D))
    assert only_d is not None and only_d.form_b == "not_applicable"
    assert {f.table for f in only_d.figures} == {RETAINED, TRANSFERRED}
    assert only_d.programme_status is None


def test_an_unchanged_form_still_says_what_is_held_but_not_what_happened() -> None:
    content = _report({**FORM_B, "status": "unchanged"}, {**FORM_D, "status": "unchanged"})
    report = read_report("PER", 2022, content)
    assert report is not None and report.form_b == "unchanged"
    # Holdings at the end of the period (stockpile, retained) are read; what happened during
    # the period (destroyed, discovered, transferred) belongs to the earlier report.
    assert {f.table for f in report.figures} == {STOCKPILE, RETAINED}
    assert report.programme_status == "in_progress"
    bare = read_report("PER", 2022, _report({"status": "unchanged", "unchanged_since": 2020}))
    assert bare is None  # the short report without data says nothing


def test_reported_destruction_and_retention_as_rules_input() -> None:
    report = read_report("PER", 2022, _report(FORM_B, FORM_D))
    assert report is not None
    assert reported_destruction(report) == [
        Destruction(
            CM, 302, year=2022, method="OD", site="Base X", sources=("report PER 2022, Form B",)
        ),
        Destruction(
            SUB, 15_000, year=2022, method="OD", site="Base X", sources=("report PER 2022, Form B",)
        ),
    ]
    assert reported_retention(report) == Retention(
        2022,
        munitions=8,
        submunitions=400,
        planned_use="EOD training",
        sources=("report PER 2022, Form D",),
    )
    no_d = read_report("PER", 2022, _report(FORM_B))
    assert no_d is not None and reported_retention(no_d) is None


def test_a_staff_figure_wins_over_the_report_for_the_same_year_and_category() -> None:
    reports = [
        r
        for year, destroyed_cm in ((2022, 999), (2023, 100))
        if (
            r := read_report(
                "PER",
                year,
                _report(
                    {
                        "status": "changed",
                        "data": {"destroyed": [{"munitions": destroyed_cm, "submunitions": 7}]},
                    },
                    FORM_D,
                ),
            )
        )
        is not None
    ]
    staff_retention = [Retention(2022, munitions=10, submunitions=0)]
    merged = merge_reported(PERU_DESTROYED, staff_retention, reports)
    # 2022: Peru's own figures (542 / 34,824) count; the report's 999 / 7 do not.
    assert merged.destruction_used == {(2023, CM), (2023, SUB)}
    assert merged.retention_used == {2023}
    assert destroyed(merged.destructions, CM) == Amount(5 + 160 + 296 + 542 + 100)
    assert destroyed(merged.destructions, SUB) == Amount(600 + 8595 + 3000 + 34824 + 7)
    assert [r.year for r in merged.retention] == [2022, 2023]
    assert merged.retention[0].munitions == 10  # the staff row for 2022
    # Without staff facts, every reported figure counts.
    alone = merge_reported([], [], reports)
    assert alone.destruction_used == {(2022, CM), (2022, SUB), (2023, CM), (2023, SUB)}
    assert progress("PER", PERU_DECLARED, alone.destructions).category(CM) == progress(
        "PER", PERU_DECLARED, [Destruction(CM, 1099, year=2022)]
    ).category(CM)


def test_a_reported_year_within_a_programme_total_is_not_counted_twice() -> None:
    total_to_2021 = Destruction(CM, 400, through=FuzzyDate.parse("2021-12-31"))
    report = read_report(
        "XAR", 2021, _report({"status": "changed", "data": {"destroyed": [{"munitions": 150}]}})
    )
    assert report is not None
    merged = merge_reported([total_to_2021], [], [report])
    assert destroyed(merged.destructions, CM) == Amount(400)


def test_a_retained_figure_keeps_its_exactness_and_gives_no_change_when_rounded() -> None:
    rows = [
        Retention(2019, munitions=400, submunitions=20_000, qualifier=ABOUT),
        Retention(2020, munitions=380, submunitions=19_000),
        Retention(2021, munitions=370, submunitions=18_500),
    ]
    history = retention_history(rows)
    assert history[0].row.munitions_amount == Amount(400, ABOUT)
    assert history[1].row.submunitions_amount == Amount(19_000)
    # 2019 is rounded: no yearly change from it; 2020 to 2021 are both exact.
    assert [(h.munitions_change, h.submunitions_change) for h in history] == [
        (None, None),
        (None, None),
        (-10, -500),
    ]
    assert Retention(2022).munitions_amount is None
