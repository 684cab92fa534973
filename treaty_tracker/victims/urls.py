"""The victims pages, included in the site's ``web`` namespace (url names start with
``victims``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
