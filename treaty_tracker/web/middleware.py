"""Refuse a request body larger than any form takes, before a byte of it is read.

Django reads a multipart body (``request.POST``, ``request.FILES``) when the CSRF check
or the view first asks for it, streaming files over ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to
temporary files: without this check a client could fill a worker's disk with one
request. The declared ``Content-Length`` is compared with the largest upload a form takes
(a report entered on behalf of a State: its data file and its original) plus
``MAX_REQUEST_MARGIN`` for its other fields; a larger request is answered 413 with a page
for people, its body never read. Below the cap, a file over its own form's limit is still
received, so the forms refuse it on its field and the draft upload log keeps its size
(``transparency.services.report_upload_record``).

The API (read-only, ``GET`` and ``HEAD``) never reads a body and answers other methods
405 in its own error shape, so it is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from treaty_tracker.transparency.spreadsheet import MAX_UPLOAD_BYTES
from treaty_tracker.web.reporting_forms import MAX_ORIGINAL_BYTES

REQUEST_ENTITY_TOO_LARGE = 413
API_PREFIX = "/api/"


def max_request_bytes() -> int:
    """The largest request body accepted, in bytes: the largest upload form's files plus
    ``settings.MAX_REQUEST_MARGIN`` for its other fields and the multipart framing."""
    return MAX_UPLOAD_BYTES + MAX_ORIGINAL_BYTES + settings.MAX_REQUEST_MARGIN


def declared_length(request: HttpRequest) -> int | None:
    """The body's declared size, or None when there is none or it is not a number (Django
    then reads no body at all)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        size = declared_length(request)
        limit = max_request_bytes()
        if size is not None and size > limit and not request.path.startswith(API_PREFIX):
            response = render(
                request,
                "web/request_too_large.html",
                {
                    "size_mb": f"{size / 1024 / 1024:,.1f}",
                    "limit_mb": f"{limit / 1024 / 1024:,.0f}",
                    "data_mb": f"{MAX_UPLOAD_BYTES / 1024 / 1024:,.0f}",
                    "original_mb": f"{MAX_ORIGINAL_BYTES / 1024 / 1024:,.0f}",
                },
                status=REQUEST_ENTITY_TOO_LARGE,
            )
            # The unread body is still on the connection: do not reuse it.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
