"""The support pages, included in the site's ``web`` namespace (url names start with
``support``)."""

from django.urls import URLPattern, path

from treaty_tracker.support import views

urlpatterns: list[URLPattern] = [
    path("support/", views.support, name="support"),
]
