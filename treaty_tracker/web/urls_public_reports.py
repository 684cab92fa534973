"""Public Article 7 pages: published reports and the compliance matrix."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
