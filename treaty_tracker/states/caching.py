"""Results computed from the whole record, kept once per record version for every worker.

The record changes a few times a day and is read all day. A theme's overview for a date,
or the indicators' inputs for a date, depend only on the record and their arguments: they
are computed once per record version (``sources.RecordVersion``) and kept in the
``record`` cache (``settings.CACHES``: files under ``TT_VAR_DIR``, or Redis), which every
gunicorn worker shares. A change to the record draws a new version, so an entry is never
stale, only unused; old entries expire (``RECORD_CACHE_SECONDS``) or are culled.

Each process also keeps the last few results it used (``KEPT_HERE``), as it keeps the
register: a hit in the shared cache unpickles a copy, which at the 1x size costs about as
much as computing the overview again. Callers treat the results as read-only, as they do
the register.

A transaction that has changed the record and not yet committed reads its own changes: the
version is ``""`` there and nothing is read from or written to the cache (docs/decisions.md,
decisions 19 and 26).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import caches

from treaty_tracker.sources.models import RecordVersion

P = ParamSpec("P")
R = TypeVar("R")

CACHE = "record"
KEPT_HERE = 32  # results this process keeps in memory, the most recently used
_MISSING = object()
_here: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()


def forget_here() -> None:
    """Drop what this process keeps in memory (the shared cache is left alone)."""
    with _lock:
        _here.clear()


def _keep_here(name: str, result: Any) -> None:
    with _lock:
        _here[name] = result
        _here.move_to_end(name)
        while len(_here) > KEPT_HERE:
            _here.popitem(last=False)


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
    and no computation. The result is shared: do not change it. ``function.uncached`` is
    the function itself."""

    @wraps(function)
    def cached(*args: P.args, **kwargs: P.kwargs) -> R:
        version = RecordVersion.current()
        if not version:
            return function(*args, **kwargs)
        name = key(function, version, args, kwargs)
        with _lock:
            found = _here.get(name, _MISSING)
        if found is _MISSING:
            cache = caches[CACHE]
            found = cache.get(name, _MISSING)
            if found is _MISSING:
                found = function(*args, **kwargs)
                cache.set(name, found)
        _keep_here(name, found)
        return found  # type: ignore[no-any-return]

    cached.uncached = function  # type: ignore[attr-defined]
    return cached
