"""The Article 7 chart: an SVG renderer over the computed figures, pinned by golden files
in ``tests/samples/charts/`` (rerun with ``UPDATE_SNAPSHOTS=1`` to rewrite them after an
intended change), on the ``/reporting/`` page and as a download."""

from __future__ import annotations

import difflib
import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from treaty_tracker.rules import ReportKind
from treaty_tracker.rules.compliance import Figures, ReportingFigures, YearFigures
from treaty_tracker.themes.charts import render_svg, svg_document
from treaty_tracker.transparency.charts import reporting_chart
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "charts"
SVG = "{http://www.w3.org/2000/svg}"
NOTHING = Figures(0, 0, 0, 0, 0, 0, 0)


def _year(year: int, figures: Figures) -> YearFigures:
    return YearFigures(year, date(year + 1, 4, 30), figures)


CHARTS = {
    # Every State due is accounted for: rates are computed.
    "complete": ReportingFigures(
        "ccm",
        date(2025, 9, 1),
        Figures(
            due=21, submitted=19, on_time=12, late=6, timeliness_not_known=1, overdue=2, not_known=0
        ),
        (
            _year(2022, Figures(21, 15, 11, 4, 0, 6, 0)),
            _year(2023, Figures(21, 17, 14, 3, 0, 4, 0)),
            _year(2024, Figures(21, 9, 9, 0, 0, 12, 0)),
        ),
    ),
    # The record cannot tell for ten States covering 2022: "not known", never zero.
    "incomplete": ReportingFigures(
        "ccm",
        date(2023, 9, 1),
        Figures(20, 17, 12, 4, 1, 2, 1),
        (
            _year(2021, Figures(20, 10, 6, 3, 1, 0, 10)),
            _year(2022, Figures(20, 0, 0, 0, 0, 0, 20)),
        ),
    ),
    # Nothing is due yet for the last year: said in words, with no empty bar.
    "nothing-due": ReportingFigures(
        "ccm", date(2011, 3, 1), Figures(0, 0, 0, 0, 0, 0, 0), (_year(2010, NOTHING),)
    ),
}


def _render(name: str) -> str:
    with translation.override("en"):
        return svg_document(reporting_chart(CHARTS[name]))


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_it_draws_the_chart_as_its_golden_file(name: str) -> None:
    sample = SAMPLES / f"{name}.svg"
    svg = _render(name)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        sample.write_text(svg, encoding="utf-8")
    assert sample.exists(), f"No golden file at {sample}: run with UPDATE_SNAPSHOTS=1."
    pinned = sample.read_text(encoding="utf-8")
    if svg != pinned:
        diff = difflib.unified_diff(
            pinned.splitlines(), svg.splitlines(), "golden", "now", lineterm=""
        )
        pytest.fail(
            f"The chart differs from {sample.name}. If the change is intended, rerun with "
            "UPDATE_SNAPSHOTS=1 and commit the file with it.\n" + "\n".join(list(diff)[:80])
        )


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_it_draws_well_formed_accessible_svg(name: str) -> None:
    root = ET.fromstring(_render(name).encode())
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and "as of" in title.text
    assert desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    legend = root.find(f".//{SVG}g[@class='chart__legend']")
    assert legend is not None
    assert [t.text for t in legend.iter(f"{SVG}text")] == [
        "On time",
        "Submitted, timeliness not known",
        "Late",
        "Missing (overdue)",
        "Not known",
    ]


def test_it_writes_the_counts_and_rates() -> None:
    svg = _render("complete")
    root = ET.fromstring(svg.encode())
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for count in ("11", "4", "6", "14", "3", "9", "12"):
        assert count in texts
    assert "21 due · submitted: 81.0%" in texts  # 17 of 21 covering 2023
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text
    assert "Annual, covering 2024: 21 States Parties due; 9 on time" in desc.text
    assert "12 missing (overdue), 0 not known. Submitted: 42.9%" in desc.text


def test_it_draws_an_incomplete_record_as_not_known_not_zero() -> None:
    root = ET.fromstring(_render("incomplete").encode())
    rows = root.findall(f".//{SVG}g[@class='chart__row']")
    last = rows[-1]  # covering 2022: nothing known for any of the 20 States due
    segments = last.findall(f"{SVG}rect")
    assert [s.get("class") for s in segments] == ["chart__segment chart__segment--not_known"]
    assert float(segments[0].get("width", "0")) > 0
    assert "20" in [t.text for t in last.iter(f"{SVG}text")]
    assert "20 due · submitted: not known" in [t.text for t in last.iter(f"{SVG}text")]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text
    assert "20 not known. Submitted: not known; on time: not known." in desc.text


def test_it_says_when_nothing_is_due_instead_of_drawing_a_zero_bar() -> None:
    root = ET.fromstring(_render("nothing-due").encode())
    assert root.findall(f".//{SVG}rect[@class]") == []
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts.count("None due yet") == 2


def test_it_escapes_what_it_writes() -> None:
    chart = reporting_chart(CHARTS["complete"])
    svg = render_svg(replace(chart, title="<script>&"))
    assert "<script>" not in svg and "&lt;script&gt;&amp;" in svg
    ET.fromstring(svg.encode())


# -- on the page and as a download --------------------------------------------------------


def _content(year: int) -> dict[str, Any]:
    """Iceland's annual report covering ``year``: valid, with one measure."""
    return {
        "form_version": "ccm-2010",
        "kind": "annual",
        "state": "ISL",
        "period": {"from": f"{year}-01-01", "to": f"{year}-12-31"},
        "contact": {"organization": "Ministry for Foreign Affairs", "email": "mfa@example.is"},
        "forms": {code: {"status": "not_applicable"} for code in "BCDEFGHIJ"}
        | {
            "A": {
                "status": "changed",
                "data": {
                    "measures": [
                        {"kind": "legislation", "title": "Act No. 83/2015", "status": "in_force"}
                    ]
                },
            }
        },
    }


@pytest.fixture
def published(isla: User) -> None:
    """Iceland's reports covering 2023 (on time) and 2024 (late), published."""
    for year, received in (
        (2023, datetime(2024, 4, 10, tzinfo=UTC)),
        (2024, datetime(2025, 5, 15, tzinfo=UTC)),
    ):
        submission = report_enter_on_behalf(
            user=isla,
            slot=Slot("ISL", ReportKind.ANNUAL, year),
            content=_content(year),
            received=received,
        )
        report_publish(user=isla, submission=submission)


def test_it_shows_the_chart_above_the_figures_table(client: Client, published: None) -> None:
    page = client.get("/reporting/", {"as_of": "2025-09-01"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') < html.index(
        'id="figures-table"'
    )
    assert 'href="#figures-table"' in html
    assert 'href="/reporting/chart.svg?as_of=2025-09-01"' in html
    assert '<title id="a7chart-title">' in html


def test_it_downloads_the_chart_as_svg(client: Client, published: None) -> None:
    response = client.get("/reporting/chart.svg", {"as_of": "2025-09-01"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert 'filename="article7-reporting-2025-09-01.svg"' in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text and "Annual, covering 2024" in desc.text
    page = client.get("/reporting/", {"as_of": "2025-09-01"}).content.decode()
    assert response.content.decode().split("\n", 1)[1] in page  # the same chart


def test_it_shows_not_known_for_an_incomplete_record(db: None, client: Client) -> None:
    root = ET.fromstring(client.get("/reporting/chart.svg", {"as_of": "2020-09-28"}).content)
    classes = {r.get("class") for r in root.iter(f"{SVG}rect")}
    assert "chart__segment chart__segment--not_known" in classes


@pytest.mark.parametrize("as_of", ["2020-02-30", "yesterday", "1899-01-01"])
def test_it_refuses_a_bad_date_for_the_chart_with_400(db: None, client: Client, as_of: str) -> None:
    response = client.get("/reporting/chart.svg", {"as_of": as_of})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
