"""The themes: one area of the review each (universalization, Art. 3, 4, 5, 6, 7, 9,
implementation support), declared by the app that holds its data and found here.

An app declares its theme in ``<app>/theme.py``::

    THEMES = [
        Theme(
            key="stockpiles",
            number="III",
            article="3",
            title=_("Stockpile destruction and retention (Art. 3)"),
            pages=(Page("web:stockpiles", _("Stockpile destruction ..."), _("Declared ...")),),
        )
    ]

and its parts in the modules the names of :data:`PARTS` give (``urls.py``, ``api.py``'s
``router``, ``profile.py``'s ``section``, ``review.py``'s ``SECTION``, ``editors.py``'s
``EDITORS``, ``reference.py``'s ``FACT_TYPES``). Nothing
shared is edited to add one: the themes page, the State profile, the API, the review, the
staff editors, the reference data loader, the coordinators' and the action plans' theme
choices and the record version all read this registry. A part is imported on first use,
so a command that needs no page does not import every page.

``PAGES`` in a ``theme.py`` adds pages that belong to no one theme (the extension requests,
the indicators), each listed after the theme it names. An app with parts and no theme (the
meetings, the action plans) has a ``theme.py`` all the same: that is how an app plugs in.

One key per theme, everywhere: the coordinators' roles, the action plans' actions and the
review's narratives store it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

#: Review section numbers, in order (CCM/CONF/2020/13 has I to IX).
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class Page:
    """A public page, as the themes page lists it: its URL name, title and summary."""

    url: str
    title: Any
    summary: Any
    #: For a page of no one theme: the key of the theme it is listed after.
    after: str = ""


@dataclass(frozen=True)
class Theme:
    key: str
    #: The review section this theme is (``"III"``); themes are ordered by it.
    number: str
    title: Any
    #: The Convention's article, when the theme is one ("3"); empty otherwise.
    article: str = ""
    pages: tuple[Page, ...] = ()
    #: Set when found: the app that declares it.
    app: str = field(default="", compare=False)


#: A part's module in an app, and the name it is found under there ("" for the module).
PARTS = {
    "urls": ("urls", ""),
    "api": ("api", "router"),
    "profile": ("profile", "section"),
    "review": ("review", "SECTION"),
    "editors": ("editors", "EDITORS"),
    "fact_types": ("reference", "FACT_TYPES"),
}


def themes() -> tuple[Theme, ...]:
    """Every installed app's themes, in the order of the review's sections."""
    return _found(_installed())[0]


def extra_pages() -> tuple[Page, ...]:
    return _found(_installed())[1]


def get(key: str) -> Theme:
    for theme in themes():
        if theme.key == key:
            return theme
    raise KeyError(key)


def choices() -> list[tuple[str, Any]]:
    """(key, title) of every theme: the choices of every field that stores a theme."""
    return [(theme.key, theme.title) for theme in themes()]


def pages() -> list[Page]:
    """Every theme's pages in theme order, each extra page after the theme it names."""
    found: list[Page] = []
    extra = extra_pages()
    for theme in themes():
        found += theme.pages
        found += [page for page in extra if page.after == theme.key]
    return found


def parts(name: str) -> list[Any]:
    """Every installed app's part ``name``: the themes' in the order of the review's
    sections, then those of apps with no theme, in the order of ``INSTALLED_APPS``."""
    return list(_parts(_installed(), name))


def _installed() -> tuple[str, ...]:
    return tuple(config.name for config in apps.get_app_configs())


@cache
def _parts(installed: tuple[str, ...], name: str) -> tuple[Any, ...]:
    order = {theme.app: i for i, theme in enumerate(themes())}
    ranked = sorted(
        (c for c in apps.get_app_configs() if _ours(c)),
        key=lambda c: (order.get(c.name, len(order)), installed.index(c.name)),
    )
    return tuple(part for config in ranked if (part := _part(config, name)) is not None)


def _ours(config: AppConfig) -> bool:
    """An app plugs into the site by having a ``theme.py``, even one that declares no
    theme (the meetings: their staff editors)."""
    return module_has_submodule(config.module, "theme")


def _part(config: AppConfig, name: str) -> Any:
    module_name, attribute = PARTS[name]
    if not module_has_submodule(config.module, module_name):
        return None
    module = import_module(f"{config.name}.{module_name}")
    return getattr(module, attribute) if attribute else module


@cache
def _found(installed: tuple[str, ...]) -> tuple[tuple[Theme, ...], tuple[Page, ...]]:
    # Keyed by the installed apps, so a test that installs another app sees its theme.
    by_key: dict[str, Theme] = {}
    extra: list[Page] = []
    for config in apps.get_app_configs():
        if not _ours(config):
            continue
        module = import_module(f"{config.name}.theme")
        for theme in getattr(module, "THEMES", ()):
            if theme.key in by_key:
                raise ImproperlyConfigured(
                    f"Two apps declare the theme {theme.key!r}: "
                    f"{by_key[theme.key].app} and {config.name}"
                )
            if theme.number not in ROMAN:
                raise ImproperlyConfigured(
                    f"Theme {theme.key!r}: no review section {theme.number!r}"
                )
            by_key[theme.key] = replace(theme, app=config.name)
        extra += getattr(module, "PAGES", ())
    ordered = sorted(by_key.values(), key=lambda t: ROMAN.index(t.number))
    numbers = [t.number for t in ordered]
    if len(set(numbers)) != len(numbers):
        raise ImproperlyConfigured(f"Two themes share a review section: {numbers}")
    return tuple(ordered), tuple(extra)
