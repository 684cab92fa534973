"""Where every fact comes from: documents, and the abstract ``Sourced`` base.

Every fact model inherits ``Sourced``: a fact cites a ``Source`` (document symbol or URL)
and a paragraph, or the user who entered it, and keeps its history (who, when,
before/after) through django-simple-history.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.sources.fields import FuzzyDateField, HttpsURLField


class Source(models.Model):
    """A document or page facts are taken from."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    symbol = models.CharField(_("document symbol"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=300)
    url = HttpsURLField(_("URL"), max_length=500, blank=True)
    published = FuzzyDateField(_("published"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")

    def __str__(self) -> str:
        return self.symbol or self.title


class Sourced(models.Model):
    """Abstract: a fact with its citation and history."""

    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    paragraph = models.CharField(_("paragraph"), max_length=32, blank=True)
    quote = models.TextField(_("quote"), blank=True)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set on facts loaded from the reference data files, so ``setup`` can find them again.
    reference_key = models.CharField(
        max_length=200, null=True, blank=True, unique=True, editable=False
    )
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def findings(self) -> Iterable[Finding]:
        """What the treaty's rules (``rules.*``) say about this fact, each on its field.
        The errors among them refuse it (``problems``); a warning is shown, not refused."""
        return ()

    def problems(self) -> dict[str, list[str]]:
        """Every reason to refuse this fact, by field (``__all__`` for the whole fact): no
        source, then each error finding once. A subclass adds its own checks here."""
        problems: dict[str, list[str]] = {}
        if self.source_id is None and self.entered_by_id is None:
            problems["source"] = [_("Every fact needs a source or the user who entered it.")]
        for finding in self.findings():
            if finding.severity is Severity.ERROR:
                add_problem(problems, finding.field or "__all__", finding.message)
        return problems

    def clean(self) -> None:
        """All the problems at once, so the admin, the fact editors and the reference
        loader refuse the same things with the same messages."""
        super().clean()
        if problems := self.problems():
            raise ValidationError(problems)

    @property
    def citation(self) -> str:
        """``CCM/CONF/2020/13 para 30``, a page title, or ``entered by alice``."""
        if self.source_id is not None:
            label = str(self.source)
            return f"{label} para {self.paragraph}" if self.paragraph else label
        if self.entered_by_id is not None:
            return f"entered by {self.entered_by}"
        return "source not recorded"


def add_problem(problems: dict[str, list[str]], field: str, message: str) -> None:
    """Add ``message`` to the field's problems, once."""
    messages = problems.setdefault(field, [])
    if message not in messages:
        messages.append(message)


def check_period(
    problems: dict[str, list[str]], start: FuzzyDate | None, end: FuzzyDate | None
) -> None:
    """A period (``period_start``, ``period_end``) may not end before it starts."""
    if start and end and start.earliest and end.latest and start.earliest > end.latest:
        add_problem(problems, "period_end", str(_("The period ends before it starts.")))


class Figure(Sourced):
    """A total a source states without the per-State rows behind it (e.g. para 28: 36 of
    41 States completed). Shown as such, never split into invented rows."""

    key = models.CharField(_("key"), max_length=120)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=32)
    as_of = FuzzyDateField(_("as of"))
    label = models.CharField(_("label"), max_length=300)

    class Meta:
        ordering = ["key"]
        verbose_name = _("sourced figure")

    def __str__(self) -> str:
        return f"{self.key} = {self.value} ({self.as_of})"


class StateList(Sourced):
    """A named list of States a source gives at a date (e.g. para 6: affected non-parties)."""

    key = models.CharField(_("key"), max_length=120)
    label = models.CharField(_("label"), max_length=300)
    as_of = FuzzyDateField(_("as of"))
    states = models.ManyToManyField("states.State", related_name="lists", blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("list of States")

    def __str__(self) -> str:
        return f"{self.key} ({self.as_of})"


class Coverage(Sourced):
    """Up to which date the record holds every fact of one kind: every initial report, or
    every Article 3 / Article 4 completion and extension. Past that date a missing report
    or completion is "not known", never "overdue": a gap in the record is not a finding
    against a State."""

    class Subject(models.TextChoices):
        INITIAL = "initial", _("Initial Article 7 reports")
        ANNUAL = "annual", _("Annual Article 7 reports")
        ARTICLE3 = "article3", _("Article 3 completions and extensions")
        ARTICLE4 = "article4", _("Article 4 completions and extensions")

    subject = models.CharField(_("subject"), max_length=16, choices=Subject.choices, unique=True)
    complete_until = models.DateField(_("record complete until"))

    class Meta:
        verbose_name = _("record coverage")

    def __str__(self) -> str:
        return f"{self.subject} complete until {self.complete_until}"


class RecordVersion(models.Model):
    """One row whose token changes after every committed change to the record (see
    ``signals.py``).

    Each process caches the engine's register and pages rendered from the record, and
    reuses them while the token is the same: one cheap query per request instead of
    rebuilding the record, and every worker sees a change on its next request. A fresh
    random token (not a counter) is drawn each time.

    The token moves **after** the change commits, in a statement of its own
    (``transaction.on_commit``): a writing request never holds the row's lock, so writes
    to different States never wait for one another, and a rolled-back change never moves
    it. Until its transaction commits, the writer reads its own uncommitted record:
    :meth:`current` answers ``""`` on that connection, which tells every cache to build
    afresh and keep nothing.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("record version")

    def __str__(self) -> str:
        return self.token

    @classmethod
    def current(cls) -> str:
        """The committed record's token, or ``""`` (cache nothing) while this connection's
        transaction holds a record change not yet committed."""
        if bump_pending():
            return ""
        return cls.objects.filter(pk=1).values_list("token", flat=True).first() or ""

    @classmethod
    def bump(cls) -> None:
        """Move the token now (a single statement; callers inside a transaction use
        :func:`bump_on_commit`)."""
        _count_change()
        token = uuid.uuid4().hex
        if not cls.objects.filter(pk=1).update(token=token):
            cls.objects.update_or_create(pk=1, defaults={"token": token})


def _bump_committed() -> None:
    RecordVersion.bump()


def bump_on_commit() -> None:
    """Move the record version once the current transaction commits (at once outside a
    transaction). Many changes in one transaction move it once."""
    _count_change()
    if not bump_pending():
        # robust: the change is committed whatever happens here; a failure is logged.
        transaction.on_commit(_bump_committed, robust=True)


def _count_change() -> None:
    """Count this connection's changes, so its own uncommitted reads can be reused
    between two changes (``uncommitted_changes``)."""
    connection = transaction.get_connection()
    connection.record_changes = getattr(connection, "record_changes", 0) + 1


def bump_pending() -> bool:
    """Whether this connection's open transaction has changed the record (its version
    moves when the transaction commits)."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        func is _bump_committed for _savepoints, func, _robust in connection.run_on_commit
    )


def uncommitted_changes() -> int | None:
    """A number that moves with each change this connection's open transaction makes to
    the record, or ``None`` when it has made none (read the committed version)."""
    if not bump_pending():
        return None
    return int(getattr(transaction.get_connection(), "record_changes", 0))
