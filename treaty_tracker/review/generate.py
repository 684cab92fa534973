"""Generate the review for a period: every section in the order of CCM/CONF/2020/13, each
with part A (status and progress, computed by the section's app), part B (the action
plan's indicators) and part C (the staff's narrative for the edition)."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from treaty_tracker.review.document import (
    Block,
    Document,
    Paragraph,
    Part,
    Period,
    Section,
)
from treaty_tracker.review.models import Edition, Narrative
from treaty_tracker.review.sections import STRUCTURE, ReviewSection, sections

DEFAULT_TITLE = gettext_noop(
    "Review of the operation and status of the Convention on Cluster Munitions"
)

# Titles of the sections no app builds yet (so the document keeps the original's shape).
TITLES = {
    "I": gettext_noop("Introduction and objective"),
    "II": gettext_noop("Universalization"),
    "III": gettext_noop("Stockpile Destruction"),
    "IV": gettext_noop("Clearance and Risk Reduction Education"),
    "V": gettext_noop("Victim Assistance"),
    "VI": gettext_noop("International Cooperation and Assistance"),
    "VII": gettext_noop("Transparency and exchange of information measures"),
    "VIII": gettext_noop("National Implementation Measures"),
    "IX": gettext_noop("Implementation Support"),
}


def _evaluation(theme: str, period: Period) -> tuple[Block, ...]:
    try:
        from treaty_tracker.plans.evaluation import blocks
    except ImportError:  # the plans app does not provide it (yet)
        return (Paragraph((_("No action plan indicators are on the record for this theme."),)),)
    found = blocks(theme, period)
    if found:
        return found
    return (Paragraph((_("No action plan indicators are on the record for this theme."),)),)


def _narrative(
    narratives: dict[tuple[str, str], Narrative], key: str, part: str
) -> tuple[Block, ...]:
    found = narratives.get((key, part))
    if found is None or not found.paragraphs():
        return ()
    return tuple(Paragraph((text,)) for text in found.paragraphs())


def _missing(period: Period) -> tuple[Block, ...]:
    return (
        Paragraph((_("The record does not yet hold the data this section is computed from."),)),
    )


def _section(
    number: str,
    spec: ReviewSection | None,
    period: Period,
    narratives: dict[tuple[str, str], Narrative],
) -> Section:
    key = spec.key if spec else STRUCTURE[number]
    title = str(spec.title) if spec else _(TITLES[number])
    content = spec.build(period) if spec else None
    status = (content.status if content else _missing(period)) + _narrative(narratives, key, "A")
    since = date_format(period.start, "j F Y")
    parts = [
        Part(
            "A", _("Status of the situation and progress since %(date)s") % {"date": since}, status
        )
    ]
    thematic = spec.thematic if spec else number not in ("I", "IX")
    if thematic:
        theme = content.theme if content else key
        parts.append(
            Part(
                "B",
                _("Evaluation against the actions and objectives of the action plan"),
                _evaluation(theme, period) + _narrative(narratives, key, "B"),
            )
        )
        challenges = _narrative(narratives, key, "C") or (
            Paragraph((_("No challenges have been written for this edition."),)),
        )
        parts.append(Part("C", _("Challenges highlighted during the period"), challenges))
    return Section(number, key, title, tuple(parts))


def generate(
    period: Period,
    *,
    edition: Edition | None = None,
    language: str = "en",
    today: date | None = None,
) -> Document:
    """The whole document for ``period``, in ``language``, with ``edition``'s narrative."""
    narratives: dict[tuple[str, str], Narrative] = {}
    if edition is not None:
        narratives = {(n.section, n.part): n for n in edition.narratives.all()}
    with translation.override(language):
        built = sections()
        document_sections = tuple(
            _section(number, built.get(number), period, narratives) for number in STRUCTURE
        )
        return Document(
            title=(edition.title if edition else "") or _(DEFAULT_TITLE),
            symbol=edition.symbol if edition else "",
            period=period,
            generated=today or date.today(),
            language=language,
            sections=document_sections,
        )
