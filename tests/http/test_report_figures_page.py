"""A form's figures entered online: the page generated from the form definition, typed
values saved into the draft, bad values refused with nothing saved, who may open it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import minimal_annual_report
from treaty_tracker.rules import ReportKind
from treaty_tracker.rules.reporting import load_form_definition
from treaty_tracker.transparency.models import Draft
from treaty_tracker.transparency.services import Slot, report_draft_save, report_draft_start
from treaty_tracker.transparency.spreadsheet.layout import field_cells

SLOT = Slot("ISL", ReportKind.ANNUAL, 2025)
DRAFT = "/reports/ISL/annual/2025/draft/"
FORM_B = DRAFT + "form/B/"
FORM_H = DRAFT + "form/H/"
DEFINITION = load_form_definition("ccm-2010")


@pytest.fixture
def draft(fiona: User) -> Draft:
    """ISL's 2025 draft: Form A with one law, every other form not applicable."""
    report_draft_start(user=fiona, slot=SLOT)
    saved, _findings = report_draft_save(
        user=fiona, slot=SLOT, content=minimal_annual_report("ISL", 2025)
    )
    return saved


def _as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _content() -> dict[str, Any]:
    return dict(Draft.objects.get(state__iso3="ISL", kind="annual", year=2025).content)


def _post_b(client: Client, rows: dict[str, str] | None = None, **extra: str) -> Any:
    """Form B as the browser posts it, with three rows offered per table."""
    data = {f"t-{table}-rows": "3" for table in ("stockpile", "destroyed", "discovered")}
    data.update(rows or {})
    data.update(extra)
    return client.post(FORM_B, data)


@pytest.mark.parametrize("code", ["B", "H"])
def test_it_renders_every_field_and_table_of_the_form(fiona: User, draft: Draft, code: str) -> None:
    response = _as(fiona).get(DRAFT + f"form/{code}/")
    assert response.status_code == 200
    page = response.content.decode()
    spec = DEFINITION.form(code)
    assert spec is not None
    for field in spec.fields:
        assert field.label in page
        for key, _label, _breakdown in field_cells(field):
            assert f'name="f-{key}"' in page
    for table in spec.tables:
        assert f"<legend>{table.label}</legend>" in page
        for field in table.fields:
            assert f'name="t-{table.key}-0-{field.key}"' in page
            assert f'aria-label="Row 1, {field.label}"' in page
        # No rows yet: three blank ones.
        assert f'name="t-{table.key}-2-{table.fields[0].key}"' in page
        assert f'name="t-{table.key}-3-' not in page


def test_it_renders_inputs_of_each_type(fiona: User, draft: Draft) -> None:
    page = _as(fiona).get(FORM_B).content.decode()
    assert '<select name="f-programme_status" id="in-f-programme_status">' in page
    assert 'name="f-completed_on" id="in-f-completed_on" type="date"' in page
    assert 'name="t-stockpile-0-munitions"' in page
    assert 'type="number" step="1" min="0"' in page
    h_page = _as(fiona).get(FORM_H).content.decode()
    assert '<select name="f-victims_involved"' in h_page
    assert 'name="f-killed.female.child.civilian"' in h_page
    assert 'aria-label="People killed during the period: Female, Child (under 18), Civilian"' in (
        h_page
    )


def test_the_draft_page_links_each_form_with_figures(fiona: User, draft: Draft) -> None:
    page = _as(fiona).get(DRAFT).content.decode()
    assert "Enter or change the figures" in page
    assert f'href="{FORM_B}"' in page
    assert f'href="{FORM_H}"' in page


def test_it_saves_a_stockpile_row_and_a_destruction_row_typed(fiona: User, draft: Draft) -> None:
    client = _as(fiona)
    response = _post_b(
        client,
        {
            "f-programme_status": "in_progress",
            "t-stockpile-0-type": "M26 rocket",
            "t-stockpile-0-munitions": "1200",
            "t-stockpile-0-submunitions": "772800",
            "t-destroyed-0-type": "M26 rocket",
            "t-destroyed-0-munitions": "500",
            "t-destroyed-0-submunitions": "322000",
            "t-destroyed-0-method": "Open detonation",
        },
    )
    assert response.status_code == 200
    form_b = _content()["forms"]["B"]
    assert form_b["status"] == "changed"  # it was not applicable; it has figures now
    assert form_b["data"] == {
        "programme_status": "in_progress",
        "stockpile": [{"type": "M26 rocket", "munitions": 1200, "submunitions": 772800}],
        "destroyed": [
            {
                "type": "M26 rocket",
                "munitions": 500,
                "submunitions": 322000,
                "method": "Open detonation",
            }
        ],
    }
    assert _content()["forms"]["A"] == minimal_annual_report("ISL", 2025)["forms"]["A"]
    # The form page shows the saved rows, then three blank ones.
    page = client.get(FORM_B).content.decode()
    assert 'name="t-stockpile-0-munitions" id="in-t-stockpile-0-munitions"' in page
    assert 'value="1200"' in page
    assert 'name="t-stockpile-3-type"' in page
    assert 'name="t-stockpile-0-remove"' in page
    assert 'name="t-stockpile-1-remove"' not in page
    # The draft page counts them.
    draft_page = client.get(DRAFT).content.decode()
    assert "Stockpile: 1 rows" in draft_page
    assert "Destroyed during the period: 1 rows" in draft_page


def test_it_ignores_a_row_left_blank(fiona: User, draft: Draft) -> None:
    _post_b(
        _as(fiona),
        {
            "t-stockpile-0-type": "",
            "t-stockpile-0-munitions": " ",
            "t-stockpile-1-type": "BLU-97",
            "t-stockpile-1-munitions": "10",
        },
    )
    assert _content()["forms"]["B"]["data"]["stockpile"] == [{"type": "BLU-97", "munitions": 10}]


def test_it_removes_a_row(fiona: User, draft: Draft) -> None:
    client = _as(fiona)
    _post_b(
        client,
        {
            "t-stockpile-0-type": "M26 rocket",
            "t-stockpile-0-munitions": "1200",
            "t-stockpile-1-type": "BLU-97",
            "t-stockpile-1-munitions": "10",
        },
    )
    _post_b(
        client,
        {
            "t-stockpile-0-type": "M26 rocket",
            "t-stockpile-0-munitions": "1200",
            "t-stockpile-0-remove": "1",
            "t-stockpile-1-type": "BLU-97",
            "t-stockpile-1-munitions": "10",
        },
    )
    assert _content()["forms"]["B"]["data"]["stockpile"] == [{"type": "BLU-97", "munitions": 10}]


def test_it_refuses_a_value_that_is_not_a_number_and_saves_nothing(
    fiona: User, draft: Draft
) -> None:
    before = _content()
    response = _post_b(
        _as(fiona),
        {
            "t-stockpile-0-type": "M26 rocket",
            "t-stockpile-0-munitions": "abc",
            "t-destroyed-0-type": "M26 rocket",
            "t-destroyed-0-munitions": "5",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem: nothing was saved" in page
    assert (
        '<a href="#in-t-stockpile-0-munitions">Stockpile, row 1, Munitions: must be a whole number'
        in page
    )
    # The entered text is kept in its input, its error next to it.
    assert 'id="in-t-stockpile-0-munitions" aria-label="Row 1, Munitions" aria-invalid="true"' in (
        page
    )
    assert 'value="abc"' in page
    assert 'id="in-t-stockpile-0-munitions-error"' in page
    assert 'value="M26 rocket"' in page  # the rest of the input is kept too
    assert _content() == before


def test_a_disaggregated_count_round_trips(fiona: User, draft: Draft) -> None:
    client = _as(fiona)
    response = client.post(
        FORM_H,
        {
            "f-focal_point": "Ministry of Health",
            "f-victims_involved": "yes",
            "f-injured": "2",
            "f-injured.male.adult.civilian": "1",
            "f-injured.male.adult.military": "1",
            "f-survivors": "3",
            "f-survivors.female.unknown": "3",
        },
    )
    assert response.status_code == 200
    form_h = _content()["forms"]["H"]
    assert form_h["status"] == "changed"
    assert form_h["data"] == {
        "focal_point": "Ministry of Health",
        "victims_involved": True,
        "injured": {"total": 2, "by": {"male": {"adult": {"civilian": 1, "military": 1}}}},
        "survivors": {"total": 3, "by": {"female": {"unknown": 3}}},
    }
    page = client.get(FORM_H).content.decode()
    assert 'name="f-injured" id="in-f-injured" type="number" step="1" min="0"' in page
    assert 'id="in-f-injured-male-adult-military"' in page
    assert '<option value="yes" selected>' in page


def test_it_shows_the_warnings_of_the_form_naming_the_field(fiona: User, draft: Draft) -> None:
    response = _as(fiona).post(
        FORM_H,
        {
            "f-focal_point": "Ministry of Health",
            "f-killed": "5",
            "f-killed.female.adult.civilian": "2",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-code="disaggregation.sum_mismatch"' in page
    assert "H.killed" in page
    assert "Back to the draft" in page
    assert _content()["forms"]["H"]["data"]["killed"] == {
        "total": 5,
        "by": {"female": {"adult": {"civilian": 2}}},
    }


def test_it_shows_the_errors_of_the_form_naming_the_field(fiona: User, draft: Draft) -> None:
    """A stockpile row without its munitions: saved (a draft keeps anything), flagged."""
    response = _post_b(
        _as(fiona), {"f-programme_status": "in_progress", "t-stockpile-0-type": "M26 rocket"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-code="schema.required"' in page
    assert "B.stockpile[0].munitions" in page
    assert _content()["forms"]["B"]["data"]["stockpile"] == [{"type": "M26 rocket"}]


def test_it_keeps_the_status_of_a_form_whose_figures_did_not_change(
    fiona: User, draft: Draft
) -> None:
    _as(fiona).post(FORM_H, {})
    assert _content()["forms"]["H"] == {"status": "not_applicable"}


def test_it_refuses_another_states_focal_point(felix: User, draft: Draft) -> None:
    assert _as(felix).get(FORM_B).status_code == 403
    before = _content()
    assert _post_b(_as(felix), {"t-stockpile-0-type": "X"}).status_code == 403
    assert _content() == before


def test_it_sends_a_signed_out_visitor_to_sign_in(draft: Draft) -> None:
    response = _as(None).get(FORM_B)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_is_404_for_a_form_the_report_does_not_have(fiona: User, draft: Draft) -> None:
    assert _as(fiona).get(DRAFT + "form/Z/").status_code == 404


def test_without_a_draft_it_sends_the_focal_point_to_the_draft_page(fiona: User) -> None:
    response = _as(fiona).get(FORM_B)
    assert response.status_code == 200
    assert "There is no draft of this report yet" in response.content.decode()
    posted = _as(fiona).post(FORM_B, {}, follow=True)
    assert posted.redirect_chain == [(DRAFT, 302)]
    assert "There is no draft of this report: nothing was saved." in posted.content.decode()
    assert not Draft.objects.exists()
