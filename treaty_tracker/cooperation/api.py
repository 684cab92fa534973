"""The cooperation endpoints of API v1 (added to the API in ``api.endpoints``)."""

from ninja import Router

router = Router(tags=["cooperation"])
