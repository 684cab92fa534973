"""Results computed from the whole record are kept once per record version, shared by every
worker (states/caching.py, docs/decisions.md decision 26)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from treaty_tracker.clearance import selectors as clearance
from treaty_tracker.cooperation import selectors as cooperation
from treaty_tracker.obligations import measures_selectors
from treaty_tracker.plans import selectors as plans
from treaty_tracker.plans.models import ActionPlan
from treaty_tracker.reference.loader import load
from treaty_tracker.sources.models import RecordVersion
from treaty_tracker.states.caching import forget_here, per_record_version
from treaty_tracker.states.models import TreatyAction
from treaty_tracker.stockpiles import selectors as stockpiles
from treaty_tracker.support import selectors as support
from treaty_tracker.universalization import selectors as universalization
from treaty_tracker.victims import selectors as victims

DAY = date(2024, 9, 1)

OVERVIEWS: dict[str, Callable[[], Any]] = {
    "stockpiles": lambda: stockpiles.overview(DAY),
    "clearance": lambda: clearance.overview(DAY),
    "victims": lambda: victims.overview(DAY),
    "cooperation": lambda: cooperation.overview(DAY, 2020, 2023),
    "universalization": lambda: universalization.overview(DAY),
    "support": lambda: support.overview(DAY),
    "national measures": lambda: measures_selectors.overview(DAY),
}


def _queries(call: Callable[[], Any]) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, len(queries)


def _entries() -> list[Path]:
    location = Path(settings.CACHES["record"]["LOCATION"])
    return list(location.glob("*.djcache")) if location.exists() else []


def _change_the_record() -> None:
    action = TreatyAction.objects.get(state__iso3="ISL", kind="ratification")
    action.date = "2016-08-31"
    action.save()


@pytest.mark.parametrize("theme", OVERVIEWS)
def test_it_computes_each_overview_once_per_record_version(db: None, theme: str) -> None:
    first, computed = _queries(OVERVIEWS[theme])
    again, reused = _queries(OVERVIEWS[theme])
    assert again is first  # kept in this process's memory
    assert reused == 1 < computed  # the version token alone
    assert len(_entries()) == 1
    forget_here()  # another worker: a copy from the shared cache
    copy, shared = _queries(OVERVIEWS[theme])
    assert copy == first
    assert copy is not first
    assert shared == 1


def test_it_keys_by_arguments(db: None) -> None:
    stockpiles.overview(DAY)
    other, computed = _queries(lambda: stockpiles.overview(date(2019, 1, 1)))
    assert computed > 1
    assert other.as_of == date(2019, 1, 1)
    assert len(_entries()) == 2


def test_it_computes_afresh_after_the_version_moves(db: None) -> None:
    calls: list[int] = []

    @per_record_version
    def count(n: int) -> int:
        calls.append(n)
        return len(calls)

    assert count(1) == count(1) == 1
    RecordVersion.bump()  # a committed change, as seen by every other connection
    assert count(1) == 2
    assert count(1) == 2


def test_it_keeps_nothing_while_the_record_has_uncommitted_changes(db: None) -> None:
    before = stockpiles.overview(DAY)
    assert len(_entries()) == 1
    _change_the_record()
    assert RecordVersion.current() == ""
    mine = stockpiles.overview(DAY)
    _again, recomputed = _queries(lambda: stockpiles.overview(DAY))
    assert recomputed > 1  # computed again (its register alone is reused, per connection)
    assert len(_entries()) == 1  # the committed version's entry only
    assert before.summary.states != mine.summary.states  # its own change, not the cached
    iceland = next(s for s in mine.summary.states if s.iso3 == "ISL")
    assert iceland.entry_into_force is not None
    assert iceland.entry_into_force.iso() == "2017-02-01"


@pytest.fixture
def _reload_after(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    yield
    # Set up before transactional_db, so torn down after its flush: the session's reference
    # data is put back for the tests that follow on this worker.
    with django_db_blocker.unblock():
        load()


@pytest.fixture
def committed(_reload_after: None, transactional_db: None) -> None:
    """Writes that commit (Django empties the tables after the test)."""
    load()


def test_it_gives_a_fresh_overview_after_a_committed_change(committed: None) -> None:
    before = stockpiles.overview(DAY)
    assert stockpiles.overview(DAY) == before
    _change_the_record()  # no transaction around it: committed, the version moves
    assert RecordVersion.current() != ""
    after, computed = _queries(lambda: stockpiles.overview(DAY))
    assert computed > 1
    assert after != before
    iceland = next(s for s in after.summary.states if s.iso3 == "ISL")
    assert iceland.entry_into_force is not None
    assert iceland.entry_into_force.iso() == "2017-02-01"
    assert len(_entries()) == 2


def test_it_computes_each_trend_date_once_for_every_request(db: None) -> None:
    plan = ActionPlan.objects.get(code="LAP")
    first, computed = _queries(lambda: plans.evaluate(plan, DAY))
    dates = {*first.days, DAY}
    kept = len(_entries())
    assert kept == len(dates) + 1  # each date's inputs, and the plan's results
    again, reused = _queries(lambda: plans.evaluate(plan, DAY))
    assert reused == 1 < computed
    assert again == first
    # Another date of the same plan reuses the trend dates' inputs it shares.
    later = plans.evaluate(plan, date(2025, 1, 1))
    new_dates = {*later.days, later.as_of} - dates
    assert first.days[0] in later.days
    assert len(_entries()) == kept + len(new_dates) + 1


def test_it_reads_each_date_s_inputs_from_the_cache(db: None) -> None:
    reader = plans.Reader(["stockpiles", "clearance", "cooperation", "summary"], DAY)
    later = date(2025, 1, 1)
    first = reader.inputs(later)
    again, reused = _queries(
        lambda: plans.Reader(["summary", "cooperation", "clearance", "stockpiles"], DAY).inputs(
            later
        )
    )
    assert reused == 1
    assert again == first == reader.compute(later)


def test_it_answers_the_indicators_api_from_the_cache(db: None, client: Client) -> None:
    first = client.get("/api/v1/indicators?as_of=2024-09-01")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/indicators?as_of=2024-09-01")
    assert again.status_code == first.status_code == 200
    assert again.json() == first.json()
    assert len(queries) <= 3  # the version token (and the session's, if any)
