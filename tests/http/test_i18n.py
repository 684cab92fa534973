"""The interface in the six UN languages (issue 5): French translated in full, Spanish,
Arabic, Chinese and Russian wired with empty catalogues (they fall back to English), the
language switcher, right-to-left Arabic, and the catalogues themselves (docs/translations.md).
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import to_locale

from treaty_tracker.rules import FuzzyDate
from treaty_tracker.web.templatetags.treaty import fuzzydate

LOCALE = Path(settings.LOCALE_PATHS[0])
SETLANG = "/i18n/setlang/"
COOKIE = settings.LANGUAGE_COOKIE_NAME
# The languages whose catalogue must be complete; the others may be empty.
COMPLETE = ("fr",)


def _page(client: Client, path: str, language: str | None = None) -> str:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    return response.content.decode()


def _choose(client: Client, language: str, next_path: str) -> str:
    """Post the switcher's form as a browser would; the redirect's target."""
    response = client.post(SETLANG, {"language": language, "next": next_path})
    assert response.status_code == 302
    return str(response["Location"])


# -- pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_the_dashboard_in_french_to_a_browser_asking_for_it() -> None:
    response = Client().get("/?as_of=2020-09-28", HTTP_ACCEPT_LANGUAGE="fr-CH, fr;q=0.9, en;q=0.5")
    html = response.content.decode()
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr" dir="ltr">' in html
    assert "Tableau de bord" in html
    assert "Convention sur les armes à sous-munitions" in html
    assert 'Au <time datetime="2020-09-28">28 septembre 2020</time>' in html
    assert ">Dashboard<" not in html and "As of" not in html


@pytest.mark.django_db
def test_it_keeps_the_language_chosen_in_the_form_for_a_state_profile() -> None:
    client = Client()
    target = _choose(client, "fr", "/states/ISL/?as_of=2020-09-28")
    assert target == "/states/ISL/?as_of=2020-09-28"
    assert client.cookies[COOKIE].value == "fr"
    html = _page(client, target)  # the cookie alone, no Accept-Language
    assert '<html lang="fr"' in html
    assert "Actes relatifs au traité" in html
    assert "Rapports sur les mesures de transparence (art. 7)" in html
    assert "Treaty actions" not in html


@pytest.mark.django_db
def test_it_shows_a_thematic_page_in_french() -> None:
    client = Client()
    _choose(client, "fr", "/stockpiles/")
    html = _page(client, "/stockpiles/?as_of=2020-09-28")
    assert "Destruction et conservation des stocks (article 3)" in html
    assert "États parties" in html
    assert "Stockpile destruction and retention" not in html


@pytest.mark.django_db
def test_it_lets_the_chosen_language_win_over_the_browsers() -> None:
    client = Client()
    _choose(client, "fr", "/")
    assert '<html lang="fr"' in _page(client, "/", language="en")
    _choose(client, "en", "/")
    assert ">Dashboard<" in _page(client, "/", language="fr")


@pytest.mark.django_db
def test_it_falls_back_to_english_for_a_language_it_does_not_offer() -> None:
    html = _page(Client(), "/", language="de-DE, de;q=0.9, xx;q=0.5")
    assert '<html lang="en" dir="ltr">' in html and ">Dashboard<" in html

    client = Client()
    client.post(SETLANG, {"language": "xx", "next": "/"})
    assert COOKIE not in client.cookies  # refused: nothing remembered
    assert ">Dashboard<" in _page(client, "/")


@pytest.mark.django_db
def test_it_writes_arabic_right_to_left_and_falls_back_to_english_text() -> None:
    html = _page(Client(), "/", language="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert ">Dashboard<" in html  # the Arabic catalogue is wired but not translated yet


@pytest.mark.django_db
@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_it_serves_each_un_language_it_lists(code: str) -> None:
    html = _page(Client(), "/", language=code)
    assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in html


# -- the switcher ------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_offers_every_language_by_its_own_name_on_every_page() -> None:
    html = _page(Client(), "/states/?region=Europe&as_of=2020-09-28")
    form = html[html.index('<form class="language-form"') :]
    form = form[: form.index("</form>")]
    assert 'method="post"' in form and f'action="{SETLANG}"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'name="next" value="/states/?region=Europe&amp;as_of=2020-09-28"' in form
    assert '<label for="language-form-language">Language</label>' in form
    for code, name in settings.LANGUAGES:
        assert f'value="{code}" lang="{code}"' in form and f">{name}</option>" in form
    assert '<option value="en" lang="en" selected>' in form
    assert 'type="submit"' in form  # works without JavaScript

    french = _page(Client(), "/deadlines/", language="fr")
    assert '<option value="fr" lang="fr" selected>' in french
    assert '<option value="en" lang="en">English</option>' in french  # not "Anglais"
    assert '<label for="language-form-language">Langue</label>' in french
    assert "Changer de langue" in french


@pytest.mark.django_db
def test_it_needs_the_forms_csrf_token_to_change_the_language() -> None:
    client = Client(enforce_csrf_checks=True)
    html = _page(client, "/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    refused = client.post(SETLANG, {"language": "fr", "next": "/"})
    assert refused.status_code == 403 and COOKIE not in client.cookies
    accepted = client.post(
        SETLANG, {"language": "fr", "next": "/", "csrfmiddlewaretoken": token.group(1)}
    )
    assert accepted.status_code == 302 and client.cookies[COOKIE].value == "fr"


@pytest.mark.django_db
def test_it_never_sends_the_reader_off_the_site() -> None:
    client = Client()
    assert _choose(client, "fr", "https://example.com/phish") == "/"
    assert client.cookies[COOKIE].value == "fr"


@pytest.mark.django_db
def test_it_changes_nothing_on_a_get() -> None:
    client = Client()
    response = client.get(SETLANG, {"language": "fr", "next": "/states/"})
    assert response.status_code == 302 and response["Location"] == "/states/"
    assert COOKIE not in client.cookies


# -- the API stays in English -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "start"),
    [
        ("/api/v1/states/XXX", "No State 'XXX' in the record"),
        ("/api/v1/summary?as_of=2001-01-01", "as_of "),
        ("/api/v1/states?asof=2020-09-28", "Unknown query parameter asof"),
    ],
)
def test_the_api_answers_errors_in_english_whatever_the_language(path: str, start: str) -> None:
    response = Client().get(path, HTTP_ACCEPT_LANGUAGE="fr")
    assert 400 <= response.status_code < 500
    assert response.json()["error"]["message"].startswith(start)


# -- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "french"),
    [
        (date(2020, 9, 28), '<time datetime="2020-09-28">28 septembre 2020</time>'),
        (FuzzyDate.parse("2019-03"), '<time datetime="2019-03">mars 2019</time>'),
        (FuzzyDate.parse("2019"), '<time datetime="2019">2019</time>'),
        (
            FuzzyDate.parse("by 2020-09-28"),
            'au plus tard le <time datetime="2020-09-28">28 septembre 2020</time>',
        ),
        (
            FuzzyDate.parse("2015-09-11..2020-09-28"),
            'entre le <time datetime="2015-09-11">11 septembre 2015</time> et le '
            '<time datetime="2020-09-28">28 septembre 2020</time>',
        ),
        (FuzzyDate.unknown(), "non connu"),
    ],
)
def test_it_writes_dates_in_french(value: FuzzyDate | date, french: str) -> None:
    with translation.override("fr"):
        assert str(fuzzydate(value)) == french


# -- the catalogues -----------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _unquote(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), text[1:-1])


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (\".*\")$")


def _read_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete ``#~`` ones left out); the header first."""
    entries: list[Entry] = []
    entry, target = Entry(), ("", 0)
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            if entry.line:
                entries.append(entry)
            entry, target = Entry(), ("", 0)
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(
            r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (\".*\")$", line
        ):
            keyword, index, text = match.groups()
            target = (keyword, int(index or 0))
            entry.line = entry.line or number
            if keyword == "msgstr":
                entry.msgstr[target[1]] = _unquote(text)
            else:
                setattr(entry, keyword, _unquote(text))
        elif line.startswith('"'):
            keyword, index = target
            if keyword == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, keyword, getattr(entry, keyword) + _unquote(line))
    if entry.line:
        entries.append(entry)
    return entries


def _catalogue(code: str, suffix: str = "po") -> Path:
    return LOCALE / to_locale(code) / "LC_MESSAGES" / f"django.{suffix}"


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]|%%|\{\w+\}", text))


def _where(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid!r}"


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_each_un_language_has_its_catalogue_with_a_usable_header(code: str) -> None:
    assert _catalogue(code).is_file() and _catalogue(code, "mo").is_file()
    header = _read_po(_catalogue(code))[0]
    assert header.msgid == "" and "fuzzy" not in header.flags  # else msgfmt drops it
    assert f"Language: {to_locale(code)}\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=" in header.msgstr[0]


@pytest.mark.parametrize("code", COMPLETE)
def test_every_message_in_the_catalogue_is_translated(code: str) -> None:
    """Whoever adds a string runs scripts/messages.py update and translates it; a string
    not yet collected into the .po is not checked here (docs/translations.md)."""
    entries = _read_po(_catalogue(code))[1:]
    assert len(entries) > 1000
    fuzzy = [_where(e) for e in entries if "fuzzy" in e.flags]
    empty = [_where(e) for e in entries if not e.msgstr or not all(e.msgstr.values())]
    assert fuzzy == [], "fuzzy entries: check and clear the flag"
    assert empty == [], "untranslated entries"


@pytest.mark.parametrize("code", COMPLETE)
def test_every_translation_keeps_its_placeholders(code: str) -> None:
    wrong = []
    for e in _read_po(_catalogue(code))[1:]:
        if e.msgid_plural is None:
            if e.msgstr.get(0) and _placeholders(e.msgstr[0]) != _placeholders(e.msgid):
                wrong.append(_where(e))
        else:
            every = set(_placeholders(e.msgid_plural))
            if e.msgstr.get(1) and set(_placeholders(e.msgstr[1])) != every:
                wrong.append(_where(e))
            if e.msgstr.get(0) and not set(_placeholders(e.msgstr[0])) <= every:
                wrong.append(_where(e))
    assert wrong == []


def test_french_has_two_plural_forms_one_for_zero_and_one() -> None:
    with translation.override("fr"):
        words = [
            translation.ngettext("%(counter)s State", "%(counter)s States", n) for n in (0, 1, 2)
        ]
    assert words == ["%(counter)s État", "%(counter)s État", "%(counter)s États"]


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_the_compiled_catalogue_is_the_po_file(code: str) -> None:
    """CI does not compile: the .mo in the tree must be compiled from the .po as it is."""
    expected: dict[str | tuple[str, int], str] = {}
    for e in _read_po(_catalogue(code))[1:]:
        if "fuzzy" in e.flags or not e.msgstr or not all(e.msgstr.values()):
            continue  # msgfmt leaves these out: gettext answers with the English
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            expected[key] = e.msgstr[0]
        else:
            expected |= {(key, i): text for i, text in e.msgstr.items()}
    with _catalogue(code, "mo").open("rb") as mo:
        compiled = dict(gettext.GNUTranslations(mo)._catalog)
    compiled.pop("", None)  # the header
    assert compiled == expected, "run: .venv/bin/python scripts/messages.py compile"
