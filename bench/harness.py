"""What the bench scripts share: a throwaway database, machine facts, statistics, and
rewriting one marked section of docs/performance.md.

Run by hand (``make bench``), never by the test suite: the numbers depend on the machine.
"""

from __future__ import annotations

import gc
import math
import os
import platform
import re
import subprocess
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
REPORT = PROJECT_DIR / "docs" / "performance.md"


def django_setup(var_dir: Path, *, database_url: str | None = None, **env: str) -> None:
    """Point settings at ``var_dir`` (its SQLite file and static root) before Django reads
    them, then set Django up. Extra ``env`` values are set first too. ``database_url`` is
    the throwaway database a bench made itself (``bench/writes.py``'s PostgreSQL one);
    without it, the SQLite file in ``var_dir``."""
    os.environ["TT_VAR_DIR"] = str(var_dir)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treaty_tracker.settings")
    if database_url is not None:
        os.environ["DATABASE_URL"] = database_url
    elif "DATABASE_URL" in os.environ:
        # The benches build and fill their own database; never touch a configured one.
        del os.environ["DATABASE_URL"]
    import django

    django.setup()


# -- machine -------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "not known"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "not known"


def _git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not known"
    return f"{head} (with uncommitted changes)" if dirty else head


def machine() -> list[tuple[str, str]]:
    """Facts about where the numbers were taken, read at run time (call after setup)."""
    import sqlite3

    import django
    from django.db import connection

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    database = connection.vendor
    if database == "sqlite":
        database = f"SQLite {sqlite3.sqlite_version} (file in a temporary directory)"
    elif database == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        database = f"PostgreSQL {major}.{minor} (a throwaway database, dropped at the end)"
    return [
        ("Measured", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("Code", _git_revision()),
        ("CPU", f"{_cpu_model()}, {os.cpu_count()} logical cores ({usable} usable)"),
        ("Memory", _memory()),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Django", django.get_version()),
        ("Database", database),
    ]


# -- statistics ----------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``p`` % of values at or
    below it (so p95 of 7,670 dates is the 7,287th fastest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**FAIL**"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# -- the report ----------------------------------------------------------------------------


def write_section(name: str, body: str, path: Path = REPORT) -> None:
    """Replace what lies between ``<!-- bench:NAME:start -->`` and ``<!-- bench:NAME:end -->``
    in docs/performance.md, leaving the rest of the file as it is. A missing section is
    appended at the end."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    block = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text() if path.exists() else "# Performance\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def load_average() -> str:
    """The 1-minute load average: other processes on the machine skew every timing."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "not known"


def load_row(before: str) -> tuple[str, str]:
    return ("Load average (1 min)", f"{before} before, {load_average()} after")


class GcClock:
    """Time spent in the cyclic garbage collector while the context is open: a run of
    frozen dataclasses allocates many objects, and the collector's pauses show as the
    slowest dates."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = [0, 0, 0]
        self._started = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.collections[info["generation"]] += 1

    def __enter__(self) -> GcClock:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)
