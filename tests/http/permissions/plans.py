"""Permission matrix lines for the plans pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona)."""

EVERYONE = dict.fromkeys(("anonymous", "bob", "fiona", "felix", "carla", "isla"), 200)

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    # The action plans and their indicators are public: everyone reads them.
    "web:plans_indicators": ("/indicators/?plan=LAP&as_of=2022-01-01", EVERYONE),
    "api-v1:plans_indicators": ("/api/v1/indicators?plan=LAP&as_of=2022-01-01", EVERYONE),
}
