"""The clearance pages, included in the site's ``web`` namespace (url names start with
``clearance``)."""

from django.urls import URLPattern, path

from treaty_tracker.clearance import views

urlpatterns: list[URLPattern] = [
    path("clearance/", views.clearance, name="clearance"),
]
