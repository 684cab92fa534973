"""Response schemas of the universalization endpoints (``universalization.api``)."""

from __future__ import annotations

from pydantic import Field

from treaty_tracker.themes.api_schemas import FUZZY_DATE, ISO_DAY, Iso3, Out, Sources


class UniversalizationCounts(Out):
    states_parties: int = Field(description="States Parties on `as_of` (the register).")
    signatories: int = Field(description="Signatories not yet parties on `as_of`.")
    committed: int = Field(description="States Parties plus signatories (para 3).")


class Joiner(Out):
    iso3: Iso3
    name: str
    region: str
    kind: str = Field(description="ratification, accession, acceptance or approval.")
    consent: str = Field(description="When it deposited its consent. " + FUZZY_DATE)
    sources: Sources


class YearVotes(Out):
    year: int
    basis: str = Field(
        description=(
            "per_state: counted from the vote of every UN member on the record; sourced: "
            "the totals as the source states them; not_known: neither."
        )
    )
    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None = Field(description="Known only when counted per State.")
    per_state: dict[str, int] = Field(description="Votes of single States on the record.")
    per_state_complete: bool
    mismatch: bool = Field(description="The per-State count disagrees with the sourced totals.")
    sources: Sources


class StateVote(Out):
    year: int
    iso3: Iso3
    vote: str = Field(description="yes, no, abstain or absent.")
    sources: Sources


class UniversalizationMeeting(Out):
    meeting: str = Field(description="Meeting code, e.g. 9MSP.")
    opens: str = Field(description=FUZZY_DATE)
    by_role: dict[str, list[str]] = Field(description="Role -> ISO codes.")
    non_parties: list[str]


class UniversalizationStateList(Out):
    key: str
    label: str
    as_of: str = Field(description=FUZZY_DATE)
    states: list[str]
    sources: Sources


class Outreach(Out):
    date: str = Field(description=FUZZY_DATE)
    kind: str = Field(description="event, letter, mission, bilateral or other.")
    actor: str
    region: str
    description: str
    states: list[str]
    sources: Sources


class UniversalizationFact(Out):
    iso3: Iso3
    name: str
    kind: str
    when: str = Field(description=FUZZY_DATE)
    detail: str
    url: str
    from_list: bool = Field(description="Read from a list a source gives (not a per-State fact).")
    sources: Sources


class Allegation(Out):
    period: str = Field(description=FUZZY_DATE)
    territory: str | None = Field(description="ISO code of the State on whose territory.")
    place: str
    user_state: str | None = Field(description="ISO code of the State alleged to have used them.")
    user_description: str
    status: str = Field(description="alleged, reported, confirmed or denied.")
    description: str
    sources: Sources


class Universalization(Out):
    as_of: str = Field(description=ISO_DAY)
    since: str = Field(description="Start of the period for `joined`. " + ISO_DAY)
    counts: UniversalizationCounts
    signatories_by_region: dict[str, list[str]]
    joined: list[Joiner]
    joined_uncertain: list[Joiner]
    votes: list[YearVotes]
    meetings: list[UniversalizationMeeting]
    participation_lists: list[UniversalizationStateList]
    outreach: list[Outreach]
    affected: list[UniversalizationFact]
    producers: list[UniversalizationFact]
    policies: list[UniversalizationFact]
    allegations: list[Allegation]


class Votes(Out):
    as_of: str = Field(description=ISO_DAY)
    years: list[YearVotes]
    states: list[StateVote]
