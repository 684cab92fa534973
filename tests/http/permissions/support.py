"""Permission matrix lines for the support pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona)."""

EVERYONE = dict.fromkeys(("anonymous", "bob", "fiona", "felix", "carla", "isla"), 200)
# Per-State arrears (assessed contributions) are for ISU staff; the totals are public.
ISU_ONLY_DOWNLOAD = dict.fromkeys(("anonymous", "bob", "fiona", "felix", "carla"), 403) | {
    "isla": 200
}

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "web:support": ("/support/?as_of=2020-09-28", EVERYONE),
    "api-v1:support_overview": ("/api/v1/support", EVERYONE),
}

#: Not url names (the matrix has one line per name): the staff-only download of the same
#: page, checked by ``tests/http/test_support.py``.
EXTRA: dict[str, tuple[str, dict[str, int]]] = {
    "web:support (per-State arrears)": (
        "/support/?as_of=2020-09-28&table=arrears_by_state&format=csv",
        ISU_ONLY_DOWNLOAD,
    ),
}
