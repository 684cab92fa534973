"""The Article 7 workflow pages: sign-in, focal points' drafts and submissions, ISU review."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
