"""Extension requests (Art. 3(3)-(5), 4(5)-(8)) and national implementation measures
(Art. 9), included in the site's ``web`` namespace."""

from django.urls import include, path

urlpatterns = [
    path("", include("treaty_tracker.obligations.urls_extensions")),
    path("", include("treaty_tracker.obligations.urls_measures")),
]
