"""The victims pages, included in the site's ``web`` namespace (url names start with
``victim_assistance``)."""

from django.urls import path

from treaty_tracker.victims import views

urlpatterns = [
    path("victim-assistance/", views.victim_assistance, name="victim_assistance"),
]
