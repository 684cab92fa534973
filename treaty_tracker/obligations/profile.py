"""The national implementation measures (Art. 9) section of a State's profile page
(see ``web.views.PROFILE_SECTIONS``)."""

from __future__ import annotations

from datetime import date
from typing import Any


def section(iso3: str, as_of: date) -> dict[str, Any] | None:
    """``{"template": ..., **context}`` for the State's profile, or None to show nothing.
    A fixed number of queries, whatever the State."""
    return None
