from django.contrib import admin

from treaty_tracker.sources.admin_base import SourcedAdmin
from treaty_tracker.universalization.models import (
    Allegation,
    NonPartyFact,
    Outreach,
    OutreachTarget,
    Participation,
    Policy,
    StateVote,
    Vote,
)


@admin.register(Vote)
class VoteAdmin(SourcedAdmin):
    list_display = ("year", "yes", "no", "abstain", "source", "paragraph")


@admin.register(StateVote)
class StateVoteAdmin(SourcedAdmin):
    list_display = ("year", "state", "vote", "source", "paragraph")
    list_filter = ("year", "vote")


@admin.register(Participation)
class ParticipationAdmin(SourcedAdmin):
    list_display = ("meeting", "state", "role", "source", "paragraph")
    list_filter = ("role",)


class OutreachTargetInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OutreachTarget
    extra = 0
    fields = ("state", "source", "paragraph")


@admin.register(Outreach)
class OutreachAdmin(SourcedAdmin):
    list_display = ("date", "kind", "actor", "region", "source", "paragraph")
    list_filter = ("kind",)
    inlines = [OutreachTargetInline]


@admin.register(NonPartyFact)
class NonPartyFactAdmin(SourcedAdmin):
    list_display = ("state", "kind", "as_of", "source", "paragraph")
    list_filter = ("kind",)


@admin.register(Policy)
class PolicyAdmin(SourcedAdmin):
    list_display = ("state", "kind", "adopted", "source", "paragraph")
    list_filter = ("kind",)


@admin.register(Allegation)
class AllegationAdmin(SourcedAdmin):
    list_display = ("period", "territory", "place", "user_state", "status", "source")
    list_filter = ("status",)
