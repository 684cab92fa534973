"""The API's URLs (included at ``/api/v1/``): ninja's, made read-only in the error shape,
then a catch-all so any other path under the API answers a JSON 404, not the site's page."""

from __future__ import annotations

from django.urls import URLPattern, path, re_path
from django.views.decorators.csrf import csrf_exempt

from treaty_tracker.api.endpoints import api
from treaty_tracker.themes.api_errors import not_found, read_only

_patterns, _app_name, _namespace = api.urls
_read_only = [
    URLPattern(p.pattern, read_only(p.callback), p.default_args, p.name)
    if isinstance(p, URLPattern)
    else p
    for p in _patterns
]

urlpatterns = [
    path("", (_read_only, _app_name, _namespace)),
    re_path(r"", csrf_exempt(not_found)),
]
