"""Extension requests: public pages, and the ISU's workflow (POST actions)."""

from django.urls import path

from treaty_tracker.obligations import extension_views as views

urlpatterns = [
    path("extensions/", views.extension_list, name="extensions"),
    path("extensions/new/", views.extension_new, name="extension_new"),
    path("extensions/<int:pk>/", views.extension_detail, name="extension"),
    path("extensions/<int:pk>/edit/", views.extension_edit, name="extension_edit"),
    path("extensions/<int:pk>/submit/", views.extension_submit, name="extension_submit"),
    path("extensions/<int:pk>/analysis/", views.extension_analysis, name="extension_analysis"),
    path("extensions/<int:pk>/decision/", views.extension_decide, name="extension_decide"),
    path("extensions/<int:pk>/withdraw/", views.extension_withdraw, name="extension_withdraw"),
    path(
        "extensions/<int:pk>/milestones/",
        views.extension_milestone_add,
        name="extension_milestone_add",
    ),
    path(
        "extensions/<int:pk>/milestones/<int:milestone>/",
        views.extension_milestone,
        name="extension_milestone",
    ),
]
