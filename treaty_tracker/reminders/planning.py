"""Which Article 7 report reminders fall due on a date: the policy, as data, and one pure
function over the rules engine's :class:`Register`.

No Django here (a test enforces it, as for ``treaty_tracker.rules``): the date is an
argument, and the engine decides every status. Sending and logging are in ``services``.

The policy (docs/reminders.md):

- a reminder *stage* is a day counted from a report's due date ``D`` (Art. 7(1): entry into
  force + 180 days; Art. 7(2): 30 April);
- stages before the due date fire only while the engine says the report is ``not_yet_due``
  and its due date is known to the day; stages after it fire only while the engine says
  ``overdue`` — never on ``not_known``: a gap in the record is not a finding against a
  State;
- a stage fires from its day for :data:`CATCH_UP_DAYS` days, so a job that missed a day
  still sends it; when several stages fire, the latest wins (the earlier ones are moot);
- only States Parties for which the Convention is in force, and never a submitted report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from treaty_tracker.rules import Register, ReportKind, ReportResult, ReportStatus, Status

CATCH_UP_DAYS = 30
"""How long a stage keeps firing after its day if the job did not run (or found no
recipient) on the day itself. Past it, a reminder is moot: a report overdue for years is
the ISU's business (``treaty-tracker deadlines``), not an automatic e-mail."""


@dataclass(frozen=True)
class Stage:
    """One reminder: ``offset_days`` from the due date ``D`` (negative: before it).

    ``after_due`` stages need the engine's ``overdue``; the others its ``not_yet_due``
    (which includes ``D`` itself). ``escalate`` copies the ISU (``REMINDERS_ESCALATE_TO``).
    """

    code: str
    offset_days: int
    after_due: bool = False
    escalate: bool = False

    def __post_init__(self) -> None:
        if self.after_due and self.offset_days < 1:
            raise ValueError(f"stage {self.code}: an overdue stage starts on D+1 or later")
        if not self.after_due and self.offset_days > 0:
            raise ValueError(f"stage {self.code}: a stage before the due date is D or earlier")


STAGES: tuple[Stage, ...] = (
    Stage("upcoming", -30),
    Stage("due_soon", -7),
    Stage("overdue", 1, after_due=True),
    Stage("overdue_escalated", 30, after_due=True, escalate=True),
)
"""The schedule, in one place. Stage codes are stored in the log: rename none."""


@dataclass(frozen=True)
class Due:
    """One reminder to send: State ``iso3``'s report ``kind`` covering ``year`` (``None``
    for the initial report), due on ``due``, at ``stage``."""

    iso3: str
    name: str
    kind: ReportKind
    year: int | None
    due: date
    stage: Stage


def due_reminders(
    register: Register,
    as_of: date,
    *,
    stages: tuple[Stage, ...] = STAGES,
    catch_up_days: int = CATCH_UP_DAYS,
) -> list[Due]:
    """The reminders that fall due on ``as_of``, one per report at most (its latest stage
    reached), ordered by due date, State and stage."""
    found: list[Due] = []
    for state in register.summary(as_of).states:
        if state.status is not Status.STATE_PARTY or state.in_force is not True:
            continue
        reports = [state.initial_report] if state.initial_report is not None else []
        for report in [*reports, *state.annual_reports]:
            hit = _stage(report, as_of, stages, catch_up_days)
            if hit is not None:
                day, stage = hit
                found.append(Due(state.iso3, state.name, report.kind, report.year, day, stage))
    return sorted(found, key=lambda d: (d.due, d.iso3, d.kind, d.stage.offset_days))


def _stage(
    report: ReportResult, as_of: date, stages: tuple[Stage, ...], catch_up_days: int
) -> tuple[date, Stage] | None:
    if report.status is ReportStatus.OVERDUE:
        # The engine is sure the due date has passed; its latest possible day is the one
        # that makes every overdue stage certain.
        due = report.due.latest
        candidates = [s for s in stages if s.after_due]
    elif report.status is ReportStatus.NOT_YET_DUE and report.due.is_exact:
        due = report.due.earliest
        candidates = [s for s in stages if not s.after_due]
    else:
        return None  # submitted, not in force, or not known: no reminder
    if due is None:
        return None
    fired = [
        s
        for s in candidates
        if due + timedelta(days=s.offset_days)
        <= as_of
        < due + timedelta(days=s.offset_days + catch_up_days)
    ]
    if not fired:
        return None
    return due, max(fired, key=lambda s: s.offset_days)
