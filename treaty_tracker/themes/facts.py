"""What a fact type of the reference data is, and the checker that reports a fact's
problems: each app declares its fact types (``FactType``) and the loader
(``reference.loader``) validates and persists them. No database access here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from treaty_tracker.rules import FuzzyDate, FuzzyDateError


@dataclass(frozen=True)
class Problem:
    file: str
    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.field}: {self.message}"


class ReferenceDataError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Batch:
    states: list[dict[str, str]] = field(default_factory=list)
    participants: list[dict[str, str]] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    source_files: dict[str, str] = field(default_factory=dict)  # source key -> file
    facts: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)  # file, index, fact
    problems: list[Problem] = field(default_factory=list)

    def problems_for(self, where: str, file: str) -> list[Problem]:
        return [p for p in self.problems if (p.where, p.file) == (where, file)]


@dataclass(frozen=True)
class FactType:
    """A kind of fact another app adds to the reference data.

    An app declares them in ``<app>/reference.py`` as ``FACT_TYPES = [FactType(...)]``;
    the loader finds them there (:func:`extra_fact_types`). ``key`` names the fields that
    identify a fact (its ``reference_key``, so loading twice changes nothing); ``check``
    reports every problem through the :class:`Checker`; ``persist`` writes the fact through
    the loader's ``Persister`` (``upsert``, ``cite``, ``states``).
    """

    name: str
    key: tuple[str, ...]
    check: Callable[[Checker], None]
    persist: Callable[[Any, dict[str, Any]], None]


class Checker:
    def __init__(self, batch: Batch, file: str, index: int, fact: dict[str, Any]) -> None:
        self.batch, self.file, self.fact = batch, file, fact
        self.where = f"fact {index + 1} ({fact.get('type', '?')})"
        self.iso3 = {s["iso3"] for s in batch.states}

    def problem(self, field_name: str, message: str) -> None:
        self.batch.problems.append(Problem(self.file, self.where, field_name, message))

    def required(self, *names: str) -> None:
        for name in names:
            if self.fact.get(name) in (None, ""):
                self.problem(name, "is required")

    def state(self, name: str = "state") -> None:
        value = self.fact.get(name)
        if value is not None and value not in self.iso3:
            self.problem(name, f"unknown ISO 3166-1 alpha-3 code {value!r}")

    def date(self, *names: str) -> None:
        for name in names:
            value = self.fact.get(name)
            if value is None:
                continue
            try:
                FuzzyDate.parse(str(value))
            except FuzzyDateError as error:
                self.problem(name, str(error))

    def choice(self, name: str, allowed: Iterable[str]) -> None:
        value = self.fact.get(name)
        if value is not None and str(value) not in set(allowed):
            self.problem(name, f"{value!r} is not one of {', '.join(sorted(allowed))}")

    def integer(self, *names: str) -> None:
        for name in names:
            value = self.fact.get(name)
            if value is not None and (not isinstance(value, int) or value < 0):
                self.problem(name, f"{value!r} is not a whole number")
