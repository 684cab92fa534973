"""The review's sections, in the order of CCM/CONF/2020/13: section I here, and each
theme's from the app that holds its data (its ``review.py``'s ``SECTION``, found by
``themes.registry``)::

    SECTION = ReviewSection(
        number="III",
        key="stockpiles",
        title=_("Stockpile Destruction"),
        build=build,  # (Period) -> SectionContent: part A's blocks and the plan theme
    )

The generator (``review.generate``) adds to each the evaluation against the action plan
(part B, from ``plans``) and the staff's narrative for the edition (part C).
"""

from __future__ import annotations

from treaty_tracker.review.introduction import SECTION as INTRODUCTION
from treaty_tracker.themes import registry
from treaty_tracker.themes.document import ReviewSection


def sections() -> dict[str, ReviewSection]:
    """Every section, by number, in order."""
    found: dict[str, ReviewSection] = {INTRODUCTION.number: INTRODUCTION}
    for section in registry.parts("review"):
        if section.number in found:
            raise ValueError(f"Two apps build review section {section.number}")
        found[section.number] = section
    return {n: found[n] for n in sorted(found, key=registry.ROMAN.index)}
