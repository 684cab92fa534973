from django.urls import include, path, re_path

from treaty_tracker.web import views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("states/", views.state_list, name="states"),
    # Any three letters: lower case is redirected to the ISO 3166-1 alpha-3 upper case.
    re_path(r"^states/(?P<iso3>[A-Za-z]{3})/$", views.state_profile, name="state"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("themes/", views.themes, name="themes"),
    # Article 7: the public side (published reports, the compliance matrix) ...
    path("", include("treaty_tracker.web.urls_public_reports")),
    # ... and the workflow (focal points' drafts and submissions, the ISU's review).
    path("", include("treaty_tracker.web.urls_reporting")),
    # The language switcher (Django's set_language): docs/translations.md.
    path("", include("treaty_tracker.web.urls_i18n")),
    # Staff enter and correct facts (every app's editors.py).
    path("", include("treaty_tracker.web.urls_record")),
    # The obligations, each with its thematic pages: extension requests and Art. 9 ...
    path("", include("treaty_tracker.obligations.urls")),
    # ... Art. 3, Art. 4, Art. 5 and Art. 6.
    path("", include("treaty_tracker.stockpiles.urls")),
    path("", include("treaty_tracker.clearance.urls")),
    path("", include("treaty_tracker.victims.urls")),
    path("", include("treaty_tracker.cooperation.urls")),
    # Universalization (section II), implementation support (IX), the action plans and
    # their indicators, and the generated review.
    path("", include("treaty_tracker.universalization.urls")),
    path("", include("treaty_tracker.support.urls")),
    path("", include("treaty_tracker.plans.urls")),
    path("", include("treaty_tracker.review.urls")),
]
