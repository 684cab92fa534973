"""Golden sample reports (tests/samples/reports): the good ones raise nothing, the broken one
raises exactly its seeded problems, and the short form is the good report carried forward.

The fictional State "XAR" has Art. 3 and Art. 4 obligations. Its reports:
good-annual-previous.json (2018, due 2019) -> good-annual.json (2019, due 2020) ->
good-short-form.json (2020, due 2021, every form unchanged); broken-annual.json is the
2019 report with seeded errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from treaty_tracker.rules.reporting import (
    Period,
    ReportContext,
    ReportKind,
    carry_forward,
    describe,
    is_blocking,
    load_form_definition,
    validate_report,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "reports"
DEFINITION = load_form_definition("ccm-2010")
OBLIGATIONS = frozenset({"3", "4"})


def sample(name: str) -> dict[str, Any]:
    content: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return content


@pytest.mark.parametrize(
    ("name", "due_year", "previous"),
    [
        ("good-annual-previous.json", 2019, None),
        ("good-annual.json", 2020, "good-annual-previous.json"),
        ("good-short-form.json", 2021, "good-annual.json"),
    ],
)
def test_it_finds_nothing_in_a_good_sample(name: str, due_year: int, previous: str | None) -> None:
    context = ReportContext(
        due_year=due_year,
        obligations=OBLIGATIONS,
        previous=sample(previous) if previous else None,
        state="XAR",
    )
    assert validate_report(sample(name), DEFINITION, context=context) == []


BROKEN_CONTEXT = ReportContext(
    due_year=2020,
    obligations=OBLIGATIONS,
    previous=sample("good-annual-previous.json"),
    state="XAR",
)


def test_it_finds_exactly_the_problems_seeded_in_the_broken_sample() -> None:
    findings = validate_report(sample("broken-annual.json"), DEFINITION, context=BROKEN_CONTEXT)
    assert {(f.code, f.field) for f in findings} == {
        # period 2019-03-01..2020-02-29 for the report due 30 April 2020
        ("period.not_previous_year", "period"),
        # Form B ticked "not applicable" by a State with an Art. 3 obligation, data left in it
        ("form.not_applicable_with_obligation", "B.status"),
        ("form.not_applicable_with_data", "B"),
        # submunitions written "about 450,000"
        ("schema.type", "B.stockpile[0].submunitions"),
        # 1,500 M26 rockets destroyed; the 2018 report declared 1,200
        ("stockpile.destroyed_exceeds_declared", "B.destroyed[0].munitions"),
        # cleared area -50,000 m²
        ("schema.negative", "F.released[0].cleared"),
        # a field the form does not have
        ("schema.unknown_field", "F.area_total"),
        # 2,700 people reached, the breakdown adds up to 2,600
        ("disaggregation.sum_mismatch", "G.activities[0].beneficiaries"),
    }
    assert len(findings) == 8
    assert is_blocking(findings)


def test_it_starts_every_message_of_the_broken_sample_with_the_form_and_field() -> None:
    for finding in validate_report(
        sample("broken-annual.json"), DEFINITION, context=BROKEN_CONTEXT
    ):
        where = describe(finding.field, DEFINITION)
        assert finding.message.startswith(f"{where}: ")
        assert where.startswith(("Form ", "Cover page"))
        assert finding.params["form"] in (*DEFINITION.codes, "cover")


def test_it_keeps_warnings_from_blocking_submission() -> None:
    content = sample("good-annual.json")
    content["forms"]["G"]["data"]["activities"][0]["beneficiaries"]["total"] = 2700
    context = ReportContext(
        due_year=2020, obligations=OBLIGATIONS, previous=sample("good-annual-previous.json")
    )
    findings = validate_report(content, DEFINITION, context=context)
    assert [f.code for f in findings] == ["disaggregation.sum_mismatch"]
    assert not is_blocking(findings)


def test_it_makes_the_short_form_sample_by_carrying_the_last_report_forward() -> None:
    draft = carry_forward(
        sample("good-annual.json"), kind=ReportKind.ANNUAL, period=Period.for_annual_report(2021)
    )
    assert draft == sample("good-short-form.json")


def test_it_marks_forms_in_the_short_form_as_the_cover_page_does() -> None:
    forms = sample("good-short-form.json")["forms"]
    statuses = {code: (form["status"], form.get("unchanged_since")) for code, form in forms.items()}
    assert statuses == {
        "A": ("unchanged", 2018),  # already unchanged since 2018: keeps its year
        "B": ("unchanged", 2019),  # changed in the 2019 report
        "C": ("unchanged", 2018),
        "D": ("unchanged", 2019),
        "E": ("not_applicable", None),  # stays not applicable
        "F": ("unchanged", 2019),
        "G": ("unchanged", 2019),
        "H": ("unchanged", 2019),
        "I": ("unchanged", 2019),
        "J": ("unchanged", 2018),
    }
