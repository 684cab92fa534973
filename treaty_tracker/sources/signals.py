"""Move the record version whenever what the public or the rules engine reads changes.

A model opts out with ``moves_record_version`` (an attribute, or a property of the
instance): a focal point's draft, its
uploads and a submission awaiting review are not the public record (publishing one writes
a ``Report`` fact, which moves it). The version moves after the transaction commits
(``RecordVersion``), so saving a draft neither waits on other writers nor throws away
every worker's cached pages."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.module_loading import module_has_submodule


def _record_apps() -> list[AppConfig]:
    """The project's apps, and any app that plugs in a theme (a ``theme.py``): every model
    of theirs is the record unless it says otherwise (the roles and reminders do)."""
    return [
        config
        for config in apps.get_app_configs()
        if config.name.startswith("treaty_tracker.") or module_has_submodule(config.module, "theme")
    ]


def _bump(sender: Any, **kwargs: Any) -> None:
    from treaty_tracker.sources.models import RecordVersion, bump_on_commit

    if sender is RecordVersion or sender.__name__.startswith("Historical"):
        return
    if not getattr(kwargs.get("instance"), "moves_record_version", True):
        return
    bump_on_commit()


def connect() -> None:
    for config in _record_apps():
        for model in config.get_models():
            post_save.connect(_bump, sender=model, dispatch_uid=f"record-version-save-{model}")
            post_delete.connect(_bump, sender=model, dispatch_uid=f"record-version-del-{model}")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _bump,
                    sender=field.remote_field.through,
                    dispatch_uid=f"record-version-m2m-{model}-{field.name}",
                )
