from django.urls import path

from treaty_tracker.web import record_views

urlpatterns = [
    path("record/", record_views.record_index, name="record_index"),
    path("record/<slug:key>/", record_views.record_list, name="record_list"),
    path("record/<slug:key>/new/", record_views.record_new, name="record_new"),
    path("record/<slug:key>/<int:pk>/", record_views.record_edit, name="record_edit"),
    path("record/<slug:key>/<int:pk>/history/", record_views.record_history, name="record_history"),
]
