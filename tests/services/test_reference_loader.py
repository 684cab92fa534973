"""Loading the reference data: all or nothing, every problem located, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest

from treaty_tracker.reference.loader import ReferenceDataError, load
from treaty_tracker.states.models import State, TreatyAction
from treaty_tracker.transparency.models import Report

BROKEN = Path(__file__).resolve().parents[1] / "samples" / "reference-broken"


def test_it_changes_nothing_when_run_again(db: None) -> None:
    outcome = load()
    assert (outcome.created, outcome.updated) == (0, 0)
    assert outcome.unchanged > 500


def test_it_restores_an_unattributed_change_and_keeps_the_history(db: None) -> None:
    """A change with neither user nor reason (a shell ``save()``) is no person's
    correction: the file's value comes back, saying where from (decisions.md, 3)."""
    action = TreatyAction.objects.get(state__iso3="ISL", kind="ratification")
    action.date = "2015-09-30"
    action.save()
    outcome = load()
    assert outcome.updated == 1
    action.refresh_from_db()
    assert action.date.iso() == "2015-08-31"
    assert [h.date.iso() for h in action.history.order_by("history_id")][-2:] == [
        "2015-09-30",
        "2015-08-31",
    ]
    assert action.history.order_by("history_id").last().history_change_reason == (
        "reference data ccm_participants.csv"
    )


def test_it_reports_every_problem_with_its_place_and_writes_nothing(db: None) -> None:
    before = (State.objects.count(), Report.objects.count())
    with pytest.raises(ReferenceDataError) as caught:
        load(BROKEN)
    problems = {(p.file, p.where, p.field) for p in caught.value.problems}
    assert ("ccm_participants.csv", "line 5", "signature_date") in problems
    assert ("broken.yaml", "fact 1 (obligation)", "state") in problems
    assert ("broken.yaml", "fact 2 (obligation)", "article") in problems
    assert ("broken.yaml", "fact 3 (extension)", "months_granted") in problems
    assert ("broken.yaml", "fact 3 (extension)", "submitted") in problems
    assert ("broken.yaml", "fact 4 (report)", "source") in problems
    assert ("broken.yaml", "fact 5 (figure)", "source.ref") in problems
    assert ("broken.yaml", "fact 5 (figure)", "value") in problems
    assert ("broken.yaml", "fact 6 (vote)", "no") in problems
    assert ("broken.yaml", "fact 7 (treaty)", "type") in problems
    assert ("broken.yaml", "fact 8 (extension)", "months_requested") in problems
    assert ("broken.yaml", "fact 8 (extension)", "months_granted") in problems
    assert (State.objects.count(), Report.objects.count()) == before


def test_it_validates_without_writing_on_a_dry_run(db: None) -> None:
    TreatyAction.objects.filter(state__iso3="ISL", kind="ratification").delete()
    outcome = load(dry_run=True)
    assert outcome.created == 1
    assert not TreatyAction.objects.filter(state__iso3="ISL", kind="ratification").exists()
