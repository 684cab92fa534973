"""The national implementation measures page (Art. 9), in the site's ``web`` namespace."""

from django.urls import path

from treaty_tracker.obligations import measures_views

urlpatterns = [
    path("national-measures/", measures_views.national_measures, name="national_measures"),
]
