"""Permission matrix lines for the victims pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona)."""

EVERYONE = dict.fromkeys(("anonymous", "bob", "fiona", "felix", "carla", "isla"), 200)

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    # The record of Article 5 is public: everyone reads it.
    "web:victim_assistance": ("/victim-assistance/?as_of=2020-09-28", EVERYONE),
    "api-v1:victim_assistance_status": ("/api/v1/victim-assistance", EVERYONE),
    "api-v1:victim_assistance_state": ("/api/v1/victim-assistance/LAO", EVERYONE),
}
