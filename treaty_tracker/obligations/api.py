"""The obligations endpoints of API v1: extension requests and national measures (added
to the API in ``api.endpoints``)."""

from ninja import Router

router = Router()


# -- Article 9: national implementation measures (endpoints in ``measures_api``) ----------
from treaty_tracker.obligations.measures_api import router as measures_router  # noqa: E402

router.add_router("", measures_router)


# -- extension requests (endpoints in ``extensions_api``) --------------------------------
from treaty_tracker.obligations.extensions_api import router as extensions_router  # noqa: E402

router.add_router("", extensions_router)
