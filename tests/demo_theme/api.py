from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

router = Router(tags=["demo"])


@router.get("/demo", operation_id="getDemo", summary="The demonstration theme")
def get_demo(request: HttpRequest) -> dict[str, Any]:
    return {"theme": "demo"}
