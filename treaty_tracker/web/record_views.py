"""Staff pages that enter and correct facts (``/record/``), one set per fact editor
(:mod:`treaty_tracker.themes.fact_editor`). Only those who may edit the record
(``policy.can_edit_record``) open them; every save goes through ``save_fact``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from treaty_tracker.accounts import policy
from treaty_tracker.accounts.decorators import require
from treaty_tracker.sources.services import save_fact
from treaty_tracker.themes.fact_editor import FactEditor, editors, groups

BAD_REQUEST = 400


def _editor(key: str) -> FactEditor:
    editor = editors().get(key)
    if editor is None:
        raise Http404(_("No kind of fact is called %(key)s.") % {"key": key})
    return editor


def _row(editor: FactEditor, fact: Any) -> list[Any]:
    cells = []
    for name in editor.list_columns:
        value = getattr(fact, name)
        display = getattr(fact, f"get_{name}_display", None)
        cells.append(display() if callable(display) else value)
    return cells


@require(policy.can_edit_record)
def record_index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/record/index.html", {"nav": "record", "groups": groups()})


@require(policy.can_edit_record)
def record_list(request: HttpRequest, key: str) -> HttpResponse:
    editor = _editor(key)
    facts = editor.queryset()
    state = request.GET.get("state", "").strip().upper()
    if state:
        facts = facts.filter(state__iso3=state)
    return render(
        request,
        "web/record/list.html",
        {
            "nav": "record",
            "editor": editor,
            "state": state,
            "headers": [editor.label(name) for name in editor.list_columns],
            "rows": [(fact, _row(editor, fact)) for fact in facts],
        },
    )


def _edit(request: HttpRequest, editor: FactEditor, fact: Any) -> HttpResponse:
    form_class = editor.form_class()
    form = form_class(
        request.POST if request.method == "POST" else None, instance=fact, user=request.user
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = save_fact(
                    form.save(commit=False),
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:  # a rule the form could not see
                form.add_error(None, error)
            else:
                form.save_m2m()  # many-to-many fields (e.g. the States a fact names)
                messages.success(request, _("Saved: %(fact)s") % {"fact": saved})
                return redirect("web:record_list", key=editor.key)
        status = BAD_REQUEST
    return render(
        request,
        "web/record/form.html",
        {"nav": "record", "editor": editor, "form": form, "fact": fact},
        status=status,
    )


@require(policy.can_edit_record)
def record_new(request: HttpRequest, key: str) -> HttpResponse:
    editor = _editor(key)
    return _edit(request, editor, editor.model())


@require(policy.can_edit_record)
def record_edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    editor = _editor(key)
    return _edit(request, editor, get_object_or_404(editor.queryset(), pk=pk))


@require(policy.can_edit_record)
def record_history(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """Every version of the fact, newest first, with who changed what and why."""
    editor = _editor(key)
    fact = get_object_or_404(editor.queryset(), pk=pk)
    versions = list(fact.history.select_related("history_user").order_by("-history_date"))
    rows = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        changes = (
            [
                (editor.label(c.field), c.old, c.new)
                for c in newer.diff_against(older).changes
                if c.field not in ("reference_key",)
            ]
            if older is not None
            else []
        )
        rows.append({"version": newer, "changes": changes, "created": older is None})
    return render(
        request,
        "web/record/history.html",
        {"nav": "record", "editor": editor, "fact": fact, "rows": rows},
    )
