"""The Article 6 tables as flat, JSON-ready rows: the page's downloads and the API read
them here (a fact, a request for assistance with the support found around it)."""

from __future__ import annotations

from typing import Any

from treaty_tracker.rules import assistance as rules

FACT_COLUMNS = (
    "state",
    "name",
    "year",
    "year_to",
    "direction",
    "theme",
    "kind",
    "counterpart",
    "counterpart_name",
    "amount",
    "currency",
    "description",
    "origin",
    "sources",
)
NEED_COLUMNS = (
    "state",
    "name",
    "theme",
    "year",
    "year_to",
    "matched",
    "supporters",
    "window",
    "origin",
    "sources",
)


def fact_row(fact: rules.AssistanceFact, names: dict[str, str]) -> dict[str, Any]:
    """One fact as plain data (downloads and the API)."""
    return {
        "state": fact.state,
        "name": names.get(fact.state, fact.state),
        "year": fact.year,
        "year_to": fact.year_to,
        "direction": fact.direction,
        "theme": fact.theme,
        "kind": fact.kind,
        "counterpart": fact.counterpart or "",
        "counterpart_name": fact.counterpart_name,
        "amount": None if fact.amount is None else str(fact.amount),
        "currency": fact.currency,
        "description": fact.description,
        "origin": fact.origin,
        "sources": "; ".join(fact.citations),
    }


def need_row(match: rules.Match, names: dict[str, str]) -> dict[str, Any]:
    need = match.need
    return {
        "state": need.state,
        "name": names.get(need.state, need.state),
        "theme": need.theme,
        "year": need.year,
        "year_to": need.year_to,
        "matched": match.matched,
        "supporters": " ".join(s.state for s in match.supporters),
        "window": f"{match.window[0]}-{match.window[1]}",
        "origin": " ".join(need.origins),
        "sources": "; ".join(need.citations),
    }
