"""The register is reused while the record is unchanged and rebuilt after any change."""

from __future__ import annotations

from datetime import date

from treaty_tracker.obligations.models import Obligation
from treaty_tracker.sources.models import Source
from treaty_tracker.states.models import State, TreatyAction
from treaty_tracker.states.selectors import register


def test_it_reuses_the_register_while_nothing_changes(db: None) -> None:
    assert register() is register()


def test_it_rebuilds_after_any_change_to_the_record(db: None) -> None:
    before = register()
    action = TreatyAction.objects.get(state__iso3="ISL", kind="ratification")
    action.date = "2016-08-31"
    action.save()
    after = register()
    assert after is not before
    assert after.state("ISL", date(2020, 1, 1)).entry_into_force.iso() == "2017-02-01"


def test_it_sees_a_new_obligation_and_a_deletion(db: None) -> None:
    source = Source.objects.create(key="test", title="Test source")
    obligation = Obligation.objects.create(
        state=State.objects.get(iso3="ISL"), article="3", source=source, paragraph="1"
    )
    assert register().state("ISL", date(2020, 1, 1)).obligation("3") is not None
    obligation.delete()
    assert register().state("ISL", date(2020, 1, 1)).obligation("3") is None


def test_it_queries_a_fixed_number_of_times(db: None, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    State.objects.get(iso3="ISL").save()  # force a rebuild
    with django_assert_max_num_queries(8):
        register()
    with django_assert_max_num_queries(1):
        register()
