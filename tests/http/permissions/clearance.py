"""Permission matrix lines for the clearance pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona).

Article 4 is public: everyone reads the page, its downloads and the API. Staff write
through the fact editor (``/record/clearance-*/``), whose lines the editor's own matrix
holds; refusals of writes are in tests/http/test_clearance.py."""

PERSONAS = ("anonymous", "bob", "fiona", "felix", "carla", "isla")
EVERYONE = dict.fromkeys(PERSONAS, 200)

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "web:clearance": ("/clearance/?as_of=2020-09-28", EVERYONE),
    "api-v1:clearance_overview": ("/api/v1/clearance?as_of=2020-09-28", EVERYONE),
    "api-v1:clearance_state": ("/api/v1/clearance/LAO?as_of=2020-09-28", EVERYONE),
}
