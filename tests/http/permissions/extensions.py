"""Permission matrix lines for the extensions pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona)."""

MATRIX: dict[str, tuple[str, dict[str, int]]] = {}
