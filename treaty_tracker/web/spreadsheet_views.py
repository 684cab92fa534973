"""The spreadsheet round trip and JSON import of a focal point's draft report.

``draft.xlsx`` and ``draft.json`` download the State's draft (started, carried forward from
its last report, if there is none yet); ``upload/`` reads a filled-in template or a JSON
report through ``transparency.spreadsheet`` and, unless the file is refused, saves it into
the draft with ``report_draft_save`` (the one write path). A refused file changes nothing
and gets a 400 listing every problem by sheet and cell. Permissions as on the draft page:
the State's focal point only.

Every file received is kept as received (``DraftUpload``, via ``report_upload_record``),
accepted or refused, with the problems listed back: the ISU can see what a State tried to
send. A request refused with 403 (not the State's focal point) or without a file logs
nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from treaty_tracker.accounts import policy
from treaty_tracker.accounts.decorators import require
from treaty_tracker.rules.reporting import FormDefinition
from treaty_tracker.states.models import State
from treaty_tracker.transparency import spreadsheet
from treaty_tracker.transparency.models import Draft, DraftUpload
from treaty_tracker.transparency.services import (
    DraftGone,
    Slot,
    report_draft_save,
    report_draft_start,
    report_upload_record,
)
from treaty_tracker.transparency.spreadsheet import Problem
from treaty_tracker.web.reporting_views import (
    BAD_REQUEST,
    _definition,
    _signed_in,
    _slot,
    draft_gone,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(slot: Slot, extension: str) -> str:
    return f"{slot.iso3}-{slot.kind.value}-{slot.year or 'initial'}-draft.{extension}"


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@_signed_in
@require(policy.can_draft_report)
@require_GET
def draft_xlsx(request: HttpRequest, iso3: str, kind: str, year: str) -> HttpResponse:
    """The draft as the XLSX template, prefilled (carried forward if just started)."""
    slot = _slot(iso3, kind, year)
    content = dict(report_draft_start(user=request.user, slot=slot).content)
    body = spreadsheet.build_workbook(content, _definition(content))
    return _download(body, XLSX_TYPE, _filename(slot, "xlsx"))


@_signed_in
@require(policy.can_draft_report)
@require_GET
def draft_json(request: HttpRequest, iso3: str, kind: str, year: str) -> HttpResponse:
    """The draft's content as JSON, as the upload reads it back."""
    slot = _slot(iso3, kind, year)
    content = dict(report_draft_start(user=request.user, slot=slot).content)
    return _download(spreadsheet.export_json(content), "application/json", _filename(slot, "json"))


def refusal(message: str, code: str = "upload.missing") -> list[Problem]:
    """One problem with the whole file (no sheet or cell): nothing is imported."""
    return [Problem(sheet="", cell="", message=message, code=code)]


def slot_mismatch(
    content: dict[str, Any], slot: Slot, *, message: str | None = None
) -> list[Problem]:
    """A file made for another report is refused rather than saved over this one.

    ``message`` words the refusal for the page (with ``%(kind)s``, ``%(state)s``,
    ``%(this_kind)s`` and ``%(this_state)s``); by default, a focal point's draft."""
    state, kind = content.get("state"), content.get("kind")
    if (state and state != slot.iso3) or (kind and kind != slot.kind.value):
        if message is None:
            message = _(
                "This file is the %(kind)s report of %(state)s; this draft is the "
                "%(this_kind)s report of %(this_state)s. Download this draft's template."
            )
        return refusal(
            message
            % {"kind": kind, "state": state, "this_kind": slot.kind.value, "this_state": slot.iso3},
            "upload.wrong_report",
        )
    return []


def parse_upload(data: bytes, name: str, definition: FormDefinition) -> spreadsheet.ParseResult:
    """A report file by its name: a JSON report (``.json``), else the XLSX template."""
    if name.lower().endswith(".json"):
        return spreadsheet.parse_json(data, definition)
    return spreadsheet.parse_workbook(data, definition)


def _page(
    request: HttpRequest, slot: Slot, problems: list[Problem], *, saved: bool, status: int = 200
) -> HttpResponse:
    by_severity: dict[str, list[Problem]] = {"refusal": [], "error": [], "warning": []}
    for problem in problems:
        by_severity.setdefault(problem.severity, []).append(problem)
    context = {
        "nav": "reporting",
        "slot": slot,
        "state": get_object_or_404(State, iso3=slot.iso3),
        "year_part": "initial" if slot.year is None else str(slot.year),
        "problems": by_severity,
        "saved": saved,
        "max_bytes": spreadsheet.MAX_UPLOAD_BYTES,
    }
    return render(request, "web/reporting/spreadsheet_upload.html", context, status=status)


def _record(
    request: HttpRequest,
    slot: Slot,
    uploaded: UploadedFile,
    data: bytes | None,
    problems: list[Problem],
    draft: Draft | None,
    *,
    accepted: bool,
) -> None:
    """Log the upload as received, with the problems listed back to the focal point."""
    report_upload_record(
        user=request.user,
        slot=slot,
        upload_bytes=data,
        name=uploaded.name or "",
        outcome=DraftUpload.Outcome.ACCEPTED if accepted else DraftUpload.Outcome.REFUSED,
        problems=[problem.as_dict() for problem in problems],
        draft=draft,
        size=uploaded.size,
        content_type=uploaded.content_type or "",
    )


@_signed_in
@require(policy.can_draft_report)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, iso3: str, kind: str, year: str) -> HttpResponse:
    """Upload a filled-in template (.xlsx) or a JSON report into the draft.

    Every file received is logged (``DraftUpload``), accepted or refused; a POST without
    a file, or by anyone but the State's focal point (403), logs nothing."""
    slot = _slot(iso3, kind, year)
    if request.method != "POST":
        return _page(request, slot, [], saved=False)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        problems = refusal(_("Choose a file to upload: the .xlsx template or a .json report."))
        return _page(request, slot, problems, saved=False, status=BAD_REQUEST)
    if uploaded.size is not None and uploaded.size > spreadsheet.MAX_UPLOAD_BYTES:
        message = _("The file is %(size)s bytes; the limit is %(limit)s.") % {
            "size": f"{uploaded.size:,}",
            "limit": f"{spreadsheet.MAX_UPLOAD_BYTES:,}",
        }
        problems = refusal(message, "upload.too_large")
        # Not read, so not kept: the log holds its name and declared size only.
        _record(request, slot, uploaded, None, problems, None, accepted=False)
        return _page(request, slot, problems, saved=False, status=BAD_REQUEST)
    data = uploaded.read(spreadsheet.MAX_UPLOAD_BYTES + 1)
    draft = report_draft_start(user=request.user, slot=slot)
    result = parse_upload(data, uploaded.name or "", _definition(dict(draft.content)))
    refusals = result.problems if result.content is None else slot_mismatch(result.content, slot)
    if result.content is None or refusals:
        _record(request, slot, uploaded, data, refusals, draft, accepted=False)
        return _page(request, slot, refusals, saved=False, status=BAD_REQUEST)
    try:
        # Saved and logged together, or neither.
        with transaction.atomic():
            # The findings with the record's context (previous report, obligations, due
            # year).
            draft, findings = report_draft_save(
                user=request.user, slot=slot, content=result.content
            )
            problems = result.locate(findings)
            _record(request, slot, uploaded, data, problems, draft, accepted=True)
    except DraftGone as gone:
        # Submitted meanwhile (another tab): the file is still logged, as refused.
        message = _("This draft was submitted meanwhile: the file was not saved into it.")
        _record(
            request,
            slot,
            uploaded,
            data,
            refusal(message, "upload.draft_gone"),
            None,
            accepted=False,
        )
        return draft_gone(request, gone)
    messages.success(request, _("Uploaded and saved into the draft."))
    return _page(request, slot, problems, saved=True)
