"""Guard function views with a question from :mod:`treaty_tracker.accounts.policy`.

::

    @require(policy.can_draft_report)
    def draft(request: HttpRequest, iso3: str) -> HttpResponse: ...

The predicate is called with ``request.user`` and those of the view's URL keyword
arguments that it names (here ``iso3``). Allowed: the view runs. Refused: anonymous users
are sent to the sign-in page (``settings.LOGIN_URL``, the admin's) with ``?next=``; signed-in
users get 403. A predicate that allows the public (a published report) lets anyone in.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def require(predicate: Callable[..., bool]) -> Callable[[View], View]:
    """Run the view only when ``predicate(request.user, **named_url_kwargs)`` is true."""
    parameters = inspect.signature(predicate).parameters
    # The first parameter is the user; the date is never taken from the URL.
    names = set(list(parameters)[1:]) - {"today"}

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            asked = {name: value for name, value in kwargs.items() if name in names}
            if predicate(request.user, **asked):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            raise PermissionDenied

        return guarded

    return decorate
