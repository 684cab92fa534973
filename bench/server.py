"""Load the production server and count each page's queries.

Run by hand: ``.venv/bin/python bench/server.py`` (``make bench`` runs it). In a temporary
directory it builds a SQLite database with the reference data (``setup``), collects the
static files, and starts gunicorn with ``DEBUG=false`` on a free loopback port. Twenty
client threads then ask for each page as fast as it answers, for 30 s a page, over
loopback only; gunicorn is stopped when the run ends, also on error. Then, in-process, it
counts each page's database queries, adds 200 synthetic States and counts again: a page's
queries must not grow with the number of States. The results replace the ``bench:server``
section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import harness

HOST = "127.0.0.1"  # loopback only: the load never leaves the machine
P95_TARGET = 0.100  # the issue: p95 under 100 ms, zero errors
REQUEST_TIMEOUT = 10.0  # seconds; a request slower than this counts as an error
SYNTHETIC_STATES = 200


@dataclass(frozen=True)
class Page:
    path: str
    label: str
    required: bool = True  # an optional page that answers 404 is reported as absent


# Loaded by 20 clients. The API summary is measured when it exists.
LOADED = [
    Page("/", "dashboard"),
    Page("/states/ISL/", "State profile (Iceland)"),
    Page("/states/LAO/", "State profile (Lao PDR: every obligation)"),
    Page("/stockpiles/", "Art. 3 stockpiles"),
    Page("/clearance/", "Art. 4 clearance"),
    Page("/victim-assistance/", "Art. 5 victim assistance"),
    Page("/cooperation/", "Art. 6 cooperation"),
    Page("/national-measures/", "Art. 9 national measures"),
    Page("/extensions/", "extension requests"),
    Page("/api/v1/summary", "API summary", required=False),
]
# Queries counted, with the reference data and again with synthetic States added.
COUNTED = [
    Page("/", "dashboard"),
    Page("/states/ISL/", "State profile (Iceland)"),
    Page("/states/", "State list"),
    Page("/deadlines/", "deadlines"),
    Page("/states/LAO/", "State profile (Lao PDR: every obligation)"),
    Page("/stockpiles/", "Art. 3 stockpiles"),
    Page("/clearance/", "Art. 4 clearance"),
    Page("/victim-assistance/", "Art. 5 victim assistance"),
    Page("/cooperation/", "Art. 6 cooperation"),
    Page("/cooperation/needs/", "Art. 6 needs and offers"),
    Page("/national-measures/", "Art. 9 national measures"),
    Page("/extensions/", "extension requests"),
    Page("/api/v1/summary", "API summary", required=False),
    Page("/api/v1/states", "API State list", required=False),
    Page("/api/v1/deadlines", "API deadlines", required=False),
]


# -- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def production_env(var_dir: Path) -> dict[str, str]:
    """The settings a deployment sets (docs/deploy.md), pointed at the throwaway files."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": HOST,
        # The benchmark speaks plain HTTP on loopback; a deployment sits behind TLS.
        "SECURE_SSL_REDIRECT": "false",
        "TT_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
    }


class Gunicorn:
    """gunicorn serving ``treaty_tracker.wsgi`` as ``serve`` does with DEBUG off, in its own
    process group so that stopping it stops its workers too."""

    def __init__(
        self, port: int, workers: int, threads: int, env: dict[str, str], log: Path
    ) -> None:
        self.port, self.log = port, log
        executable = Path(sys.executable).parent / "gunicorn"
        # As ``serve`` runs it (access log included), with the worker count asked for.
        self.command = [
            str(executable),
            "treaty_tracker.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
        ]
        if threads > 1:
            self.command += ["--worker-class", "gthread", "--threads", str(threads)]
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            self.command,
            cwd=harness.PROJECT_DIR,
            env={**os.environ, **env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise RuntimeError(f"gunicorn exited with {code}:\n{self.tail()}")
            try:
                status, _ = get(self.port, "/static/nothing-here", timeout=2.0)
            except OSError:
                time.sleep(0.2)
                continue
            if status:
                return
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{self.tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the group this script created
                self.process.wait(timeout=5)
        self._log.close()

    def cpu_seconds(self) -> float | None:
        """CPU time used so far by the master and its live workers (Linux ``/proc``)."""
        try:
            pids = [self.process.pid]
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            pids += [int(pid) for pid in children.read_text().split()]
            ticks = 0
            for pid in pids:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            return None
        return ticks / os.sysconf("SC_CLK_TCK")

    def tail(self, lines: int = 20) -> str:
        self._log.flush()
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def get(port: int, path: str, timeout: float = REQUEST_TIMEOUT) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# -- the load ------------------------------------------------------------------------------


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)  # seconds, every request
    outcomes: Counter[str] = field(default_factory=Counter)  # "200", "500", "TimeoutError"…
    elapsed: float = 0.0
    server_cpu: float | None = None  # seconds of CPU gunicorn used during the load
    client_cpu: float = 0.0  # seconds of CPU this process (the clients) used

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def errors(self) -> int:
        return sum(n for outcome, n in self.outcomes.items() if outcome != "200")


def drive(port: int, path: str, clients: int, duration: float) -> Load:
    """``clients`` threads, each with its own keep-alive connection (gunicorn's sync
    workers close it after each response; ``http.client`` then reconnects), ask for
    ``path`` back to back until ``duration`` seconds have passed. Every thread stops by
    itself: at the deadline, or after one more request of at most REQUEST_TIMEOUT."""
    load = Load()
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = 0.0

    def client() -> None:
        latencies: list[float] = []
        outcomes: Counter[str] = Counter()
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        start.wait()
        clock = time.perf_counter
        while time.monotonic() < deadline:
            begun = clock()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                outcome = str(response.status)
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
                connection.close()
            latencies.append(clock() - begun)
            outcomes[outcome] += 1
        connection.close()
        with lock:
            load.latencies.extend(latencies)
            load.outcomes.update(outcomes)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + duration
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join(timeout=duration + 2 * REQUEST_TIMEOUT)
    load.elapsed = time.perf_counter() - began
    return load


# -- queries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    status: int
    changed: int  # queries on the first request after the record changed
    unchanged: int  # queries while it stays the same (the register is reused)
    changed_seconds: float  # median in-process time of one request, no concurrency
    unchanged_seconds: float


def count_queries(pages: list[Page], repeat: int = 10) -> dict[str, Count]:
    """Each page through Django's test client, in this process, against the same database
    the server used: once just after the record changed (``RecordVersion.bump()``, so the
    register is rebuilt from the database) and once more on the common path. Times are
    medians of 3 and of ``repeat`` requests."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from treaty_tracker.sources.models import RecordVersion

    client = Client(raise_request_exception=False, HTTP_HOST=HOST)

    def measure(path: str) -> tuple[int, int, float]:
        with CaptureQueriesContext(connection) as queries:
            begun = time.perf_counter()
            response = client.get(path)
            seconds = time.perf_counter() - begun
        # Read the count now: the next request clears the log the context slices.
        return response.status_code, len(queries.captured_queries), seconds

    counts = {}
    for page in pages:
        changed = []
        for _ in range(3):
            RecordVersion.bump()
            changed.append(measure(page.path))
        unchanged = [measure(page.path) for _ in range(repeat)]
        counts[page.path] = Count(
            status=unchanged[0][0],
            changed=max(c[1] for c in changed),
            unchanged=max(c[1] for c in unchanged),
            changed_seconds=statistics.median(c[2] for c in changed),
            unchanged_seconds=statistics.median(c[2] for c in unchanged),
        )
    return counts


def add_synthetic_states(count: int) -> int:
    """``count`` made-up States (codes from the user-assigned X-range not already taken),
    each signed and ratified, with an initial report and an Art. 3 obligation, so every
    prefetch ``register()`` makes has rows to fetch. Cited to a source named for this
    script. Returns how many States the record then holds."""
    from django.db import transaction

    from treaty_tracker.obligations.models import Obligation
    from treaty_tracker.rules import FuzzyDate
    from treaty_tracker.sources.models import Source
    from treaty_tracker.states.models import State, TreatyAction
    from treaty_tracker.transparency.models import Report

    taken = set(State.objects.values_list("iso3", flat=True))
    regions = sorted(set(State.objects.values_list("region", flat=True))) or ["Europe"]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = [f"X{a}{b}" for a in letters for b in letters if f"X{a}{b}" not in taken][:count]
    with transaction.atomic():
        source, _ = Source.objects.get_or_create(
            key="bench-synthetic", defaults={"title": "Synthetic States made by bench/server.py"}
        )
        for n, iso3 in enumerate(codes):
            state = State.objects.create(
                iso3=iso3, name=f"Synthetic State {n:03}", region=regions[n % len(regions)]
            )
            signed = date(2008, 12, 3) + timedelta(days=n)
            ratified = date(2010, 1, 1) + timedelta(days=5 * n)
            for kind, day in (
                (TreatyAction.Kind.SIGNATURE, signed),
                (TreatyAction.Kind.RATIFICATION, ratified),
            ):
                TreatyAction.objects.create(
                    state=state, kind=kind, date=FuzzyDate.exact(day), source=source
                )
            Report.objects.create(
                state=state,
                kind=Report.Kind.INITIAL,
                submitted=FuzzyDate.exact(ratified + timedelta(days=300)),
                source=source,
            )
            Obligation.objects.create(
                state=state,
                article=Obligation.Article.STOCKPILE,
                basis=Obligation.BasisChoice.AT_ENTRY_INTO_FORCE,
                source=source,
            )
    return State.objects.count()


# -- the run -------------------------------------------------------------------------------


@dataclass
class Measured:
    page: Page
    preflight: int  # the status of one request before the load
    load: Load | None = None

    @property
    def ok(self) -> bool:
        if self.load is None:
            return not self.page.required and self.preflight == 404
        p95 = harness.percentile(self.load.latencies, 95)
        return self.load.errors == 0 and self.load.requests > 0 and p95 < P95_TARGET


def load_pages(server: Gunicorn, clients: int, duration: float) -> list[Measured]:
    results = []
    for page in LOADED:
        status, _ = get(server.port, page.path)
        measured = Measured(page, status)
        if status == 200:
            for _ in range(10):  # warm up: templates compiled, connections open, caches
                get(server.port, page.path)
            print(f"  {page.path}: {clients} clients for {duration:.0f} s…", flush=True)
            server_before, client_before = server.cpu_seconds(), time.process_time()
            measured.load = load = drive(server.port, page.path, clients, duration)
            server_after = server.cpu_seconds()
            load.client_cpu = time.process_time() - client_before
            if server_before is not None and server_after is not None:
                load.server_cpu = server_after - server_before
        else:
            print(f"  {page.path}: answered {status}, not loaded", flush=True)
        results.append(measured)
    return results


def load_rows(results: list[Measured]) -> list[list[object]]:
    rows: list[list[object]] = []
    for m in results:
        name = f"{m.page.label} `{m.page.path}`"
        if m.load is None:
            why = "absent (404)" if m.preflight == 404 else f"not served ({m.preflight})"
            rows.append([name, why, *[""] * 8, harness.verdict(m.ok)])
            continue
        load = m.load
        errors = ", ".join(f"{n} × {o}" for o, n in load.outcomes.items() if o != "200")
        per_request = max(load.requests, 1)
        server_cpu = "" if load.server_cpu is None else harness.ms(load.server_cpu / per_request)
        rows.append(
            [
                name,
                f"{load.requests:,}",
                errors or "0",
                f"{load.requests / load.elapsed:.1f}",
                harness.ms(harness.percentile(load.latencies, 50)),
                harness.ms(harness.percentile(load.latencies, 95)),
                harness.ms(harness.percentile(load.latencies, 99)),
                harness.ms(max(load.latencies)),
                server_cpu,
                harness.ms(load.client_cpu / per_request),
                harness.verdict(m.ok),
            ]
        )
    return rows


def query_rows(
    before: dict[str, Count], after: dict[str, Count]
) -> tuple[list[list[object]], bool]:
    rows: list[list[object]] = []
    all_ok = True
    for page in COUNTED:
        b, a = before[page.path], after[page.path]
        name = f"{page.label} `{page.path}`"
        if not page.required and b.status == 404 and a.status == 404:
            rows.append([name, "absent (404)", "", "", "", "", ""])
            continue
        served = b.status == 200 and a.status == 200
        ok = served and a.changed <= b.changed and a.unchanged <= b.unchanged
        all_ok = all_ok and ok
        rows.append(
            [
                name,
                "200" if served else f"{b.status} / {a.status}",
                f"{b.changed} → {a.changed}",
                f"{b.unchanged} → {a.unchanged}",
                f"{harness.ms(b.changed_seconds)} → {harness.ms(a.changed_seconds)}",
                f"{harness.ms(b.unchanged_seconds)} → {harness.ms(a.unchanged_seconds)}",
                harness.verdict(ok),
            ]
        )
    return rows, all_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per page (30)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker; above 1, gunicorn's gthread workers (default: sync, as serve)",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the section, leave the docs alone"
    )
    args = parser.parse_args()
    if not 1 <= args.clients <= 100 or not 0 < args.duration <= 300:
        parser.error("keep it bounded: 1 to 100 clients, at most 300 s per page")
    load_before = harness.load_average()

    with tempfile.TemporaryDirectory(prefix="tt-bench-http-") as tmp:
        var_dir = Path(tmp)
        env = production_env(var_dir)
        harness.django_setup(var_dir, **env)
        from django.core.management import call_command

        from treaty_tracker.states.models import State

        print("Loading the reference data into a temporary database…", flush=True)
        call_command("setup", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        states_before = State.objects.count()

        port = free_port()
        print(f"Starting gunicorn ({args.workers} workers) on {HOST}:{port}…", flush=True)
        server = Gunicorn(port, args.workers, args.threads, env, var_dir / "gunicorn.log")
        try:
            server.wait_until_up()
            loaded = load_pages(server, args.clients, args.duration)
        finally:
            server.stop()
        print("Counting queries per page…", flush=True)
        before = count_queries(COUNTED)
        states_after = add_synthetic_states(SYNTHETIC_STATES)
        after = count_queries(COUNTED)
        machine = harness.machine()

    machine.append(harness.load_row(load_before))
    rows, queries_ok = query_rows(before, after)
    workers = f"{args.workers} sync workers"
    if args.threads > 1:
        workers = f"{args.workers} gthread workers of {args.threads} threads"
    load_ok = all(m.ok for m in loaded)
    body = f"""
### Production server: {args.clients} concurrent clients, {args.duration:.0f} s a page

Written by `bench/server.py`.

{harness.table(["", ""], machine)}

gunicorn with {workers} (`DEBUG=false`, static files collected, WhiteNoise, access log
on, as `serve` runs it), the reference data ({states_before} States) in SQLite;
{args.clients} client threads in one Python process on the same machine, over loopback, each
sending its next request as soon as the last one is answered. Latency is from sending the
request to reading the whole response (ms). An error is any answer but 200, or a failed or
timed-out ({REQUEST_TIMEOUT:.0f} s) request. Target: p95 under {P95_TARGET * 1000:.0f} ms and
no errors. "Server CPU" and "client CPU" are the CPU time gunicorn and the clients used
during the load, per request (ms): together they bound the throughput of the 2 cores.

{
        harness.table(
            [
                "page",
                "requests",
                "errors",
                "requests/s",
                "p50",
                "p95",
                "p99",
                "max",
                "server CPU",
                "client CPU",
                "target",
            ],
            load_rows(loaded),
        )
    }

Server target: {harness.verdict(load_ok)}.

**Queries per page**, counted in-process with `CaptureQueriesContext`, on the record as
loaded ({states_before} States) → after adding {states_after - states_before} synthetic
States ({states_after}; each signed and ratified, with an initial report and an Art. 3
obligation). "After a change" is the first request once the record has changed, when a
process rebuilds its register from the database; "otherwise" is every other request, which
reuses it. Times are in-process, one request at a time (median, ms): what a request costs a
worker, without the wait for one.

{
        harness.table(
            [
                "page",
                "status",
                "queries after a change",
                "queries otherwise",
                "ms after a change",
                "ms otherwise",
                "no N+1",
            ],
            rows,
        )
    }

Query target (a page's queries do not grow with the number of States):
{harness.verdict(queries_ok)}.
"""
    if args.no_write:
        print(body)
    else:
        harness.write_section("server", body)
        print(f"Wrote the server section of {harness.REPORT.relative_to(harness.PROJECT_DIR)}")
    for m in loaded:
        if m.load is None:
            print(f"{m.page.path}: not loaded ({m.preflight})")
        else:
            print(
                f"{m.page.path}: {m.load.requests} requests, {m.load.errors} errors, p95 "
                f"{harness.ms(harness.percentile(m.load.latencies, 95))} ms "
                f"({'PASS' if m.ok else 'FAIL'})"
            )
    for page in COUNTED:
        b, a = before[page.path], after[page.path]
        print(f"{page.path}: queries {b.changed}/{b.unchanged} → {a.changed}/{a.unchanged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
