"""Move the record version whenever what the public or the rules engine reads changes.

A model opts out with ``moves_record_version`` (an attribute, or a property of the
instance): a focal point's draft, its
uploads and a submission awaiting review are not the public record (publishing one writes
a ``Report`` fact, which moves it). The version moves after the transaction commits
(``RecordVersion``), so saving a draft neither waits on other writers nor throws away
every worker's cached pages."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

RECORD_APPS = (
    "sources",
    "states",
    "meetings",
    "obligations",
    "transparency",
    "universalization",
    "stockpiles",
    "clearance",
    "victims",
    "cooperation",
    "support",
    "plans",
    "review",
)


def _bump(sender: Any, **kwargs: Any) -> None:
    from treaty_tracker.sources.models import RecordVersion, bump_on_commit

    if sender is RecordVersion or sender.__name__.startswith("Historical"):
        return
    if not getattr(kwargs.get("instance"), "moves_record_version", True):
        return
    bump_on_commit()


def connect() -> None:
    for label in RECORD_APPS:
        for model in apps.get_app_config(label).get_models():
            post_save.connect(_bump, sender=model, dispatch_uid=f"record-version-save-{model}")
            post_delete.connect(_bump, sender=model, dispatch_uid=f"record-version-del-{model}")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _bump,
                    sender=field.remote_field.through,
                    dispatch_uid=f"record-version-m2m-{model}-{field.name}",
                )
