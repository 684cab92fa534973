"""The record, computed as of 28 September 2020, agrees with CCM/CONF/2020/13.

Every figure here is computed by the engine from per-State facts (depositary dates, the
transcribed obligations, extensions and reports); none is typed into the code.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from treaty_tracker.rules import ObligationStatus, Register, Status
from treaty_tracker.states.selectors import register

REVIEW = date(2020, 9, 28)


@pytest.fixture
def record(db: None) -> Register:
    return register()


@pytest.fixture
def summary(db: None) -> dict:
    out = io.StringIO()
    call_command("summary", as_of="2020-09-28", format="json", stdout=out)
    return json.loads(out.getvalue())


def _obligations(summary: dict, article: str) -> dict[str, dict]:
    return {o["state"]: o for o in summary[f"article{article}"]}


def test_it_counts_110_states_parties_and_13_signatories_para_3(summary: dict) -> None:
    assert len(summary["states_parties"]) == 110
    assert len(summary["signatories"]) == 13
    assert summary["withdrawn"] == []


def test_it_names_the_signatories_of_para_5(summary: dict) -> None:
    assert sorted(summary["signatories"]) == sorted(
        ["AGO", "CAF", "COD", "DJI", "KEN", "LBR", "NGA", "UGA", "TZA", "HTI", "JAM", "IDN", "CYP"]
    )


def test_it_is_in_force_for_108_paras_7_and_107(summary: dict) -> None:
    assert len(summary["in_force_for"]) == 108
    assert set(summary["states_parties"]) - set(summary["in_force_for"]) == {"NIU", "LCA"}


def test_it_counted_96_states_parties_at_the_end_of_the_first_review_conference(
    record: Register,
) -> None:
    assert len(record.summary(date(2015, 9, 11)).states_parties) == 96  # para 7


def test_it_computes_the_initial_report_figures_of_para_94(summary: dict) -> None:
    reports = summary["initial_reports"]
    assert len(reports["due"]) == 107
    assert len(set(reports["submitted"]) & set(reports["due"])) == 100
    assert sorted(reports["overdue"]) == ["COG", "COM", "CPV", "GIN", "MDG", "RWA", "TGO"]
    assert sorted(reports["not_yet_due"]) == ["LCA", "NIU", "STP"]
    assert reports["not_known"] == []


def test_it_computes_the_article_3_deadlines_of_para_30(summary: dict) -> None:
    art3 = _obligations(summary, "3")
    bulgaria, peru = art3["BGR"], art3["PER"]
    assert bulgaria["original_deadline"] == "2019-10-01"
    assert bulgaria["current_deadline"] == "2020-10-01"  # one-year interim extension, 9MSP
    assert bulgaria["status"] == "pending" and bulgaria["pending_extension_request"]
    assert peru["original_deadline"] == peru["current_deadline"] == "2021-03-01"
    assert peru["pending_extension_request"]
    assert art3["SVK"]["current_deadline"].startswith("2024")
    assert art3["ZAF"]["current_deadline"].startswith("2023")
    assert {s for s, o in art3.items() if o["status"] == "pending"} == {"BGR", "PER", "SVK", "ZAF"}
    assert art3["GNB"]["status"] == "unknown"  # still verifying (paras 28(d), 29)
    completed = {s for s, o in art3.items() if o["status"] == "completed"}
    assert {"BWA", "HRV", "CUB", "FRA", "DEU", "ITA", "SVN", "ESP", "CHE"} <= completed
    assert all(o["sources"] for o in art3.values())


def test_it_computes_the_article_4_deadlines_of_paras_38_and_39(summary: dict) -> None:
    art4 = _obligations(summary, "4")
    outstanding = {s for s, o in art4.items() if o["status"] != "completed"}
    assert outstanding == {"AFG", "BIH", "TCD", "CHL", "DEU", "IRQ", "LAO", "LBN", "MRT", "SOM"}
    for iso3 in ("DEU", "LAO"):
        assert art4[iso3]["original_deadline"] == "2020-08-01"
        assert art4[iso3]["current_deadline"] == "2025-08-01"
    for iso3, deadline in (("BIH", "2021-03-01"), ("CHL", "2021-06-01"), ("LBN", "2021-05-01")):
        assert art4[iso3]["current_deadline"] == deadline
        assert art4[iso3]["pending_extension_request"]
    assert {"HRV", "MNE", "MOZ"} <= {s for s, o in art4.items() if o["status"] == "completed"}


def test_it_lists_the_11_article_5_states_of_para_66(summary: dict) -> None:
    assert sorted(summary["article5"]) == sorted(
        ["AFG", "ALB", "BIH", "TCD", "HRV", "GNB", "IRQ", "LAO", "LBN", "MNE", "SOM"]
    )


def test_it_moves_perus_deadline_once_the_2021_decision_is_taken(record: Register) -> None:
    peru = record.state("PER", date(2021, 4, 1)).obligation("3")
    assert peru is not None and peru.current_deadline.iso() == "2024-04-01"


def test_it_shows_lithuania_withdrawn_from_6_march_2025(record: Register) -> None:
    assert record.state("LTU", date(2025, 3, 5)).status is Status.STATE_PARTY
    assert record.state("LTU", date(2025, 3, 6)).status is Status.WITHDRAWN
    assert "LTU" in record.summary(date(2025, 3, 6)).withdrawn


def test_it_counts_nigeria_and_south_sudan_after_they_joined(record: Register) -> None:
    later = record.summary(date(2024, 3, 1))
    assert {"NGA", "SSD"} <= set(later.in_force_for)
    assert len(later.states_parties) == 112


def test_it_never_calls_an_unrecorded_later_report_overdue(record: Register) -> None:
    south_sudan = record.state("SSD", date(2026, 11, 28)).initial_report
    assert south_sudan is not None and south_sudan.status.value == "not_known"
    germany = record.state("DEU", REVIEW).obligation("3")
    assert germany is not None and germany.status is ObligationStatus.COMPLETED
