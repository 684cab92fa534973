"""Generate the review for a period: every section in the order of CCM/CONF/2020/13, each
with part A (status and progress, computed by the section's app), part B (the action
plan's indicators) and part C (the staff's narrative for the edition)."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from treaty_tracker.plans.evaluation import blocks
from treaty_tracker.review.models import Edition, Narrative
from treaty_tracker.review.sections import sections
from treaty_tracker.themes.document import (
    Block,
    Document,
    Paragraph,
    Part,
    Period,
    ReviewSection,
    Section,
)

DEFAULT_TITLE = gettext_noop(
    "Review of the operation and status of the Convention on Cluster Munitions"
)


def _evaluation(theme: str, period: Period) -> tuple[Block, ...]:
    return blocks(theme, period) or (
        Paragraph((_("No action plan indicators are on the record for this theme."),)),
    )


def _narrative(
    narratives: dict[tuple[str, str], Narrative], key: str, part: str
) -> tuple[Block, ...]:
    found = narratives.get((key, part))
    if found is None or not found.paragraphs():
        return ()
    return tuple(Paragraph((text,)) for text in found.paragraphs())


def _section(
    number: str,
    spec: ReviewSection,
    period: Period,
    narratives: dict[tuple[str, str], Narrative],
) -> Section:
    key, title = spec.key, str(spec.title)
    content = spec.build(period)
    status = content.status + _narrative(narratives, key, "A")
    since = date_format(period.start, "j F Y")
    parts = [
        Part(
            "A", _("Status of the situation and progress since %(date)s") % {"date": since}, status
        )
    ]
    if spec.thematic:
        theme = content.theme
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
        document_sections = tuple(
            _section(number, spec, period, narratives) for number, spec in sections().items()
        )
        return Document(
            title=(edition.title if edition else "") or _(DEFAULT_TITLE),
            symbol=edition.symbol if edition else "",
            period=period,
            generated=today or date.today(),
            language=language,
            sections=document_sections,
        )
