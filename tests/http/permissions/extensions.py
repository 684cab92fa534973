"""Permission matrix lines for the extension-request pages (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona).

The list and a submitted request's page are public; the workflow is the ISU's. The
workflow's POST-only actions answer a GET by ISU staff with 405."""

PERSONAS = ("anonymous", "bob", "fiona", "felix", "carla", "isla")
EVERYONE = dict.fromkeys(PERSONAS, 200)
ISU = {"anonymous": 302, "bob": 403, "fiona": 403, "felix": 403, "carla": 403, "isla": 200}
ISU_POST = ISU | {"isla": 405}
REQUEST = "/extensions/{extension}/"

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "web:extensions": ("/extensions/", EVERYONE),
    "web:extension": (REQUEST, EVERYONE),
    "web:extension_new": ("/extensions/new/", ISU),
    "web:extension_edit": (REQUEST + "edit/", ISU),
    "web:extension_analysis": (REQUEST + "analysis/", ISU),
    "web:extension_submit": (REQUEST + "submit/", ISU_POST),
    "web:extension_decide": (REQUEST + "decision/", ISU_POST),
    "web:extension_withdraw": (REQUEST + "withdraw/", ISU_POST),
    "web:extension_milestone_add": (REQUEST + "milestones/", ISU_POST),
    "web:extension_milestone": (REQUEST + "milestones/1/", ISU_POST),
    "api-v1:extensions_list": ("/api/v1/extensions", EVERYONE),
    "api-v1:extensions_get": ("/api/v1/extensions/{extension}", EVERYONE),
}
