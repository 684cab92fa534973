"""Article 3: stockpile destruction and retention, as plain Python (no Django).

One module per job: :mod:`.facts` (categories, amounts and the facts), :mod:`.progress`
(what counts on a date, each State's progress), :mod:`.checks` (what a write must pass),
:mod:`.figures` (paras 28-31 of CCM/CONF/2020/13) and :mod:`.reports` (Forms B and D of
the Article 7 reports). Import from the package: this ``__init__`` is its API.
"""

from __future__ import annotations

from treaty_tracker.rules.checks import check_year
from treaty_tracker.rules.stockpiles.checks import (
    CODES,
    check_destruction_period,
    check_quantity,
    check_retention,
    check_within_declared,
    errors,
)
from treaty_tracker.rules.stockpiles.facts import (
    FIRST_YEAR,
    LAST_YEAR,
    Amount,
    Category,
    Declaration,
    Destruction,
    Origin,
    Qualifier,
    Retention,
    total,
)
from treaty_tracker.rules.stockpiles.figures import Figures, Share, figures
from treaty_tracker.rules.stockpiles.progress import (
    CategoryProgress,
    RetentionYear,
    StateProgress,
    YearTotal,
    counts_on,
    declared,
    destroyed,
    latest_retention,
    progress,
    retention_history,
    year_over,
    yearly_totals,
)
from treaty_tracker.rules.stockpiles.reports import (
    FORM_OF,
    FORM_STATUSES,
    HOLDINGS,
    PROGRAMME_STATUSES,
    REPORT_COLUMNS,
    Merged,
    ReportedFigure,
    ReportedYear,
    ReportTable,
    merge_reported,
    read_report,
    reported_destruction,
    reported_retention,
)

__all__ = [
    "CODES",
    "FIRST_YEAR",
    "FORM_OF",
    "FORM_STATUSES",
    "HOLDINGS",
    "LAST_YEAR",
    "PROGRAMME_STATUSES",
    "REPORT_COLUMNS",
    "Amount",
    "Category",
    "CategoryProgress",
    "Declaration",
    "Destruction",
    "Figures",
    "Merged",
    "Origin",
    "Qualifier",
    "ReportTable",
    "ReportedFigure",
    "ReportedYear",
    "Retention",
    "RetentionYear",
    "Share",
    "StateProgress",
    "YearTotal",
    "check_destruction_period",
    "check_quantity",
    "check_retention",
    "check_within_declared",
    "check_year",
    "counts_on",
    "declared",
    "destroyed",
    "errors",
    "figures",
    "latest_retention",
    "merge_reported",
    "progress",
    "read_report",
    "reported_destruction",
    "reported_retention",
    "retention_history",
    "total",
    "year_over",
    "yearly_totals",
]
