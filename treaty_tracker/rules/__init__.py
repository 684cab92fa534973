"""The treaty's rules as plain Python: no Django import here (tests/rules enforce it)."""

from treaty_tracker.rules.dates import (
    EARLIEST_AS_OF,
    LATEST_AS_OF,
    AsOfError,
    FuzzyDate,
    FuzzyDateError,
    add_months,
    add_years,
    parse_as_of,
)
from treaty_tracker.rules.engine import Register
from treaty_tracker.rules.extensions import check_extension_request
from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.records import (
    Basis,
    ConsentKind,
    Decision,
    ExtensionRecord,
    ObligationRecord,
    ReportKind,
    ReportRecord,
    StateRecord,
)
from treaty_tracker.rules.results import (
    DeadlineItem,
    DeadlineStatus,
    ObligationResult,
    ObligationStatus,
    ReportResult,
    ReportStatus,
    StateResult,
    Status,
    Summary,
    Timeliness,
)
from treaty_tracker.rules.treaty import CCM, MBC, TREATIES, ObligationRule, Treaty
from treaty_tracker.rules.treaty_dates import (
    entry_into_force,
    initial_report_due,
    treaty_entry_into_force,
)

__all__ = [
    "CCM",
    "EARLIEST_AS_OF",
    "LATEST_AS_OF",
    "MBC",
    "TREATIES",
    "AsOfError",
    "Basis",
    "ConsentKind",
    "DeadlineItem",
    "DeadlineStatus",
    "Decision",
    "ExtensionRecord",
    "Finding",
    "FuzzyDate",
    "FuzzyDateError",
    "ObligationRecord",
    "ObligationResult",
    "ObligationRule",
    "ObligationStatus",
    "Register",
    "ReportKind",
    "ReportRecord",
    "ReportResult",
    "ReportStatus",
    "Severity",
    "StateRecord",
    "StateResult",
    "Status",
    "Summary",
    "Timeliness",
    "Treaty",
    "add_months",
    "add_years",
    "check_extension_request",
    "entry_into_force",
    "initial_report_due",
    "parse_as_of",
    "treaty_entry_into_force",
]
