"""The public pages against the reference data: what a reader sees, bad input, query bounds.

The reference data is loaded once per session (tests/conftest.py). Obligation facts may or
may not be in it yet, so the tests that need them make sure they exist first
(``_ensure_extension``), with ``get_or_create`` so they hold either way.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils.timezone import localdate

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.obligations.models import (
    ExtensionDecision,
    ExtensionRequest,
    NationalMeasure,
    Obligation,
)
from treaty_tracker.rules import FuzzyDate
from treaty_tracker.sources.models import Source, StateList
from treaty_tracker.states.models import State, TreatyAction
from treaty_tracker.transparency.models import Report

pytestmark = pytest.mark.django_db

REVIEW = "2020-09-28"
QUERY_BOUND = 12
# A State's profile adds each theme's section (universalization for a non-party; Art. 3,
# 4, 5, 6, 9), each a fixed few queries whatever the State (35 in all when measured for a
# signatory): the bound catches a query per row, not a few more sections.
PROFILE_QUERY_BOUND = QUERY_BOUND + 36
PAGES = [
    f"/?as_of={REVIEW}",
    f"/states/?as_of={REVIEW}",
    f"/states/ISL/?as_of={REVIEW}",
    f"/deadlines/?as_of={REVIEW}",
]
OVERDUE_2020 = ["Cabo Verde", "Comoros", "Congo", "Guinea", "Madagascar", "Rwanda", "Togo"]


# -- helpers --------------------------------------------------------------------------


def _is_profile(url: str) -> bool:
    return len(url.split("?")[0].strip("/").split("/")) == 2 and url.startswith("/states/")


def _html(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def _count(html: str, key: str) -> int:
    match = re.search(rf'class="count count--{key}"><dt>[^<]+</dt><dd>(\d+)</dd>', html)
    assert match, f"no {key} count on the page"
    return int(match.group(1))


def _codes(html: str) -> set[str]:
    """The ISO3 codes in the list of States' table."""
    return set(re.findall(r'<td><span class="code">([A-Z]{3})</span></td>', html))


def _block(html: str, anchor: str, end: str) -> str:
    start = html.index(anchor)
    return html[start : html.index(end, start)]


def _time(day: str) -> str:
    return f'<time datetime="{day}">'


def _source() -> Source:
    source, _ = Source.objects.get_or_create(
        key="review2020",
        defaults={
            "symbol": "CCM/CONF/2020/13",
            "title": "Review of the operation and status of the Convention, 2015-2020",
        },
    )
    return source


def _meeting_9msp() -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(
        code="9MSP",
        defaults={
            "kind": Meeting.Kind.MSP,
            "number": 9,
            "name": "Ninth Meeting of States Parties",
            "opens": FuzzyDate.parse("2019-09-02"),
            "closes": FuzzyDate.parse("2019-09-04"),
            "place": "Geneva",
            "source": _source(),
        },
    )
    return meeting


def _obligation(iso3: str, article: str) -> Obligation:
    obligation, _ = Obligation.objects.get_or_create(
        state=State.objects.get(iso3=iso3),
        article=article,
        defaults={"source": _source(), "paragraph": "test"},
    )
    return obligation


def _ensure_extension(iso3: str) -> None:
    """Art. 4 for ``iso3`` with the 9MSP's five-year extension, unless the record has it."""
    obligation = _obligation(iso3, "4")
    request, _ = ExtensionRequest.objects.get_or_create(
        obligation=obligation,
        meeting=_meeting_9msp(),
        defaults={
            "months_requested": 60,
            "submitted": FuzzyDate.parse("2019"),
            "source": _source(),
        },
    )
    ExtensionDecision.objects.get_or_create(
        request=request,
        defaults={
            "outcome": ExtensionDecision.Outcome.GRANTED,
            "months_granted": 60,
            "decided": FuzzyDate.parse("2019-09-04"),
            "source": _source(),
        },
    )


# -- the dashboard ----------------------------------------------------------------------


def test_it_counts_parties_signatories_and_in_force_as_of_the_review(client: Client) -> None:
    html = _html(client, f"/?as_of={REVIEW}")
    assert _count(html, "states_parties") == 110
    assert _count(html, "signatories") == 13
    assert _count(html, "in_force_for") == 108
    assert _count(html, "withdrawn") == 0
    assert "110 States Parties" in html


def test_it_names_the_seven_overdue_initial_reports(client: Client) -> None:
    html = _html(client, f"/?as_of={REVIEW}")
    row = _block(html, '<tr class="row--overdue">', "</tr>")
    assert ">7<" in row
    for name in OVERDUE_2020:
        assert f">{name}</a>" in row
    assert row.count("</a>") == 7


def test_it_lists_the_nine_african_signatories_on_the_dashboard(client: Client) -> None:
    html = _html(client, f"/?as_of={REVIEW}")
    row = _block(html, '<th scope="row">Africa</th>', "</tr>")
    assert '<td class="num">9</td>' in row
    assert "Nigeria" in row and "Angola" in row


def test_it_defaults_to_today(client: Client) -> None:
    html = _html(client, "/")
    assert f'value="{localdate().isoformat()}"' in html


def test_it_keeps_the_chosen_date_in_links(client: Client) -> None:
    html = _html(client, f"/?as_of={REVIEW}")
    assert f'href="/states/ISL/?as_of={REVIEW}"' in html
    assert f'href="/deadlines/?as_of={REVIEW}"' in html


def test_it_shows_article_4_deadlines_after_the_9msp_extensions(client: Client) -> None:
    _ensure_extension("DEU")
    _ensure_extension("LAO")
    html = _html(client, "/?as_of=2021-06-01")
    table = _block(html, 'id="art4-title"', "</table>")
    for name in ("Germany", "Lao People"):
        row = _block(table, name, "</tr>")
        assert _time("2025-08-01") in row
        assert "9MSP: Granted" in row


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "field", "message"),
    [
        ("/?as_of=2020-13-45", "as_of", "Enter a date as YYYY-MM-DD"),
        ("/?as_of=yesterday", "as_of", "Enter a date as YYYY-MM-DD"),
        ("/?as_of=2007-12-31", "as_of", "on or after 1 January 2008"),
        ("/states/?as_of=28/09/2020", "as_of", "Enter a date as YYYY-MM-DD"),
        ("/states/?status=ally", "status", "Select a valid choice"),
        ("/states/?region=Antarctica", "region", "Select a valid choice"),
        ("/states/?obligation=9", "obligation", "Select a valid choice"),
        ("/states/ISL/?as_of=2007-12-31", "as_of", "on or after 1 January 2008"),
        ("/deadlines/?within=-1", "within", "Enter zero or more days"),
        ("/deadlines/?within=a+year", "within", "Enter a whole number of days"),
        ("/deadlines/?as_of=9999-12-31", "as_of", "on or before 31 December 2100"),
    ],
)
def test_it_rejects_bad_input_with_a_message_by_the_field(
    client: Client, url: str, field: str, message: str
) -> None:
    html = _html(client, url, status=400)
    error = _block(html, f'id="id_{field}_error"', "\n")
    assert message in error
    assert "There is a problem with the query" in html
    assert re.search(rf'<input[^>]*name="{field}"[^>]*aria-invalid="true"', html) or re.search(
        rf'<select[^>]*name="{field}"[^>]*aria-invalid="true"', html
    )


# -- the list of States ---------------------------------------------------------------------


def test_it_filters_the_african_signatories(client: Client) -> None:
    html = _html(client, f"/states/?as_of={REVIEW}&region=Africa&status=signatory")
    assert _codes(html) == {"AGO", "CAF", "COD", "DJI", "KEN", "LBR", "NGA", "UGA", "TZA"}


def test_it_lists_participants_by_default_and_everyone_on_request(client: Client) -> None:
    participants = _codes(_html(client, f"/states/?as_of={REVIEW}"))
    assert "ISL" in participants and "DZA" not in participants
    assert len(participants) == 123  # 110 States Parties + 13 signatories
    everyone = _codes(_html(client, f"/states/?as_of={REVIEW}&status=all"))
    assert "DZA" in everyone and len(everyone) == State.objects.count()


def test_it_filters_by_obligation(client: Client) -> None:
    _ensure_extension("DEU")
    html = _html(client, f"/states/?as_of={REVIEW}&obligation=4")
    assert "DEU" in _codes(html)
    assert "ISL" not in _codes(html)


def test_it_shows_withdrawn_states_with_their_status(client: Client) -> None:
    html = _html(client, "/states/?as_of=2025-06-01&status=withdrawn")
    assert _codes(html) == {"LTU"}
    assert "status--withdrawn" in html


# -- a State's profile -----------------------------------------------------------------------


def test_it_shows_icelands_entry_into_force_computed_by_article_17(client: Client) -> None:
    html = _html(client, f"/states/ISL/?as_of={REVIEW}")
    row = _block(html, "Entry into force for the State", "</tr>")
    assert f"{_time('2016-02-01')}1 February 2016</time>" in row
    assert "computed: Art. 17" in row
    assert "Consent to be bound: Ratification" in html
    assert "31 August 2015" in html


def test_it_shows_an_undated_submission_as_a_bound(client: Client) -> None:
    # Para 94 says who had reported by the review, not when: the record keeps "by 2020-09-28"
    # for each State without a dated report (reference keys "coverage:initial:<ISO3>").
    undated = Report.objects.filter(kind="initial", reference_key__startswith="coverage:")
    report = undated.select_related("state").first()
    assert report is not None, "the reference data records para 94's submitters"
    html = _html(client, f"/states/{report.state.iso3}/?as_of={REVIEW}")
    row = _block(html, '<th scope="row">Initial report</th>', "</tr>")
    assert "Submitted" in row
    assert "date not known, by" in row and "28 September 2020" in row
    assert "CCM/CONF/2020/13 para 94" in row


def test_it_never_calls_an_unrecorded_annual_report_overdue(client: Client) -> None:
    html = _html(client, f"/states/ISL/?as_of={REVIEW}")
    annual = _block(html, "Annual reports (Art. 7(2))", "</table>")
    assert "Not known" in annual
    assert "Overdue" not in annual


def test_it_names_an_overdue_initial_report_on_the_profile(client: Client) -> None:
    html = _html(client, f"/states/CPV/?as_of={REVIEW}")
    row = _block(html, '<th scope="row">Initial report</th>', "</tr>")
    assert "Overdue" in row


def test_it_shows_lithuania_withdrawn_in_2025(client: Client) -> None:
    html = _html(client, "/states/LTU/?as_of=2025-06-01")
    lede = _block(html, '<p class="lede">', "</p>")
    assert "Withdrawn" in lede
    assert "Withdrawal takes effect" in html and "6 March 2025" in html
    before = _html(client, "/states/LTU/?as_of=2020-09-28")
    assert "State Party" in _block(before, '<p class="lede">', "</p>")


def test_it_shows_obligations_with_every_extension(client: Client) -> None:
    _ensure_extension("DEU")
    html = _html(client, "/states/DEU/?as_of=2021-06-01")
    article = _block(html, 'id="obligation-4"', "</article>")
    assert "Original deadline</dt><dd>" + _time("2020-08-01") in article
    assert "Current deadline</dt><dd>" + _time("2025-08-01") in article
    extension = _block(article, '<th scope="row"><a href="/extensions/', "</tr>")
    assert ">9MSP</a></th>" in extension
    assert '<td class="num">60</td>' in extension
    assert "Granted" in extension
    assert _time("2020-08-01") in extension and _time("2025-08-01") in extension
    assert "CCM/CONF/2020/13" in article  # the obligation and each extension cite theirs


def test_it_shows_perus_original_article_3_deadline(client: Client) -> None:
    _obligation("PER", "3")
    html = _html(client, f"/states/PER/?as_of={REVIEW}")
    article = _block(html, 'id="obligation-3"', "</article>")
    assert "Original deadline</dt><dd>" + _time("2021-03-01") + "1 March 2021" in article


def test_it_shows_national_measures_and_lists_with_their_sources(client: Client) -> None:
    state = State.objects.get(iso3="ISL")
    NationalMeasure.objects.create(
        state=state,
        category=NationalMeasure.Category.SPECIFIC_LAW,
        as_of=FuzzyDate.parse("2020-09-28"),
        source=_source(),
        paragraph="111",
    )
    state_list = StateList.objects.create(
        key="test-list",
        label="States Parties with a specific law",
        as_of=FuzzyDate.parse("2020-09"),
        source=_source(),
        paragraph="112",
    )
    state_list.states.add(state)
    html = _html(client, f"/states/ISL/?as_of={REVIEW}")
    measures = _block(html, 'id="nm-profile-title"', "</section>")
    assert "Specific law implementing the Convention" in measures
    assert "CCM/CONF/2020/13 para 111" in measures
    lists = _block(html, 'id="lists-title"', "</section>")
    assert "States Parties with a specific law" in lists and "September 2020" in lists
    assert "CCM/CONF/2020/13 para 112" in lists


def test_it_answers_404_for_an_unknown_state(client: Client) -> None:
    html = _html(client, "/states/XYZ/", status=404)
    assert "no State with the code XYZ" in html
    assert "<main" in html


def test_it_redirects_a_lowercase_code(client: Client) -> None:
    response = client.get(f"/states/isl/?as_of={REVIEW}")
    assert response.status_code == 301
    assert response["Location"] == f"/states/ISL/?as_of={REVIEW}"


# -- deadlines ------------------------------------------------------------------------------


def test_it_lists_deadlines_and_highlights_the_overdue(client: Client) -> None:
    html = _html(client, f"/deadlines/?as_of={REVIEW}")
    assert html.count('<tr class="row--overdue">') == 7
    comoros = _block(html, ">Comoros</a>", "</tr>")
    assert "Overdue" in comoros
    assert "Sao Tome" in html  # initial report due 28 December 2020
    assert "7 deadlines have passed" in html


def test_it_labels_every_deadline_status_in_words(client: Client) -> None:
    html = _html(client, f"/deadlines/?as_of={REVIEW}&within=36500")
    statuses = set(re.findall(r'<span class="status status--[a-z_]+">([^<]+)</span>', html))
    assert statuses <= {"Overdue", "Pending", "Not yet due", "Not in force yet", "Not known"}
    assert "Overdue" in statuses


def test_it_limits_deadlines_to_the_period(client: Client) -> None:
    html = _html(client, f"/deadlines/?as_of={REVIEW}&within=30")
    assert "Sao Tome" not in html  # due in 91 days
    assert 'value="30"' in html
    default = _html(client, f"/deadlines/?as_of={REVIEW}")
    assert 'value="365"' in default


def test_it_filters_deadlines_by_kind(client: Client) -> None:
    html = _html(client, f"/deadlines/?as_of={REVIEW}&kind=initial_report")
    assert "Annual report" not in _block(html, "<tbody>", "</tbody>")
    assert "Initial report" in _block(html, "<tbody>", "</tbody>")


# -- every page -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", PAGES)
def test_it_serves_accessible_pages_without_javascript(client: Client, url: str) -> None:
    html = _html(client, url)
    assert '<html lang="en"' in html
    assert "<main" in html and "<nav" in html and "<footer" in html
    assert 'href="#content"' in html  # skip link
    assert "<script" not in html
    assert "every fact cites its source" in html
    for table in re.findall(r"<table.*?</table>", html, re.S):
        assert "<caption>" in table
        assert all("scope=" in th for th in re.findall(r"<th\b[^>]*>", table))


@pytest.mark.parametrize("url", PAGES)
def test_it_issues_a_bounded_number_of_queries(
    client: Client, url: str, django_assert_max_num_queries: Any
) -> None:
    bound = PROFILE_QUERY_BOUND if _is_profile(url) else QUERY_BOUND
    with django_assert_max_num_queries(bound):
        client.get(url)


def test_it_does_not_query_per_state(client: Client, django_assert_max_num_queries: Any) -> None:
    depositary = Source.objects.get(key="depositary")
    # QMA-QZZ are user-assigned in ISO 3166-1: no real State has these codes.
    codes = [f"Q{chr(77 + i // 26)}{chr(65 + i % 26)}" for i in range(30)]
    for code in codes:
        state = State.objects.create(iso3=code, name=f"Testland {code}", region="Oceania")
        TreatyAction.objects.create(
            state=state,
            kind=TreatyAction.Kind.SIGNATURE,
            date=FuzzyDate.parse("2019-01-01"),
            source=depositary,
        )
    for url in [*PAGES, f"/states/QMA/?as_of={REVIEW}"]:
        bound = PROFILE_QUERY_BOUND if _is_profile(url) else QUERY_BOUND
        with django_assert_max_num_queries(bound):
            html = _html(client, url)
        if url in (f"/?as_of={REVIEW}", f"/states/?as_of={REVIEW}"):
            assert html.count("Testland Q") == 30  # the new States were read, not a cache


def test_it_offers_staff_the_staff_area(alice_client: Client, client: Client) -> None:
    assert "Staff area" in _html(alice_client, f"/?as_of={REVIEW}")
    public = _html(client, f"/?as_of={REVIEW}")
    assert "Sign in" in public and "Staff area" not in public


def test_it_shows_the_same_public_page_to_a_user_without_a_role(bob_client: Client) -> None:
    html = _html(bob_client, f"/?as_of={REVIEW}")
    assert "Sign out" in html and "My reports" not in html and "Staff area" not in html
    assert _count(html, "states_parties") == 110


# -- the date filter (no database) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2010-08-01", '<time datetime="2010-08-01">1 August 2010</time>'),
        ("2019-03", '<time datetime="2019-03">March 2019</time>'),
        ("2019", '<time datetime="2019">2019</time>'),
        ("by 2020-09-28", 'by <time datetime="2020-09-28">28 September 2020</time>'),
        ("after 2020-09-28", 'on or after <time datetime="2020-09-29">29 September 2020</time>'),
        (
            "2015-09-11..2020-09-28",
            'between <time datetime="2015-09-11">11 September 2015</time> and '
            '<time datetime="2020-09-28">28 September 2020</time>',
        ),
        ("not known", "not known"),
    ],
)
def test_it_renders_dates_as_precisely_as_known(value: str, text: str) -> None:
    template = Template("{% load treaty %}{{ value|fuzzydate }}")
    assert template.render(Context({"value": FuzzyDate.parse(value)})) == text


def test_it_shows_a_change_to_the_record_on_the_next_dashboard(client: Client) -> None:
    from treaty_tracker.states.models import TreatyAction

    def parties() -> str:
        page = client.get("/", {"as_of": "2020-09-28"}).content.decode()
        return page.split('count--states_parties"><dt>States Parties</dt><dd>')[1].split("<")[0]

    assert parties() == "110"
    assert parties() == "110"  # served from the cache this time
    action = TreatyAction.objects.get(state__iso3="ISL", kind="ratification")
    action.date = "2021-01-05"
    action.save()
    assert parties() == "109"


@pytest.mark.parametrize(
    ("url", "key", "count"),
    [
        ("/states/?as_of=2020-09-28&status=signatory", "states", 13),
        ("/deadlines/?as_of=2020-09-28&within=30&kind=article3", "deadlines", 1),
    ],
)
def test_it_downloads_every_row_of_a_table_as_csv_and_json(
    client: Client, url: str, key: str, count: int
) -> None:
    import csv
    import io
    import json

    as_json = client.get(url + "&format=json")
    assert as_json["Content-Disposition"].startswith("attachment")
    data = json.loads(as_json.content)
    assert data["count"] == len(data[key]) == count
    as_csv = client.get(url + "&format=csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    assert len(rows) == count
    from openpyxl import load_workbook

    as_xlsx = client.get(url + "&format=xlsx")
    sheet = load_workbook(io.BytesIO(as_xlsx.content), read_only=True).active
    assert sheet is not None and len(list(sheet.iter_rows())) == count + 1  # and a header
    assert client.get(url + "&format=xml").status_code == 400
