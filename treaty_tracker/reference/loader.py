"""Load the reference data shipped in ``reference/data/`` into the record.

Staged, as every import is: parse every file -> validate the whole batch (every problem
with its file, fact and field) -> persist in one transaction. Facts are found again by a
stable ``reference_key``, so running it twice changes nothing (``setup`` is idempotent).

A correction by a person wins over the file (``corrections.py``): a fact whose latest
change was made by a person is left as it is and reported (``Outcome.kept``) until someone
accepts the file's value (``accept``). Every change the loader writes says in its history
which file it came from.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.obligations.models import (
    ExtensionDecision,
    ExtensionRequest,
    NationalMeasure,
    Obligation,
)
from treaty_tracker.reference.corrections import (
    ACCEPTED,
    FROM_FILE,
    AcceptError,
    Correction,
    Difference,
    correction,
    person_row,
)
from treaty_tracker.reference.validation import (
    extra_fact_types,
    natural_key,
    order,
    validate,
)
from treaty_tracker.rules import FuzzyDate
from treaty_tracker.sources.models import Coverage, Figure, Source, StateList
from treaty_tracker.states.models import State, TreatyAction
from treaty_tracker.themes.facts import Batch, Problem, ReferenceDataError
from treaty_tracker.transparency.models import Report
from treaty_tracker.universalization.models import Vote

__all__ = [
    "DATA_DIR",
    "AcceptError",
    "Correction",
    "Outcome",
    "Problem",
    "ReferenceDataError",
    "load",
    "parse",
    "validate",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
DEPOSITARY_SOURCE = "depositary"
STATES_FILE = "states.csv"
PARTICIPANTS_FILE = "ccm_participants.csv"


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Facts a person corrected that the file would change: left as they are.
    kept: list[Correction] = field(default_factory=list)
    # Corrections replaced by the file's value on request (``accept``).
    accepted: list[Correction] = field(default_factory=list)


# -- parse ---------------------------------------------------------------------------


def parse(data_dir: Path = DATA_DIR) -> Batch:
    batch = Batch()
    with (data_dir / STATES_FILE).open(encoding="utf-8") as handle:
        batch.states = list(csv.DictReader(handle))
    with (data_dir / PARTICIPANTS_FILE).open(encoding="utf-8") as handle:
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
            batch.source_files[key] = path.name
        for index, fact in enumerate(document.get("facts") or []):
            batch.facts.append((path.name, index, fact))
    return batch


# -- persist -------------------------------------------------------------------------


def _differences(
    model: Any, instance: Any, values: dict[str, Any], members: dict[str, list[Any]]
) -> list[tuple[str, Any, Any]]:
    """(field, current, target) for each field of ``instance`` that differs from the file."""
    found = []
    for name, value in values.items():
        if _is_fk(model, name):
            target = value.pk if value is not None else None
            if getattr(instance, name + "_id") != target:
                found.append((name, getattr(instance, name), value))
        elif getattr(instance, name) != value:
            found.append((name, getattr(instance, name), value))
    if instance.pk is not None:
        for name, objects in members.items():
            current = list(getattr(instance, name).order_by("pk"))
            if {o.pk for o in current} != {o.pk for o in objects}:
                found.append((name, current, objects))
    return found


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(sorted(str(getattr(v, "iso3", v)) for v in value))
    return str(value)


def _is_fk(model: Any, name: str) -> bool:
    return bool(model._meta.get_field(name).many_to_one or model._meta.get_field(name).one_to_one)


def _fz(value: Any) -> FuzzyDate | None:
    return None if value is None else FuzzyDate.parse(str(value))


class Persister:
    """Writes a validated batch. Fact types of other apps (``reference.py``) use
    :meth:`upsert`, :meth:`cite` and :attr:`states`."""

    def __init__(
        self, batch: Batch, *, accept: Collection[str] = (), by: Any = None, reason: str = ""
    ) -> None:
        self.batch = batch
        self.outcome = Outcome()
        self.sources: dict[str, Source] = {}
        self.states: dict[str, State] = {}
        self.accept, self.by, self.reason = set(accept), by, reason
        self.files = {id(fact): file for file, _index, fact in batch.facts}

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
        accepted = {c.key for c in self.outcome.accepted}
        unknown = sorted(self.accept - accepted)
        if unknown:
            raise AcceptError(
                f"no fact of the reference data has the key {', '.join(map(repr, unknown))} "
                "(see `treaty-tracker setup --show-conflicts` for the keys)"
            )
        return self.outcome

    def upsert(
        self,
        model: Any,
        fact: dict[str, Any],
        values: dict[str, Any],
        members: dict[str, list[Any]] | None = None,
    ) -> Any:
        """Create or update ``model`` for ``fact`` (found again by its natural key), with
        its citation; returns the instance. A fact a person corrected is left as it is."""
        return self.put(
            model,
            natural_key(fact),
            {**values, **self.cite(fact)},
            self._file(fact),
            members=members,
        )

    def put(
        self,
        model: Any,
        key: str,
        values: dict[str, Any],
        file: str,
        *,
        lookup: dict[str, Any] | None = None,
        members: dict[str, list[Any]] | None = None,
    ) -> Any:
        """Create the fact ``key`` of ``file``, or bring it to the file's values unless a
        person corrected it (then it is kept and reported). ``lookup`` finds facts that
        have no ``reference_key`` (States, sources); ``members`` are many-to-many fields."""
        members = members or {}
        lookup = lookup if lookup is not None else {"reference_key": key}
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            self._save(instance, members, reason=FROM_FILE.format(file=file))
            self.outcome.created += 1
            return instance
        differences = _differences(model, instance, values, members)
        accepted = key in self.accept
        row = person_row(instance) if differences or accepted else None
        if accepted and row is None:
            raise AcceptError(
                f"{key}: no staff correction to resolve, the fact already follows {file}"
            )
        if row is not None:
            found = correction(
                model,
                instance,
                row,
                key,
                file,
                [
                    Difference(str(model._meta.get_field(name).verbose_name), _shown(a), _shown(b))
                    for name, a, b in differences
                ],
            )
            if not accepted:
                if differences:
                    self.outcome.kept.append(found)
                else:
                    self.outcome.unchanged += 1
                return instance
            self.outcome.accepted.append(found)
            for name, value in values.items():
                setattr(instance, name, value)
            self._save(
                instance,
                members,
                reason=ACCEPTED.format(file=file, reason=self.reason),
                user=self.by,
            )
            return instance
        if not differences:
            self.outcome.unchanged += 1
            return instance
        for name, value in values.items():
            setattr(instance, name, value)
        self._save(instance, members, reason=FROM_FILE.format(file=file))
        self.outcome.updated += 1
        return instance

    @staticmethod
    def _save(
        instance: Any, members: dict[str, list[Any]], *, reason: str, user: Any = None
    ) -> None:
        """Save with a history row that says where the value came from (and who, when a
        person accepted it)."""
        instance._change_reason = reason
        instance._history_user = user
        instance.save()
        for name, objects in members.items():
            getattr(instance, name).set(objects)

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
        for row in self.batch.states:
            self.states[row["iso3"]] = self.put(
                State,
                f"state:{row['iso3']}",
                {"name": row["name"], "region": row["region"], "subregion": row["subregion"]},
                STATES_FILE,
                lookup={"iso3": row["iso3"]},
            )

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
            self.sources[key] = self.put(
                Source,
                f"source:{key}",
                values,
                self.batch.source_files.get(key, PARTICIPANTS_FILE),
                lookup={"key": key},
            )

    def _file(self, fact: dict[str, Any]) -> str:
        return self.files.get(id(fact), "")

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
                self.put(
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
                    PARTICIPANTS_FILE,
                )

    def _meeting(self, f: dict[str, Any]) -> None:
        self.put(
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
            self._file(f),
        )

    def _obligation_for(self, f: dict[str, Any]) -> Obligation:
        return Obligation.objects.get(state=self.states[f["state"]], article=str(f["article"]))

    def _obligation(self, f: dict[str, Any]) -> None:
        self.put(
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
            self._file(f),
        )

    def _extension(self, f: dict[str, Any]) -> None:
        request = self.put(
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
            self._file(f),
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
        self.put(
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
            self._file(f),
        )

    def _report(self, f: dict[str, Any]) -> None:
        self.put(
            Report,
            natural_key(f),
            {
                "state": self.states[f["state"]],
                "kind": f["kind"],
                "year": f.get("year"),
                "submitted": _fz(f["submitted"]),
                **self._cite(f),
            },
            self._file(f),
        )

    def _coverage(self, f: dict[str, Any]) -> None:
        """A statement that the record of one subject is complete at a date; for initial
        reports, ``states_submitted`` also records who had submitted by then (date not
        known) unless a dated report is on the record."""
        complete_until = FuzzyDate.parse(str(f["complete_until"]))
        assert complete_until.latest is not None
        self.put(
            Coverage,
            natural_key(f),
            {
                "subject": f["subject"],
                "complete_until": complete_until.latest,
                **self._cite(f),
            },
            self._file(f),
        )
        for code in f.get("states_submitted") or []:
            key = f"coverage:{f['subject']}:{code}"
            dated = Report.objects.filter(state=self.states[code], kind=f["subject"]).exclude(
                reference_key=key
            )
            if dated.exists():
                # A dated submission is on the record: the bound adds nothing (unless a
                # person corrected it: theirs to remove).
                bound = Report.objects.filter(reference_key=key).first()
                if bound is not None and person_row(bound) is None:
                    bound.delete()
                continue
            self.put(
                Report,
                key,
                {
                    "state": self.states[code],
                    "kind": f["subject"],
                    "year": None,
                    "submitted": FuzzyDate.by(complete_until.latest),
                    **self._cite(f),
                },
                self._file(f),
            )

    def _figure(self, f: dict[str, Any]) -> None:
        self.put(
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
            self._file(f),
        )

    def _list(self, f: dict[str, Any]) -> None:
        self.put(
            StateList,
            natural_key(f),
            {
                "key": f["key"],
                "label": f["label"],
                "as_of": _fz(f["as_of"]),
                **self._cite(f),
            },
            self._file(f),
            members={"states": [self.states[code] for code in f["states"]]},
        )

    def _vote(self, f: dict[str, Any]) -> None:
        self.put(
            Vote,
            natural_key(f),
            {
                "year": f["year"],
                "yes": f["yes"],
                "no": f["no"],
                "abstain": f["abstain"],
                **self._cite(f),
            },
            self._file(f),
        )

    def _national_measure(self, f: dict[str, Any]) -> None:
        self.put(
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
            self._file(f),
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
            self.put(
                TreatyAction,
                key,
                {
                    "state": state,
                    "kind": kind,
                    "date": _fz(f[name]) or FuzzyDate(),
                    **self._cite(f),
                },
                self._file(f),
            )


def load(
    data_dir: Path = DATA_DIR,
    *,
    dry_run: bool = False,
    accept: Collection[str] = (),
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> Outcome:
    """Validate everything, then write it all or nothing. Raises ReferenceDataError.

    Facts a person corrected are kept and listed in ``Outcome.kept``. ``accept`` names
    corrected facts (by reference key) to bring back to the file's value, recorded in
    their history as done by ``by`` for ``reason`` (both required then); an unknown key
    or a fact no person corrected raises ``AcceptError`` and nothing is written.
    """
    if accept and (by is None or not reason.strip()):
        raise AcceptError("taking the file's value needs who does it and a reason")
    batch = parse(data_dir)
    problems = validate(batch)
    if problems:
        raise ReferenceDataError(problems)
    with transaction.atomic():
        outcome = Persister(batch, accept=accept, by=by, reason=reason.strip()).run()
        if dry_run:
            transaction.set_rollback(True)
    return outcome
