"""The stockpiles pages, included in the site's ``web`` namespace (url names start with
``stockpiles``)."""

from django.urls import URLPattern, path

from treaty_tracker.stockpiles import views

urlpatterns: list[URLPattern] = [
    path("stockpiles/", views.stockpiles, name="stockpiles"),
]
