"""The review's sections, in the order of CCM/CONF/2020/13, each built by the app that
holds its data. An app declares its section in ``<app>/review.py``::

    SECTION = ReviewSection(
        number="III",
        key="stockpiles",
        title=_("Stockpile Destruction"),
        build=build,  # (Period) -> SectionContent: part A's blocks and the plan theme
    )

The generator (``review.generate``) finds them, orders them by ``number``, and adds to
each the evaluation against the action plan (part B, from ``plans``) and the staff's
narrative for the edition (part C).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.utils.functional import Promise

from treaty_tracker.review.document import Period, SectionContent

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# The structure of CCM/CONF/2020/13: number -> (key, title). A section whose app has not
# declared it yet is generated with its part A saying the record does not cover it.
STRUCTURE = {
    "I": "introduction",
    "II": "universalization",
    "III": "stockpiles",
    "IV": "clearance",
    "V": "victim_assistance",
    "VI": "cooperation",
    "VII": "transparency",
    "VIII": "national_measures",
    "IX": "support",
}


@dataclass(frozen=True)
class ReviewSection:
    number: str
    key: str
    title: str | Promise
    build: Callable[[Period], SectionContent]
    # Sections I and IX have no "evaluation / challenges" parts in the original.
    thematic: bool = True


@cache
def sections() -> dict[str, ReviewSection]:
    """Every app's ``review.py`` ``SECTION`` (or ``SECTIONS``), by number, in order."""
    from treaty_tracker.review.introduction import SECTION as INTRODUCTION

    found: dict[str, ReviewSection] = {INTRODUCTION.number: INTRODUCTION}
    for config in apps.get_app_configs():
        name = f"{config.name}.review"
        if not config.name.startswith("treaty_tracker.") or config.name.endswith(".review"):
            continue
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        for section in getattr(module, "SECTIONS", None) or [module.SECTION]:
            if section.number in found:
                raise ValueError(f"Two apps build review section {section.number}")
            found[section.number] = section
    return {n: found[n] for n in sorted(found, key=ROMAN.index)}
