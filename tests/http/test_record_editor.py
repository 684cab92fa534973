"""Staff enter and correct facts through the fact editor (``/record/``): every problem
shown with its field, nothing half-saved, every change kept with who and why, and only
those who may edit the record get in."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.obligations.models import Obligation
from treaty_tracker.rules import FuzzyDate
from treaty_tracker.sources.models import Source

GOOD_MEETING = {
    "code": "14MSP",
    "kind": "msp",
    "number": "14",
    "name": "Fourteenth Meeting of States Parties",
    "opens": "2026-09",
    "closes": "not known",
    "place": "Geneva",
    "president": "",
    "source": "",
    "paragraph": "",
    "quote": "",
    "note": "",
    "reason": "announced",
}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_lists_every_kind_of_fact_staff_can_edit(isla: User) -> None:
    page = _client(isla).get("/record/").content.decode()
    assert "/record/meetings/" in page
    assert "/record/obligations/" in page


def test_staff_add_a_fact_attributed_to_them(isla: User) -> None:
    response = _client(isla).post("/record/meetings/new/", GOOD_MEETING)
    assert response.status_code == 302
    meeting = Meeting.objects.get(code="14MSP")
    assert meeting.entered_by == isla
    assert meeting.opens == FuzzyDate.parse("2026-09")
    assert meeting.citation == "entered by isla"
    version = meeting.history.get()
    assert (version.history_user, version.history_change_reason) == (isla, "announced")


def test_every_problem_is_shown_by_field_and_nothing_is_saved(isla: User) -> None:
    bad = GOOD_MEETING | {"kind": "party", "number": "-1", "opens": "soon", "name": ""}
    response = _client(isla).post("/record/meetings/new/", bad)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"kind", "number", "opens", "name"}
    assert not Meeting.objects.filter(code="14MSP").exists()
    assert 'href="#id_opens"' in response.content.decode()


def test_a_correction_keeps_the_history_with_the_reason(isla: User) -> None:
    obligation = Obligation.objects.get(state__iso3="PER", article="3")
    client = _client(isla)
    form = client.get(f"/record/obligations/{obligation.pk}/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"completed": "2024-03", "reason": "Peru declared completion"}
    data["source"] = str(obligation.source_id)
    assert client.post(f"/record/obligations/{obligation.pk}/", data).status_code == 302
    obligation.refresh_from_db()
    assert obligation.completed == FuzzyDate.parse("2024-03")
    page = client.get(f"/record/obligations/{obligation.pk}/history/").content.decode()
    assert "Peru declared completion" in page
    assert "isla" in page
    assert "2024-03" in page


def test_a_fact_needs_a_real_source_or_is_attributed(isla: User) -> None:
    data = GOOD_MEETING | {"source": str(Source.objects.order_by("-pk").first().pk + 1000)}
    response = _client(isla).post("/record/meetings/new/", data)
    assert response.status_code == 400
    assert "source" in response.context["form"].errors


def test_others_are_refused_and_write_nothing(fiona: User, bob: User) -> None:
    for user in (fiona, bob):
        assert _client(user).post("/record/meetings/new/", GOOD_MEETING).status_code == 403
    assert Client().post("/record/meetings/new/", GOOD_MEETING).status_code == 302  # sign in
    assert not Meeting.objects.filter(code="14MSP").exists()


def test_an_unknown_kind_of_fact_is_a_404(isla: User) -> None:
    assert _client(isla).get("/record/unicorns/").status_code == 404
