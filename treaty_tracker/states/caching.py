"""Results computed from the whole record, kept once per record version for every worker.

The record changes a few times a day and is read all day. A theme's overview for a date,
or the indicators' inputs for a date, depend only on the record and their arguments: they
are computed once per record version (``sources.RecordVersion``) and kept in the
``record`` cache (``settings.CACHES``: files under ``TT_VAR_DIR``, or Redis), which every
gunicorn worker shares. A change to the record draws a new version, so an entry is never
stale, only unused; old entries expire (``RECORD_CACHE_SECONDS``) or are culled.

A transaction that has changed the record and not yet committed reads its own changes: the
version is ``""`` there and nothing is read from or written to the cache (docs/decisions.md,
decisions 19 and 26).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import caches

from treaty_tracker.sources.models import RecordVersion

P = ParamSpec("P")
R = TypeVar("R")

CACHE = "record"
_MISSING = object()


def key(function: Callable[..., Any], version: str, args: tuple[Any, ...], kwargs: Any) -> str:
    """The cache key: the function, the record version, the treaty and the arguments (their
    ``repr``, hashed: dates, numbers, strings and tuples of them have a stable one)."""
    arguments = repr((args, sorted(kwargs.items()))).encode()
    digest = hashlib.sha256(arguments).hexdigest()[:32]
    return f"{function.__module__}.{function.__qualname__}:{settings.TREATY}:{version}:{digest}"


def per_record_version(function: Callable[P, R]) -> Callable[P, R]:
    """Compute ``function(*args, **kwargs)`` once per record version and keep the result
    (which must pickle) in the shared ``record`` cache; compute afresh, keeping nothing,
    inside a transaction that has changed the record. A hit costs one query (the version)
    and no computation. ``function.uncached`` is the function itself."""

    @wraps(function)
    def cached(*args: P.args, **kwargs: P.kwargs) -> R:
        version = RecordVersion.current()
        if not version:
            return function(*args, **kwargs)
        cache = caches[CACHE]
        name = key(function, version, args, kwargs)
        found = cache.get(name, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        result = function(*args, **kwargs)
        cache.set(name, result)
        return result

    cached.uncached = function  # type: ignore[attr-defined]
    return cached
