"""Permission matrix lines for the measures pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona)."""

EVERYONE = dict.fromkeys(("anonymous", "bob", "fiona", "felix", "carla", "isla"), 200)

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    # Article 9 categories are public: everyone reads them.
    "web:national_measures": ("/national-measures/?as_of=2020-09-28", EVERYONE),
    "api-v1:national_measures_list": ("/api/v1/national-measures", EVERYONE),
}
