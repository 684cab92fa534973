"""The site's URLs plus ``/bench-hello/``, for ``bench/server.py`` only (selected through
``ROOT_URLCONF`` in the environment of the bench's gunicorn; never in production).

The hello-world view goes through the same middleware as every page and does nothing
else: its throughput in the same run is the ceiling every page is measured against, so
a page's ratio to it says how much of the machine the page itself costs, whatever else
the (shared) machine was doing.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from treaty_tracker.urls import urlpatterns as site

HELLO_PATH = "/bench-hello/"


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world\n", content_type="text/plain")


urlpatterns = [path(HELLO_PATH.strip("/") + "/", hello), *site]
