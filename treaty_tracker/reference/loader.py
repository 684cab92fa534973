"""Load the reference data shipped in ``reference/data/`` into the record.

Staged, as every import is: parse every file -> validate the whole batch (every problem
with its file, fact and field) -> persist in one transaction. Facts are found again by a
stable ``reference_key``, so running it twice changes nothing (``setup`` is idempotent).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
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
from treaty_tracker.reference.validation import (
    Batch,
    Problem,
    ReferenceDataError,
    extra_fact_types,
    natural_key,
    order,
    validate,
)
from treaty_tracker.rules import FuzzyDate
from treaty_tracker.sources.models import Coverage, Figure, Source, StateList
from treaty_tracker.states.models import State, TreatyAction
from treaty_tracker.transparency.models import Report
from treaty_tracker.universalization.models import Vote

__all__ = ["DATA_DIR", "Outcome", "Problem", "ReferenceDataError", "load", "parse", "validate"]

DATA_DIR = Path(__file__).resolve().parent / "data"
DEPOSITARY_SOURCE = "depositary"


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


class Persister:
    """Writes a validated batch. Fact types of other apps (``reference.py``) use
    :meth:`upsert`, :meth:`cite` and :attr:`states`."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.outcome = Outcome()
        self.sources: dict[str, Source] = {}
        self.states: dict[str, State] = {}

    def run(self) -> Outcome:
        self._states()
        self._sources()
        self._participants()
        extra = extra_fact_types()
        handlers: dict[str, Callable[[dict[str, Any]], None]] = {
            kind: (
                (lambda fact, kind=kind: extra[kind].persist(self, fact))
                if kind in extra
                else getattr(self, f"_{kind}")
            )
            for kind in order()
        }
        for kind in order():
            for _file, _index, fact in self.batch.facts:
                if fact["type"] == kind:
                    handlers[kind](fact)
        return self.outcome

    def _track(self, result: tuple[Any, Outcome]) -> Any:
        self.outcome.add(result[1])
        return result[0]

    def upsert(self, model: Any, fact: dict[str, Any], values: dict[str, Any]) -> Any:
        """Create or update ``model`` for ``fact`` (found again by its natural key), with
        its citation; returns the instance."""
        return self._track(_upsert(model, natural_key(fact), {**values, **self.cite(fact)}))

    def cite(self, fact: dict[str, Any]) -> dict[str, Any]:
        return self._cite(fact)

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
                natural_key(f),
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
                natural_key(f),
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
                natural_key(f),
                {
                    "obligation": self._obligation_for(f),
                    "stage": (
                        ExtensionRequest.StageChoice.DECIDED
                        if f.get("decision") not in (None, "pending") or self._decided_later(f)
                        else ExtensionRequest.StageChoice.SUBMITTED
                    ),
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

    def _decided_later(self, f: dict[str, Any]) -> bool:
        """Whether an ``extension_decision`` fact of the batch decides this request."""
        key = natural_key(f).split(":", 1)[1]
        return any(
            fact["type"] == "extension_decision" and natural_key(fact).split(":", 1)[1] == key
            for _file, _index, fact in self.batch.facts
        )

    def _decide(self, request: ExtensionRequest, f: dict[str, Any]) -> None:
        self._track(
            _upsert(
                ExtensionDecision,
                "decision:" + natural_key(f).split(":", 1)[1],
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
                natural_key(f),
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
                natural_key(f),
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
                natural_key(f),
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
                natural_key(f),
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
                natural_key(f),
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
                natural_key(f),
                {
                    "state": self.states[f["state"]],
                    "category": f["category"],
                    "as_of": _fz(f["as_of"]),
                    "kind": f.get("kind") or NationalMeasure.Kind.NOT_KNOWN,
                    "title": str(f.get("title") or ""),
                    "adopted": _fz(f.get("adopted")),
                    "url": str(f.get("url") or ""),
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
            key = f"{natural_key(f)}:{kind}"
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
        outcome = Persister(batch).run()
        if dry_run:
            transaction.set_rollback(True)
    return outcome
