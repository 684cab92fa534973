"""Treaty definitions: every number a treaty's date rules use, in one place.

A second treaty of the same shape (the Mine Ban Convention) is a second instance of
``Treaty``, not a fork of the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Requirement:
    """One thing an extension request must contain: ``code`` is stable (it keys the ISU's
    analysis), ``provision`` cites it (``Art. 3(4)(a)``), ``text`` says it."""

    code: str
    provision: str
    text: str


@dataclass(frozen=True)
class ObligationRule:
    """A time-bound obligation: its article, the years it runs from its start, the longest
    extension one request may be granted (``None``: the treaty allows none), and what a
    request must contain (``extension_content``, the treaty's own list)."""

    article: str
    title: str
    years: int
    extension_max_months: int | None
    extension_must_precede_deadline: bool
    extension_content: tuple[Requirement, ...] = ()


def _content(article: str, paragraph: str, items: tuple[str, ...]) -> tuple[Requirement, ...]:
    """``items``: the lettered sub-paragraphs, (a), (b), ... in order."""
    return tuple(
        Requirement(
            code=f"art{article}_{paragraph}_{letter}",
            provision=f"Art. {article}({paragraph})({letter})",
            text=text,
        )
        for letter, text in zip("abcdefghijklmnopqrstuvwxyz", items, strict=False)
    )


# CCM Art. 3(4): what an Art. 3 extension request must contain.
CCM_ARTICLE_3_CONTENT = _content(
    "3",
    "4",
    (
        "The duration of the proposed extension",
        (
            "A detailed explanation of the proposed extension, including the financial and "
            "technical means available to or required by the State Party for the destruction of "
            "all cluster munitions, and, where applicable, the exceptional circumstances "
            "justifying it"
        ),
        "A plan for how and when stockpile destruction will be completed",
        (
            "The quantity and type of cluster munitions and explosive submunitions held at entry "
            "into force, and any additional ones discovered after it"
        ),
        (
            "The quantity and type of cluster munitions and explosive submunitions destroyed "
            "during the period"
        ),
        (
            "The quantity and type remaining to be destroyed during the proposed extension, and "
            "the annual destruction rate expected"
        ),
    ),
)

# CCM Art. 4(6): what an Art. 4 extension request must contain.
CCM_ARTICLE_4_CONTENT = _content(
    "4",
    "6",
    (
        "The duration of the proposed extension",
        (
            "A detailed explanation of the reasons for the proposed extension, including the "
            "financial and technical means available to and required by the State Party"
        ),
        (
            "The preparation of future work and the status of work already conducted under "
            "national clearance and demining programmes during the initial ten-year period and "
            "any subsequent extensions"
        ),
        (
            "The total area containing cluster munition remnants at the time of entry into force,"
            " and any additional areas discovered after it"
        ),
        "The total area containing cluster munition remnants cleared since entry into force",
        (
            "The total area containing cluster munition remnants remaining to be cleared during "
            "the proposed extension"
        ),
        (
            "The circumstances that have impeded the ability to destroy all cluster munition "
            "remnants during the initial ten-year period, and those that may impede this ability "
            "during the proposed extension"
        ),
        (
            "The humanitarian, social, economic and environmental implications of the proposed "
            "extension"
        ),
        "Any other information relevant to the request",
    ),
)

# The Guidelines on Article 3 and Article 4 extension requests (8MSP, 2018) ask, beyond
# the treaty's own list, for these; the analysis methodology (9MSP, 2019) checks them.
CCM_EXTENSION_GUIDELINES = (
    Requirement(
        "guidelines_work_plan",
        "Guidelines (8MSP, 2018)",
        "A detailed, costed work plan for the period of the extension",
    ),
    Requirement(
        "guidelines_milestones",
        "Guidelines (8MSP, 2018)",
        "Annual milestones (benchmarks) against which progress can be measured",
    ),
    Requirement(
        "guidelines_resources",
        "Guidelines (8MSP, 2018)",
        "The national and international resources required, and how they will be mobilised",
    ),
    Requirement(
        "guidelines_previous_extension",
        "Guidelines (8MSP, 2018)",
        "For a renewed request: what was done during the previous extension (for "
        "clearance, Art. 4(8) requires it)",
    ),
)


@dataclass(frozen=True)
class Treaty:
    code: str
    name: str
    adopted: date
    opened_for_signature: date
    # Entry into force (e.g. CCM Art. 17): the treaty enters into force on the first day of
    # the ``eif_delay_months``-th month after the month of the ``eif_instruments``-th
    # instrument; for a later State, on the first day of the ``eif_delay_months``-th month
    # after its own deposit.
    eif_instruments: int
    eif_delay_months: int
    # Transparency reports (e.g. CCM Art. 7).
    initial_report_days: int
    annual_report_due_month: int
    annual_report_due_day: int
    # Withdrawal (e.g. CCM Art. 20): effect this many months after the depositary receives it.
    withdrawal_delay_months: int
    # Extension requests must reach the deciding meeting at least this many months ahead.
    extension_request_lead_months: int
    stockpile: ObligationRule
    clearance: ObligationRule
    victim_assistance_article: str
    articles: dict[str, str]
    # Asked of every extension request beyond the treaty's text (guidelines adopted by
    # the States Parties).
    extension_guidelines: tuple[Requirement, ...] = ()

    def obligation(self, article: str) -> ObligationRule:
        for rule in (self.stockpile, self.clearance):
            if rule.article == article:
                return rule
        raise KeyError(f"{self.code} has no time-bound obligation under Article {article}")


CCM = Treaty(
    code="CCM",
    name="Convention on Cluster Munitions",
    adopted=date(2008, 5, 30),
    opened_for_signature=date(2008, 12, 3),
    eif_instruments=30,
    eif_delay_months=6,
    initial_report_days=180,
    annual_report_due_month=4,
    annual_report_due_day=30,
    withdrawal_delay_months=6,
    extension_request_lead_months=9,
    stockpile=ObligationRule(
        article="3",
        title="Stockpile destruction",
        years=8,
        extension_max_months=48,
        extension_must_precede_deadline=False,
        extension_content=CCM_ARTICLE_3_CONTENT,
    ),
    clearance=ObligationRule(
        article="4",
        title="Clearance and risk reduction education",
        years=10,
        extension_max_months=60,
        extension_must_precede_deadline=True,
        extension_content=CCM_ARTICLE_4_CONTENT,
    ),
    victim_assistance_article="5",
    articles={
        "entry_into_force": "Art. 17",
        "initial_report": "Art. 7(1)",
        "annual_report": "Art. 7(2)",
        "stockpile": "Art. 3(2)",
        "stockpile_extension": "Art. 3(3)-(5)",
        "clearance": "Art. 4(1)",
        "clearance_extension": "Art. 4(5)-(8)",
        "victim_assistance": "Art. 5",
        "provisional_application": "Art. 18",
        "withdrawal": "Art. 20",
    },
    extension_guidelines=CCM_EXTENSION_GUIDELINES,
)

# The Anti-Personnel Mine Ban Convention has the same shape: it shows the engine is not
# CCM-specific. Art. 17 (40 instruments, sixth month), Art. 7 (180 days, 30 April),
# Art. 4 (stockpiles: 4 years, no extension), Art. 5 (clearance: 10 years, extensions of
# up to 10 years), Art. 20 (withdrawal: 6 months).
MBC = Treaty(
    code="MBC",
    name="Anti-Personnel Mine Ban Convention",
    adopted=date(1997, 9, 18),
    opened_for_signature=date(1997, 12, 3),
    eif_instruments=40,
    eif_delay_months=6,
    initial_report_days=180,
    annual_report_due_month=4,
    annual_report_due_day=30,
    withdrawal_delay_months=6,
    extension_request_lead_months=9,
    stockpile=ObligationRule(
        article="4",
        title="Stockpile destruction",
        years=4,
        extension_max_months=None,
        extension_must_precede_deadline=False,
    ),
    clearance=ObligationRule(
        article="5",
        title="Destruction of anti-personnel mines in mined areas",
        years=10,
        extension_max_months=120,
        extension_must_precede_deadline=True,
    ),
    victim_assistance_article="6(3)",
    articles={
        "entry_into_force": "Art. 17",
        "initial_report": "Art. 7(1)",
        "annual_report": "Art. 7(2)",
        "stockpile": "Art. 4",
        "stockpile_extension": "",
        "clearance": "Art. 5(1)",
        "clearance_extension": "Art. 5(3)-(6)",
        "victim_assistance": "Art. 6(3)",
        "provisional_application": "Art. 18",
        "withdrawal": "Art. 20",
    },
)

TREATIES = {treaty.code: treaty for treaty in (CCM, MBC)}
