"""The spreadsheet round trip and JSON import (the transparency/spreadsheet package): a
template reads back as the content it was built from, every problem of a broken one is
listed by sheet and cell, and hostile files are refused before they cost anything. And
the log of uploads (``report_upload_record``): every file kept as received, immutable."""

from __future__ import annotations

import ast
import copy
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from treaty_tracker.rules import ReportKind
from treaty_tracker.rules.reporting import ReportContext, load_form_definition
from treaty_tracker.transparency import spreadsheet
from treaty_tracker.transparency.models import DraftUpload, ImmutableError
from treaty_tracker.transparency.services import Slot, report_draft_start, report_upload_record
from treaty_tracker.transparency.spreadsheet import (
    MAX_UPLOAD_BYTES,
    ParseResult,
    build_workbook,
    parse_json,
    parse_workbook,
)

SAMPLES = Path(__file__).parent.parent / "samples" / "reports"
DEFINITION = load_form_definition("ccm-2010")


def _load(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


GOOD = _load("good-annual.json")
CONTEXT = ReportContext(
    due_year=2020,
    obligations=frozenset({"3", "4", "5"}),
    previous=_load("good-annual-previous.json"),
    state="XAR",
)


def _good() -> tuple[bytes, ParseResult]:
    data = build_workbook(GOOD, DEFINITION)
    return data, parse_workbook(data, DEFINITION, context=CONTEXT)


def _edit(data: bytes, cells: dict[tuple[str, str], object]) -> bytes:
    """The workbook with these cells ((sheet, "C7") -> value) overwritten, as Excel would."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for (sheet, cell), value in cells.items():
        workbook[sheet][cell] = value
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return output.getvalue()


def test_it_reads_back_the_content_it_was_built_from() -> None:
    _data, result = _good()
    assert result.content == GOOD
    assert result.problems == []  # the sample has no findings


def test_it_round_trips_an_edited_cell() -> None:
    data, good = _good()
    sheet, cell = good.cells["B.stockpile[1].munitions"]
    edited = parse_workbook(_edit(data, {(sheet, cell): 290}), DEFINITION, context=CONTEXT)
    expected = copy.deepcopy(GOOD)
    expected["forms"]["B"]["data"]["stockpile"][1]["munitions"] = 290
    assert edited.content == expected


def test_it_reads_a_row_added_under_a_table_and_a_breakdown_cell() -> None:
    data, good = _good()
    sheet, cell = good.cells["G.activities[1].beneficiaries"]
    row = int(cell[1:]) + 1
    added = {(sheet, f"B{row}"): "Radio spots", (sheet, f"C{row}"): "Nationwide"}
    h_sheet, h_cell = good.cells["H.killed.by.female.child.civilian"]
    added[(h_sheet, h_cell)] = 1
    added[(h_sheet, good.cells["H.killed.total"][1])] = 1
    result = parse_workbook(_edit(data, added), DEFINITION, context=CONTEXT)
    assert result.content is not None
    forms = result.content["forms"]
    assert forms["G"]["data"]["activities"][2] == {
        "activity": "Radio spots",
        "location": "Nationwide",
    }
    assert forms["H"]["data"]["killed"] == {
        "total": 1,
        "by": {"female": {"child": {"civilian": 1}}},
    }


def test_it_writes_text_that_looks_like_a_formula_as_text() -> None:
    content = copy.deepcopy(GOOD)
    content["forms"]["J"]["text"] = '=HYPERLINK("http://evil.example","click")'
    result = parse_workbook(build_workbook(content, DEFINITION), DEFINITION, context=CONTEXT)
    assert result.content is not None
    assert result.content["forms"]["J"]["text"] == content["forms"]["J"]["text"]


def test_it_lists_every_problem_of_a_broken_workbook_by_sheet_and_cell() -> None:
    data, good = _good()
    at = good.cells
    broken = _edit(
        data,
        {
            at["B.stockpile[0].submunitions"]: "about 450,000",
            at["F.released[0].cleared"]: -50000,
            at["B.destroyed[0].site"]: "=1+1",
            at["D.status"]: "paused",
            at["B.destroyed[0].munitions"]: 5000,
        },
    )
    result = parse_workbook(broken, DEFINITION, context=CONTEXT)
    assert result.refused
    found = {(p.code, p.sheet, p.cell) for p in result.problems}
    expected = {
        ("upload.value", *at["B.stockpile[0].submunitions"]),
        ("upload.formula", *at["B.destroyed[0].site"]),
        ("schema.negative", *at["F.released[0].cleared"]),
        ("schema.status", *at["D.status"]),
        ("stockpile.destroyed_exceeds_declared", *at["B.destroyed[0].munitions"]),
    }
    assert expected <= found, found
    # One place, one problem: the bad quantity is not also "missing".
    places = [(p.sheet, p.cell) for p in result.problems]
    assert places.count(at["B.stockpile[0].submunitions"]) == 1
    value = next(p for p in result.problems if p.code == "upload.value")
    assert "about 450,000" in value.message and value.where.startswith("B!")


def test_it_locates_findings_of_an_unfilled_required_cell() -> None:
    data, good = _good()
    broken = _edit(data, {good.cells["contact.email"]: None})
    result = parse_workbook(broken, DEFINITION, context=CONTEXT)
    required = [p for p in result.problems if p.code == "schema.required"]
    assert [(p.sheet, p.cell) for p in required] == [good.cells["contact.email"]]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"Name,Munitions\nM26,700\n", "upload.not_xlsx"),
        (b"PK\x03\x04" + b"\0" * (MAX_UPLOAD_BYTES + 1), "upload.too_large"),
        (_zip({"hello.txt": b"not a workbook"}), "upload.not_xlsx"),
        # A zip bomb: a few kilobytes that unpack to 64 MB.
        (
            _zip(
                {
                    "[Content_Types].xml": b"<Types/>",
                    "xl/workbook.xml": b"<workbook/>",
                    "xl/worksheets/sheet1.xml": b" " * (64 * 1024 * 1024),
                }
            ),
            "upload.too_large",
        ),
    ],
    ids=["csv", "huge", "other-zip", "zip-bomb"],
)
def test_it_refuses_a_hostile_file_with_one_clear_problem(data: bytes, code: str) -> None:
    result = parse_workbook(data, DEFINITION)
    assert result.refused
    assert [p.code for p in result.problems] == [code]
    assert result.problems[0].message


def test_it_refuses_a_sheet_with_too_many_rows() -> None:
    data, _good_result = _good()
    result = parse_workbook(_edit(data, {("B", "C6000"): 1}), DEFINITION)
    assert [(p.code, p.sheet) for p in result.problems] == [("upload.too_large", "B")]


def test_it_refuses_another_workbook_or_an_old_template() -> None:
    plain = openpyxl.Workbook()
    output = io.BytesIO()
    plain.save(output)
    other = parse_workbook(output.getvalue(), DEFINITION)
    assert [p.code for p in other.problems] == ["upload.wrong_template"]
    assert "not the Article 7 template" in other.problems[0].message
    data, _result = _good()
    old = parse_workbook(_edit(data, {("_meta", "B2"): "ccm-2009"}), DEFINITION)
    assert [(p.code, p.where) for p in old.problems] == [("upload.wrong_template", "_meta!B2")]


def test_it_keeps_the_committed_sample_template_readable() -> None:
    """tests/samples/xlsx/good-annual.xlsx is the template of good-annual.json; if the
    layout changes, regenerate it (and bump LAYOUT)."""
    sample = Path(__file__).parent.parent / "samples" / "xlsx" / "good-annual.xlsx"
    result = parse_workbook(sample.read_bytes(), DEFINITION, context=CONTEXT)
    assert result.content == GOOD


def test_it_imports_json_and_locates_its_findings_by_path() -> None:
    good = parse_json(json.dumps(GOOD).encode(), DEFINITION, context=CONTEXT)
    assert (good.content, good.problems) == (GOOD, [])
    broken = parse_json((SAMPLES / "broken-annual.json").read_bytes(), DEFINITION, context=CONTEXT)
    assert broken.content is not None
    assert broken.problems and all(p.cell for p in broken.problems)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'{"forms": ', "upload.not_json"),
        (b"[1, 2]", "upload.not_json"),
        (b"\xff\xfe\x00", "upload.not_json"),
        (b" " * (MAX_UPLOAD_BYTES + 1), "upload.too_large"),
    ],
    ids=["truncated", "array", "not-utf8", "huge"],
)
def test_it_refuses_json_that_is_not_a_report(data: bytes, code: str) -> None:
    result = parse_json(data, DEFINITION)
    assert result.refused and [p.code for p in result.problems] == [code]


def test_it_exports_json_that_imports_back() -> None:
    assert parse_json(spreadsheet.export_json(GOOD), DEFINITION).content == GOOD


PACKAGE = Path(spreadsheet.__file__).parent


def test_it_keeps_the_package_small_and_free_of_django() -> None:
    """STYLE rules 2 and 10: parsing runs on plain data; modules stay small."""
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) > 1
    for path in modules:
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) < 400, path.name
        for node in ast.walk(ast.parse(text)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not [n for n in names if n.split(".")[0] == "django"], path.name


def test_it_exports_its_api_from_the_package() -> None:
    for name in spreadsheet.__all__:
        assert getattr(spreadsheet, name) is not None, name
    assert {"Problem", "ParseResult", "build_workbook", "parse_workbook", "parse_json"} <= set(
        spreadsheet.__all__
    )


SLOT = Slot("ISL", ReportKind.ANNUAL, 2025)


def _record(user: User, data: bytes | None, **changes: Any) -> DraftUpload:
    arguments: dict[str, Any] = {
        "user": user,
        "slot": SLOT,
        "upload_bytes": data,
        "name": "report.xlsx",
        "outcome": DraftUpload.Outcome.REFUSED,
        "problems": [p.as_dict() for p in parse_workbook(data or b"", DEFINITION).problems],
        "draft": None,
    }
    return report_upload_record(**(arguments | changes))


def test_it_records_an_upload_as_received(fiona: User) -> None:
    draft = report_draft_start(user=fiona, slot=SLOT)
    data = b"not a workbook"
    upload = _record(fiona, data, name="x" * 300 + ".xlsx", content_type="text/plain")
    assert (upload.draft, upload.outcome, upload.size) == (draft, "refused", len(data))
    assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert len(upload.original_name) == 255 and upload.original_name.endswith(".xlsx")
    assert upload.file.name == f"reports/uploads/{upload.sha256}.xlsx"
    assert upload.problems[0]["code"] == "upload.not_xlsx"
    assert upload.problems[0]["severity"] == "refusal"


def test_it_records_an_upload_refused_unread_by_its_declared_size(fiona: User) -> None:
    upload = _record(fiona, None, problems=[], size=MAX_UPLOAD_BYTES + 1)
    assert (upload.size, upload.sha256, upload.file.name, upload.draft) == (
        MAX_UPLOAD_BYTES + 1,
        "",
        "",
        None,
    )


def test_it_refuses_to_record_another_states_upload(felix: User) -> None:
    with pytest.raises(PermissionDenied):
        _record(felix, b"{}")
    assert not DraftUpload.objects.exists()


def test_it_never_changes_a_recorded_upload(fiona: User) -> None:
    upload = _record(fiona, b"{}")
    upload.outcome = DraftUpload.Outcome.ACCEPTED
    with pytest.raises(ImmutableError):
        upload.save()
    assert DraftUpload.objects.get().outcome == "refused"
