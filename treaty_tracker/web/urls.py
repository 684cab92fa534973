from django.urls import URLPattern, URLResolver, include, path, re_path

from treaty_tracker.themes import registry
from treaty_tracker.web import views

app_name = "web"


def patterns() -> list[URLPattern | URLResolver]:
    """The site's pages; each theme's from the registry as it stands when called."""
    return [
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
        # Every theme's pages, and the pages of the apps that plug in beside them (the
        # extension requests, the action plans' indicators): each app's urls.py, found by
        # ``themes.registry``, in the order of the review's sections.
        *[path("", include(module)) for module in registry.parts("urls")],
        # The generated review.
        path("", include("treaty_tracker.review.urls")),
    ]


urlpatterns = patterns()
