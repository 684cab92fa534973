"""The plans pages, included in the site's ``web`` namespace (url names start with
``plans``)."""

from django.urls import path

from treaty_tracker.plans import views

urlpatterns = [
    path("indicators/", views.plans_indicators, name="plans_indicators"),
]
