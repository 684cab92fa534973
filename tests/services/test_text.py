"""Text as it enters and leaves the record (``sources.text``): control characters dropped on
input, what XML cannot hold dropped on output; every project form cleans its text."""

from __future__ import annotations

import importlib
import io
import pkgutil

import openpyxl
import pytest
from django import forms

import treaty_tracker
from treaty_tracker.sources.forms import CleanTextMixin
from treaty_tracker.sources.text import clean_text, unstorable, xml_safe
from treaty_tracker.themes import downloads


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("plain text, é, 中文, عربي", "plain text, é, 中文, عربي"),
        ("tab\tnewline\ncr\r", "tab\tnewline\ncr\r"),
        ("Word\x0bline", "Word\nline"),  # Shift+Enter in Word
        ("page\x0cbreak", "page\nbreak"),
        ("nul\x00", "nul"),
        ("bell\x07 del\x7f c1\x85", "bell del c1"),
        ("lone\ud800", "lone"),
    ],
)
def test_it_cleans_text_as_it_enters(typed: str, kept: str) -> None:
    assert clean_text(typed) == kept


def test_it_drops_only_what_xml_cannot_hold_on_output() -> None:
    assert xml_safe("a\x0bb\x00c\ud800d\ufffe\tz\n") == "abcd\tz\n"
    assert xml_safe("é 中文 \x85") == "é 中文 \x85"


def test_it_names_what_cannot_be_stored() -> None:
    assert unstorable("ok\x0b") is None
    assert "NUL" in (unstorable("a\x00") or "")
    assert "surrogate" in (unstorable("a\udc00") or "")


def test_it_writes_a_table_download_whose_text_holds_a_control_character() -> None:
    response = downloads.download(
        [{"name": "Fourteenth\x0bMeeting\x00", "n": 1}], ["name", "n"], name="t", fmt="xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert [c.value for c in sheet[2]] == ["FourteenthMeeting", 1]


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(treaty_tracker.__path__, "treaty_tracker."):
        if ".migrations" not in module.name and not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found, todo = [], list(forms.BaseForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("treaty_tracker."):
            found.append(cls)
    return found


@pytest.mark.django_db
def test_every_project_form_cleans_its_text() -> None:
    found = _project_forms()
    assert len(found) > 20
    assert [f.__qualname__ for f in found if not issubclass(f, CleanTextMixin)] == []
