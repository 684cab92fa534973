"""Load the reference data shipped in ``reference/data/`` into the record.

Staged, as every import is: parse every file -> validate the whole batch (every problem
with its file, fact and field) -> persist in one transaction. Facts are found again by a
stable ``reference_key``, so running it twice changes nothing (``setup`` is idempotent).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.obligations.models import (
    ExtensionDecision,
    ExtensionRequest,
    NationalMeasure,
    Obligation,
)
from treaty_tracker.rules import FuzzyDate, FuzzyDateError, Severity, check_extension_request
from treaty_tracker.sources.models import Coverage, Figure, Source, StateList
from treaty_tracker.states.models import State, TreatyAction
from treaty_tracker.states.selectors import treaty
from treaty_tracker.transparency.models import Report
from treaty_tracker.universalization.models import Vote

DATA_DIR = Path(__file__).resolve().parent / "data"
DEPOSITARY_SOURCE = "depositary"

# Facts are persisted in this order, so a fact can refer to one loaded before it.
ORDER = [
    "meeting",
    "obligation",
    "extension",
    "extension_decision",
    "report",
    "coverage",
    "figure",
    "list",
    "vote",
    "national_measure",
    "withdrawal",
]


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
    facts: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)  # file, index, fact
    problems: list[Problem] = field(default_factory=list)

    def problems_for(self, where: str, file: str) -> list[Problem]:
        return [p for p in self.problems if (p.where, p.file) == (where, file)]


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Outcome) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


# -- parse ---------------------------------------------------------------------------


def parse(data_dir: Path = DATA_DIR) -> Batch:
    batch = Batch()
    with (data_dir / "states.csv").open(encoding="utf-8") as handle:
        batch.states = list(csv.DictReader(handle))
    with (data_dir / "ccm_participants.csv").open(encoding="utf-8") as handle:
        batch.participants = list(csv.DictReader(handle))
    for path in sorted(data_dir.glob("*.yaml")):
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            batch.problems.append(Problem(path.name, "file", "", f"not valid YAML: {error}"))
            continue
        for key, source in (document.get("sources") or {}).items():
            if key in batch.sources:
                batch.problems.append(Problem(path.name, f"sources.{key}", "", "defined twice"))
            batch.sources[key] = source
        for index, fact in enumerate(document.get("facts") or []):
            batch.facts.append((path.name, index, fact))
    return batch


# -- validate ------------------------------------------------------------------------


class _Checker:
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


def _check_source(c: _Checker) -> None:
    source = c.fact.get("source")
    if not isinstance(source, dict) or not source.get("ref"):
        c.problem("source", "every fact needs source: {ref: ..., paragraph: ...}")
    elif source["ref"] not in c.batch.sources:
        c.problem("source.ref", f"no source {source['ref']!r} in any file's sources")


def _check_fact(c: _Checker) -> None:
    kind = c.fact.get("type")
    if kind not in ORDER:
        c.problem("type", f"{kind!r} is not one of {', '.join(ORDER)}")
        return
    _check_source(c)
    f = c.fact
    if kind in ("obligation", "extension", "extension_decision"):
        c.required("state", "article")
        c.state()
        c.choice("article", ["3", "4", "5"])
    if kind == "obligation":
        c.choice("basis", [b.value for b in Obligation.BasisChoice])
        c.date("start", "recorded", "ended", "completed")
    if kind in ("extension", "extension_decision"):
        c.required("meeting")
        c.choice("decision", ["pending", "granted", "refused", "withdrawn", "not_known"])
        c.integer("months_requested", "months_granted")
        c.date("submitted", "decided", "new_deadline")
        if f.get("decision") == "granted" and f.get("months_granted") is None:
            c.problem("months_granted", "a granted extension needs its period in months")
        if str(f.get("article")) in ("3", "4") and not c.batch.problems_for(c.where, c.file):
            # Art. 3(3) and 4(5): the longest period one extension may give.
            for finding in check_extension_request(
                treaty(),
                str(f["article"]),
                months_requested=f.get("months_requested"),
                months_granted=f.get("months_granted"),
                submitted=FuzzyDate(),
                meeting_opens=FuzzyDate(),
                deadline=FuzzyDate(),
            ):
                if finding.severity is Severity.ERROR:
                    which = finding.code.removeprefix("extension.").split("_")[0]
                    c.problem(
                        f"months_{which}" if which in ("requested", "granted") else "article",
                        finding.message,
                    )
    if kind == "report":
        c.required("state", "kind", "submitted")
        c.state()
        c.choice("kind", [k.value for k in Report.Kind])
        c.date("submitted")
        if f.get("year") is not None:
            c.integer("year")
    if kind == "coverage":
        c.required("subject", "complete_until")
        c.choice("subject", [k.value for k in Coverage.Subject])
        c.date("complete_until")
        if "states_submitted" in f:
            for code in f["states_submitted"] or []:
                if code not in c.iso3:
                    c.problem("states_submitted", f"unknown ISO 3166-1 alpha-3 code {code!r}")
    if kind == "meeting":
        c.required("code", "kind", "number", "name", "opens")
        c.choice("kind", [k.value for k in Meeting.Kind])
        c.date("opens", "closes")
        if f.get("president"):
            c.state("president")
    if kind == "figure":
        c.required("key", "value", "unit", "as_of", "label")
        c.date("as_of")
        try:
            Decimal(str(f.get("value")))
        except InvalidOperation:
            c.problem("value", f"{f.get('value')!r} is not a number")
    if kind == "list":
        c.required("key", "label", "as_of", "states")
        c.date("as_of")
        for code in f.get("states") or []:
            if code not in c.iso3:
                c.problem("states", f"unknown ISO 3166-1 alpha-3 code {code!r}")
    if kind == "vote":
        c.required("year", "yes", "no", "abstain")
        c.integer("year", "yes", "no", "abstain")
    if kind == "national_measure":
        c.required("state", "category", "as_of")
        c.state()
        c.choice("category", [k.value for k in NationalMeasure.Category])
        c.date("as_of")
    if kind == "withdrawal":
        c.required("state")
        c.state()
        c.date("received", "effective")


def validate(batch: Batch) -> list[Problem]:
    iso3 = {s["iso3"] for s in batch.states}
    for number, row in enumerate(batch.participants, start=2):
        if row["iso3"] not in iso3:
            batch.problems.append(
                Problem(
                    "ccm_participants.csv",
                    f"line {number}",
                    "iso3",
                    f"unknown code {row['iso3']!r}",
                )
            )
        for name in (
            "signature_date",
            "action_date",
            "provisional_application_date",
            "withdrawal_effective_date",
        ):
            try:
                FuzzyDate.parse(row[name] or None)
            except FuzzyDateError as error:
                batch.problems.append(
                    Problem("ccm_participants.csv", f"line {number}", name, str(error))
                )
    for key, source in batch.sources.items():
        if not source.get("title"):
            batch.problems.append(Problem("sources", key, "title", "is required"))
    seen: dict[str, str] = {}
    for file, index, fact in batch.facts:
        checker = _Checker(batch, file, index, fact)
        _check_fact(checker)
        key = _natural_key(fact)
        if key in seen:
            checker.problem("", f"duplicates {seen[key]}")
        seen[key] = f"{file} {checker.where}"
    return batch.problems


def _natural_key(f: dict[str, Any]) -> str:
    kind = f.get("type")
    parts: dict[str, list[str]] = {
        "meeting": ["code"],
        "obligation": ["state", "article"],
        "extension": ["state", "article", "meeting"],
        "extension_decision": ["state", "article", "meeting"],
        "report": ["state", "kind", "year", "submitted"],
        "coverage": ["subject"],
        "figure": ["key", "as_of"],
        "list": ["key", "as_of"],
        "vote": ["year"],
        "national_measure": ["state", "category", "as_of"],
        "withdrawal": ["state"],
    }
    return ":".join([str(kind)] + [str(f.get(p, "")) for p in parts.get(str(kind), [])])


# -- persist -------------------------------------------------------------------------


def _upsert(model: Any, reference_key: str, values: dict[str, Any]) -> tuple[Any, Outcome]:
    """Create the fact, or bring it back to the reference values (history records both)."""
    instance = model.objects.filter(reference_key=reference_key).first()
    if instance is None:
        return model.objects.create(reference_key=reference_key, **values), Outcome(created=1)
    changed = False
    for name, value in values.items():
        current = getattr(instance, name + "_id" if _is_fk(model, name) else name)
        target = value.pk if _is_fk(model, name) and value is not None else value
        if current != target:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.save()
        return instance, Outcome(updated=1)
    return instance, Outcome(unchanged=1)


def _is_fk(model: Any, name: str) -> bool:
    return bool(model._meta.get_field(name).many_to_one or model._meta.get_field(name).one_to_one)


def _fz(value: Any) -> FuzzyDate | None:
    return None if value is None else FuzzyDate.parse(str(value))


class _Persister:
    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.outcome = Outcome()
        self.sources: dict[str, Source] = {}
        self.states: dict[str, State] = {}

    def run(self) -> Outcome:
        self._states()
        self._sources()
        self._participants()
        handlers: dict[str, Callable[[dict[str, Any]], None]] = {
            kind: getattr(self, f"_{kind}") for kind in ORDER
        }
        for kind in ORDER:
            for _file, _index, fact in self.batch.facts:
                if fact["type"] == kind:
                    handlers[kind](fact)
        return self.outcome

    def _track(self, result: tuple[Any, Outcome]) -> Any:
        self.outcome.add(result[1])
        return result[0]

    def _cite(self, fact: dict[str, Any]) -> dict[str, Any]:
        source = fact["source"]
        return {
            "source": self.sources[source["ref"]],
            "paragraph": str(source.get("paragraph") or ""),
            "quote": str(source.get("quote") or ""),
            "note": str(fact.get("note") or ""),
        }

    def _states(self) -> None:
        existing = {s.iso3: s for s in State.objects.all()}
        for row in self.batch.states:
            values = {"name": row["name"], "region": row["region"], "subregion": row["subregion"]}
            state = existing.get(row["iso3"])
            if state is None:
                state = State.objects.create(iso3=row["iso3"], **values)
                self.outcome.created += 1
            elif any(getattr(state, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(state, k, v)
                state.save()
                self.outcome.updated += 1
            else:
                self.outcome.unchanged += 1
            self.states[row["iso3"]] = state

    def _sources(self) -> None:
        sources = dict(self.batch.sources)
        sources[DEPOSITARY_SOURCE] = {
            "symbol": "",
            "title": "Depositary data: UN Treaty Collection XXVI-6 and Cluster Munition Monitor "
            "(ccm_participants.csv, see its PROVENANCE.md)",
            "url": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-6&chapter=26",
        }
        for key, spec in sources.items():
            values = {
                "symbol": str(spec.get("symbol") or ""),
                "title": str(spec["title"]),
                "url": str(spec.get("url") or ""),
                "published": _fz(spec.get("published")),
            }
            source = Source.objects.filter(key=key).first()
            if source is None:
                source = Source.objects.create(key=key, **values)
                self.outcome.created += 1
            elif any(getattr(source, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(source, k, v)
                source.save()
                self.outcome.updated += 1
            else:
                self.outcome.unchanged += 1
            self.sources[key] = source

    def _participants(self) -> None:
        columns = {
            "signature_date": TreatyAction.Kind.SIGNATURE,
            "provisional_application_date": TreatyAction.Kind.PROVISIONAL_APPLICATION,
            "withdrawal_effective_date": TreatyAction.Kind.WITHDRAWAL_EFFECT,
        }
        for row in self.batch.participants:
            state = self.states[row["iso3"]]
            dated = [(kind, row[column]) for column, kind in columns.items()]
            if row["action"]:
                dated.append((TreatyAction.Kind(row["action"]), row["action_date"]))
            for kind, value in dated:
                if not value:
                    continue
                self._track(
                    _upsert(
                        TreatyAction,
                        f"depositary:{row['iso3']}:{kind}",
                        {
                            "state": state,
                            "kind": kind,
                            "date": FuzzyDate.parse(value),
                            "source": self.sources[DEPOSITARY_SOURCE],
                            "paragraph": "",
                            "quote": "",
                            "note": "Read from: " + row["sources"],
                        },
                    )
                )

    def _meeting(self, f: dict[str, Any]) -> None:
        self._track(
            _upsert(
                Meeting,
                _natural_key(f),
                {
                    "code": f["code"],
                    "kind": f["kind"],
                    "number": int(f["number"]),
                    "name": f["name"],
                    "opens": _fz(f["opens"]),
                    "closes": _fz(f.get("closes")) or FuzzyDate(),
                    "place": f.get("place") or "",
                    "president": self.states.get(f.get("president") or ""),
                    **self._cite(f),
                },
            )
        )

    def _obligation_for(self, f: dict[str, Any]) -> Obligation:
        return Obligation.objects.get(state=self.states[f["state"]], article=str(f["article"]))

    def _obligation(self, f: dict[str, Any]) -> None:
        self._track(
            _upsert(
                Obligation,
                _natural_key(f),
                {
                    "state": self.states[f["state"]],
                    "article": str(f["article"]),
                    "basis": f.get("basis") or Obligation.BasisChoice.AT_ENTRY_INTO_FORCE,
                    "start": _fz(f.get("start")),
                    "recorded": _fz(f.get("recorded")),
                    "ended": _fz(f.get("ended")),
                    "completed": _fz(f.get("completed")),
                    **self._cite(f),
                },
            )
        )

    def _extension(self, f: dict[str, Any]) -> None:
        request = self._track(
            _upsert(
                ExtensionRequest,
                _natural_key(f),
                {
                    "obligation": self._obligation_for(f),
                    "months_requested": f.get("months_requested"),
                    "submitted": _fz(f.get("submitted")) or FuzzyDate(),
                    "meeting": Meeting.objects.filter(code=f["meeting"]).first(),
                    **self._cite(f),
                },
            )
        )
        if f.get("decision") not in (None, "pending"):
            self._decide(request, f)

    def _extension_decision(self, f: dict[str, Any]) -> None:
        request = ExtensionRequest.objects.get(
            obligation=self._obligation_for(f), meeting__code=f["meeting"]
        )
        self._decide(request, f)

    def _decide(self, request: ExtensionRequest, f: dict[str, Any]) -> None:
        self._track(
            _upsert(
                ExtensionDecision,
                "decision:" + _natural_key(f).split(":", 1)[1],
                {
                    "request": request,
                    "outcome": f["decision"],
                    "months_granted": f.get("months_granted"),
                    "decided": _fz(f.get("decided")) or FuzzyDate(),
                    "stated_new_deadline": _fz(f.get("new_deadline")),
                    **self._cite(f),
                },
            )
        )

    def _report(self, f: dict[str, Any]) -> None:
        self._track(
            _upsert(
                Report,
                _natural_key(f),
                {
                    "state": self.states[f["state"]],
                    "kind": f["kind"],
                    "year": f.get("year"),
                    "submitted": _fz(f["submitted"]),
                    **self._cite(f),
                },
            )
        )

    def _coverage(self, f: dict[str, Any]) -> None:
        """A statement that the record of one subject is complete at a date; for initial
        reports, ``states_submitted`` also records who had submitted by then (date not
        known) unless a dated report is on the record."""
        complete_until = FuzzyDate.parse(str(f["complete_until"]))
        assert complete_until.latest is not None
        self._track(
            _upsert(
                Coverage,
                _natural_key(f),
                {
                    "subject": f["subject"],
                    "complete_until": complete_until.latest,
                    **self._cite(f),
                },
            )
        )
        for code in f.get("states_submitted") or []:
            key = f"coverage:{f['subject']}:{code}"
            dated = Report.objects.filter(state=self.states[code], kind=f["subject"]).exclude(
                reference_key=key
            )
            if dated.exists():
                # A dated submission is on the record: the bound adds nothing.
                Report.objects.filter(reference_key=key).delete()
                continue
            self._track(
                _upsert(
                    Report,
                    key,
                    {
                        "state": self.states[code],
                        "kind": f["subject"],
                        "year": None,
                        "submitted": FuzzyDate.by(complete_until.latest),
                        **self._cite(f),
                    },
                )
            )

    def _figure(self, f: dict[str, Any]) -> None:
        self._track(
            _upsert(
                Figure,
                _natural_key(f),
                {
                    "key": f["key"],
                    "value": Decimal(str(f["value"])),
                    "unit": f["unit"],
                    "as_of": _fz(f["as_of"]),
                    "label": f["label"],
                    **self._cite(f),
                },
            )
        )

    def _list(self, f: dict[str, Any]) -> None:
        state_list = self._track(
            _upsert(
                StateList,
                _natural_key(f),
                {
                    "key": f["key"],
                    "label": f["label"],
                    "as_of": _fz(f["as_of"]),
                    **self._cite(f),
                },
            )
        )
        state_list.states.set([self.states[code] for code in f["states"]])

    def _vote(self, f: dict[str, Any]) -> None:
        self._track(
            _upsert(
                Vote,
                _natural_key(f),
                {
                    "year": f["year"],
                    "yes": f["yes"],
                    "no": f["no"],
                    "abstain": f["abstain"],
                    **self._cite(f),
                },
            )
        )

    def _national_measure(self, f: dict[str, Any]) -> None:
        self._track(
            _upsert(
                NationalMeasure,
                _natural_key(f),
                {
                    "state": self.states[f["state"]],
                    "category": f["category"],
                    "as_of": _fz(f["as_of"]),
                    **self._cite(f),
                },
            )
        )

    def _withdrawal(self, f: dict[str, Any]) -> None:
        state = self.states[f["state"]]
        for kind, name in (
            (TreatyAction.Kind.WITHDRAWAL_NOTICE, "received"),
            (TreatyAction.Kind.WITHDRAWAL_EFFECT, "effective"),
        ):
            if name not in f:
                continue
            existing = TreatyAction.objects.filter(state=state, kind=kind).first()
            key = f"{_natural_key(f)}:{kind}"
            if existing is not None and existing.reference_key != key:
                continue  # the depositary row already dates it
            self._track(
                _upsert(
                    TreatyAction,
                    key,
                    {
                        "state": state,
                        "kind": kind,
                        "date": _fz(f[name]) or FuzzyDate(),
                        **self._cite(f),
                    },
                )
            )


def load(data_dir: Path = DATA_DIR, *, dry_run: bool = False) -> Outcome:
    """Validate everything, then write it all or nothing. Raises ReferenceDataError."""
    batch = parse(data_dir)
    problems = validate(batch)
    if problems:
        raise ReferenceDataError(problems)
    with transaction.atomic():
        outcome = _Persister(batch).run()
        if dry_run:
            transaction.set_rollback(True)
    return outcome
