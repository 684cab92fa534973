"""Concurrency tests: real threads, each with its own database connection, against
PostgreSQL (SQLite runs one write transaction at a time, so it cannot show a race or a
deadlock; these tests skip there, saying so, and run in ``.ci/run``'s PostgreSQL pass).

Threads see one another's writes only once committed, so these tests use a transactional
database, which Django empties after each test: the reference data is loaded again before
each test and after the module, as the browser tests do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.db import connection, connections

from treaty_tracker.reference.loader import load

T = TypeVar("T")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    postgres = connections["default"].vendor == "postgresql"
    for item in items:
        if Path(str(item.fspath)).parent == here and not postgres:
            item.add_marker(
                pytest.mark.skip(reason="concurrency is tested against PostgreSQL (DATABASE_URL)")
            )


@pytest.fixture(scope="module")
def _reload_after(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    yield
    # Module teardown runs after the last test's flush: put the session's data back.
    with django_db_blocker.unblock():
        load()


@pytest.fixture
def committed(_reload_after: None, transactional_db: None) -> None:
    """A database whose writes other connections see: the reference data, committed."""
    load()  # idempotent; the previous transactional test flushed the tables


def at_once(count: int, work: Callable[[int], T]) -> list[T | BaseException]:
    """Run ``work(0)`` … ``work(count - 1)`` in ``count`` threads released together, each
    on its own database connection; every result or exception, in order."""
    barrier = threading.Barrier(count)
    results: list[T | BaseException] = [RuntimeError("did not run")] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except BaseException as error:  # noqa: BLE001 - reported to the test
            results[index] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
