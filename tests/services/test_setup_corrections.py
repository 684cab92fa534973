"""A correction by a person wins over the shipped reference data (docs/decisions.md, 3):
``setup`` keeps and reports it, ``--show-conflicts`` lists it, ``--accept-file`` takes the
file's value with who, when and why; facts nobody corrected still follow the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import run_cli
from treaty_tracker.obligations.models import NationalMeasure
from treaty_tracker.reference.loader import DATA_DIR, AcceptError, load
from treaty_tracker.sources.models import StateList
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State, TreatyAction
from treaty_tracker.themes.fact_editor import editors
from treaty_tracker.transparency.models import Report

KEY = "depositary:ISL:ratification"  # Iceland ratified on 2015-08-31 (ccm_participants.csv)
WHY = "The depositary notification C.N.123 gives 30 September"
SETUP = ("setup", "--no-migrate")


def _ratification() -> TreatyAction:
    return TreatyAction.objects.get(reference_key=KEY)


def _correct(user: User, date: str = "2015-09-30") -> TreatyAction:
    action = _ratification()
    action.date = date
    return save_fact(action, user=user, reason=WHY)


def _data_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the reference data where the participants file says ``new`` for ``old``."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "ccm_participants.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def _latest(action: TreatyAction) -> object:
    return action.history.order_by("-history_date", "-history_id").first()


def test_it_keeps_a_staff_correction_and_reports_it(
    alice: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _correct(alice)
    rows = _ratification().history.count()
    code, out, err = run_cli(capsys, *SETUP)
    assert (code, err) == (0, "")
    assert _ratification().date.iso() == "2015-09-30"
    assert _ratification().history.count() == rows  # nothing written over it
    assert "Kept 1 staff correction(s)" in out
    assert "treaty action ISL ratification 2015-09-30" in out
    assert KEY in out and "alice" in out and WHY in out
    assert "date is 2015-09-30" in out and "ccm_participants.csv says date 2015-08-31" in out
    assert "--show-conflicts" in out


def test_it_keeps_a_correction_made_on_the_record_page(
    isla: User, capsys: pytest.CaptureFixture[str]
) -> None:
    measure = NationalMeasure.objects.exclude(reference_key=None).order_by("pk").first()
    assert measure is not None
    editor = next(e for e in editors().values() if e.model is NationalMeasure)
    form = editor.form_class()(instance=measure, user=isla)
    data = {name: form[name].value() for name in form.fields}
    data = {k: v for k, v in data.items() if v is not None}
    data.update({"title": "Cluster Munitions (Prohibition) Act", "reason": "Form A, 2021"})
    client = Client()
    client.force_login(isla)
    response = client.post(f"/record/{editor.key}/{measure.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    code, out, _ = run_cli(capsys, *SETUP)
    assert code == 0
    measure.refresh_from_db()
    assert measure.title == "Cluster Munitions (Prohibition) Act"
    assert "Kept 1 staff correction(s)" in out and "isla" in out and "Form A, 2021" in out


def test_it_lists_each_conflict_with_who_when_why_and_the_file_value(
    alice: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _correct(alice)
    code, out, _ = run_cli(capsys, "setup", "--show-conflicts", "--format", "json")
    assert code == 0
    (conflict,) = json.loads(out)
    assert conflict["key"] == KEY
    assert conflict["file"] == "ccm_participants.csv"
    assert (conflict["by"], conflict["reason"]) == ("alice", WHY)
    assert conflict["at"]
    assert conflict["differences"] == [
        {"field": "date", "staff": "2015-09-30", "file": "2015-08-31"}
    ]
    code, out, _ = run_cli(capsys, "setup", "--show-conflicts")
    assert code == 0
    assert "staff value" in out and KEY in out and "2015-08-31" in out
    assert _ratification().date.iso() == "2015-09-30"  # shown, not written


def test_it_shows_no_conflict_when_staff_and_file_agree(
    alice: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _correct(alice, date="2015-08-31")  # a correction that says what the file says
    code, out, _ = run_cli(capsys, "setup", "--show-conflicts")
    assert code == 0
    assert "No staff correction differs from the reference data." in out


def test_it_takes_the_file_value_when_accepted_with_who_and_why(
    alice: User, bob: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _correct(alice)
    code, out, err = run_cli(
        capsys, *SETUP, "--accept-file", KEY, "--reason", "Checked: it was 31 August", "--by", "bob"
    )
    assert (code, err) == (0, "")
    assert "Took the reference data's value for 1 staff correction(s), by bob" in out
    action = _ratification()
    assert action.date.iso() == "2015-08-31"
    row = _latest(action)
    assert row.history_user == bob
    assert row.history_change_reason == (
        "reference data ccm_participants.csv accepted: Checked: it was 31 August"
    )
    assert load().kept == []


def test_it_follows_the_file_again_after_the_file_value_was_accepted(
    alice: User, bob: User, tmp_path: Path
) -> None:
    _correct(alice)
    load(accept=[KEY], by=bob, reason="Checked")
    outcome = load(_data_with(tmp_path, "ratification,2015-08-31", "ratification,2015-08-30"))
    assert outcome.kept == [] and outcome.updated == 1
    assert _ratification().date.iso() == "2015-08-30"


def test_it_hands_back_to_the_file_a_correction_that_agrees_with_it(
    alice: User, bob: User, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _correct(alice, date="2015-08-31")
    code, out, _ = run_cli(
        capsys, *SETUP, "--accept-file", KEY, "--reason", "The file is right", "--by", "bob"
    )
    assert code == 0 and "same value as the file" in out
    outcome = load(_data_with(tmp_path, "ratification,2015-08-31", "ratification,2015-08-30"))
    assert (outcome.updated, outcome.kept) == (1, [])


def test_it_keeps_a_corrected_bound_report_when_a_dated_one_is_recorded(alice: User) -> None:
    bound = Report.objects.filter(reference_key__startswith="coverage:initial:").first()
    assert bound is not None
    save_fact(bound, user=alice, reason="Confirmed with the State's focal point")
    Report.objects.create(
        state=bound.state, kind="initial", submitted="2011-05-02", entered_by=alice
    )
    load()
    assert Report.objects.filter(pk=bound.pk).exists()


def test_it_writes_nothing_when_accepting_on_a_dry_run(
    alice: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _correct(alice)
    code, out, _ = run_cli(
        capsys, *SETUP, "--dry-run", "--accept-file", KEY, "--reason", "Checked", "--by", "alice"
    )
    assert code == 0 and "Would take the reference data's value" in out
    assert _ratification().date.iso() == "2015-09-30"


def test_it_still_updates_a_fact_nobody_edited_and_says_where_from(
    db: None, tmp_path: Path
) -> None:
    outcome = load(_data_with(tmp_path, "ratification,2015-08-31", "ratification,2015-08-30"))
    assert (outcome.updated, outcome.kept) == (1, [])
    action = _ratification()
    assert action.date.iso() == "2015-08-30"
    row = _latest(action)
    assert row.history_user is None
    assert row.history_change_reason == "reference data ccm_participants.csv"


def test_it_keeps_a_correction_when_the_file_changes_too(alice: User, tmp_path: Path) -> None:
    _correct(alice)
    outcome = load(_data_with(tmp_path, "ratification,2015-08-31", "ratification,2015-08-30"))
    assert outcome.updated == 0
    (kept,) = outcome.kept
    assert (kept.key, kept.by, kept.differences[0].file) == (KEY, "alice", "2015-08-30")
    assert _ratification().date.iso() == "2015-09-30"


def test_it_keeps_a_corrected_list_of_states(alice: User) -> None:
    state_list = StateList.objects.exclude(reference_key=None).exclude(states__iso3="ISL").first()
    assert state_list is not None
    save_fact(state_list, user=alice, reason="Para 6 also names Iceland")
    state_list.states.add(State.objects.get(iso3="ISL"))
    (kept,) = load().kept
    assert kept.differences[0].field == "states" and "ISL" in kept.differences[0].staff
    assert state_list.states.filter(iso3="ISL").exists()


def test_it_keeps_a_state_renamed_in_the_admin(alice: User) -> None:
    iceland = State.objects.get(iso3="ISL")
    iceland.name = "Republic of Iceland"
    iceland._history_user = alice  # as the admin records it
    iceland.save()
    (kept,) = load().kept
    assert kept.key == "state:ISL" and kept.file == "states.csv"
    assert State.objects.get(iso3="ISL").name == "Republic of Iceland"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--accept-file", "depositary:XXX:ratification", "--reason", "r", "--by", "alice"],
            "no fact of the reference data has the key 'depositary:XXX:ratification'",
        ),
        (["--accept-file", KEY, "--by", "alice"], "--accept-file needs --reason"),
        (["--accept-file", KEY, "--reason", "  ", "--by", "alice"], "--accept-file needs --reason"),
        (["--accept-file", KEY, "--reason", "r"], "--accept-file needs --by USERNAME"),
        (["--accept-file", KEY, "--reason", "r", "--by", "nobody"], "no user is called 'nobody'"),
        (["--reason", "r", "--by", "alice"], "--reason and --by go with --accept-file KEY"),
        (["--show-conflicts", "--accept-file", KEY], "choose one"),
    ],
)
def test_it_refuses_bad_input_on_stderr_and_writes_nothing(
    alice: User, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    _correct(alice)
    code, out, err = run_cli(capsys, *SETUP, *argv)
    assert (code, out) == (2, "")
    assert message in err
    assert _ratification().date.iso() == "2015-09-30"


def test_it_refuses_to_accept_a_fact_nobody_corrected(
    alice: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _correct(alice)
    other = "depositary:ISL:signature"
    code, _, err = run_cli(capsys, *SETUP, "--accept-file", other, "--reason", "r", "--by", "alice")
    assert code == 2 and "no staff correction to resolve" in err
    assert _ratification().date.iso() == "2015-09-30"  # and the whole run wrote nothing


def test_it_needs_who_and_why_to_take_the_file_value(alice: User) -> None:
    with pytest.raises(AcceptError, match="needs who does it and a reason"):
        load(accept=[KEY], by=alice, reason=" ")
    with pytest.raises(AcceptError, match="needs who does it and a reason"):
        load(accept=[KEY], by=None, reason="Checked")
    assert _ratification().date.iso() == "2015-08-31"
