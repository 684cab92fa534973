"""The clearance pages, included in the site's ``web`` namespace (url names start with
``clearance``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
