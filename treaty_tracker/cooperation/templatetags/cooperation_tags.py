"""Template filters of the cooperation pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """``{{ labels|get_item:fact.theme }}``: a mapping's value, or None."""
    if not mapping:
        return None
    return mapping.get(key)
