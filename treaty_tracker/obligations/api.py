"""The obligations endpoints of API v1: extension requests and national measures (added
to the API in ``api.endpoints``)."""

from ninja import Router

router = Router()
