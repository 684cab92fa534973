"""Article 6: international cooperation and assistance, as plain data.

Pure Python (no Django), mypy strict. Three things live here:

1. **Checks** (:func:`check_assistance`, :func:`check_coalition`, ...): what a record of
   assistance or a Country Coalition must satisfy, as :class:`Finding` s naming the field,
   so the models' ``clean()``, the reference loader and the tests all apply the same rules.
2. **Facts from reports** (:func:`facts_from_report`, :func:`resources_from_report`): the
   rows of Form I of a published Article 7 report (Art. 7(1)(m), 7(1)(n)) read as
   :class:`AssistanceFact` s, cited as the report and form.
3. **Summaries and matching** (:func:`summarize_years`, :func:`summarize_states`,
   :func:`match_needs`): per year and theme, per State, and the needs-and-offers view that
   puts each request (Art. 6(1)) beside the States that provided or offered the same kind
   of support (Art. 6(2)-(7)) in a window of years.

Vocabulary (docs/article-6-cooperation.md): a fact has a **direction** (requested /
offered / provided / received), a **theme** (see :data:`THEMES`), a **kind** (financial /
technical / in kind / not known) and covers one calendar **year** or a period of years.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from treaty_tracker.rules.checks import RECORD_YEARS, check_year
from treaty_tracker.rules.cooperation import FORM
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, Severity, error
from treaty_tracker.rules.reporting.content import ReportView

#: A fact's year lies in the years the record can speak of (rules.checks).
FIRST_YEAR = RECORD_YEARS.first
LAST_YEAR = RECORD_YEARS.last
#: The default window of the needs-and-offers matching: support from this many years
#: before the request's first year to this many years after its last year.
DEFAULT_WINDOW = 2
MAX_WINDOW = 10


class Direction(StrEnum):
    REQUESTED = "requested"  # Art. 6(1): the State seeks assistance
    OFFERED = "offered"  # a State in a position to do so offers it (Art. 6(2))
    PROVIDED = "provided"  # Art. 7(1)(n): the State reports providing it
    RECEIVED = "received"  # the State reports receiving it (Form I, voluntary)


class Theme(StrEnum):
    """What the assistance is for: one fixed vocabulary (Form I's purposes, plus what the
    review's cooperation section names)."""

    STOCKPILE_DESTRUCTION = "stockpile_destruction"  # Art. 3, Art. 6(5)
    CLEARANCE = "clearance"  # Art. 4 survey and clearance, Art. 6(4)
    RISK_EDUCATION = "risk_education"  # Art. 4(2)(e), Art. 6(4)
    VICTIM_ASSISTANCE = "victim_assistance"  # Art. 5, Art. 6(7)
    NATIONAL_MEASURES = "national_measures"  # Art. 9 legislation and measures
    CAPACITY_BUILDING = "capacity_building"  # training, institutions, exchange (Art. 6(2))
    OTHER = "other"
    NOT_KNOWN = "not_known"  # the source does not say what for


class Kind(StrEnum):
    FINANCIAL = "financial"
    TECHNICAL = "technical"
    IN_KIND = "in_kind"  # material, equipment (Art. 6(2), 6(4))
    NOT_KNOWN = "not_known"


THEMES = tuple(t.value for t in Theme)
DIRECTIONS = tuple(d.value for d in Direction)
KINDS = tuple(k.value for k in Kind)
#: The directions that show a State supporting others (the "offers" side of the matching).
SUPPORT = (Direction.OFFERED.value, Direction.PROVIDED.value)
#: Form I ``national_resources.article`` -> theme (Art. 7(1)(m)).
ARTICLE_THEMES = {
    "3": Theme.STOCKPILE_DESTRUCTION.value,
    "4": Theme.CLEARANCE.value,
    "5": Theme.VICTIM_ASSISTANCE.value,
}

#: ISO 4217 currency codes in use (plus XDR, the IMF's unit some donors report in).
CURRENCIES = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
    FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
    KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
    MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
    RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT
    TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XDR XOF XPF YER
    ZAR ZMW ZWG
    """.split()
)


# -- checks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssistanceInput:
    """What a record of assistance says, as its model's ``clean()`` sees it."""

    state: str | None  # ISO3 of the State requesting / offering / providing / receiving
    year: int | None
    year_to: int | None = None  # last year of a period; None for one year
    direction: str = Direction.PROVIDED.value
    theme: str = Theme.NOT_KNOWN.value
    kind: str = Kind.NOT_KNOWN.value
    counterpart: str | None = None  # ISO3 of another State
    counterpart_name: str = ""  # an organisation or group named in the source
    amount: Decimal | None = None
    currency: str = ""


def check_year_given(year: int | None, field: str = "year") -> list[Finding]:
    """A fact of assistance has a year (the loader; the model's field says so itself),
    within the record's years."""
    if year is None:
        return [error("assistance.year_missing", field, "A year is required.")]
    return check_year(year, field)


def check_amount(amount: Decimal | None, currency: str) -> list[Finding]:
    """An amount is zero or more and has an ISO 4217 currency; a currency needs an amount."""
    findings = []
    if amount is not None and amount < 0:
        findings.append(
            error(
                "assistance.amount_negative",
                "amount",
                "An amount cannot be negative.",
                amount=str(amount),
            )
        )
    if amount is not None and not currency:
        findings.append(
            error(
                "assistance.currency_missing",
                "currency",
                "Give the currency of the amount (an ISO 4217 code such as EUR or USD).",
            )
        )
    if currency and amount is None:
        findings.append(
            error(
                "assistance.amount_missing",
                "amount",
                "A currency was given without an amount: give the amount, or leave both empty.",
            )
        )
    if currency and currency not in CURRENCIES:
        findings.append(
            error(
                "assistance.currency_unknown",
                "currency",
                f"{currency!r} is not an ISO 4217 currency code (e.g. EUR, USD, NOK).",
                currency=currency,
            )
        )
    return findings


def check_assistance(record: AssistanceInput) -> list[Finding]:
    """Every problem of one record of assistance, each naming its field."""
    findings = check_year_given(record.year)
    if record.year_to is not None:
        findings += check_year(record.year_to, "year_to")
        if record.year is not None and record.year_to < record.year:
            findings.append(
                error(
                    "assistance.period_reversed",
                    "year_to",
                    f"The period ends ({record.year_to}) before it starts ({record.year}).",
                )
            )
    for name, value, allowed in (
        ("direction", record.direction, DIRECTIONS),
        ("theme", record.theme, THEMES),
        ("kind", record.kind, KINDS),
    ):
        if value not in allowed:
            findings.append(
                error(
                    f"assistance.{name}_unknown",
                    name,
                    f"{value!r} is not one of {', '.join(allowed)}.",
                )
            )
    if record.counterpart is not None and record.counterpart == record.state:
        findings.append(
            error(
                "assistance.own_counterpart",
                "counterpart",
                "A State cannot be its own counterpart: choose another State, or name the "
                "organisation in the text field.",
                state=record.state,
            )
        )
    if record.counterpart is not None and record.counterpart_name.strip():
        findings.append(
            error(
                "assistance.two_counterparts",
                "counterpart_name",
                "Give the counterpart either as a State or as a name, not both (record a "
                "second counterpart as a second fact).",
            )
        )
    findings += check_amount(record.amount, record.currency)
    return findings


def check_coalition(
    *,
    status: str,
    launched: FuzzyDate | None,
    concluded: FuzzyDate | None,
) -> list[Finding]:
    """A Country Coalition (CCM/CONF/2020/13 para 82): concluded only with a conclusion
    date (possibly "not known"), never concluded before it was launched."""
    findings = []
    if status == "concluded" and concluded is None:
        findings.append(
            error(
                "coalition.concluded_without_date",
                "concluded",
                "A concluded coalition needs its conclusion date ('not known' if the source "
                "does not give it).",
            )
        )
    if status == "active" and concluded is not None:
        findings.append(
            error(
                "coalition.active_but_concluded",
                "status",
                "The coalition has a conclusion date: its status cannot be active.",
            )
        )
    if _certainly_before(concluded, launched):
        findings.append(
            error(
                "coalition.concluded_before_launch",
                "concluded",
                "The coalition cannot conclude before it was launched.",
            )
        )
    return findings


def check_partner(*, coalition_state: str | None, partner: str | None) -> list[Finding]:
    if partner is not None and partner == coalition_state:
        return [
            error(
                "coalition.own_partner",
                "state",
                "The affected State cannot be a partner of its own coalition.",
            )
        ]
    return []


def check_meeting(
    *, held: FuzzyDate | None, launched: FuzzyDate | None, concluded: FuzzyDate | None
) -> list[Finding]:
    findings = []
    if held is None:
        findings.append(
            error("coalition.meeting_date_missing", "date", "Give the date ('not known' if so).")
        )
    if _certainly_before(held, launched):
        findings.append(
            error(
                "coalition.meeting_before_launch",
                "date",
                "The meeting is dated before the coalition was launched.",
            )
        )
    if _certainly_before(concluded, held):
        findings.append(
            error(
                "coalition.meeting_after_conclusion",
                "date",
                "The meeting is dated after the coalition concluded.",
            )
        )
    return findings


def _certainly_before(first: FuzzyDate | None, second: FuzzyDate | None) -> bool:
    """Whether ``first`` is certainly before ``second`` (both partly known)."""
    if first is None or second is None or first.latest is None or second.earliest is None:
        return False
    return first.latest < second.earliest


def by_field(findings: Iterable[Finding]) -> dict[str, list[str]]:
    """Error messages grouped by field (for ``ValidationError({...})``)."""
    grouped: dict[str, list[str]] = {}
    for finding in findings:
        if finding.severity is Severity.ERROR:
            grouped.setdefault(finding.field or "__all__", []).append(finding.message)
    return grouped


# -- facts -------------------------------------------------------------------------------


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


# -- summaries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """The States doing one thing (sorted ISO3) and the amounts stated, per currency (never
    converted: amounts in different currencies are not added). ``unpriced``: facts with no
    amount, so a sum is never read as the whole."""

    states: tuple[str, ...] = ()
    amounts: tuple[tuple[str, Decimal], ...] = ()
    facts: int = 0
    unpriced: int = 0


def _cell(facts: Sequence[AssistanceFact]) -> Cell:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for fact in facts:
        if fact.amount is not None and fact.currency:
            sums[fact.currency] += fact.amount
    return Cell(
        states=tuple(sorted({f.state for f in facts})),
        amounts=tuple(sorted(sums.items())),
        facts=len(facts),
        unpriced=sum(1 for f in facts if f.amount is None),
    )


@dataclass(frozen=True)
class PeriodSummary:
    """The facts of one year (or one period of years) by theme and direction."""

    period: str
    first: int
    last: int
    cells: dict[tuple[str, str], Cell]  # (theme, direction) -> cell
    totals: dict[str, Cell]  # direction -> cell, every theme

    def cell(self, theme: str, direction: str) -> Cell:
        return self.cells.get((theme, direction), Cell())


def summarize_years(facts: Iterable[AssistanceFact], first: int, last: int) -> list[PeriodSummary]:
    """Per year from ``first`` to ``last`` (every year listed, even without facts), then per
    period (a fact stated for 2016-2020 is not split into years it may not concern): the
    States requesting / offering / providing / receiving each theme, with amounts."""
    groups: dict[tuple[int, int], list[AssistanceFact]] = defaultdict(list)
    for fact in facts:
        if fact.overlaps(first, last):
            groups[(fact.year, fact.last_year)].append(fact)
    keys = sorted({(y, y) for y in range(first, last + 1)} | set(groups))
    result = []
    for start, end in keys:
        group = groups.get((start, end), [])
        if start != end and not group:
            continue
        result.append(
            PeriodSummary(
                period=str(start) if start == end else f"{start}-{end}",
                first=start,
                last=end,
                cells={
                    (theme, direction): _cell(items)
                    for (theme, direction), items in _group(
                        group, lambda f: (f.theme, f.direction)
                    ).items()
                },
                totals={
                    direction: _cell(items)
                    for direction, items in _group(group, lambda f: f.direction).items()
                },
            )
        )
    return result


def _group(facts: Iterable[AssistanceFact], key: Any) -> dict[Any, list[AssistanceFact]]:
    grouped: dict[Any, list[AssistanceFact]] = defaultdict(list)
    for fact in facts:
        grouped[key(fact)].append(fact)
    return grouped


@dataclass(frozen=True)
class StateSummary:
    """One State's facts by direction: the themes, the number of facts, the years, and
    whether any comes from the record or from a report."""

    state: str
    themes: dict[str, tuple[str, ...]]  # direction -> sorted themes
    facts: dict[str, int]  # direction -> how many facts
    first: int
    last: int
    origins: tuple[str, ...]
    citations: tuple[str, ...]


def summarize_states(facts: Iterable[AssistanceFact]) -> list[StateSummary]:
    """Per State (by ISO3) with at least one fact: what it requested, offered, provided and
    received."""
    result = []
    for state, items in sorted(_group(facts, lambda f: f.state).items()):
        by_direction = _group(items, lambda f: f.direction)
        result.append(
            StateSummary(
                state=state,
                themes={
                    d: tuple(sorted({f.theme for f in by_direction.get(d, [])})) for d in DIRECTIONS
                },
                facts={d: len(by_direction.get(d, [])) for d in DIRECTIONS},
                first=min(f.year for f in items),
                last=max(f.last_year for f in items),
                origins=tuple(sorted({f.origin for f in items})),
                citations=tuple(dict.fromkeys(c for f in items for c in f.citations)),
            )
        )
    return result


# -- the needs-and-offers matching ---------------------------------------------------------


@dataclass(frozen=True)
class Need:
    """A request for assistance: a State, a theme, a year or period, with every fact that
    states it (a request in a report and the same in the record are one need)."""

    state: str
    theme: str
    year: int
    year_to: int | None
    facts: tuple[AssistanceFact, ...]

    @property
    def last_year(self) -> int:
        return self.year_to if self.year_to is not None else self.year

    @property
    def period(self) -> str:
        return self.facts[0].period

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for f in self.facts for c in f.citations))

    @property
    def origins(self) -> tuple[str, ...]:
        return tuple(sorted({f.origin for f in self.facts}))


@dataclass(frozen=True)
class Supporter:
    """A State that provided or offered support of the need's theme in the window.

    ``last_year``: the most recent year of that support; ``times``: how many facts show it;
    ``directions``: provided and/or offered; ``to_requester``: whether any of it went to
    the requesting State itself."""

    state: str
    last_year: int
    times: int
    directions: tuple[str, ...]
    to_requester: bool
    citations: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    need: Need
    supporters: tuple[Supporter, ...]
    window: tuple[int, int]  # the years searched, inclusive

    @property
    def matched(self) -> bool:
        return bool(self.supporters)

    @property
    def matchable(self) -> bool:
        """A request whose theme is not known cannot be matched on theme."""
        return self.need.theme != Theme.NOT_KNOWN.value


@dataclass(frozen=True)
class _Support:
    state: str  # the supporting State
    theme: str
    year: int
    last_year: int
    direction: str
    recipient: str | None
    citations: tuple[str, ...]


def _supports(facts: Iterable[AssistanceFact]) -> list[_Support]:
    """Who supported whom: a State's own "provided" or "offered" fact, and a recipient's
    "received" fact naming the donor State (the donor provided it)."""
    supports = []
    for fact in facts:
        if fact.direction in SUPPORT:
            supports.append(
                _Support(
                    fact.state,
                    fact.theme,
                    fact.year,
                    fact.last_year,
                    fact.direction,
                    fact.counterpart,
                    fact.citations,
                )
            )
        elif fact.direction == Direction.RECEIVED.value and fact.counterpart is not None:
            supports.append(
                _Support(
                    fact.counterpart,
                    fact.theme,
                    fact.year,
                    fact.last_year,
                    Direction.PROVIDED.value,
                    fact.state,
                    fact.citations,
                )
            )
    return supports


def needs(facts: Iterable[AssistanceFact]) -> list[Need]:
    """Every request, one per (State, theme, year, last year), the facts stating it merged."""
    grouped = _group(
        (f for f in facts if f.direction == Direction.REQUESTED.value),
        lambda f: (f.state, f.theme, f.year, f.year_to if f.year_to != f.year else None),
    )
    return [
        Need(state, theme, year, year_to, tuple(items))
        for (state, theme, year, year_to), items in sorted(
            grouped.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1], kv[0][3] or 0)
        )
    ]


def match_needs(facts: Iterable[AssistanceFact], window: int = DEFAULT_WINDOW) -> list[Match]:
    """For each request (State, theme, year or period), the States that provided or offered
    support of the same theme from ``window`` years before the request's first year to
    ``window`` years after its last, the requester itself excluded; ranked by the most
    recent year of support, then by how often, then by ISO3. A request with no such State
    is unmatched (``supporters == ()``); one whose theme is not known matches nothing."""
    if window < 0:
        raise ValueError("window must be zero or more years")
    facts = list(facts)
    supports = [s for s in _supports(facts) if s.theme != Theme.NOT_KNOWN.value]
    by_theme = _group_supports(supports)
    result = []
    for need in needs(facts):
        first, last = need.year - window, need.last_year + window
        found: dict[str, list[_Support]] = defaultdict(list)
        if need.theme != Theme.NOT_KNOWN.value:
            for support in by_theme.get(need.theme, []):
                if (
                    support.state != need.state
                    and support.year <= last
                    and support.last_year >= first
                ):
                    found[support.state].append(support)
        supporters = [
            Supporter(
                state=state,
                last_year=min(last, max(s.last_year for s in items)),
                times=len(items),
                directions=tuple(sorted({s.direction for s in items})),
                to_requester=any(s.recipient == need.state for s in items),
                citations=tuple(dict.fromkeys(c for s in items for c in s.citations)),
            )
            for state, items in found.items()
        ]
        supporters.sort(key=lambda s: (-s.last_year, -s.times, s.state))
        result.append(Match(need, tuple(supporters), (first, last)))
    return result


def _group_supports(supports: Iterable[_Support]) -> dict[str, list[_Support]]:
    grouped: dict[str, list[_Support]] = defaultdict(list)
    for support in supports:
        grouped[support.theme].append(support)
    return grouped


# -- years -------------------------------------------------------------------------------


def default_years(as_of: date, span: int = 6) -> tuple[int, int]:
    """The ``span`` calendar years before ``as_of``'s (as the reporting figures)."""
    return as_of.year - span, as_of.year - 1


def check_years(first: int | None, last: int | None) -> list[Finding]:
    """A range of years asked for: each within the record's years, the first not after
    the last."""
    findings = check_year(first, "from_year") + check_year(last, "to_year")
    if first is not None and last is not None and first > last and not findings:
        findings.append(
            error(
                "assistance.years_reversed",
                "from_year",
                f"from_year {first} is after to_year {last}.",
            )
        )
    return findings
