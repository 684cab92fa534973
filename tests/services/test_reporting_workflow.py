"""The Article 7 workflow through its services: draft, submit, return, amend, publish,
enter on a State's behalf — with the other State's focal point refused at every step."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from tests.factories import minimal_annual_report
from treaty_tracker.rules import ReportKind, ReportStatus, Timeliness
from treaty_tracker.states.selectors import register
from treaty_tracker.transparency.models import Draft, ImmutableError, Report, Submission
from treaty_tracker.transparency.services import (
    ReportInvalid,
    Slot,
    report_draft_save,
    report_draft_start,
    report_enter_on_behalf,
    report_publish,
    report_return,
    report_submit,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "reports"
ICELAND_2025 = Slot("ISL", ReportKind.ANNUAL, 2025)
ON_TIME = datetime(2026, 4, 2, 9, 30, tzinfo=UTC)
LATE = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


def _sample(name: str, *, state: str, year: int) -> dict[str, Any]:
    """A sample report as a first report of ``state`` for ``year``: forms the sample calls
    "unchanged" are given as changed, since this State has no earlier report on record."""
    content = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    content["state"] = state
    content["period"] = {"from": f"{year}-01-01", "to": f"{year}-12-31"}
    content.pop("submitted", None)
    for form in content.get("forms", {}).values():
        if form.get("status") == "unchanged":
            form["status"] = "changed"
            form.pop("unchanged_since", None)
    return content


def _save(
    *, user: User, slot: Slot, content: dict[str, Any], today: date | None = None
) -> tuple[Draft, list[Any]]:
    """Start the slot's draft (a save needs one: it never re-creates a submitted draft),
    then save ``content`` into it."""
    report_draft_start(user=user, slot=slot, today=today)
    return report_draft_save(user=user, slot=slot, content=content, today=today)


def _submit(user: User, slot: Slot = ICELAND_2025, now: datetime = ON_TIME) -> Submission:
    _save(
        user=user,
        slot=slot,
        today=now.date(),
        content=_sample("good-annual.json", state=slot.iso3, year=slot.year or 0),
    )
    return report_submit(user=user, slot=slot, now=now)


def test_it_starts_a_blank_draft_for_the_period_then_keeps_it(fiona: User) -> None:
    draft = report_draft_start(user=fiona, slot=ICELAND_2025, today=date(2026, 1, 5))
    assert draft.content["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert report_draft_start(user=fiona, slot=ICELAND_2025) == draft


def test_it_saves_a_draft_with_errors_and_says_what_they_are(fiona: User) -> None:
    broken = _sample("broken-annual.json", state="ISL", year=2025)
    draft, findings = _save(user=fiona, slot=ICELAND_2025, content=broken)
    assert Draft.objects.get(pk=draft.pk).content == broken  # nothing lost
    assert any(f.severity.value == "error" for f in findings)
    assert all(f.field for f in findings)


def test_it_refuses_to_submit_a_report_with_errors_and_keeps_the_draft(fiona: User) -> None:
    _save(
        user=fiona, slot=ICELAND_2025, content=_sample("broken-annual.json", state="ISL", year=2025)
    )
    with pytest.raises(ReportInvalid) as refused:
        report_submit(user=fiona, slot=ICELAND_2025, now=ON_TIME)
    assert refused.value.findings
    assert not Submission.objects.exists()
    assert Draft.objects.filter(state__iso3="ISL").exists()


def test_it_submits_an_immutable_version_stamped_with_its_date(fiona: User) -> None:
    submission = _submit(fiona)
    assert (submission.number, submission.submitted_at, submission.status) == (
        1,
        ON_TIME,
        Submission.Status.SUBMITTED,
    )
    assert not Draft.objects.filter(state__iso3="ISL").exists()
    submission.content = {"forms": {}}
    with pytest.raises(ImmutableError):
        submission.save()


@pytest.mark.parametrize("step", ["start", "save", "submit"])
def test_it_refuses_another_states_focal_point(fiona: User, felix: User, step: str) -> None:
    if step == "submit":
        _save(
            user=fiona,
            slot=ICELAND_2025,
            content=_sample("good-annual.json", state="ISL", year=2025),
        )
    with pytest.raises(PermissionDenied):
        if step == "start":
            report_draft_start(user=felix, slot=ICELAND_2025)
        elif step == "save":
            report_draft_save(user=felix, slot=ICELAND_2025, content={"forms": {}})
        else:
            report_submit(user=felix, slot=ICELAND_2025, now=ON_TIME)
    assert not Submission.objects.exists()


def test_it_returns_then_takes_an_amendment_as_version_2(fiona: User, isla: User) -> None:
    first = _submit(fiona)
    report_return(user=isla, submission=first, comment="Form B: please give lot numbers.")
    first.refresh_from_db()
    assert (first.status, first.reviewed_by) == (Submission.Status.RETURNED, isla)
    draft = report_draft_start(user=fiona, slot=ICELAND_2025)
    assert draft.content["period"]["from"] == "2025-01-01"
    second = _submit(fiona, now=LATE)
    assert second.number == 2
    assert Submission.objects.filter(state__iso3="ISL").count() == 2


def test_it_publishes_and_the_record_dates_the_report_by_its_first_version(
    fiona: User, isla: User
) -> None:
    _submit(fiona, now=ON_TIME)
    amended = _submit(fiona, now=LATE)
    report_publish(user=isla, submission=amended)
    fact = Report.objects.get(state__iso3="ISL", kind="annual", year=2025)
    assert fact.submitted.iso() == "2026-04-02"
    annual = register().state("ISL", date(2026, 7, 1)).annual_reports
    report = next(r for r in annual if r.year == 2025)
    assert (report.status, report.timeliness) == (ReportStatus.SUBMITTED, Timeliness.ON_TIME)


@pytest.mark.parametrize("persona", ["fiona", "carla", "bob", "alice"])
def test_it_refuses_review_and_publication_to_anyone_but_the_isu(
    request: pytest.FixtureRequest, fiona: User, persona: str
) -> None:
    submission = _submit(fiona)
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        report_publish(user=user, submission=submission)
    with pytest.raises(PermissionDenied):
        report_return(user=user, submission=submission, comment="no")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    assert not Report.objects.filter(state__iso3="ISL", year=2025).exists()


def test_it_lets_the_isu_enter_an_emailed_report_with_its_original(isla: User, fiona: User) -> None:
    slot = Slot("PER", ReportKind.ANNUAL, 2025)
    original = ContentFile(b"%PDF-1.4 report as received", name="peru-2025.pdf")
    submission = report_enter_on_behalf(
        user=isla,
        slot=slot,
        content=_sample("good-annual.json", state="PER", year=2025),
        received=LATE,
        original_file=original,
    )
    assert (submission.on_behalf, submission.submitted_at) == (True, LATE)
    assert submission.original_file.read().startswith(b"%PDF")
    with pytest.raises(PermissionDenied):
        report_enter_on_behalf(user=fiona, slot=slot, received=LATE, content={"forms": {}})


def test_it_carries_the_last_report_forward_as_the_short_form(fiona: User, isla: User) -> None:
    report_publish(user=isla, submission=_submit(fiona))
    draft = report_draft_start(user=fiona, slot=Slot("ISL", ReportKind.ANNUAL, 2026))
    forms = draft.content["forms"]
    assert draft.content["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert {f["status"] for f in forms.values()} <= {"unchanged", "not_applicable"}
    assert all(f.get("unchanged_since") in (None, 2018, 2025) for f in forms.values())


def test_it_refuses_a_year_on_an_initial_report() -> None:
    with pytest.raises(ValueError):
        Slot("ISL", ReportKind.INITIAL, 2025)


def test_it_reports_an_unknown_form_version_instead_of_failing(fiona: User) -> None:
    content = _sample("good-annual.json", state="ISL", year=2025)
    content["form_version"] = "ccm-2099"
    _draft, findings = _save(user=fiona, slot=ICELAND_2025, content=content)
    assert "schema.version" in {f.code for f in findings}


def test_it_keeps_warnings_with_their_params_on_the_version(fiona: User) -> None:
    content = _sample("good-annual.json", state="ISL", year=2025)
    content["forms"]["H"]["data"]["injured"]["total"] = 3  # the breakdown sums to 2
    _save(user=fiona, slot=ICELAND_2025, content=content)
    submission = report_submit(user=fiona, slot=ICELAND_2025, now=ON_TIME)
    kept = {f["code"]: f for f in submission.findings}
    assert kept["disaggregation.sum_mismatch"]["severity"] == "warning"
    assert kept["disaggregation.sum_mismatch"]["params"]["form"] == "H"


def test_it_takes_a_voluntary_report_from_a_signatory(isla: User) -> None:
    from datetime import date as day

    from treaty_tracker.accounts.services import role_grant
    from treaty_tracker.states.models import State

    focal = User.objects.create_user("dina", "dina@example.cd")
    role_grant(
        user=focal,
        kind="focal_point",
        state=State.objects.get(iso3="COD"),
        starts=day(2020, 1, 1),
        granted_by=None,
    )
    slot = Slot("COD", ReportKind.VOLUNTARY, 2025)
    content = minimal_annual_report("COD", 2025) | {"kind": "voluntary"}
    _save(user=focal, slot=slot, content=content)
    submission = report_submit(user=focal, slot=slot, now=ON_TIME)
    report_publish(user=isla, submission=submission)
    congo = register().state("COD", date(2026, 7, 1))
    assert congo.status.value == "signatory"
    assert 2025 in [r.year for r in congo.voluntary_reports]  # beside para 95's report
