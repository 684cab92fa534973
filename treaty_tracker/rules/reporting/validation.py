"""Validate a report: the schema layer, then every registered data-quality rule.

Errors block submission; warnings are shown and kept with the report. Every finding's
``field`` is a path naming the form and field (``"B.stockpile[2].submunitions"``) and its
message starts with the same place in words ("Form B, Stockpile, row 3, ...").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.reporting.content import ReportContent, ReportContext, ReportView
from treaty_tracker.rules.reporting.definition import FormDefinition
from treaty_tracker.rules.reporting.quality import QualityRule, Subject, registered_rules
from treaty_tracker.rules.reporting.schema import SCHEMA_CODES, CodeInfo, check_schema


def validate_report(
    content: ReportContent,
    definition: FormDefinition,
    *,
    context: ReportContext,
    rules: Sequence[QualityRule] | None = None,
) -> list[Finding]:
    """Art. 7: the findings for a report's content, schema first, then data quality.

    ``rules`` defaults to every registered rule; a rule whose fields the definition does
    not have is skipped. The rules run even when the schema layer has found errors, so a
    draft shows all its problems at once."""
    findings = check_schema(content, definition)
    if not isinstance(content, Mapping):
        return findings
    previous = None if context.previous is None else ReportView(context.previous)
    subject = Subject(definition, ReportView(content), previous, context)
    for rule in registered_rules() if rules is None else rules:
        if rule.applies_to(definition):
            findings.extend(rule.check(subject))
    return findings


def is_blocking(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error, which blocks submission."""
    return any(finding.severity is Severity.ERROR for finding in findings)


def catalogue() -> tuple[CodeInfo, ...]:
    """Every code validation can raise: the schema codes, then the registered rules'."""
    return SCHEMA_CODES + tuple(
        CodeInfo(rule.code, rule.severity, rule.help_text, "quality") for rule in registered_rules()
    )
