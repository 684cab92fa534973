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
import json
import math
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
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import harness

HOST = "127.0.0.1"  # loopback only: the load never leaves the machine
P95_TARGET = 0.100  # the issue: p95 under 100 ms, zero errors
REQUEST_TIMEOUT = 10.0  # seconds; a request slower than this counts as an error
SYNTHETIC_STATES = 200
DEFAULT_SCALED = harness.PROJECT_DIR / "var" / "bench" / "scaled.sqlite3"


@dataclass(frozen=True)
class Page:
    path: str
    label: str
    required: bool = True  # an optional page that answers 404 is reported as absent


HELLO = Page("/bench-hello/", "hello world (bench/urls.py)")
# Every public page and API answer, loaded by 20 clients and compared with HELLO.
PAGES = [
    Page("/", "dashboard"),
    Page("/states/", "State list"),
    Page("/states/ISL/", "State profile (Iceland)"),
    Page("/states/LAO/", "State profile (Lao PDR: every obligation)"),
    Page("/themes/", "themes"),
    Page("/deadlines/", "deadlines"),
    Page("/universalization/", "universalization"),
    Page("/stockpiles/", "Art. 3 stockpiles"),
    Page("/clearance/", "Art. 4 clearance"),
    Page("/victim-assistance/", "Art. 5 victim assistance"),
    Page("/cooperation/", "Art. 6 cooperation"),
    Page("/national-measures/", "Art. 9 national measures"),
    Page("/extensions/", "extension requests"),
    Page("/support/", "implementation support"),
    Page("/indicators/", "action plan indicators"),
    Page("/api/v1/summary", "API summary"),
    Page("/api/v1/states", "API State list"),
    Page("/api/v1/indicators", "API indicators"),
    Page("/api/v1/universalization", "API universalization"),
    Page("/api/v1/stockpiles", "API stockpiles"),
    Page("/api/v1/clearance", "API clearance"),
    Page("/api/v1/victim-assistance", "API victim assistance"),
    Page("/api/v1/cooperation", "API cooperation"),
    Page("/api/v1/national-measures", "API national measures"),
    Page("/api/v1/extensions", "API extension requests"),
    Page("/api/v1/support", "API implementation support"),
]
# Queries counted, with the reference data and again with synthetic States added.
COUNTED = [
    *PAGES[:6],
    Page("/stockpiles/", "Art. 3 stockpiles"),
    Page("/clearance/", "Art. 4 clearance"),
    Page("/victim-assistance/", "Art. 5 victim assistance"),
    Page("/cooperation/", "Art. 6 cooperation"),
    Page("/cooperation/needs/", "Art. 6 needs and offers"),
    Page("/national-measures/", "Art. 9 national measures"),
    Page("/extensions/", "extension requests"),
    Page("/api/v1/summary", "API summary"),
    Page("/api/v1/states", "API State list"),
    Page("/api/v1/deadlines", "API deadlines"),
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


def drive(
    port: int, path: str, clients: int, duration: float, timeout: float = REQUEST_TIMEOUT
) -> Load:
    """``clients`` threads, each with its own keep-alive connection (gunicorn's sync
    workers close it after each response; ``http.client`` then reconnects), ask for
    ``path`` back to back until ``duration`` seconds have passed. Every thread stops by
    itself: at the deadline, or after one more request of at most ``timeout`` seconds."""
    load = Load()
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = 0.0

    def client() -> None:
        latencies: list[float] = []
        outcomes: Counter[str] = Counter()
        connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
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
        thread.join(timeout=duration + 2 * timeout)
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


# -- the run ------------------------------------------------------------------------------

RATIO_TARGET = 0.30  # the issue: every page at least 30 % of hello-world throughput
SCALED_TARGET = 2.0  # the issue: at the scaled size, every page within 2x its 1x time
REVIEW_PERIOD = ("2020-09-28", "2025-09-30")  # a five-year review, as the 2MSP-3RC one
REVIEW_FORMATS = ("md", "html", "pdf")
REVIEW_GOALS = {"html": 2.0, "pdf": 10.0}  # seconds, at the scaled size (the issue)
RESULTS_DIR = harness.PROJECT_DIR / "var" / "bench"


def stats(load: Load) -> dict[str, Any]:
    """One load as numbers (seconds), kept in the run's JSON file."""
    per_request = max(load.requests, 1)
    return {
        "requests": load.requests,
        "errors": {o: n for o, n in load.outcomes.items() if o != "200"},
        "rps": load.requests / load.elapsed if load.elapsed else 0.0,
        "p50": harness.percentile(load.latencies, 50),
        "p95": harness.percentile(load.latencies, 95),
        "p99": harness.percentile(load.latencies, 99),
        "max": max(load.latencies, default=math.nan),
        "server_cpu": None if load.server_cpu is None else load.server_cpu / per_request,
    }


def load_one(server: Gunicorn, page: Page, clients: int, duration: float, timeout: float) -> Any:
    """Warm the page up in both workers (a second of 4 clients: templates compiled,
    per-process caches filled), then load it. None when it does not answer 200."""
    try:
        status, body = get(server.port, page.path, timeout=timeout)
    except OSError as error:  # still busy with the last page's queue, or too slow
        print(f"  {page.path}: {type(error).__name__}, not loaded", flush=True)
        return {"status": type(error).__name__}
    if status != 200:
        print(f"  {page.path}: answered {status}, not loaded: {body[:200]!r}", flush=True)
        return {"status": status}
    drive(server.port, page.path, 4, 1.0, timeout)
    print(f"  {page.path}: {clients} clients for {duration:g} s…", flush=True)
    server_before, client_before = server.cpu_seconds(), time.process_time()
    load = drive(server.port, page.path, clients, duration, timeout)
    server_after = server.cpu_seconds()
    load.client_cpu = time.process_time() - client_before
    if server_before is not None and server_after is not None:
        load.server_cpu = server_after - server_before
    return {"status": 200, **stats(load)}


def time_review(var_dir: Path, env: dict[str, str], repeat: int) -> dict[str, float]:
    """``treaty-tracker review`` in each format, each run a new process as a person runs
    it (Python's start included, about 0.7 s): the median wall time, seconds."""
    seconds: dict[str, float] = {}
    start, end = REVIEW_PERIOD
    for fmt in REVIEW_FORMATS:
        runs = []
        for _ in range(repeat):
            out = var_dir / f"review.{fmt}"
            command = [sys.executable, "-m", "treaty_tracker", "review", "--from", start]
            command += ["--to", end, "--format", fmt, "--output", str(out)]
            begun = time.perf_counter()
            subprocess.run(command, cwd=harness.PROJECT_DIR, env={**os.environ, **env}, check=True)
            runs.append(time.perf_counter() - begun)
        seconds[fmt] = statistics.median(runs)
        print(f"  review --format {fmt}: {seconds[fmt]:.2f} s (median of {repeat})", flush=True)
    return seconds


def prepare(dataset: str, var_dir: Path, scaled_db: Path, rebuild: bool) -> None:
    """The database the run measures: the reference data (``setup``) for 1x; for
    ``scaled``, a copy of the file ``bench/scale.py`` writes (built first, in its own
    process, if missing), migrated to the code as it is."""
    from django.core.management import call_command

    if dataset == "1x":
        print("Loading the reference data into a temporary database…", flush=True)
        call_command("setup", verbosity=0)
    else:
        if rebuild or not scaled_db.exists():
            print(f"Building the scaled dataset into {scaled_db} (minutes)…", flush=True)
            script = Path(__file__).with_name("scale.py")
            subprocess.run([sys.executable, str(script), "--out", str(scaled_db)], check=True)
        import scale

        print(f"Copying the scaled dataset from {scaled_db}…", flush=True)
        scale.copy_database(scaled_db, var_dir / "treaty-tracker.sqlite3")
        call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def record_size() -> dict[str, int]:
    from treaty_tracker.sources.models import Sourced
    from treaty_tracker.states.models import State
    from treaty_tracker.transparency.models import Submission

    facts = 0
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, Sourced):
            facts += model.objects.count()
    return {
        "states": State.objects.count(),
        "published_versions": Submission.objects.filter(status="published").count(),
        "facts": facts,
    }


def run(args: argparse.Namespace, dataset: str) -> dict[str, Any]:
    """One dataset: gunicorn loaded page by page, hello world first and last; the review
    in each format; at 1x, the queries each page makes. Returns the results."""
    load_before = harness.load_average()
    timeout = args.timeout or (REQUEST_TIMEOUT if dataset == "1x" else 60.0)
    pages = [p for p in PAGES if not args.only or p.path in args.only]
    with tempfile.TemporaryDirectory(prefix="tt-bench-http-") as tmp:
        var_dir = Path(tmp)
        env = production_env(var_dir)
        # The site plus /bench-hello/ (bench/urls.py), importable by gunicorn and here.
        env["ROOT_URLCONF"] = "bench.urls"
        env["PYTHONPATH"] = str(harness.PROJECT_DIR)
        sys.path.insert(0, str(harness.PROJECT_DIR))
        harness.django_setup(var_dir, **env)
        prepare(dataset, var_dir, args.scaled_db, args.rebuild)
        size = record_size()

        port = free_port()
        print(f"Starting gunicorn ({args.workers} workers) on {HOST}:{port}…", flush=True)
        server = Gunicorn(port, args.workers, args.threads, env, var_dir / "gunicorn.log")
        results: dict[str, Any] = {}
        try:
            server.wait_until_up()
            hello = [load_one(server, HELLO, args.clients, args.duration, timeout)]
            for page in pages:
                results[page.path] = load_one(server, page, args.clients, args.duration, timeout)
            hello.append(load_one(server, HELLO, args.clients, args.duration, timeout))
        finally:
            server.stop()
        review = {} if args.no_review else time_review(var_dir, env, args.review_repeat)
        queries: dict[str, Any] = {}
        if dataset == "1x" and not args.no_queries:
            print("Counting queries per page…", flush=True)
            before = count_queries(COUNTED)
            states_after = add_synthetic_states(SYNTHETIC_STATES)
            after = count_queries(COUNTED)
            queries = {
                "states_after": states_after,
                "before": {path: asdict(c) for path, c in before.items()},
                "after": {path: asdict(c) for path, c in after.items()},
            }
        machine = harness.machine()
    machine.append(harness.load_row(load_before))
    return {
        "dataset": dataset,
        "machine": machine,
        "size": size,
        "settings": {
            "clients": args.clients,
            "duration": args.duration,
            "workers": args.workers,
            "threads": args.threads,
            "timeout": timeout,
        },
        "hello": hello,
        "pages": results,
        "review": review,
        "queries": queries,
    }


# -- the report -----------------------------------------------------------------------------


def hello_rps(run: dict[str, Any]) -> float:
    """The hello-world throughput of a run: the mean of its loads before and after the
    pages (the machine is shared, so the ceiling moves; both are shown)."""
    return statistics.fmean(h["rps"] for h in run["hello"] if h.get("status") == 200)


def _cells(run: dict[str, Any] | None, path: str) -> list[str]:
    if run is None or path not in run["pages"]:
        return ["", "", "", ""]
    m = run["pages"][path]
    if m["status"] != 200:
        return [f"answered {m['status']}", "", "", ""]
    ratio = m["rps"] / hello_rps(run)
    errors = sum(m["errors"].values())
    rps = f"{m['rps']:.1f}" + (f" ({errors:,} errors)" if errors else "")
    return [rps, f"{ratio:.1%}", harness.ms(m["p50"]), harness.ms(m["p95"])]


def _ok_1x(m: dict[str, Any], hello: float) -> bool:
    return (
        m.get("status") == 200
        and not m["errors"]
        and m["rps"] / hello >= RATIO_TARGET
        and m["p95"] < P95_TARGET
    )


def page_rows(one: dict[str, Any] | None, scaled: dict[str, Any] | None) -> list[list[object]]:
    rows: list[list[object]] = []
    for page in PAGES:
        a = one["pages"].get(page.path) if one else None
        b = scaled["pages"].get(page.path) if scaled else None
        growth, verdict_1x, verdict_scaled = "", "", ""
        if a and b and a["status"] == b["status"] == 200:
            if a["server_cpu"] and b["server_cpu"]:
                times = b["server_cpu"] / a["server_cpu"]
                growth = f"×{times:.1f}"
                verdict_scaled = harness.verdict(times <= SCALED_TARGET)
        if one and a:
            verdict_1x = harness.verdict(_ok_1x(a, hello_rps(one)))
        rows.append(
            [
                f"{page.label} `{page.path}`",
                *_cells(one, page.path),
                *_cells(scaled, page.path),
                growth,
                verdict_1x,
                verdict_scaled,
            ]
        )
    return rows


def hello_cell(run: dict[str, Any] | None) -> str:
    if run is None:
        return "not run"
    loads = " and ".join(f"{h['rps']:,.0f}" for h in run["hello"] if h.get("status") == 200)
    return f"{hello_rps(run):,.0f} req/s (first and last load: {loads}; p95 " + (
        f"{harness.ms(max(h['p95'] for h in run['hello']))} ms)"
    )


def review_rows(one: dict[str, Any] | None, scaled: dict[str, Any] | None) -> list[list[object]]:
    rows: list[list[object]] = []
    for fmt in REVIEW_FORMATS:
        a = (one or {}).get("review", {}).get(fmt)
        b = (scaled or {}).get("review", {}).get(fmt)
        goal = REVIEW_GOALS.get("html" if fmt == "md" else fmt)
        rows.append(
            [
                f"`review --format {fmt}`",
                "" if a is None else f"{a:.2f}",
                "" if b is None else f"{b:.2f}",
                "" if a is None or b is None else f"×{b / a:.1f}",
                "" if goal is None else f"under {goal:.0f} s",
                "" if b is None or goal is None else harness.verdict(b < goal),
            ]
        )
    return rows


def query_rows(queries: dict[str, Any]) -> tuple[list[list[object]], bool]:
    rows: list[list[object]] = []
    all_ok = True
    for page in COUNTED:
        b, a = queries["before"][page.path], queries["after"][page.path]
        name = f"{page.label} `{page.path}`"
        served = b["status"] == 200 and a["status"] == 200
        ok = served and a["changed"] <= b["changed"] and a["unchanged"] <= b["unchanged"]
        all_ok = all_ok and ok
        rows.append(
            [
                name,
                "200" if served else f"{b['status']} / {a['status']}",
                f"{b['changed']} → {a['changed']}",
                f"{b['unchanged']} → {a['unchanged']}",
                f"{harness.ms(b['changed_seconds'])} → {harness.ms(a['changed_seconds'])}",
                f"{harness.ms(b['unchanged_seconds'])} → {harness.ms(a['unchanged_seconds'])}",
                harness.verdict(ok),
            ]
        )
    return rows, all_ok


def _run_facts(run: dict[str, Any] | None, name: str) -> str:
    if run is None:
        return f"{name}: not run"
    s, size = run["settings"], run["size"]
    return (
        f"{name}: {size['states']} States, {size['published_versions']:,} published report "
        f"versions, {size['facts']:,} facts; {s['duration']:g} s a page, timeout "
        f"{s['timeout']:g} s; load average {run['machine'][-1][1]}"
    )


def section(one: dict[str, Any] | None, scaled: dict[str, Any] | None) -> str:
    latest = scaled or one
    assert latest is not None
    s = latest["settings"]
    workers = f"{s['workers']} sync workers"
    if s["threads"] > 1:
        workers = f"{s['workers']} gthread workers of {s['threads']} threads"
    machine = [tuple(row) for row in latest["machine"]]
    body = f"""
### Production server: every page against hello world, at 1× and at the scaled size

Written by `bench/server.py` (`--scaled` for the scaled dataset, `--both` for both; each
run keeps its numbers in `var/bench/server-*.json` and the section shows the latest of
each).

{harness.table(["", ""], machine)}

gunicorn with {workers} (`DEBUG=false`, static files collected, WhiteNoise, access log
on, as `serve` runs it) on SQLite; {s["clients"]} client threads in one Python process on
the same machine, over loopback, each sending its next request as soon as the last one is
answered. Each page is warmed up (1 s of 4 clients), then loaded. In the same run,
gunicorn also serves `/bench-hello/` (`bench/urls.py`, selected with `ROOT_URLCONF`): a
view that returns "Hello, world" through the same middleware, loaded first and last.
**The machine has 2 cores shared with other work (see the load average), so absolute
numbers move from run to run; the ratio to hello world in the same run is the number to
compare.** Latency is from sending the request to reading the whole response (ms).

- {_run_facts(one, "1×")}
- {_run_facts(scaled, "scaled")}
- hello world at 1×: {hello_cell(one)}
- hello world scaled: {hello_cell(scaled)}

"ratio" is the page's requests/s over hello world's in the same run (target: at least
{RATIO_TARGET:.0%}, and p95 under {P95_TARGET * 1000:.0f} ms). "scaled/1×" is the server
CPU time per request (gunicorn's master and workers, from `/proc`) at the scaled size over
the same at 1×: unlike latency, it does not count the time a request waited for a worker
or for a core another process held (target: at most ×{SCALED_TARGET:.0f}).

{
        harness.table(
            [
                "page",
                "1× req/s",
                "1× ratio",
                "1× p50",
                "1× p95",
                "scaled req/s",
                "scaled ratio",
                "scaled p50",
                "scaled p95",
                "scaled/1×",
                "1× target",
                "scaled target",
            ],
            page_rows(one, scaled),
        )
    }

**The review**, `treaty-tracker review --from {REVIEW_PERIOD[0]} --to {REVIEW_PERIOD[1]}`,
each run a new process (median wall time, seconds, Python's start included), on the same
database as the load, after it. Goals at the scaled size (the issue): HTML (and Markdown)
under {REVIEW_GOALS["html"]:.0f} s, PDF under {REVIEW_GOALS["pdf"]:.0f} s.

{
        harness.table(
            ["format", "1× (s)", "scaled (s)", "scaled/1×", "goal", "scaled target"],
            review_rows(one, scaled),
        )
    }
"""
    if one and one.get("queries"):
        q = one["queries"]
        states = one["size"]["states"]
        rows, queries_ok = query_rows(q)
        body += f"""
**Queries per page** at 1×, counted in-process with `CaptureQueriesContext`, on the record as
loaded ({states} States) → after adding {q["states_after"] - states} synthetic
States ({q["states_after"]}; each signed and ratified, with an initial report and an Art. 3
obligation). "After a change" is the first request once the record has changed, when a
process rebuilds its register from the database; "otherwise" is every other request, which
reuses it. Times are in-process, one request at a time (median, ms).

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
    return body


def results_path(dataset: str) -> Path:
    return RESULTS_DIR / f"server-{dataset}.json"


def read_results(dataset: str) -> dict[str, Any] | None:
    path = results_path(dataset)
    return json.loads(path.read_text()) if path.exists() else None


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
        "--timeout",
        type=float,
        default=0.0,
        help=f"seconds before a request counts as failed ({REQUEST_TIMEOUT:g}; scaled: 60)",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--scaled", action="store_true", help="the scaled dataset (bench/scale.py)")
    which.add_argument("--both", action="store_true", help="1× then the scaled dataset")
    parser.add_argument(
        "--scaled-db", type=Path, default=DEFAULT_SCALED, help=f"({DEFAULT_SCALED})"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the scaled dataset again")
    parser.add_argument("--only", nargs="*", metavar="PATH", help="load only these pages")
    parser.add_argument("--no-review", action="store_true", help="skip timing the review")
    parser.add_argument("--review-repeat", type=int, default=3, help="runs per format (3)")
    parser.add_argument("--no-queries", action="store_true", help="skip counting queries")
    parser.add_argument(
        "--no-write", action="store_true", help="print the section, leave the docs alone"
    )
    args = parser.parse_args()
    if not 1 <= args.clients <= 100 or not 0 < args.duration <= 300:
        parser.error("keep it bounded: 1 to 100 clients, at most 300 s per page")
    datasets = ["1x", "scaled"] if args.both else ["scaled"] if args.scaled else ["1x"]
    for dataset in datasets:
        if len(datasets) > 1:
            # Django is set up once a process: each dataset runs in a process of its own.
            argv = [a for a in sys.argv[1:] if a != "--both"]
            extra = ["--scaled"] if dataset == "scaled" else []
            subprocess.run([sys.executable, __file__, *argv, *extra], check=True)
            continue
        results = run(args, dataset)
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        results_path(dataset).write_text(json.dumps(results, indent=1, default=str))
        body = section(read_results("1x"), read_results("scaled"))
        if args.no_write:
            print(body)
        else:
            harness.write_section("server", body)
            print(f"Wrote the server section of {harness.REPORT.relative_to(harness.PROJECT_DIR)}")
        for path, m in results["pages"].items():
            if m["status"] == 200:
                ratio = m["rps"] / hello_rps(results)
                print(
                    f"{path}: {m['rps']:.1f} req/s ({ratio:.1%} of hello world), p95 "
                    f"{harness.ms(m['p95'])} ms, errors {m['errors'] or 0}"
                )
            else:
                print(f"{path}: answered {m['status']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
