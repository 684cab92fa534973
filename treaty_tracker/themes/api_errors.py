"""The API's one error shape, its stable codes, and the handlers that produce it.

Every error answer under ``/api/v1/`` (4xx, and 500 for a bug) is::

    {"error": {"code": "invalid_as_of", "message": "<a sentence>", "fields": {"as_of": ["..."]}}}

``code`` is stable and listed in :data:`ERROR_CODES` (which also writes the OpenAPI
description, so a code cannot exist undocumented); ``message`` is for people; ``fields``
names each offending query parameter (empty when the error is not about one).

An unexpected exception in an endpoint (a bug) answers ``internal_error`` (500) in the same
shape rather than the site's HTML page, and is reported as Django reports any other 500: logged
on ``django.request`` with its traceback and sent as ``got_request_exception`` (so the test
client re-raises it in tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from functools import wraps
from typing import Any

from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.log import log_response
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError


class ErrorCode(StrEnum):
    """Stable machine-readable error codes (see the API description for each)."""

    INVALID_AS_OF = "invalid_as_of"
    INVALID_PARAMETER = "invalid_parameter"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    BAD_REQUEST = "bad_request"
    INTERNAL_ERROR = "internal_error"


#: code -> (HTTP status, what it means); the source of the OpenAPI error documentation.
ERROR_CODES: dict[ErrorCode, tuple[int, str]] = {
    ErrorCode.INVALID_AS_OF: (
        400,
        "`as_of` is not a `YYYY-MM-DD` date, or is before 2008-01-01 (the Convention did not "
        "exist yet).",
    ),
    ErrorCode.INVALID_PARAMETER: (
        400,
        "Another query parameter is malformed or out of range (e.g. `within=-1`, "
        "`status=bogus`, an unknown region or article), or the endpoint does not take it.",
    ),
    ErrorCode.NOT_FOUND: (
        404,
        "No such resource: an ISO 3166-1 alpha-3 code not in the record, a report that is "
        "not published, or a path that is not an endpoint.",
    ),
    ErrorCode.METHOD_NOT_ALLOWED: (
        405,
        "The API is read-only: only `GET` (and `HEAD`) are accepted; the `Allow` header says so.",
    ),
    ErrorCode.BAD_REQUEST: (400, "Any other malformed request."),
    ErrorCode.INTERNAL_ERROR: (
        500,
        "A bug on the server: the request was fine, the server failed to answer it. It is "
        "logged for the maintainers; please report it with the URL.",
    ),
}

#: As ninja answers, so that errors and results look alike to a client.
CONTENT_TYPE = "application/json; charset=utf-8"

#: The only methods the (read-only) API answers.
SAFE_METHODS = ("GET", "HEAD")


class ApiError(Exception):
    """Raised by endpoints; rendered in the error shape with the code's HTTP status."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        fields: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = {name: list(messages) for name, messages in (fields or {}).items()}

    @classmethod
    def for_field(cls, code: ErrorCode, name: str, message: str) -> ApiError:
        return cls(code, message, {name: [message]})


def error_response(
    code: ErrorCode,
    message: str,
    fields: Mapping[str, list[str]] | None = None,
    *,
    status: int | None = None,
) -> HttpResponse:
    body = {"error": {"code": code.value, "message": message, "fields": dict(fields or {})}}
    return JsonResponse(
        body,
        status=status or ERROR_CODES[code][0],
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    response = error_response(
        ErrorCode.METHOD_NOT_ALLOWED,
        f"{request.method} is not allowed: the API is read-only "
        f"(allowed: {', '.join(SAFE_METHODS)}).",
    )
    response["Allow"] = ", ".join(SAFE_METHODS)
    return response


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """For any path under the API that is no endpoint."""
    return error_response(
        ErrorCode.NOT_FOUND,
        f"There is no endpoint at {request.path}; the endpoints are described at "
        f"{reverse('api-v1:openapi-view')}.",
    )


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a view of the API: refuse every method but GET and HEAD in the error shape
    (ninja itself answers a plain-text 405), answer HEAD as GET, and a 404 in the shape."""

    @wraps(view)  # keeps ``csrf_exempt`` set by ninja
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            return method_not_allowed(request)
        if request.method == "HEAD":
            # ninja matches operations on the method; the server drops a HEAD body.
            request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        except Http404:  # ninja's API root raises it outside its exception handlers
            return not_found(request)

    # Every unsafe method is refused before any state could change, so the CSRF check
    # (which would answer an HTML 403 first) has nothing to protect.
    wrapper.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapper


# -- ninja exception handlers ----------------------------------------------------------


def _sentence(name: str, message: str) -> str:
    """Turn pydantic's "Input should be ..." into "status should be ...", ending with a stop."""
    if message.startswith("Input "):
        message = f"{name} {message[len('Input ') :]}"
    elif message == "Field required":
        message = f"{name} is required"
    return message if message.endswith(".") else message + "."


def _on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    code: ErrorCode | None = None
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = loc[0] if loc else "request"
        fields.setdefault(name, []).append(_sentence(name, str(error.get("msg", "invalid"))))
        if code is None:
            kind = error.get("type")
            code = (
                ErrorCode(kind)
                if kind in ErrorCode._value2member_map_
                else ErrorCode.INVALID_PARAMETER
            )
    if len(fields) == 1:
        (messages,) = fields.values()
        message = " ".join(messages)
    else:
        message = f"{len(fields)} parameters are invalid: {', '.join(fields)}."
    return error_response(code or ErrorCode.INVALID_PARAMETER, message, fields)


def _on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.code, exc.message, exc.fields)


def _on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return not_found(request)


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    by_status = {404: ErrorCode.NOT_FOUND, 405: ErrorCode.METHOD_NOT_ALLOWED}
    code = by_status.get(exc.status_code, ErrorCode.BAD_REQUEST)
    return error_response(code, str(exc), status=exc.status_code)


def _on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A bug: answer in the error shape, and report it as Django reports an uncaught
    exception (ninja's own handler would re-raise it into the site's HTML 500 page)."""
    got_request_exception.send(sender=None, request=request)
    response = error_response(
        ErrorCode.INTERNAL_ERROR,
        f"The server failed to answer {request.get_full_path()}: this is a bug, and it has "
        "been logged.",
    )
    log_response(
        "Internal Server Error: %s",
        request.path,
        response=response,
        request=request,
        exception=exc,
    )
    return response


def install(api: NinjaAPI) -> None:
    """Replace ninja's ``{"detail": ...}`` answers with the error shape."""
    api.add_exception_handler(Exception, _on_unexpected)
    api.add_exception_handler(ApiError, _on_api_error)
    api.add_exception_handler(ValidationError, _on_validation_error)
    api.add_exception_handler(Http404, _on_404)
    api.add_exception_handler(HttpError, _on_http_error)


def describe() -> str:
    """The error section of the OpenAPI description, written from :data:`ERROR_CODES`."""
    rows = "\n".join(
        f"| `{code.value}` | {status} | {meaning} |"
        for code, (status, meaning) in ERROR_CODES.items()
    )
    return (
        "Every error answer (4xx, and 500 for a bug on the server) has one shape:\n\n"
        '`{"error": {"code": "invalid_as_of", "message": "a sentence for people", '
        '"fields": {"as_of": ["what is wrong with it"]}}}`\n\n'
        "`fields` names each offending query parameter (empty when the error is not about "
        "one). Codes are stable:\n\n"
        "| code | HTTP status | meaning |\n|---|---|---|\n" + rows
    )
