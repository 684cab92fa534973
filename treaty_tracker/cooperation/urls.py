"""The cooperation pages, included in the site's ``web`` namespace (url names start with
``cooperation``)."""

from django.urls import URLPattern, path

from treaty_tracker.cooperation import views

urlpatterns: list[URLPattern] = [
    path("cooperation/", views.cooperation, name="cooperation"),
    path("cooperation/chart.svg", views.cooperation_chart, name="cooperation_chart"),
    path("cooperation/needs/", views.cooperation_needs, name="cooperation_needs"),
    path("cooperation/coalitions/", views.cooperation_coalitions, name="cooperation_coalitions"),
]
