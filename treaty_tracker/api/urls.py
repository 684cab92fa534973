"""The API's URLs (included at ``/api/v1/``): ninja's, made read-only in the error shape,
then a catch-all so any other path under the API answers a JSON 404, not the site's page."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from treaty_tracker.api.endpoints import api
from treaty_tracker.themes.api_errors import not_found, read_only


def patterns(built: NinjaAPI) -> list[URLPattern | URLResolver]:
    """``built``'s URLs, read-only in the error shape, then the JSON 404 catch-all."""
    found, app_name, namespace = built.urls
    read_only_patterns = [
        URLPattern(p.pattern, read_only(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in found
    ]
    return [
        path("", (read_only_patterns, app_name, namespace)),
        re_path(r"", csrf_exempt(not_found)),
    ]


urlpatterns = patterns(api)
