"""The language switcher: Django's ``set_language`` view, in the ``web`` namespace.

POST ``language`` (a code from ``settings.LANGUAGES``) and ``next`` (the page to return to,
checked to be on this site); the choice is kept in the ``django_language`` cookie, which
``LocaleMiddleware`` reads before the browser's Accept-Language. A GET changes nothing and
redirects (to ``next`` or the referring page, else ``/``). The form is
``web/includes/language_form.html``; docs/translations.md explains the catalogues.
"""

from __future__ import annotations

from django.urls import path
from django.views.i18n import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
]
