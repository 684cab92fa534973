"""Staff entry and correction of facts: one editor per fact model, declared by its app.

An app lists its editable facts in ``<app>/editors.py``::

    EDITORS = [
        FactEditor(
            key="stockpile-declarations",
            model=StockpileDeclaration,
            fields=("state", "category", "quantity", "as_of"),
            title=_("Declared stockpiles (Art. 3)"),
        ),
    ]

and gets pages at ``/record/<key>/`` (list, add, change, history) for those who may edit
the record (``policy.can_edit_record``). Every form adds the citation (source, paragraph,
quote, note) and a reason for the change; it saves through
:func:`treaty_tracker.sources.services.save_fact`, so the model's own ``clean()`` (which
calls the rules) decides what is refused, field by field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from treaty_tracker.sources.forms import AttributingMixin, CleanTextMixin
from treaty_tracker.sources.models import Sourced
from treaty_tracker.themes import registry

SOURCE_FIELDS = ("source", "paragraph", "quote", "note")


@dataclass(frozen=True)
class FactEditor:
    """``key`` is the URL segment; ``fields`` what staff edit besides the citation;
    ``columns`` the list page's columns (default: ``fields``)."""

    key: str
    model: type[Sourced]
    fields: tuple[str, ...]
    title: str | Promise
    columns: tuple[str, ...] = ()
    help: str | Promise = ""
    group: str = field(default="", compare=False)

    @property
    def list_columns(self) -> tuple[str, ...]:
        return self.columns or self.fields

    def label(self, name: str) -> str:
        try:
            return str(self.model._meta.get_field(name).verbose_name).capitalize()
        except FieldDoesNotExist:  # an attribute or property, not a field
            return name.replace("_", " ").capitalize()

    def queryset(self) -> models.QuerySet[Any]:
        related = [
            name
            for name in ("state", "source", "entered_by", *self.list_columns)
            if _is_relation(self.model, name)
        ]
        return self.model._default_manager.select_related(*dict.fromkeys(related))

    def form_class(self) -> type[FactForm]:
        return forms.modelform_factory(  # type: ignore[no-any-return]
            self.model, form=FactForm, fields=(*self.fields, *SOURCE_FIELDS)
        )


def _is_relation(model: type[models.Model], name: str) -> bool:
    try:
        return bool(model._meta.get_field(name).many_to_one)
    except FieldDoesNotExist:
        return False


class FactForm(CleanTextMixin, AttributingMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A fact with its citation. A fact without a document source is attributed to the
    user (``entered_by``) before the model validates it, as ``save_fact`` does."""

    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=100,
        help_text=_("Kept in the fact's history, e.g. “corrected from the 2021 report”."),
    )

    def __init__(self, *args: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attributed_to = user


@cache
def editors() -> dict[str, FactEditor]:
    """Every app's ``editors.py`` ``EDITORS`` (``themes.registry``), by key, in order."""
    found: dict[str, FactEditor] = {}
    for group in registry.parts("editors"):
        for editor in group:
            if editor.key in found:
                raise ValueError(f"Two fact editors use the key {editor.key!r}")
            found[editor.key] = editor
    return found


def groups() -> Sequence[tuple[str, list[FactEditor]]]:
    """Editors grouped by their app's verbose name, for the index page."""
    grouped: dict[str, list[FactEditor]] = {}
    for editor in editors().values():
        title = editor.group or str(apps.get_app_config(editor.model._meta.app_label).verbose_name)
        grouped.setdefault(title, []).append(editor)
    return list(grouped.items())
