"""The Article 7 workflow pages: a focal point's reports and the short form, a submitted
version with its diff, the ISU's review list and decisions.

Each view parses its input, asks ``accounts.policy`` (directly or through ``require``),
calls one service from ``transparency.services`` and renders. Signed-out visitors are sent
to this site's sign-in page (focal points have no staff status, so the admin's is no use
to them); signed-in users who may not act get 403; a version the reader may not see is
404, so its existence does not leak.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from treaty_tracker.accounts import policy
from treaty_tracker.accounts.decorators import require
from treaty_tracker.rules import Finding, ReportKind
from treaty_tracker.rules.reporting import (
    DefinitionError,
    FormDefinition,
    load_form_definition,
)
from treaty_tracker.states.models import State
from treaty_tracker.transparency import selectors, spreadsheet
from treaty_tracker.transparency.models import Submission
from treaty_tracker.transparency.services import (
    CURRENT_FORM_VERSION,
    AlreadySubmitted,
    DraftGone,
    ReportInvalid,
    Slot,
    missing_draft,
    report_draft_save,
    report_draft_start,
    report_enter_on_behalf,
    report_findings,
    report_publish,
    report_return,
    report_submit,
)
from treaty_tracker.transparency.spreadsheet import Problem
from treaty_tracker.web.report_changes import changes_between
from treaty_tracker.web.reporting_forms import (
    MAX_ORIGINAL_BYTES,
    EnterOnBehalfForm,
    ReturnForm,
    ShortForm,
)

BAD_REQUEST = 400
FORBIDDEN = 403
View = Callable[..., HttpResponse]


class SignIn(LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return reverse("web:my_reports")


def _signed_in(view: View) -> View:
    """Send signed-out visitors to this site's sign-in page; show refusals as a page."""

    @functools.wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("web:login"))
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            message = str(refusal) or _("You may not see or do this.")
            return render(
                request, "web/reporting/forbidden.html", {"message": message}, status=FORBIDDEN
            )

    return guarded


def _definition(content: dict[str, Any]) -> FormDefinition:
    try:
        return load_form_definition(str(content.get("form_version")))
    except DefinitionError:
        return load_form_definition(CURRENT_FORM_VERSION)


def _slot(iso3: str, kind: str, year: str) -> Slot:
    """The report named by the URL, or 404 (an unknown kind, a year on an initial
    report)."""
    try:
        report_kind = ReportKind(kind)
        return Slot(iso3, report_kind, None if year == "initial" else int(year))
    except ValueError as error:
        raise Http404(_("There is no such report.")) from error


def _findings(findings: list[Finding] | list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """Findings to show, errors apart from warnings, each naming form and field."""
    shown: dict[str, list[dict[str, str]]] = {"error": [], "warning": []}
    for finding in findings:
        item = finding if isinstance(finding, dict) else finding.__dict__
        severity = str(getattr(item.get("severity"), "value", item.get("severity")))
        shown.setdefault(severity, []).append(
            {
                "code": str(item.get("code")),
                "field": str(item.get("field") or ""),
                "message": str(item.get("message")),
            }
        )
    return shown


@_signed_in
def my_reports(request: HttpRequest) -> HttpResponse:
    """A focal point's reports; the review list for the ISU (and, to read, transparency
    coordinators)."""
    today = timezone.localdate()
    held = policy.grants(request.user, today=today)
    reviewer = held.isu or policy.REPORT_THEME in held.themes
    if not held.states and not reviewer:
        raise PermissionDenied(_("Your account holds no reporting role."))
    context = {
        "nav": "reporting",
        "states": selectors.reports_of(set(held.states), today=today) if held.states else [],
        "review": list(selectors.awaiting_review()) if reviewer else None,
        "isu": held.isu,
    }
    return render(request, "web/reporting/mine.html", context)


def _draft_page(
    request: HttpRequest,
    slot: Slot,
    *,
    form: ShortForm | None = None,
    findings: list[Finding] | None = None,
    status: int = 200,
) -> HttpResponse:
    draft = selectors.draft_for(slot)
    context: dict[str, Any] = {
        "nav": "reporting",
        "slot": slot,
        "state": get_object_or_404(State, iso3=slot.iso3),
        "draft": draft,
        "year_part": "initial" if slot.year is None else str(slot.year),
    }
    if draft is not None:
        content = dict(draft.content)
        definition = _definition(content)
        if form is None:
            form = ShortForm(
                definition=definition,
                content=content,
                last_year=selectors.last_reported_year(slot),
            )
        if findings is None:
            findings = report_findings(slot=slot, content=content)
        forms_content = content.get("forms") or {}
        context.update(
            form=form,
            period=content.get("period") or {},
            forms=[
                (spec, *form.form_fields(spec.code), _summary(spec, forms_content.get(spec.code)))
                for spec in definition.forms
            ],
            findings=_findings(findings),
        )
    return render(request, "web/reporting/draft.html", context, status=status)


def _summary(spec: Any, form: dict[str, Any] | None) -> list[str]:
    """The carried data of a form, read-only, in a few words: rows per table, fields
    given."""
    data = (form or {}).get("data") or {}
    lines = []
    for table in spec.tables:
        rows = data.get(table.key) or []
        lines.append(_("%(table)s: %(count)s rows") % {"table": table.label, "count": len(rows)})
    given = [f.label for f in spec.fields if data.get(f.key) not in (None, "", [], {})]
    if given:
        lines.append(_("Given: %(fields)s") % {"fields": ", ".join(given)})
    return lines


@_signed_in
@require(policy.can_draft_report)
def draft(request: HttpRequest, iso3: str, kind: str, year: str) -> HttpResponse:
    """The short form: contact, each form's status and text; save, or submit."""
    slot = _slot(iso3, kind, year)
    if request.method != "POST":
        return _draft_page(request, slot)
    action = request.POST.get("action", "")
    if action == "start":
        report_draft_start(user=request.user, slot=slot)
        return redirect(request.path)
    if action not in ("save", "submit"):
        return _draft_page(request, slot, status=BAD_REQUEST)
    current = selectors.draft_for(slot)
    if current is None:
        # Submitted meanwhile (another tab, a double click): say what it became.
        return draft_gone(request, missing_draft(slot))
    content = dict(current.content)
    form = ShortForm(
        request.POST,
        definition=_definition(content),
        content=content,
        last_year=selectors.last_reported_year(slot),
    )
    if not form.is_valid():
        return _draft_page(request, slot, form=form, status=BAD_REQUEST)
    try:
        if action == "save":
            _saved, findings = report_draft_save(user=request.user, slot=slot, content=form.apply())
            messages.success(request, _("Draft saved."))
            return _draft_page(request, slot, findings=findings)
        # Saved and submitted in one transaction: a double click submits once.
        submission = report_submit(user=request.user, slot=slot, content=form.apply())
    except DraftGone as gone:
        return draft_gone(request, gone)
    except ReportInvalid as invalid:
        messages.error(
            request, _("The report has errors: it was not submitted. Your draft is saved.")
        )
        return _draft_page(request, slot, findings=invalid.findings, status=BAD_REQUEST)
    messages.success(
        request,
        _("Submitted as version %(number)s. The ISU will review it.")
        % {"number": submission.number},
    )
    return redirect("web:submission", pk=submission.pk)


def draft_gone(request: HttpRequest, gone: DraftGone) -> HttpResponse:
    """A save or submit of a draft that another request (another tab, a double click)
    has submitted meanwhile: nothing was written; show the version it became."""
    if isinstance(gone, AlreadySubmitted) and gone.latest is not None:
        messages.warning(
            request,
            _(
                "This report was already submitted, as version %(number)s: nothing more "
                "was saved. To change it, start an amendment."
            )
            % {"number": gone.latest.number},
        )
        return redirect("web:submission", pk=gone.latest.pk)
    messages.warning(request, _("There is no draft of this report: nothing was saved."))
    slot = gone.slot
    year = "initial" if slot.year is None else str(slot.year)
    return redirect("web:draft", iso3=slot.iso3, kind=slot.kind.value, year=year)


def submission(request: HttpRequest, pk: int) -> HttpResponse:
    """A submitted version: who, when, status, warnings kept, the diff with the State's
    previous version; ISU staff publish it or return it with comments."""
    version = get_object_or_404(Submission.objects.select_related("state", "submitted_by"), pk=pk)
    published = version.status == Submission.Status.PUBLISHED
    if not policy.can_read_report(request.user, version.state.iso3, published=published):
        raise Http404(_("There is no such report."))
    reviewer = policy.can_review_reports(request.user)
    return_form = ReturnForm()
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("web:login"))
        if not reviewer:
            return render(
                request,
                "web/reporting/forbidden.html",
                {"message": _("Only ISU staff may review reports.")},
                status=FORBIDDEN,
            )
        action = request.POST.get("action")
        if action == "publish" and not published:
            report_publish(user=request.user, submission=version)
            messages.success(request, _("Published."))
            return redirect("web:submission", pk=version.pk)
        if action == "return" and not published:
            return_form = ReturnForm(request.POST)
            if return_form.is_valid():
                report_return(
                    user=request.user,
                    submission=version,
                    comment=return_form.cleaned_data["comment"],
                )
                messages.success(request, _("Returned to the State with your comments."))
                return redirect("web:submission", pk=version.pk)
        status = BAD_REQUEST
    previous = selectors.previous_submission(version)
    context = {
        "nav": "reporting",
        "submission": version,
        "previous": previous,
        "changes": changes_between(version, previous),
        "warnings": _findings(version.findings),
        "reviewer": reviewer,
        "return_form": return_form,
        "year_part": "initial" if version.year is None else str(version.year),
        "can_amend": policy.can_amend_report(request.user, version.state.iso3),
    }
    return render(request, "web/reporting/submission.html", context, status=status)


def _original_name(version: Submission) -> str:
    """The download's name: which report and version, with the stored file's extension
    (the sender's own file name may be long or odd)."""
    suffix = PurePath(version.original_file.name).suffix.lower()
    if not (suffix[1:].isalnum() and len(suffix) <= 6):
        suffix = ""
    year = version.year or "initial"
    return f"{version.state.iso3}-{version.kind}-{year}-v{version.number}-original{suffix}"


def submission_original(request: HttpRequest, pk: int) -> HttpResponse:
    """The original file of a version entered on a State's behalf, as received, to whoever
    may read the version (as :func:`submission`); 404 when it has none."""
    version = get_object_or_404(Submission.objects.select_related("state"), pk=pk)
    published = version.status == Submission.Status.PUBLISHED
    if not policy.can_read_report(request.user, version.state.iso3, published=published):
        raise Http404(_("There is no such report."))
    if not version.original_file:
        raise Http404(_("This version has no original file."))
    try:
        handle = version.original_file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("This version has no original file.")) from error
    response = FileResponse(handle, as_attachment=True, filename=_original_name(version))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def received_at(day: date) -> datetime:
    """The moment a report received on ``day`` is dated: noon UTC. Only the day is known;
    noon keeps that day in every time zone from UTC-12 to UTC+11, so the date shown and
    the date that decides on time or late stay the day received whatever ``TIME_ZONE``."""
    return datetime.combine(day, time(12), tzinfo=UTC)


def _enter_page(
    request: HttpRequest,
    form: EnterOnBehalfForm,
    *,
    problems: list[Problem] | None = None,
    status: int = 200,
) -> HttpResponse:
    shown: dict[str, list[Problem]] = {"refusal": [], "error": [], "warning": []}
    for problem in problems or []:
        shown.setdefault(problem.severity, []).append(problem)
    context = {
        "nav": "reporting",
        "form": form,
        "problems": shown,
        "max_bytes": spreadsheet.MAX_UPLOAD_BYTES,
        "max_original_bytes": MAX_ORIGINAL_BYTES,
    }
    return render(request, "web/reporting/enter.html", context, status=status)


@_signed_in
@require(policy.can_enter_on_behalf)
def enter_on_behalf(request: HttpRequest) -> HttpResponse:
    """ISU staff enter a report received by e-mail: the data file (the template or a JSON
    report) gives the content, the original file is kept as the evidence. A file that
    cannot be read, a file for another report, or a report with errors is refused (400,
    every problem listed by sheet and cell) and nothing is written."""
    # spreadsheet_views imports this module: its helpers are imported when first needed.
    from treaty_tracker.web import spreadsheet_views

    today = timezone.localdate()
    if request.method != "POST":
        return _enter_page(request, EnterOnBehalfForm(today=today))
    form = EnterOnBehalfForm(request.POST, request.FILES, today=today)
    if not form.is_valid():
        return _enter_page(request, form, status=BAD_REQUEST)
    slot = form.slot()
    uploaded = form.cleaned_data["data_file"]
    data = uploaded.read(spreadsheet.MAX_UPLOAD_BYTES + 1)
    result = spreadsheet_views.parse_upload(
        data, uploaded.name or "", load_form_definition(CURRENT_FORM_VERSION)
    )
    if result.content is None:
        return _enter_page(request, form, problems=result.problems, status=BAD_REQUEST)
    mismatch = spreadsheet_views.slot_mismatch(
        result.content,
        slot,
        message=_(
            "The data file is the %(kind)s report of %(state)s, but the form says the "
            "%(this_kind)s report of %(this_state)s. Check the State and the kind, or the file."
        ),
    )
    if mismatch:
        return _enter_page(request, form, problems=mismatch, status=BAD_REQUEST)
    try:
        version = report_enter_on_behalf(
            user=request.user,
            slot=slot,
            content=result.content,
            received=received_at(form.cleaned_data["received"]),
            original_file=form.cleaned_data["original"],
        )
    except ReportInvalid as invalid:
        return _enter_page(
            request, form, problems=result.locate(invalid.findings), status=BAD_REQUEST
        )
    messages.success(
        request,
        _("Entered as version %(number)s of the %(state)s report, on the State's behalf.")
        % {"number": version.number, "state": version.state.name},
    )
    return redirect("web:submission", pk=version.pk)
