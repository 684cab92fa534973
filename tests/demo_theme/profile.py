from __future__ import annotations

from datetime import date
from typing import Any


def section(iso3: str, as_of: date) -> dict[str, Any] | None:
    return {"template": "demo_theme/profile.html", "iso3": iso3, "as_of": as_of}
