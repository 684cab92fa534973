"""Article 7 report reminders: the schedule (pure, on a hand-built register), the service
that sends and logs them, and the ``remind`` command."""

from __future__ import annotations

import ast
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import IntegrityError, transaction

from tests.factories import run_cli
from treaty_tracker.accounts.models import Role
from treaty_tracker.accounts.services import role_end
from treaty_tracker.reminders import planning, services
from treaty_tracker.reminders.models import Reminder, Stage
from treaty_tracker.reminders.planning import STAGES, due_reminders
from treaty_tracker.rules import CCM, FuzzyDate, Register, ReportKind, ReportRecord, StateRecord
from treaty_tracker.states.models import State

D = FuzzyDate.parse
ISL_INITIAL_DUE = date(2016, 7, 30)  # entry into force 1 Feb 2016 + 180 days
ANNUAL_2025_DUE = date(2026, 4, 30)  # the annual report covering 2025


def _register(*states: StateRecord, coverage: dict[str, date] | None = None) -> Register:
    """Iceland (or ``states``) and 29 early States that have since withdrawn: the treaty
    enters into force on 1 Aug 2010, and only the States under test are States Parties."""
    early = [
        StateRecord(
            f"X{i:02d}",
            f"Early {i}",
            consent=D("2009-06-01"),
            withdrawal_effective=D("2011-01-01"),
        )
        for i in range(29)
    ]
    states = states or (StateRecord("ISL", "Iceland", consent=D("2015-08-31")),)
    return Register(CCM, [*early, *states], coverage or {})


def _initial(register: Register, as_of: date) -> list[tuple[date, str]]:
    return [
        (d.due, d.stage.code)
        for d in due_reminders(register, as_of)
        if d.kind is ReportKind.INITIAL
    ]


# -- the schedule --------------------------------------------------------------------------


def test_it_keeps_the_stored_stage_codes_equal_to_the_schedule() -> None:
    assert [s.code for s in STAGES] == Stage.values


def test_it_computes_the_schedule_without_django() -> None:
    tree = ast.parse(Path(planning.__file__).read_text(encoding="utf-8"))
    modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert [m for m in modules if m.split(".")[0] == "django"] == []


@pytest.mark.parametrize(
    ("offset", "stage"),
    [
        (-31, None),
        (-30, "upcoming"),
        (-8, "upcoming"),
        (-7, "due_soon"),
        (0, "due_soon"),  # due today is not yet due
        (1, "overdue"),
        (29, "overdue"),
        (30, "overdue_escalated"),
        (59, "overdue_escalated"),
        (60, None),  # past the catch-up window: the ISU's business, not an automatic mail
    ],
)
def test_it_fires_each_stage_on_its_day(offset: int, stage: str | None) -> None:
    register = _register(coverage={"initial": date(2099, 1, 1)})
    as_of = ISL_INITIAL_DUE + timedelta(days=offset)
    expected = [(ISL_INITIAL_DUE, stage)] if stage else []
    assert _initial(register, as_of) == expected


def test_it_reminds_of_the_annual_report_with_the_year_it_covers() -> None:
    (due,) = due_reminders(_register(), date(2026, 3, 31))
    assert (due.iso3, due.kind, due.year, due.due, due.stage.code) == (
        "ISL",
        ReportKind.ANNUAL,
        2025,
        ANNUAL_2025_DUE,
        "upcoming",
    )


def test_it_sends_no_overdue_reminder_when_the_record_cannot_tell() -> None:
    # No coverage of initial reports: past the due date the engine says "not known".
    register = _register()
    assert register.state("ISL", ISL_INITIAL_DUE + timedelta(days=1)).initial_report
    assert _initial(register, ISL_INITIAL_DUE + timedelta(days=1)) == []
    assert _initial(register, ISL_INITIAL_DUE + timedelta(days=30)) == []


def test_it_sends_no_reminder_for_a_submitted_report() -> None:
    iceland = StateRecord(
        "ISL",
        "Iceland",
        consent=D("2015-08-31"),
        reports=(ReportRecord(ReportKind.INITIAL, D("2016-07-01")),),
    )
    register = _register(iceland, coverage={"initial": date(2099, 1, 1)})
    for offset in (-7, 0, 1, 30):
        assert _initial(register, ISL_INITIAL_DUE + timedelta(days=offset)) == []


def test_it_sends_no_reminder_to_a_state_not_yet_bound() -> None:
    signatory = StateRecord("ISL", "Iceland", signature=D("2008-12-03"))
    assert due_reminders(_register(signatory), ANNUAL_2025_DUE - timedelta(days=7)) == []


def test_it_refuses_a_stage_on_the_wrong_side_of_the_due_date() -> None:
    with pytest.raises(ValueError, match="D\\+1"):
        planning.Stage("late", 0, after_due=True)
    with pytest.raises(ValueError, match="D or earlier"):
        planning.Stage("early", 3)


# -- the service ---------------------------------------------------------------------------


@pytest.fixture
def escalation(db: None, settings: object, monkeypatch: pytest.MonkeyPatch) -> date:
    """Iceland's annual report covering 2025, overdue (the record of annual reports is
    complete): the day it escalates."""
    settings.REMINDERS_ESCALATE_TO = ["isu@isu.example"]  # type: ignore[attr-defined]
    register = _register(coverage={"annual": date(2099, 1, 1)})
    monkeypatch.setattr(services, "register", lambda: register)
    return ANNUAL_2025_DUE + timedelta(days=30)


def test_it_mails_the_focal_point_and_logs_it(fiona: User) -> None:
    results = services.reminders_send(as_of=date(2026, 3, 31), dry_run=False)
    (iceland,) = [r for r in results if r.due.iso3 == "ISL"]
    assert iceland.outcome == "sent"
    (message,) = mail.outbox
    assert message.to == ["fiona@example.org"] and message.cc == []
    assert "Iceland" in message.subject and "30 April 2026" in message.subject
    assert "covering 2025" in message.body and "/reports/mine/" in message.body
    log = Reminder.objects.get(state__iso3="ISL")
    assert (log.kind, log.year, log.due, log.stage, log.outcome) == (
        "annual",
        2025,
        ANNUAL_2025_DUE,
        "upcoming",
        "sent",
    )
    assert log.sent_at is not None and log.sent_by is None
    assert log.recipients == {"to": ["fiona@example.org"], "cc": []}
    assert log.subject == message.subject and log.body == message.body


def test_it_never_sends_the_same_reminder_twice(fiona: User) -> None:
    as_of = date(2026, 3, 31)
    services.reminders_send(as_of=as_of, dry_run=False)
    again = services.reminders_send(as_of=as_of, dry_run=False)
    assert [r for r in again if r.due.iso3 == "ISL"] == []
    assert len(mail.outbox) == 1
    assert Reminder.objects.filter(state__iso3="ISL", outcome="sent").count() == 1


@pytest.mark.parametrize("year", [2025, None])
def test_it_lets_the_database_refuse_a_second_sent_reminder(db: None, year: int | None) -> None:
    from django.utils import timezone

    kind = "annual" if year else "initial"
    row = {
        "state": State.objects.get(iso3="ISL"),
        "kind": kind,
        "year": year,
        "due": ANNUAL_2025_DUE,
        "stage": "upcoming",
        "outcome": "sent",
        "as_of": date(2026, 3, 31),
        "sent_at": timezone.now(),
    }
    Reminder.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(**row)


def test_it_copies_the_isu_when_it_escalates(fiona: User, escalation: date) -> None:
    (result,) = services.reminders_send(as_of=escalation, dry_run=False)
    assert (result.due.stage.code, result.outcome) == ("overdue_escalated", "sent")
    (message,) = mail.outbox
    assert (message.to, message.cc) == (["fiona@example.org"], ["isu@isu.example"])
    assert "still overdue" in message.subject
    assert Reminder.objects.get().recipients["cc"] == ["isu@isu.example"]


def test_it_does_not_copy_the_isu_before_escalating(fiona: User, escalation: date) -> None:
    services.reminders_send(as_of=escalation - timedelta(days=1), dry_run=False)
    (message,) = mail.outbox
    assert message.cc == [] and "is overdue" in message.subject


def test_it_logs_a_state_with_no_focal_point_once_and_sends_nothing(escalation: date) -> None:
    (result,) = services.reminders_send(as_of=escalation, dry_run=False)
    assert result.outcome == "no_recipient"
    assert mail.outbox == []
    log = Reminder.objects.get()
    assert (log.outcome, log.sent_at, log.recipients["to"]) == ("no_recipient", None, [])
    (again,) = services.reminders_send(as_of=escalation, dry_run=False)
    assert again.outcome == "no_recipient"  # listed again, logged once
    assert Reminder.objects.count() == 1


def test_it_mails_a_focal_point_named_after_a_run_found_nobody(
    escalation: date, django_user_model: type[User]
) -> None:
    services.reminders_send(as_of=escalation, dry_run=False)
    from tests.conftest import _persona_with_role

    _persona_with_role("fiona", "focal_point", state="ISL")
    (result,) = services.reminders_send(as_of=escalation, dry_run=False)
    assert result.outcome == "sent" and len(mail.outbox) == 1


def test_it_does_not_mail_a_focal_point_whose_role_has_ended(fiona: User, escalation: date) -> None:
    role = Role.objects.get(user=fiona)
    role_end(role=role, ends=escalation - timedelta(days=10), ended_by=None)
    (result,) = services.reminders_send(as_of=escalation, dry_run=False)
    assert result.outcome == "no_recipient" and mail.outbox == []


def test_it_previews_without_writing_or_sending(fiona: User, escalation: date) -> None:
    (item,) = services.reminders_preview(as_of=escalation)
    assert (item.outcome, item.to) == ("would_send", ("fiona@example.org",))
    assert services.reminders_send(as_of=escalation, dry_run=True) == [item]
    assert mail.outbox == [] and Reminder.objects.count() == 0


def test_it_logs_a_refused_mail_and_sends_it_on_the_next_run(
    fiona: User, escalation: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise ConnectionRefusedError("no mail server")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        (result,) = services.reminders_send(as_of=escalation, dry_run=False)
    assert result.outcome == "failed" and "no mail server" in result.error
    assert list(Reminder.objects.values_list("outcome", flat=True)) == ["failed"]
    (retried,) = services.reminders_send(as_of=escalation, dry_run=False)
    assert retried.outcome == "sent" and len(mail.outbox) == 1


# -- the command ---------------------------------------------------------------------------


def test_it_previews_from_the_command_and_writes_nothing(
    fiona: User, escalation: date, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "remind", "--as-of", escalation.isoformat(), "--format", "json")
    data = json.loads(out)
    assert (code, data["sent"]) == (0, False)
    (row,) = data["reminders"]
    assert (row["state"], row["stage"], row["outcome"]) == (
        "ISL",
        "overdue_escalated",
        "would_send",
    )
    assert (row["to"], row["cc"]) == (["fiona@example.org"], ["isu@isu.example"])
    assert mail.outbox == [] and Reminder.objects.count() == 0


def test_it_sends_from_the_command_once(
    fiona: User, escalation: date, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "remind", "--as-of", escalation.isoformat(), "--send")
    assert code == 0 and "ISL" in out and "sent" in out
    assert len(mail.outbox) == 1
    code, out, _ = run_cli(capsys, "remind", "--as-of", escalation.isoformat(), "--send")
    assert code == 0 and "ISL" not in out
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["remind", "--as-of", "2026-13-01"], "is not a date"),
        (["remind", "--as-of", "2007-12-31"], "before 2008-01-01"),
        (["remind", "--format", "xml"], "invalid choice"),
    ],
)
def test_it_refuses_bad_input_with_exit_code_2(
    db: None, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err
    assert Reminder.objects.count() == 0
