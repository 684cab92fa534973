"""The staff's review pages: editions, their narrative, and the generated document in
every format. Only those who may edit the record (ISU staff) open them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.accounts import policy
from treaty_tracker.accounts.decorators import require
from treaty_tracker.review.generate import generate
from treaty_tracker.review.models import Edition, Narrative
from treaty_tracker.review.render import FORMATS, filename
from treaty_tracker.review.render import render as render_document
from treaty_tracker.review.sections import sections
from treaty_tracker.sources.forms import CleanTextMixin
from treaty_tracker.sources.text import clean_text
from treaty_tracker.themes.document import Period, ReviewSection, check_period

BAD_REQUEST = 400


def _today() -> date:
    """Today, for the period's bound (a function so tests can replace it)."""
    return localdate()


def _check_period(form: forms.BaseForm, start_field: str, end_field: str) -> None:
    """The review's period rule (``themes.document.check_period``), each problem by its
    field."""
    names = {"start": start_field, "end": end_field}
    data = form.cleaned_data
    for finding in check_period(data.get(start_field), data.get(end_field), today=_today()):
        form.add_error(names[finding.field], finding.message)


class EditionForm(CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Edition
        fields = ("title", "symbol", "period_start", "period_end")
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        _check_period(self, "period_start", "period_end")
        return data


class DocumentForm(CleanTextMixin, forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("html", "HTML"), ("pdf", "PDF"), ("docx", "Word (DOCX)"), ("md", "Markdown")],
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    edition = forms.ModelChoiceField(
        label=gettext_lazy("With the narrative of"),
        queryset=Edition.objects.all(),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        _check_period(self, "start", "end")
        start, end, edition = data.get("start"), data.get("end"), data.get("edition")
        if edition and start and end and (edition.period_start, edition.period_end) != (start, end):
            self.add_error("edition", _("This edition covers another period."))
        return data


def _parts(spec: ReviewSection) -> tuple[str, ...]:
    return ("A", "C") if spec.thematic else ("A",)


@require(policy.can_edit_record)
def review_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "review/index.html",
        {
            "nav": "review",
            "editions": Edition.objects.all(),
            "form": DocumentForm(initial={"format": "pdf", "language": "en"}),
        },
    )


@require(policy.can_edit_record)
def review_document(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "review/index.html",
            {"nav": "review", "editions": Edition.objects.all(), "form": form},
            status=BAD_REQUEST,
        )
    data = form.cleaned_data
    document = generate(
        Period(data["start"], data["end"]), edition=data["edition"], language=data["language"]
    )
    fmt = data["format"]
    # The HTML's inline stylesheet is allowed by this response's CSP nonce (settings).
    nonce = str(request.csp_nonce) if fmt == "html" else ""  # type: ignore[attr-defined]
    response = HttpResponse(
        render_document(document, fmt, style_nonce=nonce), content_type=FORMATS[fmt][0]
    )
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(document, fmt)}"'
    return response


@require(policy.can_edit_record)
def review_edition_new(request: HttpRequest) -> HttpResponse:
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        edition = form.save(commit=False)
        edition.created_by = request.user
        edition._history_user = request.user
        edition.save()
        messages.success(request, _("Edition created."))
        return redirect("web:review_edition", pk=edition.pk)
    return render(
        request,
        "review/edition_form.html",
        {"nav": "review", "form": form},
        status=BAD_REQUEST if form.is_bound else 200,
    )


@require(policy.can_edit_record)
def review_edition(request: HttpRequest, pk: int) -> HttpResponse:
    """The edition's narrative, one text per section part; saving keeps the history."""
    edition = get_object_or_404(Edition, pk=pk)
    existing = {(n.section, n.part): n for n in edition.narratives.all()}
    built = sections()
    fields = [(number, spec.key, part) for number, spec in built.items() for part in _parts(spec)]
    if request.method == "POST":
        changed = 0
        with transaction.atomic():
            for _number, key, part in fields:
                text = clean_text(request.POST.get(f"{key}-{part}", "")).strip()
                narrative = existing.get((key, part))
                if narrative is None and not text:
                    continue
                if narrative is None:
                    narrative = Narrative(edition=edition, section=key, part=part)
                if narrative.pk and narrative.text == text:
                    continue
                narrative.text = text
                narrative.updated_by = request.user
                narrative._history_user = request.user
                narrative.save()
                changed += 1
        messages.success(request, _("Narrative saved (%(n)s parts changed).") % {"n": changed})
        return redirect("web:review_edition", pk=pk)
    rows = [
        {
            "number": number,
            "title": str(built[number].title),
            "key": key,
            "part": part,
            "name": f"{key}-{part}",
            "text": existing[(key, part)].text if (key, part) in existing else "",
        }
        for number, key, part in fields
    ]
    return render(
        request,
        "review/edition.html",
        {
            "nav": "review",
            "edition": edition,
            "rows": rows,
            "formats": [("html", "HTML"), ("pdf", "PDF"), ("docx", "DOCX"), ("md", "Markdown")],
        },
    )


@require(policy.can_edit_record)
def review_edition_history(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=pk)
    versions = (
        Narrative.history.filter(edition_id=edition.pk)
        .select_related("history_user")
        .order_by("-history_date")
    )
    return render(
        request,
        "review/edition_history.html",
        {"nav": "review", "edition": edition, "versions": versions},
    )
