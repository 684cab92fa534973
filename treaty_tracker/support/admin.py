from django.contrib import admin

from treaty_tracker.sources.admin_base import SourcedAdmin, StateFactAdmin
from treaty_tracker.support.models import (
    AssessedContribution,
    CoordinatorRole,
    IsuBudget,
    IsuContribution,
    MeetingDocument,
    OtherActor,
    ReserveBalance,
    ReserveTarget,
    SponsoredParticipation,
    SponsorshipContribution,
)


@admin.register(IsuBudget)
class IsuBudgetAdmin(SourcedAdmin):
    list_display = ("year", "amount", "currency", "approved_at", "source", "paragraph")


@admin.register(IsuContribution)
class IsuContributionAdmin(StateFactAdmin):
    list_display = ("year", "state", "contributor", "kind", "amount", "currency", "source")
    list_filter = ("year", "kind")
    search_fields = (*StateFactAdmin.search_fields, "contributor")


@admin.register(ReserveTarget)
class ReserveTargetAdmin(SourcedAdmin):
    list_display = ("since", "amount", "currency", "decided_at", "source", "paragraph")


@admin.register(ReserveBalance)
class ReserveBalanceAdmin(SourcedAdmin):
    list_display = ("as_of", "amount", "currency", "source", "paragraph")


@admin.register(AssessedContribution)
class AssessedContributionAdmin(StateFactAdmin):
    list_display = ("meeting", "state", "assessed", "paid", "currency", "as_of", "source")
    list_filter = ("meeting",)


@admin.register(SponsorshipContribution)
class SponsorshipContributionAdmin(StateFactAdmin):
    list_display = ("year", "meeting", "state", "contributor", "amount", "currency", "source")
    list_filter = ("year",)
    search_fields = (*StateFactAdmin.search_fields, "contributor")


@admin.register(SponsoredParticipation)
class SponsoredParticipationAdmin(SourcedAdmin):
    list_display = ("meeting", "delegates", "states_count", "source", "paragraph")
    autocomplete_fields = ("states",)


@admin.register(CoordinatorRole)
class CoordinatorRoleAdmin(StateFactAdmin):
    list_display = ("state", "role", "theme", "starts", "ends", "source")
    list_filter = ("role", "theme")


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(SourcedAdmin):
    list_display = ("meeting", "kind", "symbol", "title", "date", "source", "paragraph")
    list_filter = ("kind", "meeting")
    search_fields = ("symbol", "title")


@admin.register(OtherActor)
class OtherActorAdmin(SourcedAdmin):
    list_display = ("name", "role", "source", "paragraph")
    search_fields = ("name", "role")
