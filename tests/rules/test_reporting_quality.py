"""Data-quality rules, table-driven: each rule fires on a seeded case and stays quiet on
its near miss. The base is the good 2019 annual report of the fictional State "XAR", with
Art. 3 and Art. 4 obligations, checked against its 2018 report."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

import pytest

from treaty_tracker.rules import Finding, Severity
from treaty_tracker.rules.reporting import (
    QualityRule,
    ReportContext,
    Subject,
    load_form_definition,
    parse_definition,
    register,
    registered_rules,
    validate_report,
)
from treaty_tracker.rules.reporting.quality import CODE_PATTERN

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "reports"
DEFINITION = load_form_definition("ccm-2010")
GOOD = json.loads((SAMPLES / "good-annual.json").read_text(encoding="utf-8"))
PREVIOUS = json.loads((SAMPLES / "good-annual-previous.json").read_text(encoding="utf-8"))
DELETE = object()
KEEP = object()


def edited(content: dict[str, Any], *edits: tuple[str, object]) -> dict[str, Any]:
    result: dict[str, Any] = copy.deepcopy(content)
    for path, value in edits:
        *parents, last = path.split(".")
        node: Any = result
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        index: Any = int(last) if last.isdigit() else last
        if value is DELETE:
            del node[index]
        elif isinstance(node, list) and index == len(node):
            node.append(value)
        else:
            node[index] = value
    return result


def fields_raised(
    code: str,
    edits: tuple[tuple[str, object], ...] = (),
    *,
    previous: object = KEEP,
    due_year: int | None = 2020,
    obligations: Iterable[str] = ("3", "4"),
    state: str = "XAR",
) -> list[str]:
    context = ReportContext(
        due_year=due_year,
        obligations=frozenset(obligations),
        previous=PREVIOUS if previous is KEEP else previous,  # type: ignore[arg-type]
        state=state,
    )
    findings = validate_report(edited(GOOD, *edits), DEFINITION, context=context)
    return [finding.field for finding in findings if finding.code == code]


UNCHANGED_B = (("forms.B.status", "unchanged"), ("forms.B.unchanged_since", 2019))

CASES: list[tuple[str, str, dict[str, Any], list[str]]] = [
    # (code, case, arguments for fields_raised, fields expected)
    ("report.state_mismatch", "another State", {"state": "XBO"}, ["state"]),
    ("report.state_mismatch", "same State", {}, []),
    ("report.state_mismatch", "State not given", {"state": ""}, []),
    (
        "period.not_previous_year",
        "period straddles two years",
        {"edits": (("period.from", "2019-03-01"), ("period.to", "2020-02-29"))},
        ["period"],
    ),
    ("period.not_previous_year", "a year too early", {"due_year": 2021}, ["period"]),
    ("period.not_previous_year", "the previous calendar year", {}, []),
    (
        "period.not_previous_year",
        "half a year, due year unknown",
        {"edits": (("period.to", "2019-06-30"),), "due_year": None},
        ["period"],
    ),
    ("period.not_previous_year", "a calendar year, due year unknown", {"due_year": None}, []),
    (
        "period.not_previous_year",
        "voluntary report",
        {"edits": (("kind", "voluntary"), ("period.to", "2019-06-30"))},
        [],
    ),
    (
        "report.unchanged_without_previous",
        "no previous report",
        {"previous": None},
        ["A.status", "C.status", "J.status"],
    ),
    (
        "report.unchanged_without_previous",
        "previous report without the form",
        {"previous": edited(PREVIOUS, ("forms.C", DELETE))},
        ["C.status"],
    ),
    ("report.unchanged_without_previous", "previous report has the forms", {}, []),
    (
        "report.unchanged_but_different",
        "edited although unchanged",
        {"edits": (("forms.A.data.measures.0.title", "Cluster Munitions Act 2011"),)},
        ["A"],
    ),
    (
        "report.unchanged_but_different",
        "text edited although unchanged",
        {"edits": (("forms.J.text", "New statement"),)},
        ["J"],
    ),
    (
        "report.unchanged_but_different",
        "paper short report: unchanged with no data",
        {"edits": (("forms.A.data", {}),)},
        [],
    ),
    ("report.unchanged_but_different", "carried as it was", {}, []),
    (
        "form.not_applicable_with_obligation",
        "B while Art. 3",
        {"edits": (("forms.B", {"status": "not_applicable"}),)},
        ["B.status"],
    ),
    (
        "form.not_applicable_with_obligation",
        "B once Art. 3 is complete",
        {"edits": (("forms.B", {"status": "not_applicable"}),), "obligations": ("4",)},
        [],
    ),
    (
        "form.not_applicable_with_obligation",
        "F and G while Art. 4",
        {
            "edits": (
                ("forms.F", {"status": "not_applicable"}),
                ("forms.G", {"status": "not_applicable"}),
            )
        },
        ["F.status", "G.status"],
    ),
    (
        "form.not_applicable_with_obligation",
        "H while Art. 5",
        {"edits": (("forms.H", {"status": "not_applicable"}),), "obligations": ("3", "4", "5")},
        ["H.status"],
    ),
    (
        "form.not_applicable_with_obligation",
        "H without Art. 5",
        {"edits": (("forms.H", {"status": "not_applicable"}),)},
        [],
    ),
    (
        "form.not_applicable_with_data",
        "not applicable with data",
        {"edits": (("forms.H.status", "not_applicable"),)},
        ["H"],
    ),
    ("form.not_applicable_with_data", "not applicable with text only", {}, []),
    (
        "stockpile.destroyed_exceeds_declared",
        "more of a type than the previous stockpile",
        {"edits": (("forms.B.data.destroyed.0.munitions", 1300),)},
        ["B.destroyed[0].munitions"],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "submunitions too",
        {"edits": (("forms.B.data.destroyed.0.submunitions", 800000),)},
        ["B.destroyed[0].submunitions"],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "type written differently still matches",
        {
            "edits": (
                ("forms.B.data.destroyed.0.type", "m26  Rocket"),
                ("forms.B.data.destroyed.0.munitions", 1300),
            )
        },
        ["B.destroyed[0].munitions"],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "two rows of one type add up",
        {
            "edits": (
                (
                    "forms.B.data.destroyed",
                    [
                        {"type": "BL755 bomb", "munitions": 200},
                        {"type": "BL755 bomb", "munitions": 150},
                    ],
                ),
            )
        },
        ["B.destroyed[0].munitions"],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "covered by a stockpile discovered",
        {
            "edits": (
                ("forms.B.data.destroyed.0.munitions", 1300),
                ("forms.B.data.discovered", [{"type": "M26 rocket", "munitions": 100}]),
            )
        },
        [],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "an undeclared type, more than all declared",
        {
            "edits": (
                ("forms.B.data.destroyed.0.type", "M-26"),
                ("forms.B.data.destroyed.0.munitions", 1600),
            )
        },
        ["B.destroyed"],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "an undeclared type, within all declared",
        {"edits": (("forms.B.data.destroyed.0.type", "M-26"),)},
        [],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "previous stockpile without submunition counts",
        {
            "edits": (("forms.B.data.destroyed.0.submunitions", 10**7),),
            "previous": edited(
                PREVIOUS,
                ("forms.B.data.stockpile.0.submunitions", DELETE),
                ("forms.B.data.stockpile.1.submunitions", DELETE),
            ),
        },
        [],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "previous report said none held",
        {"previous": edited(PREVIOUS, ("forms.B", {"status": "not_applicable"}))},
        ["B.destroyed", "B.destroyed"],  # munitions and submunitions, of no declared type
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "no previous report",
        {"edits": (("forms.B.data.destroyed.0.munitions", 1300),), "previous": None},
        [],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "form unchanged: the figures are the previous report's",
        {"edits": (*UNCHANGED_B, ("forms.B.data.destroyed.0.munitions", 1300))},
        [],
    ),
    (
        "stockpile.destroyed_exceeds_declared",
        "non-numeric figure is left to the schema",
        {"edits": (("forms.B.data.destroyed.0.munitions", "1,300"),)},
        [],
    ),
    (
        "stockpile.grows_unexplained",
        "more held, nothing discovered, no text",
        {"edits": (("forms.B.data.stockpile.1.munitions", 350), ("forms.B.text", ""))},
        ["B.stockpile[1].munitions"],
    ),
    (
        "stockpile.grows_unexplained",
        "a type not held before",
        {
            "edits": (
                ("forms.B.text", ""),
                ("forms.B.data.stockpile.2", {"type": "CBU-87", "munitions": 5}),
            )
        },
        ["B.stockpile[2].munitions"],
    ),
    (
        "stockpile.grows_unexplained",
        "more held, explained",
        {"edits": (("forms.B.data.stockpile.1.munitions", 350),)},
        [],
    ),
    (
        "stockpile.grows_unexplained",
        "more held, a stockpile discovered",
        {
            "edits": (
                ("forms.B.data.stockpile.1.munitions", 350),
                ("forms.B.text", ""),
                ("forms.B.data.discovered", [{"type": "BL755 bomb", "munitions": 50}]),
            )
        },
        [],
    ),
    ("stockpile.grows_unexplained", "less held", {"edits": (("forms.B.text", ""),)}, []),
    (
        "retention.increase",
        "more retained, no text",
        {"edits": (("forms.D.data.retained.0.munitions", 6),)},
        ["D.retained[0].munitions"],
    ),
    (
        "retention.increase",
        "more retained, explained",
        {
            "edits": (
                ("forms.D.data.retained.0.munitions", 6),
                ("forms.D.text", "Acquired 2 for training"),
            )
        },
        [],
    ),
    ("retention.increase", "fewer retained", {}, []),
    (
        "contamination.grows_unexplained",
        "larger area, none marked new",
        {"edits": (("forms.F.data.areas.0.size", 1850000), ("forms.F.data.areas.2.new", False))},
        ["F.areas"],
    ),
    (
        "contamination.grows_unexplained",
        "larger area, new contamination reported",
        {"edits": (("forms.F.data.areas.0.size", 1850000),)},
        [],
    ),
    (
        "contamination.grows_unexplained",
        "smaller area",
        {"edits": (("forms.F.data.areas.2.new", False),)},
        [],
    ),
    (
        "clearance.released_exceeds_contaminated",
        "more released than contaminated",
        {"edits": (("forms.F.data.released.0.cleared", 3000000),)},
        ["F.released"],
    ),
    (
        "clearance.released_exceeds_contaminated",
        "exactly all of it, to the square metre",
        {"edits": (("forms.F.data.released.0.cleared", 2220000.5),)},
        [],
    ),
    ("clearance.released_exceeds_contaminated", "less released", {}, []),
    (
        "disaggregation.sum_mismatch",
        "beneficiaries",
        {"edits": (("forms.G.data.activities.0.beneficiaries.total", 2700),)},
        ["G.activities[0].beneficiaries"],
    ),
    (
        "disaggregation.sum_mismatch",
        "casualties",
        {"edits": (("forms.H.data.injured.total", 3),)},
        ["H.injured"],
    ),
    ("disaggregation.sum_mismatch", "totals only, no breakdown", {}, []),
    (
        "disaggregation.sum_mismatch",
        "a cell that is not a number is left to the schema",
        {"edits": (("forms.H.data.injured.by.male.adult.civilian", "one"),)},
        [],
    ),
    (
        "disaggregation.sum_mismatch",
        "form unchanged",
        {
            "edits": (
                ("forms.H.status", "unchanged"),
                ("forms.H.unchanged_since", 2019),
                ("forms.H.data.injured.total", 3),
            )
        },
        [],
    ),
]


@pytest.mark.parametrize(
    ("code", "case", "arguments", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_it_fires_each_rule_on_its_case_and_not_on_the_near_miss(
    code: str, case: str, arguments: dict[str, Any], expected: list[str]
) -> None:
    assert fields_raised(code, **arguments) == expected


def test_it_tests_every_registered_rule_both_ways() -> None:
    fired = {code for code, _, _, expected in CASES if expected}
    quiet = {code for code, _, _, expected in CASES if not expected}
    codes = {rule.code for rule in registered_rules()}
    assert fired == codes and quiet == codes


def test_it_gives_each_rule_a_stable_dotted_code_a_severity_and_help() -> None:
    rules = registered_rules()
    assert len({rule.code for rule in rules}) == len(rules)
    for rule in rules:
        assert CODE_PATTERN.match(rule.code) and not rule.code.startswith("schema.")
        assert rule.severity in (Severity.ERROR, Severity.WARNING)
        assert len(rule.help_text) > 20


def test_it_reads_only_paths_the_shipped_version_has() -> None:
    for rule in registered_rules():
        missing = [path for path in rule.reads if not DEFINITION.has_path(path)]
        assert missing == [], rule.code


def test_it_skips_a_rule_whose_fields_a_version_does_not_have() -> None:
    document = {
        "version": "ccm-bare",
        "treaty": "CCM",
        "title": "A version with no stockpile tables",
        "adopted": {"meeting": "-", "place": "-", "year": 2022, "document": "-"},
        "source": "test",
        "cover": {"fields": [], "contact": []},
        "forms": [
            {
                "code": "B",
                "title": "Stockpiles",
                "articles": [],
                "status_options": ["changed", "unchanged"],
                "text": {"label": "Text"},
            }
        ],
    }
    bare = parse_definition(document)
    rules = [rule for rule in registered_rules() if rule.code.startswith("stockpile.")]
    assert rules and not any(rule.applies_to(bare) for rule in rules)


def test_it_names_the_form_and_field_in_every_message() -> None:
    content = edited(
        GOOD,
        ("forms.B.data.destroyed.0.munitions", 1300),
        ("forms.G.data.activities.0.beneficiaries.total", 2700),
        ("forms.F.data.released.0.cleared", 3000000),
    )
    context = ReportContext(due_year=2020, obligations=frozenset({"3", "4"}), previous=PREVIOUS)
    messages = [f.message for f in validate_report(content, DEFINITION, context=context)]
    assert messages == [
        "Form B, Destroyed during the period, row 1, Munitions: 1,300 munitions of type M26 "
        "rocket destroyed, more than the 1,200 declared (1,200 in the previous report's "
        "stockpile, 0 discovered)",
        "Form F, Land released during the period: 3,300,000 m² released, more than the "
        "2,520,000.5 m² contaminated (2,270,000.5 m² in the previous report, 250,000 m² new)",
        "Form G, Activities, row 1, People reached: the breakdown adds up to 2,600, not to the "
        "total of 2,700 (count people whose sex or age is not known as unknown)",
    ]


def test_it_refuses_to_register_a_bad_or_duplicate_code() -> None:
    class Schema(QualityRule):
        code = "schema.mine"
        severity = Severity.ERROR
        help_text = "a rule that pretends to be the schema layer"

    class Twice(QualityRule):
        code = "stockpile.grows_unexplained"
        severity = Severity.WARNING
        help_text = "a second rule with a code already taken"

    with pytest.raises(ValueError, match="not a data-quality code"):
        register(Schema)
    with pytest.raises(ValueError, match="registered twice"):
        register(Twice)


def test_it_runs_the_rules_it_is_given_instead_of_the_registry() -> None:
    class Always(QualityRule):
        code = "test.always"
        severity = Severity.WARNING
        help_text = "fires once on any report"
        reads: ClassVar[tuple[str, ...]] = ("J",)

        def check(self, subject: Subject) -> Iterable[Finding]:
            yield self.finding(subject, "J.text", "always")

    findings = validate_report(
        GOOD, DEFINITION, context=ReportContext(previous=PREVIOUS), rules=[Always()]
    )
    assert [(f.code, f.field, f.message) for f in findings] == [
        ("test.always", "J.text", "Form J, Other relevant matters: always")
    ]
    assert "test.always" not in {rule.code for rule in registered_rules()}
