"""Art. 6 vocabulary (docs/article-6-cooperation.md): a fact's **direction** (requested /
offered / provided / received), **theme**, **kind** (financial / technical / in kind / not
known), the years a fact may be given for and the currency codes.
"""

from __future__ import annotations

from enum import StrEnum

from treaty_tracker.rules.checks import RECORD_YEARS

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
