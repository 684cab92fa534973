"""Adding a theme touches only its own app folder: the demonstration theme
(``tests/demo_theme/``), once installed, is on the themes page, the State profile, the
API and the review, though no shared file names it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import clear_url_caches

from treaty_tracker.review.generate import generate
from treaty_tracker.themes import registry
from treaty_tracker.themes.document import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_installed(settings: object) -> Iterator[None]:
    from django.conf import settings as django_settings

    apps = [*django_settings.INSTALLED_APPS, "tests.demo_theme"]
    with override_settings(INSTALLED_APPS=apps, ROOT_URLCONF="tests.demo_theme.site_urls"):
        clear_url_caches()
        cache.clear()  # rendered fragments of pages built without the theme
        yield
    clear_url_caches()
    cache.clear()


def test_it_is_in_the_registry_only_while_installed(demo_installed: None) -> None:
    assert registry.get("demo").app == "tests.demo_theme"
    assert ("demo", "Demonstration theme") in registry.choices()


def test_it_is_not_there_when_not_installed() -> None:
    assert "demo" not in [theme.key for theme in registry.themes()]
    assert Client().get("/themes/").content.decode().count("Demonstration theme") == 0


def test_its_page_is_listed_and_served(demo_installed: None) -> None:
    client = Client()
    themes = client.get("/themes/").content.decode()
    assert 'href="/demo/"' in themes and "A theme the tests plug in." in themes
    page = client.get("/demo/")
    assert page.status_code == 200 and b"States in the record" in page.content


def test_its_section_is_on_the_state_profile(demo_installed: None) -> None:
    answer = Client().get("/states/ISL/")
    assert answer.status_code == 200
    assert "Demonstration section for ISL." in answer.content.decode()


def test_its_router_answers_in_the_api(demo_installed: None) -> None:
    answer = Client().get("/api/v1/demo")
    assert answer.status_code == 200 and answer.json() == {"theme": "demo"}
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/demo" in schema["paths"]


def test_its_section_is_in_the_review(demo_installed: None) -> None:
    document = generate(Period(date(2015, 9, 11), date(2020, 9, 28)))
    numbers = [section.number for section in document.sections]
    assert numbers[-1] == "X" and numbers[:-1] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
    ]
    demo = document.sections[-1]
    assert demo.title == "Demonstration theme"
    assert "The demonstration theme's part A." in str(demo)
