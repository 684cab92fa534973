"""The review pages (staff), included in the site's ``web`` namespace."""

from django.urls import path

from treaty_tracker.review import views

urlpatterns = [
    path("review/", views.review_index, name="review"),
    path("review/document/", views.review_document, name="review_document"),
    path("review/editions/new/", views.review_edition_new, name="review_edition_new"),
    path("review/editions/<int:pk>/", views.review_edition, name="review_edition"),
    path(
        "review/editions/<int:pk>/history/",
        views.review_edition_history,
        name="review_edition_history",
    ),
]
