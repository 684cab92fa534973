"""Facts of assistance (:class:`AssistanceFact`) and the rows of Form I of a published
Article 7 report (Art. 7(1)(m), 7(1)(n)) read as such facts, cited as the report and form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from treaty_tracker.rules.assistance.vocabulary import (
    ARTICLE_THEMES,
    THEMES,
    Direction,
    Kind,
    Theme,
)
from treaty_tracker.rules.cooperation import FORM
from treaty_tracker.rules.reporting.content import ReportView


@dataclass(frozen=True)
class AssistanceFact:
    """One fact of assistance, from the record (staff or reference data) or from a report.

    ``origin`` is ``record`` or ``report``; ``citations`` say where it comes from
    ("CCM/CONF/2020/13 para 71", "report NOR 2023, Form I", "entered by isla")."""

    state: str
    year: int
    direction: str
    theme: str
    year_to: int | None = None
    kind: str = Kind.NOT_KNOWN.value
    counterpart: str | None = None
    counterpart_name: str = ""
    amount: Decimal | None = None
    currency: str = ""
    description: str = ""
    origin: str = "record"
    citations: tuple[str, ...] = ()
    url: str = ""

    @property
    def last_year(self) -> int:
        return self.year_to if self.year_to is not None else self.year

    @property
    def period(self) -> str:
        """``2019``, or ``2016-2020`` for a period."""
        if self.year_to is None or self.year_to == self.year:
            return str(self.year)
        return f"{self.year}-{self.year_to}"

    def overlaps(self, first: int, last: int) -> bool:
        return self.year <= last and self.last_year >= first


@dataclass(frozen=True)
class NationalResource:
    """Form I ``national_resources`` (Art. 7(1)(m)): what a State allocates itself."""

    state: str
    year: int
    theme: str
    amount: Decimal | None
    currency: str
    in_kind: str
    citation: str
    url: str = ""


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() and number >= 0 else None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _iso3(value: object) -> str | None:
    """An ISO 3166-1 alpha-3 code: three ASCII letters, trimmed, in any case (a non-ASCII
    letter such as "ı" is never read as the "I" of a code)."""
    text = _text(value)
    if not (len(text) == 3 and text.isascii() and text.isalpha()):
        return None
    return text.upper()


def _rows(content: Mapping[str, Any], table: str) -> list[Mapping[str, Any]]:
    """Form I's rows of ``table`` with something in them, under FormView's status rule
    (the assistance tables still stand in an unchanged form)."""
    rows = ReportView(content).form(FORM).figure_rows(table)
    return [r for r in rows if any(v not in (None, "") for v in r.values())]


#: Form I table -> the direction of its rows.
REPORT_TABLES = {
    "assistance_requested": Direction.REQUESTED.value,
    "assistance_provided": Direction.PROVIDED.value,
    "assistance_received": Direction.RECEIVED.value,
}


def citation_for_report(iso3: str, year: int) -> str:
    """How a report's Form I is cited: ``report NOR 2023, Form I``."""
    return f"report {iso3} {year}, Form {FORM}"


def facts_from_report(
    iso3: str, year: int, content: Mapping[str, Any], url: str = ""
) -> list[AssistanceFact]:
    """The rows of Form I (marked changed or unchanged) of the report of ``iso3`` covering
    ``year``, as facts. A purpose outside the vocabulary reads as "not known"; an amount
    that is no number reads as no amount (with no currency)."""
    facts = []
    citation = citation_for_report(iso3, year)
    for table, direction in REPORT_TABLES.items():
        for row in _rows(content, table):
            purpose = _text(row.get("purpose"))
            amount = _decimal(row.get("amount"))
            currency = _text(row.get("currency")).upper() if amount is not None else ""
            in_kind = _text(row.get("in_kind"))
            counterpart = _iso3(row.get("state"))
            facts.append(
                AssistanceFact(
                    state=iso3,
                    year=year,
                    direction=direction,
                    theme=purpose if purpose in THEMES else Theme.NOT_KNOWN.value,
                    kind=(
                        Kind.FINANCIAL.value
                        if amount is not None
                        else Kind.IN_KIND.value
                        if in_kind
                        else Kind.NOT_KNOWN.value
                    ),
                    counterpart=counterpart if counterpart != iso3 else None,
                    counterpart_name=_text(row.get("channel")),
                    amount=amount,
                    currency=currency,
                    description="; ".join(t for t in (_text(row.get("description")), in_kind) if t),
                    origin="report",
                    citations=(citation,),
                    url=url,
                )
            )
    return facts


def resources_from_report(
    iso3: str, year: int, content: Mapping[str, Any], url: str = ""
) -> list[NationalResource]:
    """Form I ``national_resources``: the State's own allocation to Arts. 3, 4 and 5."""
    resources = []
    for row in _rows(content, "national_resources"):
        amount = _decimal(row.get("amount"))
        resources.append(
            NationalResource(
                state=iso3,
                year=year,
                theme=ARTICLE_THEMES.get(_text(row.get("article")), Theme.NOT_KNOWN.value),
                amount=amount,
                currency=_text(row.get("currency")).upper() if amount is not None else "",
                in_kind=_text(row.get("in_kind")),
                citation=citation_for_report(iso3, year),
                url=url,
            )
        )
    return resources
