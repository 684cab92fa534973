"""The universalization pages, included in the site's ``web`` namespace (url names start with
``universalization``)."""

from django.urls import path

from treaty_tracker.universalization import views

urlpatterns = [
    path("universalization/", views.universalization, name="universalization"),
]
