"""Extension requests: the public list and each request's page, and the ISU's workflow
(draft, submit, analyse, decide, milestones, withdraw). Every write goes through
``obligations.services``; every page reads deadlines from the rules engine."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from treaty_tracker.accounts import policy
from treaty_tracker.accounts.decorators import require
from treaty_tracker.obligations import services
from treaty_tracker.obligations.extension_forms import (
    AchievedForm,
    AnalysisForm,
    DecisionForm,
    DraftForm,
    MilestoneForm,
    SubmitForm,
)
from treaty_tracker.obligations.extension_selectors import obligation_result, row, serialized
from treaty_tracker.obligations.models import ExtensionMilestone, ExtensionRequest
from treaty_tracker.rules import Finding
from treaty_tracker.rules.extensions import Stage, milestone_status, requirements
from treaty_tracker.states.selectors import treaty
from treaty_tracker.themes.downloads import download, format_field, query_with

BAD_REQUEST = 400
COLUMNS = (
    "id",
    "state",
    "name",
    "article",
    "stage",
    "meeting",
    "submitted",
    "months_requested",
    "decision",
    "months_granted",
    "decided",
    "deadline_before",
    "deadline_after",
    "current_deadline",
    "sources",
)


def _requests(user: Any) -> QuerySet[ExtensionRequest]:
    requests = ExtensionRequest.objects.select_related(
        "obligation__state", "meeting", "decision", "source", "entered_by"
    ).order_by("obligation__state__name", "obligation__article", "pk")
    if not policy.can_edit_record(user):
        requests = requests.exclude(stage=Stage.DRAFT)  # a draft is the ISU's working copy
    return requests


def extension_list(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "")
    field = format_field()
    if fmt and fmt not in dict(field.choices):
        return render(
            request,
            "obligations/extension_list.html",
            {"nav": "extensions", "error": _("Unknown format %(f)s.") % {"f": fmt}},
            status=BAD_REQUEST,
        )
    rows = [row(r) for r in _requests(request.user)]
    if fmt:
        return download(
            [serialized(r) for r in rows],
            COLUMNS,
            name="extension-requests",
            fmt=fmt,
            key="requests",
        )
    return render(
        request,
        "obligations/extension_list.html",
        {
            "nav": "extensions",
            "rows": rows,
            "can_edit": policy.can_edit_record(request.user),
            "articles": treaty().articles,
            **{f"{f}_query": query_with(request.GET, f) for f in ("csv", "xlsx", "json")},
        },
    )


def _get(request: HttpRequest, pk: int) -> ExtensionRequest:
    found = _requests(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No extension request %(id)s.") % {"id": pk})
    return found


def _findings(extension: ExtensionRequest) -> list[Finding]:
    if extension.submitted is None:
        return []
    return services.submission_findings(extension, extension.submitted)


def _page(
    request: HttpRequest, extension: ExtensionRequest, status: int = 200, **forms: Any
) -> HttpResponse:
    can_edit = policy.can_edit_record(request.user)
    today = localdate()
    stage = Stage(extension.stage)
    milestones = [
        (m, milestone_status(m.due, m.achieved, today), AchievedForm(prefix=f"m{m.pk}"))
        for m in extension.milestones.all()
    ]
    context = {
        "nav": "extensions",
        "extension": extension,
        "row": row(extension),
        "result": obligation_result(extension),
        "findings": _findings(extension),
        "analysis": services.analysis(extension),
        "decision": getattr(extension, "decision", None),
        "milestones": milestones,
        "can_edit": can_edit,
        "stage": stage,
    }
    if can_edit:
        context.update(
            submit_form=forms.get("submit_form") or SubmitForm(),
            decision_form=forms.get("decision_form") or DecisionForm(),
            milestone_form=forms.get("milestone_form")
            or MilestoneForm(
                initial={
                    "origin": ExtensionMilestone.Origin.DECISION
                    if stage is Stage.DECIDED
                    else ExtensionMilestone.Origin.WORK_PLAN
                }
            ),
            refusal=forms.get("refusal"),
        )
    return render(request, "obligations/extension_detail.html", context, status=status)


def extension_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _get(request, pk))


def _refused(form: Any, error: services.ExtensionRefused) -> None:
    for name, problems in error.by_field().items():
        target = name if name in form.fields else None
        for problem in problems:
            form.add_error(target, problem)


def _draft_page(request: HttpRequest, extension: ExtensionRequest | None) -> HttpResponse:
    """A new draft (``extension`` None) or a change to one: one form, one template."""
    form = DraftForm(request.POST or None, request=extension)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "months_requested": data["months_requested"],
            "meeting": data["meeting"],
            "summary": data["summary"],
            "document_url": data["document_url"],
            "citation": form.citation(),
        }
        try:
            if extension is None:
                obligation = data["obligation"]
                extension = services.extension_draft(
                    user=request.user,
                    iso3=obligation.state.iso3,
                    article=obligation.article,
                    **fields,
                )
            else:
                services.extension_update(user=request.user, request=extension, **fields)
        except services.ExtensionRefused as error:
            _refused(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("web:extension", pk=extension.pk)
    return render(
        request,
        "obligations/extension_form.html",
        {"nav": "extensions", "form": form, "extension": extension},
        status=BAD_REQUEST if form.is_bound else 200,
    )


@require(policy.can_edit_record)
def extension_new(request: HttpRequest) -> HttpResponse:
    return _draft_page(request, None)


@require(policy.can_edit_record)
def extension_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _draft_page(request, _get(request, pk))


@require(policy.can_edit_record)
@require_POST
def extension_submit(request: HttpRequest, pk: int) -> HttpResponse:
    extension = _get(request, pk)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            warnings = services.extension_submit(
                user=request.user,
                request=extension,
                submitted=form.cleaned_data["submitted"],
                citation=form.citation() if form.cleaned_data.get("source") else None,
            )
        except services.ExtensionRefused as error:
            _refused(form, error)
        else:
            messages.success(request, _("The request is recorded as submitted."))
            for warning in warnings:
                messages.warning(request, warning.message)
            return redirect("web:extension", pk=pk)
    return _page(request, _get(request, pk), status=BAD_REQUEST, submit_form=form)


@require(policy.can_edit_record)
def extension_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    extension = _get(request, pk)
    current = {r.code: (a, c) for r, a, c in services.analysis(extension).items}
    form = AnalysisForm(
        request.POST or None,
        requirements=requirements(treaty(), extension.obligation.article),
        current=current,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_assess(
                user=request.user, request=extension, assessments=form.assessments()
            )
        except services.ExtensionRefused as error:
            _refused(form, error)
        else:
            messages.success(request, _("Analysis saved."))
            return redirect("web:extension", pk=pk)
    return render(
        request,
        "obligations/extension_analysis.html",
        {"nav": "extensions", "form": form, "extension": extension},
        status=BAD_REQUEST if form.is_bound else 200,
    )


@require(policy.can_edit_record)
@require_POST
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    extension = _get(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            warnings = services.extension_decide(
                user=request.user,
                request=extension,
                outcome=data["outcome"],
                months_granted=data["months_granted"],
                decided=data["decided"],
                stated_new_deadline=data["stated_new_deadline"],
                citation=form.citation(),
            )
        except services.ExtensionRefused as error:
            _refused(form, error)
        else:
            messages.success(request, _("Decision recorded; the deadline is recomputed."))
            for warning in warnings:
                messages.warning(request, warning.message)
            return redirect("web:extension", pk=pk)
    return _page(request, _get(request, pk), status=BAD_REQUEST, decision_form=form)


@require(policy.can_edit_record)
@require_POST
def extension_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    extension = _get(request, pk)
    try:
        services.extension_withdraw(user=request.user, request=extension)
    except services.ExtensionRefused as error:
        return _page(request, extension, status=BAD_REQUEST, refusal=error.findings)
    messages.success(request, _("The request is recorded as withdrawn."))
    return redirect("web:extension", pk=pk)


@require(policy.can_edit_record)
@require_POST
def extension_milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    extension = _get(request, pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.milestone_add(
                user=request.user,
                request=extension,
                due=data["due"],
                description=data["description"],
                origin=data["origin"],
            )
        except services.ExtensionRefused as error:
            _refused(form, error)
        else:
            messages.success(request, _("Milestone added."))
            return redirect(reverse("web:extension", args=[pk]) + "#milestones")
    return _page(request, _get(request, pk), status=BAD_REQUEST, milestone_form=form)


@require(policy.can_edit_record)
@require_POST
def extension_milestone(request: HttpRequest, pk: int, milestone: int) -> HttpResponse:
    extension = _get(request, pk)
    found = get_object_or_404(ExtensionMilestone, pk=milestone, request=extension)
    form = AchievedForm(request.POST, prefix=f"m{found.pk}")
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect(reverse("web:extension", args=[pk]) + "#milestones")
    try:
        services.milestone_achieved(
            user=request.user, milestone=found, achieved=form.cleaned_data["achieved"]
        )
    except services.ExtensionRefused as error:
        messages.error(request, str(error))
    except PermissionDenied:
        raise
    else:
        messages.success(request, _("Milestone updated."))
    return redirect(reverse("web:extension", args=[pk]) + "#milestones")
