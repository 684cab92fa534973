"""Permission matrix lines for the i18n pages and endpoints (merged into
``tests/http/test_permission_matrix.py``): url name -> (path, status per persona)."""

PERSONAS = ("anonymous", "bob", "fiona", "felix", "carla", "isla")

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    # The language switcher (Django's set_language) is for everyone; a GET changes nothing
    # and redirects (to "/", there being no next and no referrer): the form POSTs.
    "web:set_language": ("/i18n/setlang/", dict.fromkeys(PERSONAS, 302)),
}
