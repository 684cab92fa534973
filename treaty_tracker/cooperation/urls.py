"""The cooperation pages, included in the site's ``web`` namespace (url names start with
``cooperation``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
