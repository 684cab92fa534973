"""The engine on real cases (table tests) and on its date rules (properties)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treaty_tracker.rules import (
    CCM,
    MBC,
    Basis,
    DeadlineStatus,
    Decision,
    ExtensionRecord,
    FuzzyDate,
    ObligationRecord,
    ObligationStatus,
    Register,
    ReportKind,
    ReportRecord,
    ReportStatus,
    Severity,
    StateRecord,
    Status,
    Timeliness,
    check_extension_request,
    entry_into_force,
    initial_report_due,
    treaty_entry_into_force,
)

TREATY_EIF = date(2010, 8, 1)
D = FuzzyDate.parse


def _early(n: int) -> list[StateRecord]:
    """Thirty States depositing in 2009, so the treaty itself enters into force 1 Aug 2010."""
    return [
        StateRecord(iso3=f"X{i:02d}", name=f"Early {i}", consent=D("2009-06-01")) for i in range(n)
    ]


COMPLETE = {"article3": date(2099, 1, 1), "article4": date(2099, 1, 1)}


def _register(*states: StateRecord, coverage: dict[str, date] | None = None) -> Register:
    """A register whose record of obligations is complete (unless ``coverage`` says else)."""
    return Register(
        CCM,
        [*_early(29), StateRecord("BFA", "Burkina Faso", consent=D("2010-02-16")), *states],
        COMPLETE if coverage is None else coverage,
    )


@pytest.mark.parametrize(
    ("deposit", "expected"),
    [
        (date(2015, 8, 31), date(2016, 2, 1)),  # Iceland (Monitor profile)
        (date(2017, 5, 20), date(2017, 11, 1)),  # Madagascar
        (date(2010, 10, 19), date(2011, 4, 1)),  # Cabo Verde
        (date(2023, 2, 28), date(2023, 8, 1)),  # Nigeria (ISU)
        (date(2023, 8, 3), date(2024, 2, 1)),  # South Sudan (ISU)
        (date(2009, 6, 16), TREATY_EIF),  # Albania: one of the first 30 instruments
        (date(2010, 2, 16), TREATY_EIF),  # Burkina Faso, the 30th instrument
    ],
)
def test_it_computes_entry_into_force_by_article_17(deposit: date, expected: date) -> None:
    assert entry_into_force(deposit, CCM, TREATY_EIF) == expected


def test_it_computes_the_treatys_own_entry_into_force_from_the_30th_instrument() -> None:
    deposits = [date(2009, 1, 1)] * 29 + [date(2010, 2, 16), date(2010, 3, 5)]
    assert treaty_entry_into_force(deposits, CCM) == TREATY_EIF
    assert treaty_entry_into_force(deposits[:29], CCM) is None


@pytest.mark.parametrize(
    ("eif", "due"),
    [
        (date(2023, 8, 1), date(2024, 1, 28)),  # Nigeria, as the ISU published it
        (date(2024, 2, 1), date(2024, 7, 30)),  # South Sudan
        (date(2011, 4, 1), date(2011, 9, 28)),  # Cabo Verde (a CMC table says 28 Oct: wrong)
        (date(2021, 2, 1), date(2021, 7, 31)),  # Niue (the Monitor says 28 Aug: wrong)
        (date(2010, 8, 1), date(2011, 1, 28)),  # Niger
    ],
)
def test_it_computes_the_initial_report_180_days_after_entry_into_force(
    eif: date, due: date
) -> None:
    assert initial_report_due(eif, CCM) == due


@given(st.dates(min_value=date(2010, 2, 17), max_value=date(2090, 12, 31)))
def test_it_enters_into_force_on_a_first_of_month_about_six_months_on(deposit: date) -> None:
    eif = entry_into_force(deposit, CCM, TREATY_EIF)
    assert eif is not None and eif.day == 1
    months = (eif.year * 12 + eif.month) - (deposit.year * 12 + deposit.month)
    assert months == 6
    assert 151 <= (eif - deposit).days <= 184  # five to six months


@given(st.dates(min_value=date(2008, 12, 3), max_value=date(2090, 12, 31)))
def test_it_never_enters_into_force_before_the_treaty(deposit: date) -> None:
    eif = entry_into_force(deposit, CCM, TREATY_EIF)
    assert eif is not None and eif >= TREATY_EIF


def test_it_tells_state_status_through_time() -> None:
    register = _register(
        StateRecord("ISL", "Iceland", signature=D("2008-12-03"), consent=D("2015-08-31")),
        StateRecord(
            "LTU",
            "Lithuania",
            signature=D("2008-12-03"),
            consent=D("2011-03-24"),
            withdrawal_effective=D("2025-03-06"),
        ),
        StateRecord("CYP", "Cyprus", signature=D("2008-12-03")),
        StateRecord("USA", "United States of America"),
    )
    assert register.state("ISL", date(2008, 1, 1)).status is Status.NOT_SIGNED
    assert register.state("ISL", date(2010, 1, 1)).status is Status.SIGNATORY
    iceland = register.state("ISL", date(2015, 12, 1))
    assert (iceland.status, iceland.in_force) == (Status.STATE_PARTY, False)
    assert register.state("ISL", date(2016, 2, 1)).in_force is True
    assert register.state("LTU", date(2025, 3, 5)).status is Status.STATE_PARTY
    assert register.state("LTU", date(2025, 3, 6)).status is Status.WITHDRAWN
    assert register.state("CYP", date(2020, 9, 28)).status is Status.SIGNATORY
    assert register.state("USA", date(2020, 9, 28)).status is Status.NOT_SIGNED


def test_it_computes_withdrawal_six_months_after_the_notice_is_received() -> None:
    register = _register(
        StateRecord("ZZZ", "Z", consent=D("2011-01-10"), withdrawal_received=D("2024-09-06"))
    )
    assert register.state("ZZZ", date(2025, 3, 5)).status is Status.STATE_PARTY
    assert register.state("ZZZ", date(2025, 3, 6)).status is Status.WITHDRAWN


def test_it_says_not_known_when_a_date_straddles_as_of() -> None:
    register = _register(StateRecord("ZZZ", "Z", consent=D("2016-05")))
    assert register.state("ZZZ", date(2016, 5, 15)).status is Status.NOT_KNOWN
    assert register.state("ZZZ", date(2016, 6, 1)).status is Status.STATE_PARTY
    assert register.state("ZZZ", date(2016, 6, 1)).entry_into_force == D("2016-11-01")


def _peru(*extensions: ExtensionRecord, completed: FuzzyDate | None = None) -> Register:
    return _register(
        StateRecord(
            "PER",
            "Peru",
            consent=D("2012-09-26"),
            obligations=(
                ObligationRecord(
                    "3",
                    extensions=extensions,
                    completed=completed,
                    sources=("CCM/CONF/2020/13 para 30",),
                ),
            ),
        )
    )


def test_it_computes_the_article_3_deadline_eight_years_after_entry_into_force() -> None:
    result = _peru().state("PER", date(2020, 9, 28)).obligation("3")
    assert result is not None
    assert (result.original_deadline, result.current_deadline) == (D("2021-03-01"),) * 2
    assert result.status is ObligationStatus.PENDING
    assert result.sources == ("CCM/CONF/2020/13 para 30",)


def test_it_moves_the_deadline_only_once_the_extension_is_granted() -> None:
    request = ExtensionRecord(
        37,
        submitted=D("2020-03"),
        meeting="2RC",
        decision=Decision.GRANTED,
        months_granted=37,
        decided=D("2021-03"),
    )
    register = _peru(request)
    before = register.state("PER", date(2021, 2, 1)).obligation("3")
    assert before is not None and before.current_deadline == D("2021-03-01")
    assert before.pending_request is True
    # During March 2021 the record cannot tell whether the decision had been taken yet.
    assert (
        register.state("PER", date(2021, 3, 15)).obligation("3").status is ObligationStatus.UNKNOWN
    )  # type: ignore[union-attr]
    after = register.state("PER", date(2021, 4, 1)).obligation("3")
    assert after is not None
    assert after.current_deadline == D("2024-04-01")
    assert after.extensions[0].deadline_after == D("2024-04-01")
    assert after.status is ObligationStatus.PENDING


def test_it_marks_a_passed_deadline_overdue_and_a_completion_completed() -> None:
    assert _peru().state("PER", date(2021, 3, 2)).obligation("3").status is ObligationStatus.OVERDUE  # type: ignore[union-attr]
    done = _peru(completed=D("2019-03"))
    assert done.state("PER", date(2019, 4, 1)).obligation("3").status is ObligationStatus.COMPLETED  # type: ignore[union-attr]
    assert done.state("PER", date(2019, 3, 10)).obligation("3").status is ObligationStatus.UNKNOWN  # type: ignore[union-attr]


def test_it_runs_article_4_from_the_end_of_hostilities_for_later_contamination() -> None:
    register = _register(
        StateRecord(
            "ZZZ",
            "Z",
            consent=D("2011-01-10"),
            obligations=(
                ObligationRecord("4", basis=Basis.AFTER_ENTRY_INTO_FORCE, start=D("2014-06-30")),
                ObligationRecord("3", basis=Basis.NOT_KNOWN),
            ),
        )
    )
    result = register.state("ZZZ", date(2020, 1, 1))
    assert result.obligation("4").original_deadline == D("2024-06-30")  # type: ignore[union-attr]
    assert result.obligation("3").status is ObligationStatus.UNKNOWN  # type: ignore[union-attr]
    unknown_end = _register(
        StateRecord(
            "ZZZ",
            "Z",
            consent=D("2011-01-10"),
            obligations=(ObligationRecord("4", basis=Basis.AFTER_ENTRY_INTO_FORCE),),
        )
    )
    result4 = unknown_end.state("ZZZ", date(2020, 1, 1)).obligation("4")
    assert result4 is not None and result4.status is ObligationStatus.UNKNOWN
    assert result4.original_deadline.precision == "unknown"


def test_it_counts_initial_reports_with_coverage() -> None:
    states = (
        StateRecord(
            "AAA",
            "A",
            consent=D("2015-01-05"),
            reports=(ReportRecord(ReportKind.INITIAL, D("2015-12-01")),),
        ),  # due 2015-12-28: on time
        StateRecord(
            "BBB",
            "B",
            consent=D("2015-01-05"),
            reports=(ReportRecord(ReportKind.INITIAL, D("by 2020-09-28")),),
        ),
        StateRecord("CCC", "C", consent=D("2015-01-05")),
        StateRecord("DDD", "D", consent=D("2020-08-06")),  # not in force on 2020-09-28
    )
    summary = _register(*states, coverage={"initial": date(2020, 9, 28)}).summary(date(2020, 9, 28))
    buckets = summary.initial_reports()
    assert "AAA" in buckets["submitted"] and "BBB" in buckets["submitted"]
    assert "CCC" in buckets["overdue"] and "DDD" in buckets["not_yet_due"]
    a = next(s for s in summary.states if s.iso3 == "AAA").initial_report
    b = next(s for s in summary.states if s.iso3 == "BBB").initial_report
    assert a is not None and a.timeliness is Timeliness.ON_TIME
    assert b is not None and b.timeliness is Timeliness.NOT_KNOWN
    # Before 28 Sep 2020 we do not know whether B had submitted yet; after it, nor whether
    # C has since: "not known", never a guessed "overdue".
    early = _register(*states, coverage={"initial": date(2020, 9, 28)})
    assert early.state("BBB", date(2018, 1, 1)).initial_report.status is ReportStatus.NOT_KNOWN  # type: ignore[union-attr]
    assert early.state("CCC", date(2018, 1, 1)).initial_report.status is ReportStatus.OVERDUE  # type: ignore[union-attr]
    assert early.state("CCC", date(2022, 1, 1)).initial_report.status is ReportStatus.NOT_KNOWN  # type: ignore[union-attr]


def test_it_starts_annual_reports_on_the_first_30_april_after_the_initial_report_is_due() -> None:
    register = _register(
        StateRecord(
            "ISL",
            "Iceland",
            consent=D("2015-08-31"),
            reports=(ReportRecord(ReportKind.ANNUAL, D("2017-04-10"), year=2016),),
        )
    )
    annual = register.state("ISL", date(2018, 5, 1)).annual_reports
    assert [(r.year, r.due.iso()) for r in annual] == [(2016, "2017-04-30"), (2017, "2018-04-30")]
    assert annual[0].status is ReportStatus.SUBMITTED and annual[0].timeliness is Timeliness.ON_TIME
    assert annual[1].status is ReportStatus.NOT_KNOWN  # no record, and no coverage claimed


def test_it_lists_deadlines_soonest_first_within_a_window() -> None:
    register = _register(
        StateRecord("PER", "Peru", consent=D("2012-09-26"), obligations=(ObligationRecord("3"),)),
        StateRecord("LCA", "Saint Lucia", consent=D("2020-09-15")),
    )
    items = register.deadlines(date(2020, 9, 28), within_days=200)
    kinds = [(i.state, i.kind, i.due.iso()) for i in items if i.state in ("PER", "LCA")]
    assert ("PER", "article3", "2021-03-01") in kinds
    assert all(i.due.earliest and i.due.earliest <= date(2021, 4, 16) for i in items)
    assert [i.due.earliest for i in items] == sorted(i.due.earliest for i in items)  # type: ignore[type-var]
    assert ("LCA", "initial_report", "2021-08-28") not in kinds  # beyond 200 days


@pytest.mark.parametrize(
    ("article", "requested", "granted", "submitted", "meeting", "codes"),
    [
        ("3", 48, 48, "2020-01-10", "2020-11-25", []),
        ("3", 49, None, "2020-01-10", "2020-11-25", ["extension.requested_too_long"]),
        ("4", 60, 61, "2020-01-10", "2020-11-25", ["extension.granted_too_long"]),
        ("4", 12, None, "2020-04-01", "2020-11-25", ["extension.late_request"]),
        ("4", 12, None, "2021-06-02", "2022-08-30", ["extension.after_deadline"]),
        ("3", 0, None, "2020-01-10", "2020-11-25", ["extension.requested_not_positive"]),
    ],
)
def test_it_checks_extension_requests_against_articles_3_and_4(
    article: str,
    requested: int,
    granted: int | None,
    submitted: str,
    meeting: str,
    codes: list[str],
) -> None:
    findings = check_extension_request(
        CCM,
        article,
        months_requested=requested,
        months_granted=granted,
        submitted=D(submitted),
        meeting_opens=D(meeting),
        deadline=D("2021-06-01"),
    )
    assert [f.code for f in findings] == codes
    assert all(f.severity in (Severity.ERROR, Severity.WARNING) for f in findings)


def test_it_holds_a_second_treaty_as_a_second_definition() -> None:
    assert MBC.eif_instruments == 40 and MBC.stockpile.years == 4
    findings = check_extension_request(
        MBC,
        "4",
        months_requested=12,
        months_granted=None,
        submitted=D("2001-01-01"),
        meeting_opens=D("2002-01-01"),
        deadline=D("2003-01-01"),
    )
    assert [f.code for f in findings] == ["extension.not_allowed"]
    states = [StateRecord(f"M{i:02d}", f"M {i}", consent=D("1998-03-01")) for i in range(40)]
    register = Register(MBC, states)
    assert register.entry_into_force == date(1998, 9, 1)


def test_it_never_turns_a_gap_in_the_record_into_an_overdue_obligation() -> None:
    register = _register(
        StateRecord(
            "SVK", "Slovakia", consent=D("2015-07-24"), obligations=(ObligationRecord("3"),)
        ),
        coverage={"article3": date(2020, 9, 28)},
    )
    assert (
        register.state("SVK", date(2020, 9, 28)).obligation("3").status is ObligationStatus.PENDING
    )  # type: ignore[union-attr]
    # Its deadline (1 Jan 2024) passed after the record stops being complete: not known.
    assert (
        register.state("SVK", date(2024, 6, 1)).obligation("3").status is ObligationStatus.UNKNOWN
    )  # type: ignore[union-attr]


def test_it_does_not_know_the_deadline_when_a_decision_may_have_been_taken() -> None:
    request = ExtensionRecord(
        18,
        submitted=D("2020-05"),
        meeting="2RC",
        meeting_opens=D("2020-11-25"),
        decision=Decision.PENDING,
    )
    register = _register(
        StateRecord(
            "BIH",
            "Bosnia and Herzegovina",
            consent=D("2010-09-07"),
            obligations=(ObligationRecord("4", extensions=(request,)),),
        )
    )
    assert (
        register.state("BIH", date(2020, 9, 28)).obligation("4").status is ObligationStatus.PENDING
    )  # type: ignore[union-attr]
    assert (
        register.state("BIH", date(2021, 6, 1)).obligation("4").status is ObligationStatus.UNKNOWN
    )  # type: ignore[union-attr]


def test_it_does_not_ask_for_an_annual_report_before_the_first_one_is_due() -> None:
    register = _register(StateRecord("LCA", "Saint Lucia", consent=D("2020-09-15")))
    items = register.deadlines(date(2021, 3, 10))
    annual = [i.due.iso() for i in items if i.state == "LCA" and i.kind == "annual_report"]
    initial = [i.due.iso() for i in items if i.state == "LCA" and i.kind == "initial_report"]
    assert annual == ["2022-04-30"] and initial == ["2021-08-28"]


def test_it_selects_states_by_status_region_and_article() -> None:
    register = _register(
        StateRecord(
            "PER",
            "Peru",
            region="Americas",
            consent=D("2012-09-26"),
            obligations=(ObligationRecord("3"),),
        ),
        StateRecord(
            "AFG",
            "Afghanistan",
            region="Asia",
            consent=D("2011-09-08"),
            obligations=(ObligationRecord("4"), ObligationRecord("5")),
        ),
        StateRecord("HTI", "Haiti", region="Americas", signature=D("2008-12-03")),
    )
    summary = register.summary(date(2020, 9, 28))
    assert [s.iso3 for s in summary.select(region="Americas")] == ["HTI", "PER"]
    assert [s.iso3 for s in summary.select(article="5")] == ["AFG"]
    assert [s.iso3 for s in summary.select(statuses={Status.SIGNATORY})] == ["HTI"]
    afghanistan = summary.select(article="4")[0]
    assert afghanistan.articles == ("4", "5")


def test_it_has_a_deadline_status_for_every_status_a_deadline_can_carry() -> None:
    # A deadline carries an open obligation's status or a listed initial report's (see
    # Register._deadline_candidates): each must be a DeadlineStatus, which the API publishes.
    carried = [s for s in ObligationStatus if s is not ObligationStatus.COMPLETED] + [
        ReportStatus.NOT_IN_FORCE,
        ReportStatus.NOT_YET_DUE,
        ReportStatus.OVERDUE,
    ]
    assert {DeadlineStatus(s.value) for s in carried} == set(DeadlineStatus)
