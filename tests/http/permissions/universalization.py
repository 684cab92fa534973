"""Permission matrix lines for the universalization pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona)."""

EVERYONE = dict.fromkeys(("anonymous", "bob", "fiona", "felix", "carla", "isla"), 200)

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    # Universalization is public: everyone reads it.
    "web:universalization": ("/universalization/?as_of=2020-09-28", EVERYONE),
    "api-v1:universalization_status": ("/api/v1/universalization?as_of=2020-09-28", EVERYONE),
    "api-v1:universalization_votes": ("/api/v1/universalization/votes", EVERYONE),
}
