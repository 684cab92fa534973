"""The stockpiles pages, included in the site's ``web`` namespace (url names start with
``stockpiles``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
