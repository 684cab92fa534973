"""Settings: one module, read from the environment with typed helpers that fail loudly.

Zero configuration gives a development setup on SQLite (``var/treaty-tracker.sqlite3``).
Production sets ``DEBUG=false``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``;
docs/deploy.md lists every variable.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("TT_VAR_DIR", PROJECT_DIR / "var"))


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true or false)")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
_DEV_KEY = "django-insecure-development-only-key-not-for-production-use-0123456789"
SECRET_KEY = env_str("SECRET_KEY", _DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    # Swagger UI's files from ninja's own static folder, not a CDN (pinned with ninja).
    "ninja",
    # Failed sign-ins counted and locked out (AXES_* below).
    "axes",
    "treaty_tracker.sources",
    "treaty_tracker.accounts",
    "treaty_tracker.states",
    "treaty_tracker.meetings",
    "treaty_tracker.obligations",
    "treaty_tracker.stockpiles",
    "treaty_tracker.clearance",
    "treaty_tracker.victims",
    "treaty_tracker.cooperation",
    "treaty_tracker.transparency",
    "treaty_tracker.reminders",
    "treaty_tracker.universalization",
    "treaty_tracker.support",
    "treaty_tracker.plans",
    "treaty_tracker.review",
    "treaty_tracker.cli",
    "treaty_tracker.web",
    "treaty_tracker.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Refuses a request larger than any upload form takes before its body is read.
    "treaty_tracker.web.middleware.RequestSizeLimitMiddleware",
    # Last, as its documentation asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Overridden only by bench/server.py, whose URLconf adds a hello-world view to measure
# every page against (docs/performance.md); a deployment leaves it unset.
ROOT_URLCONF = env_str("ROOT_URLCONF", "treaty_tracker.urls")
WSGI_APPLICATION = "treaty_tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

_SQLITE_URL = f"sqlite:///{VAR_DIR / 'treaty-tracker.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _SQLITE_URL), conn_max_age=env_int("DB_CONN_MAX_AGE", 60)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A write transaction takes SQLite's write lock when it begins, not at its first
    # write: two requests writing at once take turns instead of one failing with
    # "database is locked" (SQLite has no row locks), waiting up to 20 seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default": each process's own memory (rendered page fragments, decision 19). "record":
# results computed from the whole record, kept per record version and shared by every
# worker (states/caching.py, decision 26): files under TT_VAR_DIR by default (one machine,
# no table to create), or Redis with RECORD_CACHE_URL=redis://host:6379/0 (the `redis`
# package installed). An entry is never stale (its key holds the record version), only
# unused once the record changes: it expires after RECORD_CACHE_SECONDS.
RECORD_CACHE_URL = env_str("RECORD_CACHE_URL", "")
RECORD_CACHE_SECONDS = env_int("RECORD_CACHE_SECONDS", 86400)
if RECORD_CACHE_SECONDS < 1:
    raise ImproperlyConfigured(f"RECORD_CACHE_SECONDS={RECORD_CACHE_SECONDS} must be 1 or more")
if RECORD_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    _RECORD_CACHE: dict[str, object] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": RECORD_CACHE_URL,
    }
elif RECORD_CACHE_URL:
    raise ImproperlyConfigured(
        f"RECORD_CACHE_URL={RECORD_CACHE_URL!r} is not a redis:// address (leave it unset "
        "for files under TT_VAR_DIR)"
    )
else:
    _RECORD_CACHE = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache" / "record",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "record": {**_RECORD_CACHE, "TIMEOUT": RECORD_CACHE_SECONDS},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# AxesBackend first: it refuses a locked-out sign-in before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling (django-axes, docs/deploy.md "Sign-in lockout"): after
# AXES_FAILURE_LIMIT failures for one username from one address, that pair is refused,
# even with the right password, for AXES_COOLOFF_MINUTES; a success resets the count.
# Locking the pair, not the username alone, keeps an attacker from locking a focal
# point out from everywhere.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "treaty_tracker.web.lockout.locked_out"
# Behind a reverse proxy every request comes from the proxy's address: with
# TRUST_X_FORWARDED_FOR the client is the right-most address of X-Forwarded-For, the one
# the proxy appended (nginx: $proxy_add_x_forwarded_for). Off, the header is ignored, since
# a client can send any X-Forwarded-For it likes.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if TRUST_X_FORWARDED_FOR else ["REMOTE_ADDR"]
)

# Staff sign in through the admin (its login page, password reset is by an administrator).
LOGIN_URL = "/admin/login/"
LOGIN_REDIRECT_URL = "/admin/"

LANGUAGE_CODE = "en"
# The six UN languages are wired in; English is the only one translated so far.
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("ru", "Русский"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
# Uploaded files (originals of reports received by e-mail, files uploaded into drafts).
# Not served publicly; `treaty-tracker backup` copies them with the database.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Days the bytes of a refused draft upload are kept before `treaty-tracker uploads purge`
# deletes them (the log row stays, marked purged); accepted uploads are never purged.
REFUSED_UPLOAD_RETENTION_DAYS = env_int("REFUSED_UPLOAD_RETENTION_DAYS", 90)
if REFUSED_UPLOAD_RETENTION_DAYS < 1:
    raise ImproperlyConfigured(
        f"REFUSED_UPLOAD_RETENTION_DAYS={REFUSED_UPLOAD_RETENTION_DAYS} must be 1 or more"
    )

# Upload limits (docs/deploy.md "Upload size"). The largest upload a form takes is a
# report entered on behalf of a State: its data file (5 MB) and its original (20 MB); the
# RequestSizeLimitMiddleware refuses, before reading it, a body larger than that plus
# MAX_REQUEST_MARGIN for the form's other fields. Below it, a file over its own form's
# limit is still received, so that the refusal is logged with the file's size.
# A form's fields (files aside) are a few kilobytes: Django's own default, kept on purpose.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A spreadsheet or JSON upload (5 MB at most) stays in memory; a larger original (a
# scanned PDF) is streamed to a temporary file instead of held in a worker's memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_REQUEST_MARGIN = 1024 * 1024

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "treaty-tracker@localhost")
# Report reminders (docs/reminders.md): who is copied on an escalated one; the site's own
# address, for the link in the e-mail.
REMINDERS_ESCALATE_TO = env_list("REMINDERS_ESCALATE_TO", "")
SITE_URL = env_str("SITE_URL", "http://localhost:8000")

# Which treaty this deployment keeps (a code from treaty_tracker.rules.TREATIES).
TREATY = env_str("TREATY", "CCM")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp): the site's own files only; no inline script or
# style, no eval, no plugins, not framed. The generated review's HTML carries its print
# stylesheet inline, allowed by a nonce on that response alone (review/views.py).
# data: images: the pages' empty favicon and Swagger UI's icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
