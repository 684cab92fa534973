"""Permission matrix lines for the review pages (merged into
``tests/http/test_permission_matrix.py``): the generator and editions are ISU staff's."""

ISU = {"anonymous": 302, "bob": 403, "fiona": 403, "felix": 403, "carla": 403, "isla": 200}

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "web:review": ("/review/", ISU),
    # Without its form's fields the generator answers 400 to ISU staff.
    "web:review_document": ("/review/document/", ISU | {"isla": 400}),
    "web:review_edition_new": ("/review/editions/new/", ISU),
    # No edition exists in the matrix's database: 404 to ISU staff.
    "web:review_edition": ("/review/editions/999/", ISU | {"isla": 404}),
    "web:review_edition_history": ("/review/editions/999/history/", ISU | {"isla": 404}),
}
