"""Section I, Introduction and objective: what the review covers, computed (the period,
the meetings held in it, the States Parties at its end); the staff add their own text as
the edition's narrative for part A."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.rules import Status
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.document import Paragraph, Period, ReviewSection, SectionContent, fig


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def build(period: Period) -> SectionContent:
    summary = register().summary(period.end)
    parties = summary.with_status(Status.STATE_PARTY)
    meetings = [
        m
        for m in Meeting.objects.order_by("opens", "number")
        if m.opens.earliest is not None
        and m.opens.latest is not None
        and period.start <= m.opens.earliest
        and m.opens.latest <= period.end
    ]
    names = tuple(m.name for m in meetings)
    status = (
        Paragraph(
            (
                _("This review covers the operation and status of the Convention from "),
                fig(_day(period.start), "introduction.period_start", (), _("the period asked")),
                _(" to "),
                fig(_day(period.end), "introduction.period_end", (), _("the period asked")),
                _(
                    ". Every figure in it is computed from the record by the treaty's rules, "
                    "and each cites the facts and sources behind it (see the annex)."
                ),
            )
        ),
        Paragraph(
            (
                _("On the last day of the period, "),
                fig(
                    len(parties),
                    "introduction.states_parties",
                    ("depositary", "Art. 17"),
                    _("count of States Parties on the period's last day (rules engine)"),
                ),
                _(
                    " States were party to the Convention. During the period, the States "
                    "Parties met in "
                ),
                fig(
                    len(meetings),
                    "introduction.meetings",
                    tuple(m.citation for m in meetings),
                    _("meetings on the record that opened within the period"),
                ),
                _(" formal meetings: "),
                fig(
                    names or None,
                    "introduction.meeting_names",
                    tuple(m.citation for m in meetings),
                    _("meetings on the record that opened within the period"),
                    text="; ".join(names) if names else _("none on the record"),
                ),
                ".",
            )
        ),
    )
    return SectionContent(status=status, theme="introduction")


SECTION = ReviewSection(
    number="I",
    key="introduction",
    title=gettext_lazy("Introduction and objective"),
    build=build,
    thematic=False,
)
