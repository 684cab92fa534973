"""The site's URLs built anew, for a test that has installed this app: the site's own
are built once, when first imported, from the apps installed then."""

from django.contrib import admin
from django.urls import include, path

from treaty_tracker.api import endpoints
from treaty_tracker.api import urls as api_urls
from treaty_tracker.web import urls as web_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_urls.patterns(endpoints.build()))),
    path("", include((web_urls.patterns(), "web"))),
]
