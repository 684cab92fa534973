"""Form definitions: the shipped ccm-2010 version, and loud failures on malformed ones."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from treaty_tracker.rules.reporting import (
    DefinitionError,
    FieldType,
    FormStatus,
    available_versions,
    load_definition_file,
    load_form_definition,
    parse_definition,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "reports"
SHIPPED = (
    Path(__file__).resolve().parents[2]
    / "treaty_tracker"
    / "rules"
    / "reporting"
    / "forms"
    / "ccm-2010.yaml"
)


def _document() -> dict[str, Any]:
    return dict(yaml.safe_load(SHIPPED.read_text(encoding="utf-8")))


def test_it_ships_the_2010_format() -> None:
    assert "ccm-2010" in available_versions()
    definition = load_form_definition("ccm-2010")
    assert definition.version == "ccm-2010"
    assert definition.adopted.document == "CCM/MSP/2010/PM/10"
    assert (definition.adopted.meeting, definition.adopted.year) == ("1MSP", 2010)
    assert definition.codes == tuple("ABCDEFGHIJ")


def test_it_says_the_field_lists_are_derived_from_the_treaty_text() -> None:
    definition = load_form_definition("ccm-2010")
    assert "derived from the treaty text" in " ".join(definition.source.split())
    assert "not retrieved" in definition.source


@pytest.mark.parametrize(
    ("code", "title"),
    [  # as observed in CCM/MSP/2010/PM/10 (docs/reporting.md, "What the format rests on")
        ("A", "National implementation measures"),
        ("B", "Stockpiles and destruction"),
        ("C", "Technical characteristics of each type produced / owned or possessed"),
        ("D", "Cluster munitions retained and transferred"),
        ("E", "Status of conversion programmes"),
        ("F", "Contaminated areas and clearance"),
        ("G", "Warning to the population and risk education"),
        ("H", "Victim assistance"),
        ("I", "National resources and international cooperation and assistance"),
        ("J", "Other relevant matters"),
    ],
)
def test_it_keeps_the_observed_form_titles(code: str, title: str) -> None:
    form = load_form_definition("ccm-2010").form(code)
    assert form is not None and form.title == title


def test_it_offers_not_applicable_on_every_form_but_a() -> None:
    definition = load_form_definition("ccm-2010")
    for form in definition.forms:
        expected = {FormStatus.CHANGED, FormStatus.UNCHANGED}
        if form.code != "A":
            expected.add(FormStatus.NOT_APPLICABLE)
        assert set(form.status_options) == expected, form.code


def test_it_ties_forms_to_the_obligations_that_rule_out_not_applicable() -> None:
    definition = load_form_definition("ccm-2010")
    obligations = {form.code: form.obligations for form in definition.forms if form.obligations}
    assert obligations == {"B": ("3",), "F": ("4",), "G": ("4",), "H": ("5",)}


def test_it_covers_every_article_7_1_item_except_the_contact_on_the_cover() -> None:
    definition = load_form_definition("ccm-2010")
    covered = {a for form in definition.forms for a in form.articles if a.startswith("7(1)")}
    assert covered == {f"7(1)({item})" for item in "abcdefghijkmn"}  # (l) is the contact
    assert {f.key for f in definition.cover.contact} >= {"organization", "email"}


def test_it_disaggregates_victims_and_risk_education_by_sex_and_age() -> None:
    definition = load_form_definition("ccm-2010")
    h, g = definition.form("H"), definition.form("G")
    assert h is not None and g is not None
    killed, reached = h.field("killed"), g.table("activities")
    assert killed is not None and reached is not None
    assert [d.key for d in killed.disaggregation] == ["sex", "age", "role"]
    beneficiaries = reached.field("beneficiaries")
    assert beneficiaries is not None
    assert [d.key for d in beneficiaries.disaggregation] == ["sex", "age"]
    age = beneficiaries.disaggregation[1]
    assert age.values == ("child", "adult", "unknown")
    assert "under 18" in age.choices[0].label


def test_it_keeps_every_quantity_at_zero_or_more() -> None:
    definition = load_form_definition("ccm-2010")
    for form in definition.forms:
        specs = [*form.fields, *(f for table in form.tables for f in table.fields)]
        for spec in specs:
            if spec.type.is_numeric:
                assert spec.min == 0, f"{form.code}.{spec.key}"
            if spec.type is FieldType.AREA_M2:
                assert spec.unit == "m2"


def test_it_caches_a_loaded_definition() -> None:
    assert load_form_definition("ccm-2010") is load_form_definition("ccm-2010")


@pytest.mark.parametrize(
    ("path", "exists"),
    [
        ("B", True),
        ("B.stockpile", True),
        ("B.stockpile.munitions", True),
        ("H.focal_point", True),
        ("H.focal_point.total", False),
        ("B.stockpile.calibre", False),
        ("Z", False),
    ],
)
def test_it_answers_whether_a_path_exists(path: str, exists: bool) -> None:
    assert load_form_definition("ccm-2010").has_path(path) is exists


@pytest.mark.parametrize("version", ["ccm-2099", "../forms/ccm-2010", "CCM-2010", ""])
def test_it_refuses_an_unknown_or_unsafe_version(version: str) -> None:
    with pytest.raises(DefinitionError):
        load_form_definition(version)


def test_it_names_the_file_and_place_of_a_broken_sample_definition() -> None:
    with pytest.raises(DefinitionError) as error:
        load_definition_file(SAMPLES / "broken-definition.json")
    message = str(error.value)
    assert message.startswith("broken-definition.json: ")
    assert "form B" in message and "'float' is not one of" in message


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def edit(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is _DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return edit


_DELETE = object()


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_set("version", "CCM 2010"), "version: 'CCM 2010' is not a version name"),
        (_set("treaty", "ATT"), "treaty: unknown treaty 'ATT'"),
        (_set("title", _DELETE), "(top): missing title"),
        (_set("colour", "blue"), "(top): unknown key colour"),
        (_set("forms.1.code", "b"), "forms[1].code: 'b' is not a form code"),
        (_set("forms.2.code", "B"), "forms[2].code: form B is defined twice"),
        (_set("forms.0.status_options", ["changed"]), "every form offers changed and unchanged"),
        (_set("forms.1.status_options", ["changed", "unchanged", "n/a"]), "'n/a' is not one of"),
        (_set("forms.1.fields.0.type", "float"), "form B.fields[0] (programme_status).type"),
        (_set("forms.1.fields.0.requried", True), "unknown key requried"),
        (_set("forms.1.fields.0.choices", _DELETE), "a choice field needs choices"),
        (_set("forms.1.fields.1.min", 0), "only a number has a minimum, not date"),
        (_set("forms.1.fields.1.key", "programme_status"), "key 'programme_status' is used twice"),
        (_set("forms.1.fields.1.key", "status"), "key 'status' is used twice"),
        (_set("forms.1.fields.1.key", "Completed On"), "is not lower_snake_case"),
        (_set("forms.1.tables.0.fields", []), "a table needs at least one field"),
        (_set("forms.6.tables.0.fields.3.disaggregation", ["sex", "caste"]), "'caste'"),
        (_set("forms.6.tables.0.fields.3.type", "decimal"), "only an integer count is"),
        (_set("forms.8.tables.0.fields.2.required_with", "sum"), "'sum' is not a field beside it"),
        (
            _set("forms.8.tables.0.fields.0.choices", {3: "Art. 3"}),
            "must be a text (quote numbers)",
        ),
        (_set("forms.9.text", _DELETE), "a form needs fields, tables or text"),
        (_set("forms.5.tables.0.fields.1.unit", "ha"), "an area_m2 field is in m2"),
        (_set("forms", []), "forms: a definition needs at least one form"),
    ],
)
def test_it_refuses_a_malformed_definition_with_a_clear_message(
    edit: Callable[[dict[str, Any]], None], expected: str
) -> None:
    document = copy.deepcopy(_document())
    edit(document)
    with pytest.raises(DefinitionError) as error:
        parse_definition(document, source="draft.yaml")
    assert str(error.value).startswith("draft.yaml: ")
    assert expected in str(error.value)


def test_it_reads_the_shipped_file_like_any_other_definition_file() -> None:
    assert parse_definition(_document()) == load_form_definition("ccm-2010")


def test_it_refuses_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("forms: [unclosed", encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"^bad\.yaml: not valid YAML"):
        load_definition_file(path)
