"""Permission matrix lines for the stockpiles pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona)."""

EVERYONE = dict.fromkeys(("anonymous", "bob", "fiona", "felix", "carla", "isla"), 200)

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "web:stockpiles": ("/stockpiles/?as_of=2020-09-28", EVERYONE),
    "api-v1:stockpiles_overview": ("/api/v1/stockpiles?as_of=2020-09-28", EVERYONE),
    "api-v1:stockpiles_state": ("/api/v1/stockpiles/PER", EVERYONE),
}
