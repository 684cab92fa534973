"""WSGI entry point for gunicorn: ``gunicorn treaty_tracker.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treaty_tracker.settings")
application = get_wsgi_application()
