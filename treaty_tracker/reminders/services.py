"""Article 7 report reminders: preview them, send them, log them (docs/reminders.md).

One write path: the ``remind`` command, the scheduled job and the admin's "Send them"
button all call :func:`reminders_send`. Each reminder is logged and mailed in its own
transaction, so one refused mail does not lose the log of the others; the log row is
written before the mail goes, and the database refuses a second row for the same report,
stage and outcome, so two jobs running at once can neither both send it nor both log it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from treaty_tracker.accounts.selectors import focal_points_of
from treaty_tracker.reminders.models import Reminder
from treaty_tracker.reminders.planning import STAGES, Due, Stage, due_reminders
from treaty_tracker.reminders.selectors import Key, sent_keys, unreachable_keys
from treaty_tracker.rules import ReportKind
from treaty_tracker.states.models import State
from treaty_tracker.states.selectors import register

logger = logging.getLogger(__name__)

WOULD_SEND = "would_send"
"""The outcome of a previewed reminder that has recipients; the others are
``Reminder.Outcome`` values."""


@dataclass(frozen=True)
class Planned:
    """One reminder, rendered, with what became of it (``outcome``)."""

    due: Due
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    body: str
    outcome: str
    error: str = ""

    @property
    def key(self) -> Key:
        return (self.due.iso3, self.due.kind.value, self.due.year, self.due.stage.code)


def reminders_preview(*, as_of: date, stages: tuple[Stage, ...] = STAGES) -> list[Planned]:
    """What :func:`reminders_send` would send on ``as_of``; writes and sends nothing.

    Reminders already sent are left out; those with nobody to send to are listed with the
    outcome ``no_recipient``."""
    already = sent_keys()
    planned = []
    for due in due_reminders(register(), as_of, stages=stages):
        if (due.iso3, due.kind.value, due.year, due.stage.code) in already:
            continue
        planned.append(_render(due, as_of))
    return planned


def reminders_send(
    *,
    as_of: date,
    dry_run: bool,
    sent_by: Any = None,
    stages: tuple[Stage, ...] = STAGES,
) -> list[Planned]:
    """Send and log the reminders due on ``as_of`` that were never sent; ``dry_run`` only
    previews. ``sent_by`` is the ISU user who pressed "Send them" (``None``: the job).

    Returns every reminder handled, with its outcome: ``sent``, ``no_recipient`` (logged
    once, not sent; retried on later runs), or ``failed`` (logged, retried on later runs).
    Idempotent: a second run on the same day sends nothing."""
    planned = reminders_preview(as_of=as_of, stages=stages)
    if dry_run:
        return planned
    states = {s.iso3: s for s in State.objects.filter(iso3__in={p.due.iso3 for p in planned})}
    unreachable = unreachable_keys()
    results = []
    for item in planned:
        state = states[item.due.iso3]
        if not item.to:
            if item.key not in unreachable:
                _log_once(item, state, as_of, sent_by, Reminder.Outcome.NO_RECIPIENT)
            results.append(replace(item, outcome=Reminder.Outcome.NO_RECIPIENT))
            continue
        try:
            _send_one(item, state, as_of, sent_by)
        except IntegrityError:
            continue  # another run sent it meanwhile: never twice
        except OSError as error:  # smtplib.SMTPException and socket errors
            logger.warning("reminder %s not sent: %s", item.key, error)
            failed = replace(item, outcome=Reminder.Outcome.FAILED, error=str(error))
            _log_once(failed, state, as_of, sent_by, Reminder.Outcome.FAILED)
            results.append(failed)
            continue
        results.append(replace(item, outcome=Reminder.Outcome.SENT))
    return results


@transaction.atomic
def _send_one(item: Planned, state: State, as_of: date, sent_by: Any) -> None:
    """Log, then mail: if the mail fails the log row is rolled back with it."""
    _log(item, state, as_of, sent_by, Reminder.Outcome.SENT)
    EmailMessage(
        subject=item.subject,
        body=item.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(item.to),
        cc=list(item.cc),
    ).send()


def _log_once(item: Planned, state: State, as_of: date, sent_by: Any, outcome: str) -> None:
    """Log an outcome unless this reminder already has it (another run logged it
    meanwhile: the database's constraint decides, in a savepoint of its own)."""
    try:
        with transaction.atomic():
            _log(item, state, as_of, sent_by, outcome)
    except IntegrityError:
        logger.info("reminder %s already logged as %s", item.key, outcome)


def _log(item: Planned, state: State, as_of: date, sent_by: Any, outcome: str) -> Reminder:
    return Reminder.objects.create(
        state=state,
        kind=item.due.kind.value,
        year=item.due.year,
        due=item.due.due,
        stage=item.due.stage.code,
        outcome=outcome,
        recipients={"to": list(item.to), "cc": list(item.cc)},
        subject=item.subject,
        body=item.body,
        error=item.error,
        as_of=as_of,
        sent_at=timezone.now() if outcome == Reminder.Outcome.SENT else None,
        sent_by=sent_by if getattr(sent_by, "is_authenticated", False) else None,
    )


def _recipients(due: Due, as_of: date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The State's focal points in office on ``as_of`` (active accounts with an address);
    an escalated reminder copies ``REMINDERS_ESCALATE_TO``."""
    roles = focal_points_of(due.iso3, on=as_of)
    to = sorted({r.user.email for r in roles if r.user.is_active and r.user.email})
    cc = sorted(set(settings.REMINDERS_ESCALATE_TO) - set(to)) if due.stage.escalate else []
    return tuple(to), tuple(cc)


def _render(due: Due, as_of: date) -> Planned:
    to, cc = _recipients(due, as_of)
    context = {
        "state": due.name,
        "iso3": due.iso3,
        "initial": due.kind is ReportKind.INITIAL,
        "year": due.year,
        "due": due.due,
        "stage": due.stage.code,
        "escalated": due.stage.escalate,
        "days_late": (as_of - due.due).days,
        "link": settings.SITE_URL.rstrip("/") + reverse("web:my_reports"),
    }
    # Focal points have no language of their own on record yet: the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("reminders/subject.txt", context).split())
        body = render_to_string("reminders/body.txt", context)
    outcome = WOULD_SEND if to else Reminder.Outcome.NO_RECIPIENT
    return Planned(due=due, to=to, cc=cc, subject=subject, body=body, outcome=outcome)
