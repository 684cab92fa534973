"""Universalization and the norm (CCM/CONF/2020/13 paras 3-27).

Who is a State Party or a signatory, and when each joined, is the depositary record
(``states.TreatyAction``) read through the register: nothing here repeats it. This app
holds the rest: UN General Assembly votes (totals per year, and per State where known),
participation in the meetings of the Convention, outreach, and the facts about States not
parties (affected, producers and stockpilers, policies and moratoria, allegations of use).
Every model is a sourced fact; validation lives in ``clean()`` through the pure rules of
``rules.universalization`` (every problem with its field).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import universalization as rules
from treaty_tracker.rules.findings import Finding
from treaty_tracker.sources.fields import FuzzyDateField, HttpsURLField, state_field
from treaty_tracker.sources.models import Sourced

STATE = "states.State"


class Vote(Sourced):
    """Totals of a UNGA vote on "Implementation of the Convention on Cluster Munitions"."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    yes = models.PositiveSmallIntegerField(_("yes"))
    no = models.PositiveSmallIntegerField(_("no"))
    abstain = models.PositiveSmallIntegerField(_("abstentions"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("UNGA vote")

    def __str__(self) -> str:
        return f"UNGA {self.year}: {self.yes}-{self.no}-{self.abstain}"

    def findings(self) -> list[Finding]:
        return rules.check_vote_totals(self.year, self.yes, self.no, self.abstain)


class StateVote(Sourced):
    """One State's vote on the year's UNGA resolution on the Convention."""

    class Choice(models.TextChoices):
        YES = rules.VoteChoice.YES.value, _("Yes")
        NO = rules.VoteChoice.NO.value, _("No")
        ABSTAIN = rules.VoteChoice.ABSTAIN.value, _("Abstention")
        ABSENT = rules.VoteChoice.ABSENT.value, _("Did not vote")

    state = state_field("unga_votes")
    year = models.PositiveSmallIntegerField(_("year"))
    vote = models.CharField(_("vote"), max_length=8, choices=Choice.choices)

    class Meta:
        ordering = ["year", "state__name"]
        verbose_name = _("UNGA vote of a State")
        constraints = [
            models.UniqueConstraint(fields=["state", "year"], name="one_unga_vote_per_state_year"),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.year}: {self.vote}"

    def findings(self) -> list[Finding]:
        findings: list[Finding] = []
        if self.year is not None and self.vote:
            others = StateVote.objects.filter(year=self.year).exclude(pk=self.pk)
            counts: dict[str, int] = {}
            for vote in others.values_list("vote", flat=True):
                counts[vote] = counts.get(vote, 0) + 1
            total = Vote.objects.filter(year=self.year).first()
            totals = {"yes": total.yes, "no": total.no, "abstain": total.abstain} if total else None
            findings = rules.check_state_vote(self.year, self.vote, counts, totals)
        elif self.year is not None:
            findings = rules.check_vote_totals(self.year, None, None, None)
        return findings


class Participation(Sourced):
    """A State's participation in a meeting of the Convention, with its role there."""

    class RoleChoice(models.TextChoices):
        STATE_PARTY = rules.Role.STATE_PARTY.value, _("State Party")
        SIGNATORY = rules.Role.SIGNATORY.value, _("Signatory State")
        OBSERVER = rules.Role.OBSERVER.value, _("Observer State (neither party nor signatory)")
        NOT_KNOWN = rules.Role.NOT_KNOWN.value, _("Not known")

    state = state_field("participations")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("meeting"),
    )
    role = models.CharField(_("role"), max_length=16, choices=RoleChoice.choices)

    class Meta:
        ordering = ["meeting__opens", "state__name"]
        verbose_name = _("participation in a meeting")
        constraints = [
            models.UniqueConstraint(fields=["state", "meeting"], name="one_participation"),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} at {self.meeting_id}: {self.role}"

    def findings(self) -> list[Finding]:
        findings: list[Finding] = []
        if self.state_id and self.meeting_id and self.role:
            from treaty_tracker.states.selectors import register

            day = self.meeting.opens.latest or self.meeting.opens.earliest
            everything = register()
            if day is not None and self.state.iso3 in everything:
                status = everything.state(self.state.iso3, day).status
                findings = rules.check_participation(self.role, status)
        return findings


class Outreach(Sourced):
    """An outreach activity to promote joining the Convention or its norm (para 10):
    an event, a letter, a mission or a bilateral meeting."""

    class Kind(models.TextChoices):
        EVENT = "event", _("Event or seminar")
        LETTER = "letter", _("Letter")
        MISSION = "mission", _("Mission or visit")
        BILATERAL = "bilateral", _("Bilateral meeting")
        OTHER = "other", _("Other")

    date = FuzzyDateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    actor = models.CharField(
        _("by"), max_length=200, help_text=_("E.g. the Presidency, the coordinators, the ISU.")
    )
    region = models.CharField(_("region"), max_length=64, blank=True)
    description = models.TextField(_("description"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}: {self.actor}"


class OutreachTarget(Sourced):
    """A State an outreach activity addressed."""

    outreach = models.ForeignKey(
        Outreach, on_delete=models.CASCADE, related_name="targets", verbose_name=_("activity")
    )
    state = state_field("outreach_targets")

    class Meta:
        ordering = ["outreach", "state__name"]
        verbose_name = _("State targeted by outreach")
        constraints = [
            models.UniqueConstraint(fields=["outreach", "state"], name="one_outreach_target"),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} ({self.outreach_id})"


class NonPartyFact(Sourced):
    """A fact about a State (usually not party) relevant to the norm: reportedly affected
    by contamination (para 6), producing or having produced (para 18), stockpiling."""

    class Kind(models.TextChoices):
        AFFECTED = "affected", _("Affected by cluster munition contamination")
        AFFECTED_POTENTIALLY = "affected_potentially", _("Potentially affected")
        PRODUCER_PAST = "producer_past", _("Produced cluster munitions in the past")
        PRODUCER = "producer", _("Produces cluster munitions")
        STOCKPILER = "stockpiler", _("Stockpiles cluster munitions")

    state = state_field("norm_facts")
    kind = models.CharField(_("fact"), max_length=24, choices=Kind.choices)
    as_of = FuzzyDateField(_("as of"))

    class Meta:
        ordering = ["kind", "state__name", "as_of"]
        verbose_name = _("fact about a State not party")

    def __str__(self) -> str:
        return f"{self.state_id}: {self.kind} ({self.as_of})"


class Policy(Sourced):
    """A State's policy, moratorium or law restricting cluster munitions (paras 19, 26)."""

    class Kind(models.TextChoices):
        MORATORIUM_USE = "moratorium_use", _("Moratorium on use")
        MORATORIUM_PRODUCTION = "moratorium_production", _("Moratorium on production")
        MORATORIUM_TRANSFER = "moratorium_transfer", _("Moratorium on transfer")
        NO_USE = "no_use", _("Policy of non-use")
        RESTRICTED_USE = "restricted_use", _("Restriction on use")
        REMOVED_FROM_STOCKS = "removed_from_stocks", _("Removed from operational stocks")
        NATIONAL_LAW = "national_law", _("National law")
        USE_POLICY = "use_policy", _("Other policy on cluster munitions")

    state = state_field("cm_policies")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    adopted = FuzzyDateField(_("adopted or stated"))
    text = models.TextField(_("what it says"))
    url = HttpsURLField(_("text or link"), max_length=500, blank=True)

    class Meta:
        ordering = ["state__name", "adopted"]
        verbose_name = _("policy or moratorium")
        verbose_name_plural = _("policies and moratoria")

    def __str__(self) -> str:
        return f"{self.state_id}: {self.get_kind_display()} ({self.adopted})"


class Allegation(Sourced):
    """A report or allegation of use of cluster munitions (paras 15-17)."""

    class StatusChoice(models.TextChoices):
        ALLEGED = rules.AllegationStatus.ALLEGED.value, _("Alleged")
        REPORTED = rules.AllegationStatus.REPORTED.value, _("Reported")
        CONFIRMED = rules.AllegationStatus.CONFIRMED.value, _("Confirmed")
        DENIED = rules.AllegationStatus.DENIED.value, _("Denied")

    period = FuzzyDateField(_("date or period"))
    territory = state_field(
        "allegations_on_territory", _("on the territory of"), null=True, blank=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    user_state = state_field(
        "allegations_of_use",
        _("State alleged to have used them"),
        null=True,
        blank=True,
        help_text=_("Empty: not known or not a State."),
    )
    user_description = models.CharField(
        _("user (as the source describes it)"), max_length=200, blank=True
    )
    status = models.CharField(_("status"), max_length=16, choices=StatusChoice.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["period", "pk"]
        verbose_name = _("allegation of use")
        verbose_name_plural = _("allegations of use")

    def __str__(self) -> str:
        where = self.territory_id or self.place
        return f"{self.period} {where}: {self.status}"

    def findings(self) -> list[Finding]:
        return rules.check_allegation(
            self.status,
            str(self.territory_id) if self.territory_id else None,
            self.place,
            str(self.user_state_id) if self.user_state_id else None,
        )
