"""The schema layer: one seeded problem at a time in the good annual sample, and exactly
the schema findings it should raise (code and field path), each message saying where."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from treaty_tracker.rules import Severity
from treaty_tracker.rules.reporting import (
    ReportContext,
    describe,
    load_form_definition,
    validate_report,
)
from treaty_tracker.rules.reporting.schema import check_schema

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "reports"
DEFINITION = load_form_definition("ccm-2010")
GOOD = json.loads((SAMPLES / "good-annual.json").read_text(encoding="utf-8"))
DELETE = object()


def edited(*edits: tuple[str, object]) -> dict[str, Any]:
    """The good annual report with ``("forms.B.data.stockpile.0.munitions", -1)`` edits."""
    content: dict[str, Any] = copy.deepcopy(GOOD)
    for path, value in edits:
        *parents, last = path.split(".")
        node: Any = content
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        index: Any = int(last) if last.isdigit() else last
        if value is DELETE:
            del node[index]
        else:
            node[index] = value
    return content


def schema_findings(content: object) -> set[tuple[str, str]]:
    return {(f.code, f.field) for f in check_schema(content, DEFINITION)}


def test_it_finds_nothing_wrong_with_the_good_sample() -> None:
    assert check_schema(GOOD, DEFINITION) == []


CASES: list[tuple[str, tuple[tuple[str, object], ...], set[tuple[str, str]]]] = [
    # -- cover page
    ("no form version", (("form_version", DELETE),), {("schema.required", "form_version")}),
    ("other version", (("form_version", "ccm-2022"),), {("schema.version", "form_version")}),
    ("kind unknown", (("kind", "biennial"),), {("schema.choice", "kind")}),
    ("state as a name", (("state", "Arcadia"),), {("schema.type", "state")}),
    ("submitted not ISO", (("submitted", "29/04/2020"),), {("schema.type", "submitted")}),
    ("no e-mail", (("contact.email", DELETE),), {("schema.required", "contact.email")}),
    ("no contact", (("contact", DELETE),), {("schema.required", "contact")}),
    ("contact extra", (("contact.skype", "x"),), {("schema.unknown_field", "contact.skype")}),
    ("no period", (("period", DELETE),), {("schema.required", "period")}),
    ("bad day", (("period.from", "2019-02-30"),), {("schema.type", "period.from")}),
    (
        "period backwards",
        (("period.from", "2020-01-01"), ("period.to", "2019-12-31")),
        {("schema.period", "period")},
    ),
    ("unknown cover key", (("remarks", "x"),), {("schema.unknown_field", "remarks")}),
    # -- forms and their status
    ("form K", (("forms.K", {"status": "changed"}),), {("schema.unknown_form", "forms.K")}),
    ("form J missing", (("forms.J", DELETE),), {("schema.required", "J")}),
    ("form as a text", (("forms.E", "not applicable"),), {("schema.type", "E")}),
    ("no status", (("forms.E.status", DELETE),), {("schema.required", "E.status")}),
    (
        "not applicable on A",
        (("forms.A.status", "not_applicable"), ("forms.A.unchanged_since", DELETE)),
        {("schema.status", "A.status")},
    ),
    ("status unknown", (("forms.B.status", "partly"),), {("schema.status", "B.status")}),
    (
        "unchanged without year",
        (("forms.C.unchanged_since", DELETE),),
        {("schema.unchanged_since", "C.unchanged_since")},
    ),
    (
        "unchanged since after the period",
        (("forms.C.unchanged_since", 2020),),
        {("schema.unchanged_since", "C.unchanged_since")},
    ),
    (
        "unchanged since before the Convention",
        (("forms.C.unchanged_since", 2005),),
        {("schema.unchanged_since", "C.unchanged_since")},
    ),
    (
        "unchanged since as a text",
        (("forms.C.unchanged_since", "2018"),),
        {("schema.unchanged_since", "C.unchanged_since")},
    ),
    (
        "year on a changed form",
        (("forms.B.unchanged_since", 2018),),
        {("schema.unchanged_since", "B.unchanged_since")},
    ),
    ("unknown form part", (("forms.B.notes", "x"),), {("schema.unknown_field", "B.notes")}),
    # -- fields
    (
        "required field",
        (("forms.B.data.programme_status", DELETE),),
        {("schema.required", "B.programme_status")},
    ),
    (
        "required only when changed",
        (
            ("forms.H.status", "unchanged"),
            ("forms.H.unchanged_since", 2018),
            ("forms.H.data.focal_point", DELETE),
        ),
        set(),
    ),
    (
        "choice",
        (("forms.B.data.programme_status", "paused"),),
        {("schema.choice", "B.programme_status")},
    ),
    (
        "boolean",
        (("forms.H.data.victims_involved", "yes"),),
        {("schema.type", "H.victims_involved")},
    ),
    ("date", (("forms.B.data.completed_on", "31/12/2019"),), {("schema.type", "B.completed_on")}),
    (
        "unknown field",
        (("forms.F.data.area_total", 1),),
        {("schema.unknown_field", "F.area_total")},
    ),
    # -- tables and quantities
    (
        "negative quantity",
        (("forms.B.data.stockpile.1.munitions", -1),),
        {("schema.negative", "B.stockpile[1].munitions")},
    ),
    (
        "non-numeric quantity",
        (("forms.B.data.stockpile.0.submunitions", "about 450,000"),),
        {("schema.type", "B.stockpile[0].submunitions")},
    ),
    (
        "number as a text",
        (("forms.B.data.stockpile.0.munitions", "700"),),
        {("schema.type", "B.stockpile[0].munitions")},
    ),
    (
        "fraction of a munition",
        (("forms.B.data.stockpile.0.munitions", 700.5),),
        {("schema.type", "B.stockpile[0].munitions")},
    ),
    (
        "boolean as a count",
        (("forms.B.data.stockpile.0.munitions", True),),
        {("schema.type", "B.stockpile[0].munitions")},
    ),
    (
        "area as a text",
        (("forms.F.data.areas.0.size", "1.5 km2"),),
        {("schema.type", "F.areas[0].size")},
    ),
    (
        "negative area",
        (("forms.F.data.released.0.cleared", -1),),
        {("schema.negative", "F.released[0].cleared")},
    ),
    (
        "row without its required cell",
        (("forms.B.data.stockpile.0.type", DELETE),),
        {("schema.required", "B.stockpile[0].type")},
    ),
    (
        "rows required even on an unchanged form",
        (("forms.C.data.types.0.designation", ""),),
        {("schema.required", "C.types[0].designation")},
    ),
    (
        "unknown column",
        (("forms.B.data.stockpile.0.colour", "green"),),
        {("schema.unknown_field", "B.stockpile[0].colour")},
    ),
    ("table not a list", (("forms.B.data.stockpile", "none"),), {("schema.type", "B.stockpile")}),
    (
        "row not an object",
        (("forms.B.data.stockpile", [700]),),
        {("schema.type", "B.stockpile[0]")},
    ),
    (
        "required table",
        (
            ("forms.A.status", "changed"),
            ("forms.A.unchanged_since", DELETE),
            ("forms.A.data.measures", []),
        ),
        {("schema.required", "A.measures")},
    ),
    (
        "recipient as a name",
        (
            (
                "forms.D.data.transferred",
                [
                    {
                        "type": "BL755 bomb",
                        "munitions": 1,
                        "recipient": "Borduria",
                        "purpose": "destruction",
                    }
                ],
            ),
        ),
        {("schema.type", "D.transferred[0].recipient")},
    ),
    (
        "amount without a currency",
        (("forms.I.data.national_resources.0.currency", DELETE),),
        {("schema.required", "I.national_resources[0].currency")},
    ),
    (
        "currency in words",
        (("forms.I.data.national_resources.0.currency", "euro"),),
        {("schema.type", "I.national_resources[0].currency")},
    ),
    # -- disaggregated counts
    (
        "count without breakdown object",
        (("forms.H.data.killed", 3),),
        {("schema.type", "H.killed")},
    ),
    (
        "no total",
        (("forms.H.data.injured.total", DELETE),),
        {("schema.required", "H.injured.total")},
    ),
    (
        "unknown category",
        (("forms.H.data.injured.by.other", {"adult": {"civilian": 1}}),),
        {("schema.choice", "H.injured.by.other")},
    ),
    (
        "negative cell",
        (("forms.H.data.injured.by.male.adult.civilian", -1),),
        {("schema.negative", "H.injured.by.male.adult.civilian")},
    ),
    (
        "breakdown too shallow",
        (("forms.H.data.injured.by.male.adult", 2),),
        {("schema.type", "H.injured.by.male.adult")},
    ),
    (
        "unknown count key",
        (("forms.H.data.survivors.estimate", 150),),
        {("schema.unknown_field", "H.survivors.estimate")},
    ),
    # -- free text
    ("text on a form without", (("forms.C.text", "x"),), {("schema.unknown_field", "C.text")}),
    (
        "required text",
        (("forms.J.status", "changed"), ("forms.J.unchanged_since", DELETE), ("forms.J.text", "")),
        {("schema.required", "J.text")},
    ),
    ("text as a number", (("forms.B.text", 7),), {("schema.type", "B.text")}),
]


@pytest.mark.parametrize(("name", "edits", "expected"), CASES, ids=[c[0] for c in CASES])
def test_it_reports_each_schema_problem_at_its_field(
    name: str, edits: tuple[tuple[str, object], ...], expected: set[tuple[str, str]]
) -> None:
    content = edited(*edits)
    assert schema_findings(content) == expected
    for finding in check_schema(content, DEFINITION):
        assert finding.severity is Severity.ERROR
        assert finding.message.startswith(describe(finding.field, DEFINITION) + ": ")
        assert finding.params["path"] == finding.field


def test_it_reports_content_that_is_not_an_object() -> None:
    assert schema_findings(["not", "a", "report"]) == {("schema.type", "")}
    context = ReportContext()
    assert [f.code for f in validate_report([], DEFINITION, context=context)] == ["schema.type"]  # type: ignore[arg-type]


def test_it_asks_for_the_status_of_every_form_of_an_empty_report() -> None:
    findings = schema_findings({"form_version": "ccm-2010", "kind": "initial"})
    assert ("schema.required", "period") in findings
    assert ("schema.required", "contact") in findings
    assert ("schema.required", "state") in findings
    assert {field for code, field in findings if len(field) == 1} == set("ABCDEFGHIJ")


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("B.stockpile[2].submunitions", "Form B, Stockpile, row 3, Explosive submunitions"),
        ("B.status", "Form B, status"),
        ("C.unchanged_since", "Form C, unchanged since"),
        (
            "H.text",
            "Form H, Medical care, rehabilitation, psychological support, "
            "social and economic inclusion",
        ),
        ("H.killed.total", "Form H, People killed during the period, total"),
        (
            "H.killed.by.female.child",
            "Form H, People killed during the period, Female, Child (under 18)",
        ),
        ("period.from", "Cover page, reporting period from"),
        ("contact.email", "Cover page, national point of contact, E-mail"),
        ("state", "Cover page, Name of State"),
        ("forms.K", "Form K"),
        ("", "Report"),
    ],
)
def test_it_names_the_form_and_field_in_words(path: str, words: str) -> None:
    assert describe(path, DEFINITION) == words
