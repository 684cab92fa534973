"""Time the rules engine: ``Register.summary(as_of)`` for every day from 2010 to 2030.

Run by hand: ``.venv/bin/python bench/engine.py`` (``make bench`` runs it). It builds a
throwaway SQLite database in a temporary directory, loads the reference data with
``setup``, builds the register once (timed apart), then times one summary per date, alone
and with its JSON rendering. The results replace the ``bench:engine`` section of
docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import harness

from treaty_tracker.rules import Register, Summary, serialize

TARGET_SECONDS = 0.005  # the issue: under 5 ms per date, for all States
FIRST, LAST = date(2010, 1, 1), date(2030, 12, 31)
BUILDS = 20  # register() builds timed, for a stable figure


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass
class Timings:
    """Seconds per date, in date order: wall clock and this thread's CPU time."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def time_dates(
    register: Register, render: Callable[[Summary], object], dates: list[date]
) -> tuple[Timings, Timings]:
    """Time ``register.summary(d)`` and then ``render`` of that summary, date by date, so
    both see the same machine load."""
    wall, cpu = time.perf_counter, time.thread_time
    engine, rendering = Timings(), Timings()
    for day in dates:
        w0, c0 = wall(), cpu()
        summary = register.summary(day)
        w1, c1 = wall(), cpu()
        render(summary)
        w2, c2 = wall(), cpu()
        engine.wall.append(w1 - w0)
        engine.cpu.append(c1 - c0)
        rendering.wall.append(w2 - w1)
        rendering.cpu.append(c2 - c1)
    return engine, rendering


def plus(a: list[float], b: list[float]) -> list[float]:
    return [x + y for x, y in zip(a, b, strict=True)]


def stats_row(label: str, timings: list[float]) -> list[object]:
    p95 = harness.percentile(timings, 95)
    return [
        label,
        len(timings),
        harness.ms(statistics.fmean(timings)),
        harness.ms(harness.percentile(timings, 50)),
        harness.ms(p95),
        harness.ms(max(timings)),
        sum(1 for t in timings if t >= TARGET_SECONDS),
        harness.verdict(p95 < TARGET_SECONDS),
    ]


def hot_spots(register: Register, dates: list[date], limit: int) -> str:
    """The functions a summary spends its own time in, from cProfile over ``dates``; shares
    are of the time inside ``Register.summary``."""
    profile = cProfile.Profile()
    profile.enable()
    for day in dates:
        register.summary(day)
    profile.disable()
    entries = pstats.Stats(profile, stream=io.StringIO()).stats  # {(file, line, name): row}
    total = max(
        (cum for (_f, _l, name), (_cc, _n, _tt, cum, _c) in entries.items() if name == "summary"),
        default=1.0,
    )
    ranked = sorted(entries.items(), key=lambda item: item[1][2], reverse=True)
    rows = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in ranked[:limit]:
        where = Path(filename)
        if filename == "~":
            location = "built-in"
        elif filename.startswith("<"):
            location = "generated (dataclass `__init__`)"
        elif where.is_relative_to(harness.PROJECT_DIR):
            location = f"{where.relative_to(harness.PROJECT_DIR)}:{line}"
        else:
            location = f"{where.name}:{line}"
        rows.append(
            [
                f"`{name}`",
                location,
                f"{calls / len(dates):,.0f}",
                f"{tottime / total:.0%}",
                f"{min(cumtime / total, 1):.0%}",
            ]
        )
    return harness.table(["function", "where", "calls per date", "own time", "with callees"], rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=date.fromisoformat, default=FIRST)
    parser.add_argument("--last", type=date.fromisoformat, default=LAST)
    parser.add_argument(
        "--no-write", action="store_true", help="print the section, leave the docs alone"
    )
    args = parser.parse_args()
    if args.last < args.first:
        parser.error("--last is before --first")
    load_before = harness.load_average()

    with tempfile.TemporaryDirectory(prefix="tt-bench-engine-") as tmp:
        harness.django_setup(Path(tmp))
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from treaty_tracker.states import selectors

        print("Loading the reference data into a temporary database…", flush=True)
        call_command("setup", verbosity=0)

        with CaptureQueriesContext(connection) as queries:
            selectors.register()
        with CaptureQueriesContext(connection) as reuse_queries:
            start = time.perf_counter()
            selectors.register()
            reuse = time.perf_counter() - start
        reads, compiles = [], []
        for _ in range(BUILDS):
            start = time.perf_counter()
            records = selectors.state_records()
            coverage = selectors.coverage()
            read = time.perf_counter()
            Register(selectors.treaty(), records, coverage)
            reads.append(read - start)
            compiles.append(time.perf_counter() - read)
        treaty = selectors.treaty()
        machine = harness.machine()

    states = len(records)
    parties = sum(1 for r in records if r.consent is not None)
    obligations = sum(len(r.obligations) for r in records)
    reports = sum(len(r.reports) for r in records)
    dates = days(args.first, args.last)
    print(f"Timing {len(dates):,} summaries of {states} States…", flush=True)
    # A fresh register, whose cache of recent summaries is empty: each date below is asked
    # once, so every summary is computed. The cold call uses a date outside the range.
    register = Register(treaty, records, coverage)
    start = time.perf_counter()
    register.summary(dates[0] - timedelta(days=1))
    cold = time.perf_counter() - start

    with harness.GcClock() as collector:
        begun = time.perf_counter()
        engine, rendering = time_dates(register, serialize.summary, dates)
        timed = time.perf_counter() - begun
    with_json = Timings(plus(engine.wall, rendering.wall), plus(engine.cpu, rendering.cpu))

    by_year: dict[int, list[float]] = defaultdict(list)
    for day, timing in zip(dates, engine.wall, strict=True):
        by_year[day.year].append(timing)
    year_rows = [
        [
            year,
            harness.ms(statistics.fmean(t)),
            harness.ms(harness.percentile(t, 95)),
            harness.ms(max(t)),
            sum(1 for x in t if x >= TARGET_SECONDS),
        ]
        for year, t in sorted(by_year.items())
    ]
    sample = dates[:: max(1, len(dates) // 400)]
    profile = hot_spots(Register(treaty, records, coverage), sample, limit=12)
    machine.append(harness.load_row(load_before))

    engine_ok = harness.percentile(engine.wall, 95) < TARGET_SECONDS
    json_ok = harness.percentile(with_json.wall, 95) < TARGET_SECONDS
    build = statistics.median(reads) + statistics.median(compiles)
    body = f"""
### Rules engine: one summary per date, {dates[0].year}–{dates[-1].year}

Written by `bench/engine.py`.

{harness.table(["", ""], machine)}

The record: the reference data loaded by `setup`: {states} States ({parties} with consent to
be bound recorded), {obligations} Art. 3/4/5 obligations, {reports} Art. 7 reports.

**Building the register** from the database (`states.selectors.register()` when the
record has changed, {len(queries)} queries; median of {BUILDS} builds): reading the records
{harness.ms(statistics.median(reads))} ms, compiling the `Register` (entry into force, due
dates) {harness.ms(statistics.median(compiles))} ms, {harness.ms(build)} ms in all. While the
record is unchanged, `register()` reuses the process's register: {len(reuse_queries)}
query, {harness.ms(reuse)} ms. The first summary from a new register took {harness.ms(cold)}
ms (not counted below).

**Per date** (ms), every day from {dates[0]} to {dates[-1]}, all {states} States each time.
Each date is asked once, so the register's cache of recent summaries never answers: every
summary is computed. Target: p95 under {TARGET_SECONDS * 1000:.0f} ms. Wall-clock time
decides; the CPU-time rows (this thread only) show what the code costs when other processes
share the cores.

{
        harness.table(
            ["measured", "dates", "mean", "p50", "p95", "max", "dates ≥ 5 ms", "p95 < 5 ms"],
            [
                stats_row("`Register.summary(d)`, wall clock", engine.wall),
                stats_row("`Register.summary(d)`, CPU time", engine.cpu),
                stats_row("… + `rules.serialize.summary`, wall clock", with_json.wall),
                stats_row("… + `rules.serialize.summary`, CPU time", with_json.cpu),
            ],
        )
    }

Engine target: {harness.verdict(engine_ok)} for the summary alone, {harness.verdict(json_ok)}
for the summary with its JSON-shaped rendering.

Of the whole timed run ({timed:.1f} s), Python's cyclic garbage collector took
{collector.seconds:.1f} s ({collector.seconds / timed:.0%}; collections of generations 0, 1
and 2: {", ".join(f"{n:,}" for n in collector.collections)}). Its full collections are the
slowest dates: each walks every live object, the summaries the register keeps among them.

The cost grows with the date: every year each State Party has one more annual report
(Art. 7(2)) to evaluate. `Register.summary(d)`, wall clock, by year of `d` (ms):

<details><summary>By year</summary>

{harness.table(["year", "mean", "p95", "max", "dates ≥ 5 ms"], year_rows)}

</details>

Where a summary spends its time (cProfile over {len(sample)} dates spread over the period;
profiling slows every call, so read the shares, not absolute times):

{profile}
"""
    if args.no_write:
        print(body)
    else:
        harness.write_section("engine", body)
        print(f"Wrote the engine section of {harness.REPORT.relative_to(harness.PROJECT_DIR)}")
    print(
        f"summary: mean {harness.ms(statistics.fmean(engine.wall))} ms, p95 "
        f"{harness.ms(harness.percentile(engine.wall, 95))} ms ({'PASS' if engine_ok else 'FAIL'});"
        f" with JSON: p95 {harness.ms(harness.percentile(with_json.wall, 95))} ms "
        f"({'PASS' if json_ok else 'FAIL'}); register build {harness.ms(build)} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
