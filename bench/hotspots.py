"""Where a page's time goes: cProfile over a few requests, in-process, on a bench database.

Run by hand, e.g. on the scaled dataset (``bench/scale.py``)::

    .venv/bin/python bench/hotspots.py /stockpiles/ /indicators/ /api/v1/indicators

Each page is asked once to warm up (templates, the register), then profiled over
``--repeat`` requests with the record unchanged (the steady state every reader sees). It
prints, per page, the wall time per request, the queries, how many JSON documents were
decoded, and the functions with the most time of their own and with their callees.
Profiling slows every call: read the shares, not the absolute times.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

import harness
import scale
from server import production_env


def _where(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    path = Path(filename)
    try:
        shown = str(path.resolve().relative_to(harness.PROJECT_DIR))
    except ValueError:
        shown = path.name if filename != "~" else "built-in"
    return f"`{name}` {shown}:{line}"


def profile(path: str, repeat: int, top: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=True, HTTP_HOST="127.0.0.1")
    assert client.get(path).status_code == 200, path
    decodes = 0
    original = json.JSONDecoder.decode

    def counting(self: json.JSONDecoder, s: str, *args: object, **kwargs: object) -> object:
        nonlocal decodes
        decodes += 1
        return original(self, s)

    json.JSONDecoder.decode = counting  # type: ignore[method-assign]
    profiler = cProfile.Profile()
    try:
        with CaptureQueriesContext(connection) as queries:
            begun = time.perf_counter()
            profiler.enable()
            for _ in range(repeat):
                client.get(path)
            profiler.disable()
            seconds = (time.perf_counter() - begun) / repeat
    finally:
        json.JSONDecoder.decode = original  # type: ignore[method-assign]
    stats = pstats.Stats(profiler)
    # The whole of the profiled requests (total_tt misses what the profiler spent itself).
    total = max(entry[3] for entry in stats.stats.values())  # type: ignore[attr-defined]
    print(
        f"\n## {path}: {seconds * 1000:.0f} ms a request (profiled), "
        f"{len(queries.captured_queries) / repeat:.0f} queries, "
        f"{decodes / repeat:,.0f} JSON decodes a request"
    )
    rows = stats.stats  # type: ignore[attr-defined]
    for key, label in ((3, "with callees"), (2, "own time")):
        print(f"\n| function ({label}) | calls a request | own | with callees |")
        print("|---|---|---|---|")
        ranked = sorted(rows.items(), key=lambda item: item[1][key], reverse=True)
        if key == 3:  # the project's own functions: the framework's wrap every request
            ranked = [r for r in ranked if "/treaty_tracker/" in r[0][0]]
        for func, (_cc, calls, own, cumulative, _callers) in ranked[:top]:
            print(
                f"| {_where(func)} | {calls / repeat:,.0f} | {own / total:.0%} "
                f"| {cumulative / total:.0%} |"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="pages to profile")
    parser.add_argument("--db", type=Path, default=scale.DEFAULT_OUT, help="SQLite file")
    parser.add_argument("--repeat", type=int, default=3, help="requests profiled (3)")
    parser.add_argument("--top", type=int, default=12, help="functions shown (12)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tt-bench-profile-") as tmp:
        var_dir = Path(tmp)
        # A copy: the run may write (sessions, the record version) and must not touch it.
        shutil.copy(args.db, var_dir / "treaty-tracker.sqlite3")
        harness.django_setup(var_dir, **production_env(var_dir))
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # as DEBUG=false needs
        for path in args.paths:
            profile(path, args.repeat, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
