"""A scaled record: 15 years of Article 7 reports for every State Party, and several
thousand more staff-entered facts, built through the same services a person uses.

Issue 10 asks that a page's cost not grow with the record. This builds the record to
measure that with, on top of the reference data (``setup``):

- **Reports.** For every State Party (as of the last year built) one annual report a year,
  2011-2025 by default: a focal point starts the draft (``report_draft_start``: carried
  forward from the last one), submits it with every form filled (``report_submit``: the
  whole validation runs), and ISU staff publish it (``report_publish``). The content is
  generated from the reporting definition (``rules/reporting``, ``ccm-2010``): every form,
  table and field, with figures that hang together from year to year (a stockpile goes
  down by what was destroyed, contaminated land by what was released).
- **Facts.** About 6,800 more facts entered by ISU staff through ``save_fact`` (the fact
  editor's write path: ``full_clean``, attribution, history): stockpile declarations and
  destruction per year, contaminated areas and land release per year, casualties per year,
  and assistance records, spread over the States with those obligations.

Everything is drawn from ``random.Random`` seeded by ``--seed`` and the State's code, so a
build is reproducible. The command line writes the database to a SQLite file so that
``bench/server.py --scaled`` can reuse it::

    .venv/bin/python bench/scale.py --out var/bench/scaled.sqlite3

Run by hand, never by the test suite (it takes minutes).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import harness

SEED = 20_100  # any integer; the default makes the documented dataset
FIRST_YEAR, LAST_YEAR = 2011, 2025  # 15 reporting years
FACTS = 6_823  # staff-entered facts, as in the measurement
DEFAULT_OUT = harness.PROJECT_DIR / "var" / "bench" / "scaled.sqlite3"
REASON = "bench/scale.py: scaled dataset for measurement"

CURRENCIES = ("EUR", "USD", "NOK", "CHF", "GBP", "AUD")
MUNITION_TYPES = ("BLU-63", "M77 DPICM", "RBK-250 PTAB-2.5M", "BL-755", "MK-118", "M42/M46")
SUBMUNITIONS_PER_MUNITION = 40
PLACES = ("Northern Province", "Central District", "Eastern Plateau", "River Valley", "Border Zone")


@dataclass
class Built:
    """What a build made, for the report and for a check that it is the size asked for."""

    states: int = 0
    reports: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def fact_count(self) -> int:
        return sum(self.facts.values())


# -- report content -------------------------------------------------------------------------


@dataclass
class Balance:
    """What one State's reports carry from year to year, so the figures hang together."""

    stockpile: dict[str, int] = field(default_factory=dict)  # munitions by type
    areas: dict[str, int] = field(default_factory=dict)  # m² by location
    survivors: int = 0


class Content:
    """Annual report content for one State, year after year, generated from the reporting
    definition: every form "changed", every table with rows, every field with a value of
    its type. A few keys get figures with a meaning (stockpile, areas, casualties); the
    rest are plausible values of the field's type."""

    def __init__(self, iso3: str, parties: list[str], seed: int) -> None:
        from treaty_tracker.rules.reporting import load_form_definition

        self.iso3 = iso3
        self.others = [p for p in parties if p != iso3]
        self.rng = random.Random(f"{seed}:{iso3}:report")
        self.definition = load_form_definition("ccm-2010")
        self.balance = Balance()
        rng = self.rng
        for kind in rng.sample(MUNITION_TYPES, k=rng.randint(1, 3)):
            self.balance.stockpile[kind] = rng.randint(500, 60_000)
        for place in rng.sample(PLACES, k=rng.randint(1, 4)):
            self.balance.areas[place] = rng.randint(50_000, 20_000_000)

    def report(self, year: int) -> dict[str, Any]:
        forms = {form.code: self._form(form, year) for form in self.definition.forms}
        return {
            "form_version": self.definition.version,
            "kind": "annual",
            "state": self.iso3,
            "period": {"from": f"{year}-01-01", "to": f"{year}-12-31"},
            "contact": {
                "organization": "Ministry of Foreign Affairs, Disarmament Division",
                "person": f"Focal point {self.iso3}",
                "telephone": f"+1 555 {self.rng.randint(1000, 9999)}",
                "email": f"ccm@{self.iso3.lower()}.example.org",
            },
            "forms": forms,
        }

    # Each form: status "changed", its fields, its tables, its text.
    def _form(self, spec: Any, year: int) -> dict[str, Any]:
        special: Callable[[int], dict[str, Any]] | None = getattr(self, f"_form_{spec.code}", None)
        data: dict[str, Any] = special(year) if special else {}
        for f in spec.fields:
            if f.key not in data:
                data[f.key] = self._value(f, year)
        for table in spec.tables:
            if table.key not in data:
                data[table.key] = [
                    {f.key: self._value(f, year) for f in table.fields}
                    for _ in range(self.rng.randint(1, 3))
                ]
        form: dict[str, Any] = {"status": "changed"}
        if data:
            form["data"] = data
        if spec.text is not None:
            form["text"] = f"Form {spec.code}, {year}: progress as planned; see the annex."
        return form

    def _value(self, spec: Any, year: int) -> Any:
        from treaty_tracker.rules.reporting import FieldType

        rng = self.rng
        kind = spec.type
        if spec.disaggregation:
            return self._count(rng.randint(0, 400), [d.values for d in spec.disaggregation])
        if kind is FieldType.INTEGER:
            return rng.randint(0, 5_000)
        if kind is FieldType.DECIMAL:
            return rng.randint(10_000, 5_000_000)  # JSON numbers, as an upload gives them
        if kind is FieldType.AREA_M2:
            return rng.randint(1_000, 2_000_000)
        if kind is FieldType.DATE:
            return date(year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
        if kind is FieldType.BOOLEAN:
            return rng.random() < 0.5
        if kind is FieldType.CHOICE:
            return rng.choice([c.value for c in spec.choices])
        if kind is FieldType.STATE:
            return rng.choice(self.others)
        if kind is FieldType.CURRENCY:
            return rng.choice(CURRENCIES)
        return f"{spec.label} ({self.iso3}, {year})"

    def _count(self, total: int, dimensions: list[tuple[str, ...]]) -> dict[str, Any]:
        """A count with its breakdown along the first dimensions (known categories only),
        whose parts add up to the total."""
        return {"total": total, "by": self._split(total, dimensions)}

    def _split(self, total: int, dimensions: list[tuple[str, ...]]) -> Any:
        if not dimensions:
            return total
        known = [v for v in dimensions[0] if v != "unknown"]
        parts, left = {}, total
        for value in known[:-1]:
            part = self.rng.randint(0, left)
            parts[value], left = part, left - part
        parts[known[-1]] = left
        return {value: self._split(n, dimensions[1:]) for value, n in parts.items()}

    def _form_B(self, year: int) -> dict[str, Any]:
        """Art. 3: the stockpile goes down by what is destroyed (never more than held)."""
        rng, stock = self.rng, self.balance.stockpile
        destroyed = []
        for kind, held in stock.items():
            n = min(held, rng.randint(0, max(held // 3, 1)))
            stock[kind] = held - n
            if n:
                destroyed.append(
                    {
                        "type": kind,
                        "munitions": n,
                        "submunitions": n * SUBMUNITIONS_PER_MUNITION,
                        "method": "open detonation",
                        "site": rng.choice(PLACES),
                    }
                )
        left = sum(stock.values())
        return {
            "programme_status": "in_progress" if left else "completed",
            "completed_on": f"{year}-12-31" if not left else None,
            "stockpile": [
                {
                    "type": kind,
                    "munitions": n,
                    "submunitions": n * SUBMUNITIONS_PER_MUNITION,
                    "lot_numbers": "various",
                }
                for kind, n in stock.items()
            ],
            "destroyed": destroyed,
            "discovered": [],
        }

    def _form_F(self, year: int) -> dict[str, Any]:
        """Art. 4: contaminated land goes down by what is released."""
        rng, areas = self.rng, self.balance.areas
        released = []
        for place, size in areas.items():
            cleared = min(size, rng.randint(0, max(size // 5, 1)))
            areas[place] = size - cleared
            released.append(
                {
                    "location": place,
                    "cancelled": cleared // 3,
                    "reduced": cleared // 3,
                    "cleared": cleared - 2 * (cleared // 3),
                    "submunitions_destroyed": rng.randint(0, 3_000),
                    "other_remnants_destroyed": rng.randint(0, 500),
                }
            )
        return {
            "areas": [
                {
                    "location": place,
                    "size": size,
                    "remnant_types": "BLU-26 submunitions",
                    "remnants_estimated": size // 2_000,
                    "used": "1964-1973",
                    "new": False,
                }
                for place, size in areas.items()
            ],
            "released": released,
        }

    def _form_H(self, year: int) -> dict[str, Any]:
        """Art. 5: casualties of the year, and survivors counted cumulatively."""
        dims = {d.key: d.values for d in self.definition.dimensions}
        killed, injured = self.rng.randint(0, 40), self.rng.randint(0, 120)
        self.balance.survivors += injured
        return {
            "killed": self._count(killed, [dims["sex"], dims["age"], dims["role"]]),
            "injured": self._count(injured, [dims["sex"], dims["age"], dims["role"]]),
            "survivors": self._count(self.balance.survivors, [dims["sex"], dims["age"]]),
        }


# -- the build ------------------------------------------------------------------------------


def _users() -> tuple[Any, Any]:
    """An ISU staff member (publishes, enters facts) and the account focal points are
    made from."""
    from django.contrib.auth.models import User

    from treaty_tracker.accounts.services import role_grant

    staff = User.objects.create_user("bench-isu", "isu@example.org")
    role_grant(user=staff, kind="isu_staff", starts=date(2008, 1, 1), granted_by=None)
    return staff, role_grant


def _focal_point(iso3: str, role_grant: Any) -> Any:
    from django.contrib.auth.models import User

    from treaty_tracker.states.models import State

    user = User.objects.create_user(f"bench-fp-{iso3.lower()}", f"fp-{iso3.lower()}@example.org")
    role_grant(
        user=user,
        kind="focal_point",
        state=State.objects.get(iso3=iso3),
        starts=date(2008, 1, 1),
        granted_by=None,
    )
    return user


def build_reports(
    parties: list[str], years: range, staff: Any, role_grant: Any, seed: int, log: Any
) -> int:
    """Year by year: every State's draft started and submitted, then the year's versions
    published (publishing changes the record; doing it once per year keeps the register
    rebuilt 15 times, not 1,680)."""
    from treaty_tracker.rules import ReportKind
    from treaty_tracker.transparency.services import (
        Slot,
        report_draft_start,
        report_publish,
        report_submit,
    )

    writers = {iso3: _focal_point(iso3, role_grant) for iso3 in parties}
    contents = {iso3: Content(iso3, parties, seed) for iso3 in parties}
    made = 0
    for year in years:
        begun = time.perf_counter()
        submitted = []
        for iso3 in parties:
            rng = contents[iso3].rng
            slot = Slot(iso3, ReportKind.ANNUAL, year)
            # Most on time (by 30 April), some late.
            month = 4 if rng.random() < 0.8 else rng.randint(5, 11)
            when = datetime(year + 1, month, rng.randint(1, 28), 10, 0, tzinfo=UTC)
            user = writers[iso3]
            report_draft_start(user=user, slot=slot, today=when.date().replace(day=1))
            submitted.append(
                report_submit(user=user, slot=slot, content=contents[iso3].report(year), now=when)
            )
        for submission in submitted:
            report_publish(user=staff, submission=submission)
        made += len(submitted)
        log(f"  {year}: {len(submitted)} reports published ({time.perf_counter() - begun:.1f} s)")
    return made


def _save(fact: Any, staff: Any, counts: dict[str, int]) -> None:
    from treaty_tracker.sources.services import save_fact

    save_fact(fact, user=staff, reason=REASON)
    name = type(fact).__name__
    counts[name] = counts.get(name, 0) + 1


def build_facts(
    summary: Any, years: range, staff: Any, seed: int, target: int, log: Any
) -> dict[str, int]:
    """``target`` facts entered by ISU staff through ``save_fact``: per theme, for the
    States with that obligation (or, for cooperation, every State Party), one fact per
    State, year and category that the record does not hold yet."""
    from treaty_tracker.clearance.models import ContaminatedArea, LandRelease
    from treaty_tracker.cooperation.models import AssistanceRecord, Direction, Kind, Theme
    from treaty_tracker.rules import FuzzyDate
    from treaty_tracker.states.models import State
    from treaty_tracker.stockpiles.models import (
        Category,
        StockpileDeclaration,
        StockpileDestruction,
    )
    from treaty_tracker.victims.models import Casualties

    rng = random.Random(f"{seed}:facts")
    states = {s.iso3: s for s in State.objects.all()}
    parties = [s for s in summary.states if s.iso3 in set(summary.states_parties)]
    by_article: dict[str, list[str]] = {"3": [], "4": [], "5": []}
    for result in parties:
        for article in result.articles:
            by_article.setdefault(str(article), []).append(result.iso3)
    counts: dict[str, int] = {}

    def room() -> int:
        return target - sum(counts.values())

    # Art. 3: a stockpile discovered in 2010 (so every later destruction is within what
    # was declared), destroyed year by year in two categories.
    taken = set(StockpileDestruction.objects.values_list("state__iso3", "category", "year"))
    categories = [Category.CLUSTER_MUNITIONS, Category.EXPLOSIVE_SUBMUNITIONS]
    for iso3 in by_article["3"] or [p.iso3 for p in parties[:20]]:
        for category in categories:
            if room() <= 0:
                break
            yearly = {y: rng.randint(100, 20_000) for y in years}
            # What the record already says was destroyed counts against the declared too.
            earlier = sum(
                StockpileDestruction.objects.filter(
                    state__iso3=iso3, category=category, quantity__isnull=False
                ).values_list("quantity", flat=True)
            )
            _save(
                StockpileDeclaration(
                    state=states[iso3],
                    category=category,
                    origin=StockpileDeclaration.Origin.DISCOVERED,
                    munition_type="bench stockpile",
                    quantity=earlier + sum(yearly.values()) * 2,
                    as_of=FuzzyDate.exact(date(years.start - 1, 6, 1)),
                ),
                staff,
                counts,
            )
            for year, quantity in yearly.items():
                if (iso3, category.value, year) not in taken and room() > 0:
                    _save(
                        StockpileDestruction(
                            state=states[iso3],
                            category=category,
                            year=year,
                            quantity=quantity,
                            method="open detonation",
                        ),
                        staff,
                        counts,
                    )
    log(f"  Art. 3: {counts}")

    # Art. 4: areas and land released by each method, year by year.
    releases = set(LandRelease.objects.values_list("state__iso3", "year", "method"))
    for iso3 in by_article["4"]:
        for n in range(8):
            if room() > 0:
                _save(
                    ContaminatedArea(
                        state=states[iso3],
                        name=f"Bench area {n + 1}",
                        location=rng.choice(PLACES),
                        size_m2=rng.randint(10_000, 5_000_000),
                        status=ContaminatedArea.AreaStatus.CONFIRMED,
                    ),
                    staff,
                    counts,
                )
        for year in years:
            for method in LandRelease.MethodChoice:
                if (iso3, year, method.value) not in releases and room() > 0:
                    _save(
                        LandRelease(
                            state=states[iso3],
                            year=year,
                            method=method,
                            area_m2=rng.randint(1_000, 400_000),
                            # Cancelled land had no evidence of contamination.
                            submunitions_destroyed=None
                            if method is LandRelease.MethodChoice.CANCELLED
                            else rng.randint(0, 2_000),
                        ),
                        staff,
                        counts,
                    )
    log(f"  Art. 4: {counts}")

    # Art. 5: casualties per year, killed and injured, with a breakdown by sex.
    casualties = set(Casualties.objects.values_list("state__iso3", "year", "outcome"))
    affected = sorted(set(by_article["5"]) | set(by_article["4"]))
    for iso3 in affected:
        for year in years:
            for outcome in (Casualties.OutcomeChoice.KILLED, Casualties.OutcomeChoice.INJURED):
                if (iso3, year, outcome.value) not in casualties and room() > 0:
                    total = rng.randint(0, 150)
                    female = rng.randint(0, total)
                    _save(
                        Casualties(
                            state=states[iso3],
                            year=year,
                            outcome=outcome,
                            total=total,
                            female=female,
                            male=total - female,
                        ),
                        staff,
                        counts,
                    )
    log(f"  Art. 5: {counts}")

    # Art. 6: the rest, assistance provided by donors to affected States and received.
    donors = [p.iso3 for p in parties if p.iso3 not in set(affected)] or [p.iso3 for p in parties]
    recipients = affected or [p.iso3 for p in parties]
    themes = [Theme.CLEARANCE, Theme.VICTIM_ASSISTANCE, Theme.STOCKPILE_DESTRUCTION]
    themes += [Theme.RISK_EDUCATION]
    while room() > 0:
        donor, recipient = rng.choice(donors), rng.choice(recipients)
        provided = rng.random() < 0.7
        _save(
            AssistanceRecord(
                state=states[donor if provided else recipient],
                year=rng.choice(list(years)),
                direction=Direction.PROVIDED if provided else Direction.RECEIVED,
                theme=rng.choice(themes),
                kind=Kind.FINANCIAL,
                counterpart=states[recipient if provided else donor],
                amount=Decimal(rng.randint(5_000, 3_000_000)),
                currency=rng.choice(CURRENCIES),
                description="Bench assistance record",
            ),
            staff,
            counts,
        )
    log(f"  Art. 6: {counts}")
    return counts


def build(
    *,
    seed: int = SEED,
    years: range = range(FIRST_YEAR, LAST_YEAR + 1),
    facts: int = FACTS,
    log: Any = print,
) -> Built:
    """Add the scaled record to the database Django is set up with (which holds the
    reference data already). Returns what it made."""
    from treaty_tracker.states.selectors import register

    begun = time.perf_counter()
    summary = register().summary(date(years.stop - 1, 12, 31))
    parties = sorted(summary.states_parties)
    staff, role_grant = _users()
    log(f"Reports: {len(parties)} States Parties × {len(years)} years…")
    reports = build_reports(parties, years, staff, role_grant, seed, log)
    log(f"Facts: {facts} entered by ISU staff…")
    counts = build_facts(summary, years, staff, seed, facts, log)
    return Built(
        states=len(parties), reports=reports, facts=counts, seconds=time.perf_counter() - begun
    )


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file (SQLite's backup API, not a file copy)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    shutil.move(partial, target)


def build_file(
    out: Path,
    *,
    seed: int = SEED,
    facts: int = FACTS,
    years: range = range(FIRST_YEAR, LAST_YEAR + 1),
    log: Any = print,
) -> Built:
    """The reference data plus the scaled record, in a new SQLite file at ``out``. Runs
    Django in this process (set up here: call it from a process that has not set Django up
    for another database)."""
    with tempfile.TemporaryDirectory(prefix="tt-bench-scale-") as tmp:
        var_dir = Path(tmp)
        harness.django_setup(var_dir, LOG_LEVEL="WARNING")
        from django.core.management import call_command
        from django.db import connection

        log("Loading the reference data…")
        call_command("setup", verbosity=0)
        built = build(seed=seed, facts=facts, years=years, log=log)
        connection.close()
        copy_database(var_dir / "treaty-tracker.sqlite3", out)
    return built


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"({DEFAULT_OUT})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed ({SEED})")
    parser.add_argument("--facts", type=int, default=FACTS, help=f"staff facts ({FACTS})")
    parser.add_argument(
        "--years", type=int, default=LAST_YEAR - FIRST_YEAR + 1, help="reporting years (15)"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    years = range(LAST_YEAR - args.years + 1, LAST_YEAR + 1)
    built = build_file(args.out, seed=args.seed, facts=args.facts, years=years)
    print(
        f"Wrote {args.out}: {built.reports:,} reports of {built.states} States Parties, "
        f"{built.fact_count:,} facts ({built.facts}) in {built.seconds:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
