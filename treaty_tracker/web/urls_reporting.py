"""The Article 7 workflow pages: sign-in, focal points' drafts and submissions, ISU review."""

from django.contrib.auth.views import LogoutView
from django.urls import URLPattern, path, re_path

from treaty_tracker.web import reporting_views as views

urlpatterns: list[URLPattern] = [
    path("accounts/login/", views.SignIn.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(next_page="web:dashboard"), name="logout"),
    path("reports/mine/", views.my_reports, name="my_reports"),
    # Any lower-case word as the kind, so an unknown kind is a clear 404 from the view.
    re_path(
        r"^reports/(?P<iso3>[A-Z]{3})/(?P<kind>[a-z]+)/(?P<year>[0-9]{4}|initial)/draft/$",
        views.draft,
        name="draft",
    ),
    path("reports/submission/<int:pk>/", views.submission, name="submission"),
]

# The spreadsheet round trip and JSON import (web/spreadsheet_views.py).
from treaty_tracker.web import spreadsheet_views  # noqa: E402

_REPORT = r"^reports/(?P<iso3>[A-Z]{3})/(?P<kind>[a-z]+)/(?P<year>[0-9]{4}|initial)/"
urlpatterns += [
    re_path(_REPORT + r"draft\.xlsx$", spreadsheet_views.draft_xlsx, name="draft_xlsx"),
    re_path(_REPORT + r"draft\.json$", spreadsheet_views.draft_json, name="draft_json"),
    re_path(_REPORT + r"upload/$", spreadsheet_views.upload, name="draft_upload"),
]

# A report received by e-mail, entered by ISU staff; the original file of a version.
urlpatterns += [
    path("reports/enter/", views.enter_on_behalf, name="enter_on_behalf"),
    path(
        "reports/submission/<int:pk>/original",
        views.submission_original,
        name="submission_original",
    ),
]

# One form's figures entered online (web/report_figures.py).
from treaty_tracker.web import report_figures  # noqa: E402

urlpatterns += [
    re_path(
        _REPORT + r"draft/form/(?P<code>[A-Z])/$",
        report_figures.form_figures,
        name="draft_form_figures",
    ),
]
