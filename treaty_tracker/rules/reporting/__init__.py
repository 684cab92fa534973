"""Article 7 transparency reports: form definitions, validation, the short form and the diff.

Plain Python with no Django import, like the rest of ``treaty_tracker.rules``::

    definition = load_form_definition(content["form_version"])
    findings = validate_report(content, definition, context=ReportContext(...))
    period = Period.for_annual_report(due_year=2021)
    draft = carry_forward(last_content, kind=ReportKind.ANNUAL, period=period)
    changes = diff_reports(last_content, content, definition=definition)

docs/reporting.md describes the forms, the content shape and every finding code.
"""

from treaty_tracker.rules.records import ReportKind
from treaty_tracker.rules.reporting.content import Period, ReportContent, ReportContext
from treaty_tracker.rules.reporting.definition import (
    Adoption,
    Choice,
    CoverSpec,
    DefinitionError,
    Dimension,
    FieldSpec,
    FieldType,
    FormDefinition,
    FormSpec,
    FormStatus,
    TableSpec,
    TextSpec,
    available_versions,
    load_definition_file,
    load_form_definition,
    parse_definition,
)
from treaty_tracker.rules.reporting.diff import Change, ChangeKind, diff_reports
from treaty_tracker.rules.reporting.locations import describe
from treaty_tracker.rules.reporting.quality import (
    QualityRule,
    Subject,
    register,
    registered_rules,
)
from treaty_tracker.rules.reporting.schema import SCHEMA_CODES, CodeInfo
from treaty_tracker.rules.reporting.shortform import carry_forward
from treaty_tracker.rules.reporting.validation import catalogue, is_blocking, validate_report

__all__ = [
    "SCHEMA_CODES",
    "Adoption",
    "Change",
    "ChangeKind",
    "Choice",
    "CodeInfo",
    "CoverSpec",
    "DefinitionError",
    "Dimension",
    "FieldSpec",
    "FieldType",
    "FormDefinition",
    "FormSpec",
    "FormStatus",
    "Period",
    "QualityRule",
    "ReportContent",
    "ReportContext",
    "ReportKind",
    "Subject",
    "TableSpec",
    "TextSpec",
    "available_versions",
    "carry_forward",
    "catalogue",
    "describe",
    "diff_reports",
    "is_blocking",
    "load_definition_file",
    "load_form_definition",
    "parse_definition",
    "register",
    "registered_rules",
    "validate_report",
]
