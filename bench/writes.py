"""Load the production server with readers and focal points writing at once (issue 9).

Run by hand: ``.venv/bin/python bench/writes.py`` (``make bench`` runs it). It creates a
throwaway PostgreSQL database (``tt_bench_<random>``) on the server ``--database-url``
names, loads the reference data (``setup``), collects the static files, gives six focal
points a password (four States; Iceland has three of them, so three people write one
State's report at once) and starts gunicorn with 5 sync workers and ``DEBUG=false`` on a
free loopback port. Then, for ``--duration`` seconds, 50 client threads read a rotation of
public pages and API endpoints while the six focal points sign in over HTTP and, again and
again, start the 2025 annual report, save it, put Form A's measures in (a JSON upload or
the figures page) and submit it: each submission is a new version, an amendment. After the
run it reads the database: no version may be duplicated, and every version made must be
one a client was told it made. gunicorn is stopped and the database dropped when the run
ends, also on error. The results replace the ``bench:writes`` section of
docs/performance.md; the exit code is 1 when there were errors or duplicates.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import secrets
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import harness
from server import HOST, REQUEST_TIMEOUT, Gunicorn, free_port, get, production_env

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
WORKERS = 5  # the probe: gunicorn with 5 workers
READERS = 50
YEAR = 2025
MAX_CYCLES = 10_000  # per focal point; the duration ends the run long before
MAX_READS = 1_000_000  # per reader, likewise

# Six focal points: three on Iceland's report at once, one each on three other States.
WRITERS = [
    ("fp-isl-1", "ISL"),
    ("fp-isl-2", "ISL"),
    ("fp-isl-3", "ISL"),
    ("fp-irl", "IRL"),
    ("fp-nor", "NOR"),
    ("fp-nzl", "NZL"),
]

# What the 50 readers ask for, in turn (each reader starts at a different place).
PUBLIC = [
    "/",
    "/?as_of=2019-01-01",
    "/states/",
    "/states/?as_of=2015-08-01",
    "/states/ISL/",
    "/states/LAO/?as_of=2020-06-30",
    "/deadlines/",
    "/deadlines/?as_of=2019-01-01",
    "/reporting/",
    "/reports/",
    "/themes/",
    "/stockpiles/",
    "/clearance/",
    "/victim-assistance/",
    "/cooperation/",
    "/national-measures/",
    "/extensions/",
]
API = [
    "/api/v1/summary",
    "/api/v1/summary?as_of=2015-08-01",
    "/api/v1/states",
    "/api/v1/states?as_of=2012-01-01",
    "/api/v1/states/LTU",
    "/api/v1/states/ISL?as_of=2020-06-30",
    "/api/v1/deadlines?as_of=2019-01-01",
    "/api/v1/reports",
    "/api/v1/reporting",
]
FORM_CODES = "ABCDEFGHIJ"  # the short form: each form's status, and its text but for C


def minimal_report(iso3: str, text: str) -> dict[str, Any]:
    """The smallest valid annual report (as ``tests/factories.py``'s): a contact, Form A
    with one law, every other form not applicable; ``text`` on Form A marks this copy."""
    return {
        "form_version": "ccm-2010",
        "kind": "annual",
        "state": iso3,
        "period": {"from": f"{YEAR}-01-01", "to": f"{YEAR}-12-31"},
        "contact": {"organization": "Ministry for Foreign Affairs", "email": "mfa@example.is"},
        "forms": {code: {"status": "not_applicable"} for code in "BCDEFGHIJ"}
        | {
            "A": {
                "status": "changed",
                "text": text,
                "data": {
                    "measures": [
                        {"kind": "legislation", "title": "Act No. 83/2015", "status": "in_force"}
                    ]
                },
            }
        },
    }


def short_form(content: dict[str, Any]) -> dict[str, str]:
    """The draft page's form as a browser posts it for ``content`` (as the concurrency
    tests' ``_form_data``)."""
    contact = content.get("contact") or {}
    data = {
        f"contact-{key}": contact.get(key, "")
        for key in ("organization", "person", "telephone", "fax", "email")
    }
    for code in FORM_CODES:
        form = content["forms"][code]
        data[f"{code}-status"] = form["status"]
        if code != "C":
            data[f"{code}-text"] = form.get("text", "")
    return data


# -- the throwaway database ----------------------------------------------------------------


@contextmanager
def throwaway_database(admin_url: str) -> Iterator[str]:
    """A new, uniquely named database on the server of ``admin_url`` (a database to connect
    to for ``CREATE DATABASE``), yielded as its URL and dropped at the end, also on error.
    Nothing else on that server is touched."""
    import psycopg
    from django.core.exceptions import ImproperlyConfigured
    from psycopg import sql

    name = f"tt_bench_{secrets.token_hex(6)}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlsplit(admin_url)._replace(path=f"/{name}").geturl()
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except ImproperlyConfigured:
            pass  # Django was not set up: this process holds no connection
        with psycopg.connect(admin_url, autocommit=True) as admin:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            admin.execute(drop.format(sql.Identifier(name)))
        print(f"Dropped the database {name}.", flush=True)


# -- a signed-in browser -------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int  # 0 when the request failed (connection refused, reset, timed out)
    location: str  # the path a redirect points to
    body: str
    seconds: float
    failure: str = ""  # the exception's name when the request failed


class Browser:
    """A minimal browser over ``http.client``: keeps cookies (the session, the CSRF token,
    Django's messages), posts forms and files with the CSRF token, as a person would."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies: dict[str, str] = dict(cookies or {})

    def clone(self) -> Browser:
        """A second tab of the same signed-in person."""
        return Browser(self.port, self.cookies)

    def request(
        self, method: str, path: str, body: bytes | None = None, content_type: str = ""
    ) -> Answer:
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        begun = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        except (OSError, http.client.HTTPException) as error:
            return Answer(0, "", "", time.perf_counter() - begun, type(error).__name__)
        finally:
            connection.close()
        seconds = time.perf_counter() - begun
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        location = urlsplit(response.getheader("Location") or "").path
        return Answer(response.status, location, text, seconds)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str]) -> Answer:
        form = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        return self.request(
            "POST", path, urlencode(form).encode(), "application/x-www-form-urlencoded"
        )

    def post_file(self, path: str, name: str, filename: str, payload: bytes) -> Answer:
        """A multipart/form-data POST of one file, as a browser's file input sends it."""
        boundary = "----bench" + secrets.token_hex(12)
        token = self.cookies.get("csrftoken", "")
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
                f"\r\n\r\n{token}\r\n"
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/json\r\n\r\n'
            ).encode()
            + payload
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}")


# -- what each answer means ----------------------------------------------------------------

SUBMISSION = re.compile(r"^/reports/submission/(\d+)/$")
FINDING = re.compile(r'<li data-code="([^"]+)">.*?<span class="code">([^<]*)</span>', re.S)


def _error_findings(body: str) -> list[tuple[str, str]]:
    """The (code, field) of each error the draft page lists."""
    start = body.find("findings__list--error")
    if start < 0:
        return []
    end = body.find("</ul>", start)
    return FINDING.findall(body[start:end])


@dataclass
class Record:
    """Every request of one group: latencies and outcomes, by outcome label."""

    latencies: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    # The first answer of each error label, to show what went wrong (not in the docs).
    samples: dict[str, str] = field(default_factory=dict)

    def add(self, label: str, seconds: float, *, error: bool, sample: str = "") -> None:
        self.latencies.append(seconds)
        self.outcomes[label] += 1
        if error:
            self.errors[label] += 1
            self.samples.setdefault(label, sample)

    def merge(self, other: Record) -> None:
        self.latencies += other.latencies
        self.outcomes.update(other.outcomes)
        self.errors.update(other.errors)
        for label, sample in other.samples.items():
            self.samples.setdefault(label, sample)


def _text(html: str) -> str:
    """A page's main text, briefly: enough to tell why an answer was not the one expected."""
    main = html.split("<main", 1)[-1]
    words = re.sub(r"<[^>]+>", " ", main)
    return " ".join(words.split())[:1500]


def _failed(answer: Answer) -> str:
    return answer.failure or f"{answer.status}"


@dataclass
class Writes:
    """What the focal points saw: requests, and the versions they were told they made."""

    record: Record = field(default_factory=Record)
    made: list[int] = field(default_factory=list)  # pk of each "Submitted as version N"
    already: int = 0  # submits answered "already submitted": a double click, a colleague
    cycles: int = 0
    signed_in: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class FocalPoint:
    """One person: signs in, then starts, saves, fills Form A's measures and submits the
    report again and again. ``shared`` when colleagues write the same State's report at
    the same time: only then may a step find the draft submitted, or restarted, by one of
    them (or, for a double click, by this person's other tab)."""

    def __init__(
        self, port: int, username: str, password: str, iso3: str, *, shared: bool, out: Writes
    ) -> None:
        self.browser = Browser(port)
        self.username, self.password, self.iso3 = username, password, iso3
        self.shared, self.out = shared, out
        self.record = Record()
        self.base = f"/reports/{iso3}/annual/{YEAR}/"
        self.draft = self.base + "draft/"

    def note(self, step: str, answer: Answer, label: str, *, error: bool) -> None:
        sample = f"{self.iso3} {step} {answer.status} {answer.location}\n{_text(answer.body)}"
        self.record.add(f"{step}: {label}", answer.seconds, error=error, sample=sample)

    def sign_in(self) -> bool:
        page = self.browser.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        self.note("sign-in page", page, _failed(page), error=page.status != 200 or not token)
        if page.status != 200 or token is None:
            return False
        data = {"username": self.username, "password": self.password, "next": ""}
        form = urlencode({**data, "csrfmiddlewaretoken": token.group(1)}).encode()
        answer = self.browser.request(
            "POST", "/accounts/login/", form, "application/x-www-form-urlencoded"
        )
        ok = answer.status == 302 and answer.location == "/reports/mine/"
        self.note("sign in", answer, "302 signed in" if ok else _failed(answer), error=not ok)
        return ok

    def race(self, step: str, answer: Answer, *, allowed: bool) -> bool:
        """A draft submitted (or not there) meanwhile: expected only when someone else
        writes at the same time. Returns whether ``answer`` was such a race."""
        label = ""
        if answer.status == 302 and SUBMISSION.match(answer.location):
            label = "302 submitted meanwhile"
        elif answer.status == 302 and answer.location == self.draft:
            label = "302 draft gone meanwhile"
        elif answer.status == 400 and 'name="action" value="start"' in answer.body:
            label = "400 no draft (submitted meanwhile)"
        elif answer.status == 400 and "t-measures-rows" not in answer.body and step == "figures":
            label = "400 no draft (submitted meanwhile)"
        if not label:
            return False
        self.note(step, answer, label if allowed else f"{label}, unexpected", error=not allowed)
        return True

    def step(self, step: str, answer: Answer, ok: bool, label: str) -> None:
        if ok:
            self.note(step, answer, label, error=False)
        elif not self.race(step, answer, allowed=self.shared):
            self.note(step, answer, _failed(answer), error=True)

    def cycle(self, number: int) -> None:
        marker = f"{self.username}, cycle {number}, {secrets.token_hex(4)}"
        answer = self.browser.post(self.draft, {"action": "start"})
        ok = answer.status == 302 and answer.location == self.draft
        self.step("start", answer, ok, "302 started")

        saved = short_form(minimal_report(self.iso3, f"saved: {marker}"))
        answer = self.browser.post(self.draft, {**saved, "action": "save"})
        self.step("save", answer, answer.status == 200, "200 saved")

        # A new draft has no measures in Form A, which the report needs: the short form
        # has no place for them, so they come in by a JSON upload or the figures page.
        if number % 2:
            payload = json.dumps(minimal_report(self.iso3, f"uploaded: {marker}")).encode()
            answer = self.browser.post_file(
                self.base + "upload/", "file", f"{self.iso3}-{YEAR}.json", payload
            )
            self.step("upload", answer, answer.status == 200, "200 uploaded and saved")
        else:
            figures = {
                "t-measures-rows": "1",
                "t-measures-0-kind": "legislation",
                "t-measures-0-title": "Act No. 83/2015",
                "t-measures-0-status": "in_force",
            }
            answer = self.browser.post(self.base + "draft/form/A/", figures)
            self.step("figures", answer, answer.status == 200, "200 Form A saved")

        form = {**short_form(minimal_report(self.iso3, f"submitted: {marker}")), "action": "submit"}
        if number % 4 == 0:
            # A double click: two tabs of this person submit the same form at once.
            tabs = [self.browser, self.browser.clone()]
            answers: list[Answer] = [Answer(0, "", "", 0.0, "NotRun")] * 2

            def send(index: int) -> None:
                answers[index] = tabs[index].post(self.draft, form)

            threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=2 * REQUEST_TIMEOUT + 5)
            for tab, answer in zip(tabs, answers, strict=True):
                self.submitted(tab, answer, double=True)
        else:
            self.submitted(self.browser, self.browser.post(self.draft, form), double=False)

    def submitted(self, tab: Browser, answer: Answer, *, double: bool) -> None:
        """Classify a submit; a 302 to a version is followed, as a browser does, and its
        page says whether this request made it ("Submitted as version N", a success
        message) or found it made ("already submitted", a warning)."""
        allowed = self.shared or double
        match = SUBMISSION.match(answer.location) if answer.status == 302 else None
        if match is None:
            if answer.status == 400 and not self.race("submit", answer, allowed=allowed):
                errors = _error_findings(answer.body)
                # A colleague submitted and started the next version meanwhile: its new
                # draft has no Form A measures yet, so this submit is refused, and saved.
                fresh = errors and all(e == ("schema.required", "A.measures") for e in errors)
                label = "400 a colleague's new draft, no measures yet"
                if fresh and self.shared:
                    self.note("submit", answer, label, error=False)
                else:
                    codes = ", ".join(sorted({code for code, _field in errors}))
                    self.note("submit", answer, f"400 {codes or 'refused'}", error=True)
            elif answer.status != 400 and not self.race("submit", answer, allowed=allowed):
                self.note("submit", answer, _failed(answer), error=True)
            return
        page = tab.get(answer.location)
        self.note("version page", page, _failed(page), error=page.status != 200)
        pk = int(match.group(1))
        if "flash__success" in page.body:
            self.note("submit", answer, "302 version made", error=False)
            with self.out.lock:
                self.out.made.append(pk)
        elif "flash__warning" in page.body:
            label = "302 already submitted"
            self.note(
                "submit", answer, label if allowed else f"{label}, unexpected", error=not allowed
            )
            with self.out.lock:
                self.out.already += 1
        else:
            self.note("submit", answer, "302 without a message", error=True)

    def run(self, start: threading.Barrier, deadline: list[float]) -> None:
        start.wait()
        cycles = 0
        try:
            if self.sign_in():
                with self.out.lock:
                    self.out.signed_in += 1
                while time.monotonic() < deadline[0] and cycles < MAX_CYCLES:
                    cycles += 1
                    self.cycle(cycles)
        finally:
            with self.out.lock:
                self.out.record.merge(self.record)
                self.out.cycles += cycles


def reader(
    port: int,
    index: int,
    start: threading.Barrier,
    deadline: list[float],
    paths: dict[str, Record],
    lock: threading.Lock,
) -> None:
    """One reader: the rotation of public pages and API endpoints, from its own place in
    it, each request sent when the last is answered. An error is any answer but 200."""
    rotation = PUBLIC + API
    mine = {path: Record() for path in rotation}
    browser = Browser(port)
    start.wait()
    count = 0
    while time.monotonic() < deadline[0] and count < MAX_READS:
        path = rotation[(index + count) % len(rotation)]
        count += 1
        answer = browser.get(path)
        browser.cookies.clear()  # a reader keeps no session
        mine[path].add(_failed(answer), answer.seconds, error=answer.status != 200)
    with lock:
        for path, record in mine.items():
            paths[path].merge(record)


# -- after the run: what the database holds ------------------------------------------------


@dataclass
class Integrity:
    versions: int  # Submission rows made during the run
    reports: int  # distinct (State, kind, year) among them
    clashes: int  # (state, kind, year, number) held by more than one row
    told: int  # "Submitted as version N" answers the focal points received
    told_twice: int  # a pk announced as new to two requests
    twins_same_second: int  # pairs: same report, same content, same user, within 1 s
    twins: int  # pairs: same report, same content, at any time, by anyone
    gaps: int  # reports whose numbers are not 1, 2, … n
    drafts: int  # drafts left when the run ended
    per_state: dict[str, int]

    @property
    def duplicates(self) -> int:
        return (
            self.clashes
            + abs(self.versions - self.told)
            + self.told_twice
            + self.twins_same_second
            + self.twins
        )


def integrity(before: int, made: list[int]) -> Integrity:
    from django.db.models import Count

    from treaty_tracker.transparency.models import Draft, Submission

    rows = list(
        Submission.objects.order_by("state__iso3", "kind", "year", "number").values(
            "pk", "state__iso3", "kind", "year", "number", "content", "submitted_by", "submitted_at"
        )
    )
    clashes = (
        Submission.objects.values("state", "kind", "year", "number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    by_report: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_report[(row["state__iso3"], row["kind"], row["year"])].append(row)
    twins = twins_same_second = gaps = 0
    for versions in by_report.values():
        if [v["number"] for v in versions] != list(range(1, len(versions) + 1)):
            gaps += 1
        seen: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for v in versions:
            seen[json.dumps(v["content"], sort_keys=True)].append(v)
        for same in seen.values():
            for i, a in enumerate(same):
                for b in same[i + 1 :]:
                    twins += 1
                    close = abs((a["submitted_at"] - b["submitted_at"]).total_seconds()) < 1
                    if close and a["submitted_by"] == b["submitted_by"]:
                        twins_same_second += 1
    per_state = Counter(row["state__iso3"] for row in rows)
    return Integrity(
        versions=len(rows) - before,
        reports=len(by_report),
        clashes=clashes,
        told=len(made),
        told_twice=len(made) - len(set(made)),
        twins_same_second=twins_same_second,
        twins=twins,
        gaps=gaps,
        drafts=Draft.objects.count(),
        per_state=dict(sorted(per_state.items())),
    )


# -- setup ---------------------------------------------------------------------------------


def focal_points() -> dict[str, str]:
    """The six focal points, each with a password of this run, and a check that the
    report they submit is valid for their State (else every submit would be refused)."""
    from datetime import date

    from django.contrib.auth.models import User

    from treaty_tracker.accounts.services import role_grant
    from treaty_tracker.rules import ReportKind
    from treaty_tracker.rules.reporting import is_blocking
    from treaty_tracker.states.models import State
    from treaty_tracker.transparency.services import Slot, report_findings

    passwords = {}
    for username, iso3 in WRITERS:
        findings = report_findings(
            slot=Slot(iso3, ReportKind.ANNUAL, YEAR), content=minimal_report(iso3, "check")
        )
        if is_blocking(findings):
            raise SystemExit(f"{iso3}: the bench's report has errors: {findings}")
        passwords[username] = secrets.token_urlsafe(18)
        user = User.objects.create_user(username, f"{username}@example.org", passwords[username])
        role_grant(
            user=user,
            kind="focal_point",
            state=State.objects.get(iso3=iso3),
            starts=date(2020, 1, 1),
            granted_by=None,
        )
    return passwords


def preflight(port: int) -> list[str]:
    """Every path of the rotation is asked a few times before the load, to warm the workers
    up. One answering 4xx is a mistake of this script: the run stops. One answering 5xx is
    the application's error: it stays in the rotation, where the load counts it, and is
    returned to be reported."""
    wrong, failing = [], []
    for path in PUBLIC + API:
        status, _body = get(port, path)
        if 500 <= status:
            failing.append(f"{path}: {status}")
        elif status != 200:
            wrong.append(f"{path}: {status}")
        for _ in range(WORKERS):
            get(port, path)
    if wrong:
        raise SystemExit("These paths do not answer 200 before the load:\n" + "\n".join(wrong))
    return failing


@dataclass
class Run:
    paths: dict[str, Record]  # each path the readers asked for
    writes: Writes
    elapsed: float
    server_cpu: float | None
    log: str  # gunicorn's log: access lines and anything logged at WARNING or above

    def group(self, paths: list[str]) -> Record:
        record = Record()
        for path in paths:
            record.merge(self.paths[path])
        return record

    def fives(self) -> int:
        """Answers 500 the clients received during the load (the warm-up's are not
        counted: they are in gunicorn's log, and any path answering 5xx then is in the
        load too)."""
        records = [*self.paths.values(), self.writes.record]
        return sum(
            n
            for record in records
            for label, n in record.outcomes.items()
            if label == "500" or label.endswith(": 500")
        )

    @property
    def public(self) -> Record:
        return self.group(PUBLIC)

    @property
    def api(self) -> Record:
        return self.group(API)


def load(port: int, server: Gunicorn, passwords: dict[str, str], duration: float) -> Run:
    shared = Counter(iso3 for _user, iso3 in WRITERS)
    paths, writes = {path: Record() for path in PUBLIC + API}, Writes()
    lock = threading.Lock()
    start = threading.Barrier(READERS + len(WRITERS) + 1)
    deadline = [0.0]
    threads = [
        threading.Thread(target=reader, args=(port, i, start, deadline, paths, lock), daemon=True)
        for i in range(READERS)
    ]
    for username, iso3 in WRITERS:
        person = FocalPoint(
            port, username, passwords[username], iso3, shared=shared[iso3] > 1, out=writes
        )
        threads.append(threading.Thread(target=person.run, args=(start, deadline), daemon=True))
    for thread in threads:
        thread.start()
    cpu_before = server.cpu_seconds()
    deadline[0] = time.monotonic() + duration
    began = time.perf_counter()
    start.wait()
    # Every loop stops at the deadline; the last requests end within their timeouts.
    for thread in threads:
        thread.join(timeout=max(0.0, deadline[0] - time.monotonic()) + 4 * REQUEST_TIMEOUT)
    elapsed = time.perf_counter() - began
    cpu_after = server.cpu_seconds()
    alive = sum(thread.is_alive() for thread in threads)
    if alive:
        raise RuntimeError(f"{alive} client threads did not stop")
    server_cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return Run(paths, writes, elapsed, server_cpu, "")


# -- the report ----------------------------------------------------------------------------

ACCESS = re.compile(r'^\S+ - \S+ \[[^\]]+\] "(\S+) (\S+) [^"]*" (\d{3}) ')


def server_errors(log: str) -> tuple[int, list[str], list[str]]:
    """From gunicorn's log: the "deadlock detected" count, the requests answered 5xx
    (method, path, status) and every line that is not an access line (tracebacks)."""
    deadlocks = log.count("deadlock detected")
    failed, other = [], []
    for line in log.splitlines():
        match = ACCESS.match(line)
        if match is None:
            other.append(line)
        elif match.group(3).startswith("5"):
            failed.append(" ".join(match.groups()))
    return deadlocks, failed, other


def row(name: str, record: Record, elapsed: float) -> list[object]:
    errors = ", ".join(f"{n} × {label}" for label, n in sorted(record.errors.items()))
    lat = record.latencies
    return [
        name,
        f"{len(lat):,}",
        errors or "0",
        f"{len(lat) / elapsed:.1f}",
        harness.ms(harness.percentile(lat, 50)),
        harness.ms(harness.percentile(lat, 95)),
        harness.ms(harness.percentile(lat, 99)),
        harness.ms(max(lat)) if lat else "",
    ]


def section(
    run: Run,
    check: Integrity,
    machine: list[tuple[str, str]],
    duration: float,
    states: int,
    deadlocks: int,
    fives: int,
) -> str:
    errors = sum(r.errors.total() for r in (run.public, run.api, run.writes.record))
    header = ["group", "requests", "errors", "requests/s", "p50", "p95", "p99", "max"]
    groups = [
        row(f"public pages ({len(PUBLIC)} paths)", run.public, run.elapsed),
        row(f"API ({len(API)} paths)", run.api, run.elapsed),
        row(f"focal-point writes ({len(WRITERS)} people)", run.writes.record, run.elapsed),
    ]
    paths = [row(f"`{p}`", run.paths[p], run.elapsed) for p in PUBLIC + API]
    path_header = ["path", *header[1:]]
    outcomes = [
        [label, f"{n:,}", "error" if label in run.writes.record.errors else "expected"]
        for label, n in sorted(run.writes.record.outcomes.items())
    ]
    states_line = ", ".join(f"{iso3} {n}" for iso3, n in check.per_state.items())
    cpu = "" if run.server_cpu is None else f" gunicorn used {run.server_cpu:.0f} s of CPU;"
    people = Counter(iso3 for _u, iso3 in WRITERS)
    writers = ", ".join(f"{iso3} ({n})" for iso3, n in people.items())
    return f"""
### Reads and writes at once: {READERS} readers and {len(WRITERS)} focal points, PostgreSQL

Written by `bench/writes.py`.

{harness.table(["", ""], machine)}

**Settings.** gunicorn with {WORKERS} sync workers (`DEBUG=false`, `SECURE_SSL_REDIRECT=false`,
static files collected, WhiteNoise, access log on), the reference data ({states} States)
in a throwaway PostgreSQL database; all clients in one Python process on the same machine,
over loopback, for {duration:.0f} s ({run.elapsed:.1f} s until the last request ended;{cpu}
timeout {REQUEST_TIMEOUT:.0f} s a request). **{READERS} readers** each ask for the next path of
a rotation of {len(PUBLIC)} public pages and {len(API)} API endpoints (some with `as_of`) as
soon as the last is answered. **{len(WRITERS)} focal points** ({writers}: one State's report
has three writers at once) sign in over HTTP, then repeat a cycle on the 2025 annual
report: start the draft; save the short form; put Form A's measures in (a JSON upload on
odd cycles, the figures page on even ones: a new draft has none, and the report needs
them); submit; follow the redirect to the version, whose message says whether this
request made it. Every 4th submit is a double click (two tabs of the person, at once).
Each submit carries a text of its own in Form A, so no two submits send the same report.

**Errors.** Readers: any answer but 200 (each path answered 200 before the load), a failed
connection or a timeout. Focal points: any 5xx, failed connection or timeout, and any
answer but the one expected of the step (sign in 302 to `/reports/mine/`, start 302 to the
draft, save 200, upload 200, figures 200, submit 302 to a version, its page 200); except,
where someone else writes the same report at the same moment (a colleague on Iceland, the
other tab of a double click), the answers that say so: 302 to the version or the draft
page when the draft was submitted meanwhile, 400 showing "no draft" when it is gone, 302
"already submitted", and, on Iceland only, a submit refused (400) because a colleague
had already started the next version, whose new draft lacks Form A's measures. Deadlocks:
"deadlock detected" in gunicorn's log, plus every answer 500 during the load.

{harness.table(header, groups)}

<details><summary>Per path, and what the focal points were answered</summary>

{harness.table(path_header, paths)}

{harness.table(["focal-point step: answer", "count", ""], outcomes)}

</details>

**Versions.** {check.versions} versions made of {check.reports} reports
({states_line}) in {run.writes.cycles} cycles; {check.told} submits were answered
"Submitted as version N", {run.writes.already} "already submitted". {check.drafts} drafts
were left open when the run stopped.

**Duplicate versions**, read from the database after the run: the sum of (1) versions
whose (State, kind, year, number) is held by another row ({check.clashes}; a unique
constraint forbids it); (2) the difference between the versions in the database and the
submits answered "Submitted as version N" ({check.versions} − {check.told}); (3) versions
announced as new to two requests ({check.told_twice}); (4) pairs of versions of one report
with identical content, submitted by the same user within one second of each other, as
concurrent requests (a double click) would make them ({check.twins_same_second}); and (5)
pairs of versions of one report with identical content at all ({check.twins}): every
submit sends its own text, so two such versions are one request submitted twice.
Versions numbered other than 1, 2, … n within a report: {check.gaps}.

| check | count | verdict |
|---|---|---|
| errors (all groups) | {errors} | {harness.verdict(errors == 0)} |
| duplicate versions | {check.duplicates} | {harness.verdict(check.duplicates == 0)} |
| numbering gaps | {check.gaps} | {harness.verdict(check.gaps == 0)} |
| deadlocks ("deadlock detected": {deadlocks}, answers 500: {fives}) | {deadlocks + fives} | {
        harness.verdict(deadlocks + fives == 0)
    } |
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (60)")
    parser.add_argument(
        "--database-url",
        default=ADMIN_URL,
        help="the PostgreSQL server, as a URL of a database to connect to for CREATE "
        f"DATABASE; the bench's own database is made there and dropped ({ADMIN_URL})",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the section, leave the docs alone"
    )
    args = parser.parse_args()
    if not 1 <= args.duration <= 300:
        parser.error("keep it bounded: 1 to 300 s")
    load_before = harness.load_average()

    with (
        tempfile.TemporaryDirectory(prefix="tt-bench-writes-") as tmp,
        throwaway_database(args.database_url) as database_url,
    ):
        var_dir = Path(tmp)
        env = production_env(var_dir)
        harness.django_setup(var_dir, database_url=database_url, **env)
        from django.core.management import call_command
        from django.db import connection

        from treaty_tracker.states.models import State
        from treaty_tracker.transparency.models import Submission

        print(f"Loading the reference data into {connection.settings_dict['NAME']}…", flush=True)
        call_command("setup", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        passwords = focal_points()
        states, before = State.objects.count(), Submission.objects.count()
        connection.close()

        port = free_port()
        print(f"Starting gunicorn ({WORKERS} workers) on {HOST}:{port}…", flush=True)
        server_env = {**env, "DATABASE_URL": database_url}
        server = Gunicorn(port, WORKERS, 1, server_env, var_dir / "gunicorn.log")
        try:
            server.wait_until_up()
            failing = preflight(port)
            if failing:
                print("Answered 5xx before the load:", *failing, sep="\n  ", flush=True)
            print(
                f"{READERS} readers and {len(WRITERS)} focal points for {args.duration:.0f} s…",
                flush=True,
            )
            run = load(port, server, passwords, args.duration)
        finally:
            server.stop()
        run.log = server.log.read_text(errors="replace")
        check = integrity(before, run.writes.made)
        machine = harness.machine()
        connection.close()

    machine.append(harness.load_row(load_before))
    deadlocks, failed, other = server_errors(run.log)
    fives = run.fives()
    body = section(run, check, machine, args.duration, states, deadlocks, fives)
    if args.no_write:
        print(body)
    else:
        harness.write_section("writes", body)
        print(f"Wrote the writes section of {harness.REPORT.relative_to(harness.PROJECT_DIR)}")
    errors = sum(r.errors.total() for r in (run.public, run.api, run.writes.record))
    for name, record in (
        ("public", run.public),
        ("API", run.api),
        ("writes", run.writes.record),
    ):
        print(
            f"{name}: {len(record.latencies)} requests, {record.errors.total()} errors "
            f"{dict(record.errors) or ''}, p95 "
            f"{harness.ms(harness.percentile(record.latencies, 95))} ms"
        )
    print(
        f"versions {check.versions} (told {check.told}, already {run.writes.already}), "
        f"duplicates {check.duplicates}, gaps {check.gaps}, deadlocks {deadlocks}, 5xx "
        f"{len(failed)}; signed in {run.writes.signed_in}/{len(WRITERS)}"
    )
    for label, sample in run.writes.record.samples.items():
        print(f"first answer of '{label}':", sample, sep="\n", file=sys.stderr)
    if failed or other:
        print("gunicorn's log, requests answered 5xx:", *failed[:50], sep="\n", file=sys.stderr)
        print("gunicorn's log, other lines:", *other[:300], sep="\n", file=sys.stderr)
    ok = errors == 0 and check.duplicates == 0 and check.gaps == 0 and deadlocks + fives == 0
    ok = ok and run.writes.signed_in == len(WRITERS)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
