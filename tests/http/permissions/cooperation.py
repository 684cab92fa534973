"""Permission matrix lines for the cooperation pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona).

Everything here is public: the record of cooperation and assistance and the published
reports' Form I are read by everyone; staff write through ``/record/cooperation-*/``
(the fact editor's lines)."""

EVERYONE = dict.fromkeys(("anonymous", "bob", "fiona", "felix", "carla", "isla"), 200)

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "web:cooperation": ("/cooperation/?as_of=2020-09-28", EVERYONE),
    "web:cooperation_chart": ("/cooperation/chart.svg?as_of=2020-09-28", EVERYONE),
    "web:cooperation_needs": ("/cooperation/needs/?as_of=2020-09-28", EVERYONE),
    "web:cooperation_coalitions": ("/cooperation/coalitions/?as_of=2020-09-28", EVERYONE),
    "api-v1:cooperation_overview": ("/api/v1/cooperation?as_of=2020-09-28", EVERYONE),
    "api-v1:cooperation_needs": ("/api/v1/cooperation/needs?as_of=2020-09-28", EVERYONE),
    "api-v1:cooperation_coalitions": ("/api/v1/cooperation/coalitions", EVERYONE),
}
