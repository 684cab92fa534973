"""Staff edit the record in the admin; every change keeps who, when, before and after.
Anyone without staff status is refused."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from treaty_tracker.sources.models import Source
from treaty_tracker.universalization.models import Vote


def _vote_form(vote: Vote, **changes: object) -> dict[str, object]:
    form = {
        "year": vote.year,
        "yes": vote.yes,
        "no": vote.no,
        "abstain": vote.abstain,
        "source": vote.source_id or "",
        "paragraph": vote.paragraph,
        "quote": vote.quote,
        "note": vote.note,
    }
    form.update(changes)
    return form


@pytest.fixture
def vote(db: None) -> Vote:
    source = Source.objects.create(key="unga-test", title="UNGA record")
    return Vote.objects.create(year=2031, yes=140, no=1, abstain=39, source=source, paragraph="8")


def test_it_lets_staff_edit_and_keeps_the_change_in_history(
    alice_client: Client, vote: Vote
) -> None:
    url = f"/admin/universalization/vote/{vote.pk}/change/"
    response = alice_client.post(url, _vote_form(vote, yes=141))
    assert response.status_code == 302, response.content[:2000]
    vote.refresh_from_db()
    assert vote.yes == 141
    latest, previous = vote.history.order_by("-history_id")[:2]
    assert (previous.yes, latest.yes) == (140, 141)
    assert latest.history_user.username == "alice"
    page = alice_client.get(f"/admin/universalization/vote/{vote.pk}/history/")
    assert page.status_code == 200
    assert b"alice" in page.content


def test_it_attributes_a_fact_without_a_document_to_the_staff_member(
    alice_client: Client, db: None
) -> None:
    response = alice_client.post(
        "/admin/universalization/vote/add/",
        {
            "year": 2032,
            "yes": 150,
            "no": 1,
            "abstain": 30,
            "source": "",
            "paragraph": "",
            "quote": "",
            "note": "Read from the UN press release",
        },
    )
    assert response.status_code == 302
    assert Vote.objects.get(year=2032).citation == "entered by alice"


def test_it_refuses_bad_input_field_by_field_and_saves_nothing(
    alice_client: Client, vote: Vote
) -> None:
    url = f"/admin/universalization/vote/{vote.pk}/change/"
    response = alice_client.post(url, _vote_form(vote, yes="many", no=-1))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) >= {"yes", "no"}
    vote.refresh_from_db()
    assert (vote.yes, vote.no) == (140, 1)


def test_it_refuses_a_malformed_partial_date(alice_client: Client, db: None) -> None:
    from treaty_tracker.states.models import TreatyAction

    action = TreatyAction.objects.get(state__iso3="ISL", kind="ratification")
    url = f"/admin/states/treatyaction/{action.pk}/change/"
    response = alice_client.post(
        url,
        {
            "state": action.state_id,
            "kind": action.kind,
            "date": "2015-02-30",
            "source": action.source_id,
            "paragraph": "",
            "quote": "",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "date" in response.context["adminform"].form.errors
    action.refresh_from_db()
    assert action.date.iso() == "2015-08-31"


@pytest.mark.parametrize("path", ["/admin/", "/admin/universalization/vote/"])
def test_it_refuses_the_admin_to_bob_and_the_public(
    bob_client: Client, client: Client, path: str
) -> None:
    for who in (bob_client, client):
        response = who.get(path)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_it_refuses_bobs_edit(bob_client: Client, vote: Vote) -> None:
    response = bob_client.post(
        f"/admin/universalization/vote/{vote.pk}/change/", _vote_form(vote, yes=1)
    )
    assert response.status_code == 302
    vote.refresh_from_db()
    assert vote.yes == 140


def test_it_refuses_a_reporting_period_that_ends_before_it_starts(
    alice_client: Client, db: None
) -> None:
    from treaty_tracker.states.models import State
    from treaty_tracker.transparency.models import Report

    response = alice_client.post(
        "/admin/transparency/report/add/",
        {
            "state": State.objects.get(iso3="ISL").pk,
            "kind": "annual",
            "year": 2020,
            "period_start": "2020-12-31",
            "period_end": "2020-01-01",
            "submitted": "2021-04-02",
            "source": "",
            "paragraph": "",
            "quote": "",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "period_end" in response.context["adminform"].form.errors
    assert not Report.objects.filter(state__iso3="ISL", year=2020).exists()


def test_it_saves_a_partly_known_date_entered_by_staff(alice_client: Client, db: None) -> None:
    from treaty_tracker.states.models import State
    from treaty_tracker.transparency.models import Report

    response = alice_client.post(
        "/admin/transparency/report/add/",
        {
            "state": State.objects.get(iso3="ISL").pk,
            "kind": "annual",
            "year": 2020,
            "period_start": "2020-01-01",
            "period_end": "2020-12-31",
            "submitted": "2021-04",
            "source": "",
            "paragraph": "",
            "quote": "",
            "note": "Received by e-mail",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get(state__iso3="ISL", year=2020)
    assert (report.submitted.precision, report.citation) == ("month", "entered by alice")


def test_it_opens_every_admin_list_add_change_and_history_page(
    alice: User, alice_client: Client
) -> None:
    from django.contrib import admin
    from django.test import RequestFactory

    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label in ("auth", "accounts", "axes"):
            # Accounts, roles and sign-in lockouts are the administrators' (superusers'),
            # not the ISU's.
            continue
        base = f"/admin/{meta.app_label}/{meta.model_name}/"
        request = RequestFactory().get(base)
        request.user = alice
        pages = [base]
        if admin.site._registry[model].has_add_permission(request):
            pages.append(base + "add/")
        first = model.objects.order_by("pk").first()
        if first is not None:
            pages += [f"{base}{first.pk}/change/", f"{base}{first.pk}/history/"]
        for page in pages:
            assert alice_client.get(page).status_code == 200, page
