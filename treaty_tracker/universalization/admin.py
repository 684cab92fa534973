from django.contrib import admin

from treaty_tracker.sources.admin_base import SourcedAdmin
from treaty_tracker.universalization.models import Vote


@admin.register(Vote)
class VoteAdmin(SourcedAdmin):
    list_display = ("year", "yes", "no", "abstain", "source", "paragraph")
