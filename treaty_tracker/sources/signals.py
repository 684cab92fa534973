"""Move the record version whenever any fact of the record changes."""

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
    from treaty_tracker.sources.models import RecordVersion

    if sender is RecordVersion or sender.__name__.startswith("Historical"):
        return
    RecordVersion.bump()


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
