from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from treaty_tracker.states.selectors import register


def demo(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"Demonstration: {len(register().records)} States in the record")
