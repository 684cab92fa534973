"""Hardening of the site a system of record needs (issue 9): a Content-Security-Policy with
no inline script or style, sign-in lockout (django-axes), and a request-size cap enforced
before a body is read.

Personas: ``alice`` (staff, admin), ``isla`` (ISU staff), ``fiona`` (focal point of
Iceland), ``bob`` (an account without a role), the anonymous public.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client

from treaty_tracker.transparency.models import DraftUpload
from treaty_tracker.web.middleware import max_request_bytes

PASSWORD = "correct horse battery"
TEMPLATES = Path(__file__).resolve().parents[2] / "treaty_tracker"

# -- Content-Security-Policy ---------------------------------------------------------------

PUBLIC_PAGES = [
    "/",
    "/states/",
    "/states/ISL/",
    "/deadlines/",
    "/themes/",
    "/reports/",
    "/reports/matrix/",
    "/stockpiles/",
    "/clearance/",
    "/victim-assistance/",
    "/cooperation/",
    "/universalization/",
    "/support/",
    "/indicators/",
    "/accounts/login/",
    "/admin/login/",
    "/api/v1/docs",
    "/no-such-page/",
]
STAFF_PAGES = ["/record/", "/review/", "/reports/mine/", "/reports/enter/"]
REVIEW_HTML = "/review/document/?start=2015-09-11&end=2020-09-28&format=html&language=en"


def _policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


class _InlineFinder(HTMLParser):
    """Collects what a strict CSP refuses: inline scripts, event handler attributes,
    ``javascript:`` links, ``style`` attributes and ``<style>`` blocks without a nonce."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name == "style":
                self.found.append(f"<{tag} style=...>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:...>")
        if tag == "style" and "nonce" not in values:
            self.found.append("<style> without a nonce")
        # A JSON data block is not run (Swagger UI's settings): only code counts.
        self._in_script = (
            tag == "script" and "src" not in values and values.get("type") != "application/json"
        )

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"inline <script>: {data.strip()[:40]!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def _inline(html: str) -> list[str]:
    finder = _InlineFinder()
    finder.feed(html)
    return finder.found


def _staff(isla: User) -> Client:
    client = Client()
    client.force_login(isla)
    return client


def _assert_strict(response: Any) -> None:
    """The strict policy, and a page that needs nothing it refuses."""
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]  # no nonce where none is used
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert _inline(response.content.decode()) == []


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_it_sends_a_strict_csp_and_no_inline_code_on_public_pages(db: None, url: str) -> None:
    response = Client().get(url)
    assert response.status_code in (200, 404)
    _assert_strict(response)


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_it_sends_a_strict_csp_and_no_inline_code_on_staff_pages(isla: User, url: str) -> None:
    response = _staff(isla).get(url)
    assert response.status_code == 200
    _assert_strict(response)


def test_it_sends_a_strict_csp_and_no_inline_code_on_a_focal_points_draft(fiona: User) -> None:
    client = Client()
    client.force_login(fiona)
    client.post("/reports/ISL/annual/2025/draft/", {"action": "start"})
    response = client.get("/reports/ISL/annual/2025/draft/")
    assert response.status_code == 200
    _assert_strict(response)
    assert "/static/web/autosave.js" in response.content.decode()


def test_it_keeps_inline_script_style_and_handlers_out_of_every_template() -> None:
    """Pages the tests above do not open are covered by reading the templates."""
    found = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        checks = {
            "inline <script>": r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>",
            "event handler": r"<[a-zA-Z][^>]*\son[a-z]+\s*=",
            "style attribute": r"<[a-zA-Z][^>]*\sstyle\s*=",
            "<style> without a nonce": r"<style(?![^>]*nonce)[^>]*>",
            "javascript: link": r"(?i)(href|src|action)\s*=\s*[\"']\s*javascript:",
        }
        found += [
            f"{template.relative_to(TEMPLATES)}: {what}"
            for what, pattern in checks.items()
            if re.search(pattern, text)
        ]
    assert found == []


def test_it_serves_the_api_docs_from_the_sites_own_static_files(db: None) -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the docs page loads no script or stylesheet"
    assert [u for u in urls if not u.startswith(settings.STATIC_URL)] == []
    assert "//" not in "".join(urls)  # no CDN, no other origin
    for url in urls:
        path = url.removeprefix(settings.STATIC_URL)
        assert finders.find(path), f"{path} is not among the static files"
    assert {"ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js"} <= {
        u.removeprefix(settings.STATIC_URL) for u in urls
    }
    # Swagger UI would otherwise send our schema's address to the public validator.
    assert '"validatorUrl": null' in html


def test_it_allows_the_generated_reviews_inline_stylesheet_by_nonce_only(isla: User) -> None:
    response = _staff(isla).get(REVIEW_HTML)
    assert response.status_code == 200
    nonces = [v for v in _policy(response)["style-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0].removeprefix("'nonce-").removesuffix("'")
    assert f'<style nonce="{nonce}">' in response.content.decode()
    # Each response its own nonce: one seen in a page cannot be reused in another.
    again = _staff(isla).get(REVIEW_HTML)
    assert nonce not in again["Content-Security-Policy"]


# -- Sign-in lockout (django-axes) ---------------------------------------------------------

SIGN_INS = [
    ("/accounts/login/", {"username": "bob"}),
    ("/admin/login/", {"username": "alice", "next": "/admin/"}),
]


def _sign_in(client: Client, url: str, fields: dict[str, str], password: str) -> Any:
    return client.post(url, {**fields, "password": password})


@pytest.mark.parametrize(("url", "fields"), SIGN_INS)
def test_it_locks_a_username_out_after_five_failed_sign_ins(
    alice: User, bob: User, url: str, fields: dict[str, str]
) -> None:
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _sign_in(client, url, fields, "wrong")
        assert response.status_code == 200  # the form again, with its error
    response = _sign_in(client, url, fields, "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in paused" in page
    assert "Try again in 30 minutes" in page
    assert "Traceback" not in page
    _assert_strict(response)


@pytest.mark.parametrize(("url", "fields"), SIGN_INS)
def test_it_refuses_the_right_password_while_locked_out(
    alice: User, bob: User, url: str, fields: dict[str, str]
) -> None:
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, url, fields, "wrong")
    response = _sign_in(client, url, fields, PASSWORD)
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_signs_in_again_after_the_cool_off(bob: User, settings: Any) -> None:
    from datetime import timedelta

    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "/accounts/login/", {"username": "bob"}, "wrong")
    settings.AXES_COOLOFF_TIME = timedelta(0)  # the cool-off has passed
    response = _sign_in(client, "/accounts/login/", {"username": "bob"}, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bob.pk)


def test_it_resets_the_count_on_a_successful_sign_in(bob: User) -> None:
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "/accounts/login/", {"username": "bob"}, "wrong")
    assert _sign_in(client, "/accounts/login/", {"username": "bob"}, PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, "/accounts/login/", {"username": "bob"}, "wrong").status_code == 200
    assert _sign_in(client, "/accounts/login/", {"username": "bob"}, PASSWORD).status_code == 302


def test_it_locks_only_that_username_from_that_address(alice: User, bob: User) -> None:
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(attacker, "/accounts/login/", {"username": "bob"}, "wrong")
    assert _sign_in(attacker, "/accounts/login/", {"username": "bob"}, PASSWORD).status_code == 429
    # Bob, from his own office, is not locked out by someone else's guesses ...
    office = Client(REMOTE_ADDR="203.0.113.20")
    assert _sign_in(office, "/accounts/login/", {"username": "bob"}, PASSWORD).status_code == 302
    # ... and Alice may still sign in from the attacker's address (a shared network).
    assert (
        _sign_in(attacker, "/accounts/login/", {"username": "alice"}, PASSWORD).status_code == 302
    )


def test_it_ignores_a_forged_x_forwarded_for_unless_told_to_trust_it(bob: User) -> None:
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": "bob", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}",
        )
    response = client.post(
        "/accounts/login/",
        {"username": "bob", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429


def test_it_uses_the_address_the_proxy_appended_when_told_to_trust_it(
    bob: User, settings: Any
) -> None:
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    client = Client(REMOTE_ADDR="127.0.0.1")  # every request comes from the proxy
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        # The client forges the left part; the proxy appends the real address.
        client.post(
            "/accounts/login/",
            {"username": "bob", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7",
        )
    locked = client.post(
        "/accounts/login/",
        {"username": "bob", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.2, 198.51.100.7",
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        "/accounts/login/",
        {"username": "bob", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.20",
    )
    assert elsewhere.status_code == 302


# -- Request size, before the body is read -------------------------------------------------


class _Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def _huge_post(client: Client, url: str, length: int) -> Any:
    return client.generic(
        "POST",
        url,
        b"x",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": _Unreadable()},
    )


def test_it_refuses_a_request_over_the_cap_without_reading_it(fiona: User) -> None:
    client = Client()
    client.force_login(fiona)
    response = _huge_post(client, "/reports/ISL/annual/2025/upload/", 2 * 1024**3)
    assert response.status_code == 413
    page = response.content.decode()
    assert "File too large" in page
    assert "2,048.0 MB" in page and "26 MB" in page
    assert response["Connection"] == "close"
    _assert_strict(response)
    assert not DraftUpload.objects.exists()


@pytest.mark.parametrize("url", ["/reports/enter/", "/accounts/login/", "/admin/login/"])
def test_it_refuses_an_oversized_request_on_every_form(db: None, url: str) -> None:
    assert _huge_post(Client(), url, max_request_bytes() + 1).status_code == 413


def test_it_takes_the_largest_upload_form_at_the_cap(db: None) -> None:
    from treaty_tracker.transparency.spreadsheet import MAX_UPLOAD_BYTES
    from treaty_tracker.web.reporting_forms import MAX_ORIGINAL_BYTES

    # A report entered on behalf of a State, both files at their limits, fits.
    assert max_request_bytes() > MAX_UPLOAD_BYTES + MAX_ORIGINAL_BYTES
    response = Client().get("/", CONTENT_LENGTH=str(max_request_bytes()))
    assert response.status_code == 200


def test_it_refuses_only_a_declared_oversize_outside_the_read_only_api(db: None) -> None:
    assert _huge_post(Client(), "/accounts/login/", 2 * 1024**3).status_code == 413
    # A Content-Length that is not a number: Django reads no body, nothing to refuse.
    assert Client().get("/", CONTENT_LENGTH="many").status_code == 200
    # The API reads no body and answers a POST 405 in its own error shape.
    response = _huge_post(Client(), "/api/v1/states", 2 * 1024**3)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
