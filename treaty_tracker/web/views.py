"""The public pages. Each view parses its GET form, asks the rules engine (through
``states.selectors.register``) and renders: no date is computed here or in a template.

Every page costs a fixed number of queries: ``register()`` prefetches the whole record,
and a profile adds one query for lists and a fixed few for each obligation's section.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.obligations.models import ExtensionRequest
from treaty_tracker.rules import StateResult, Status, Summary, serialize
from treaty_tracker.states import selectors
from treaty_tracker.states.selectors import cache_seconds, register, treaty
from treaty_tracker.themes import labels, registry
from treaty_tracker.themes.downloads import download
from treaty_tracker.themes.forms import (
    AsOfForm,
    DeadlinesForm,
    StateFilterForm,
)
from treaty_tracker.themes.pages import download_links, invalid, page_context

# Summary.initial_reports() buckets, in the order of CCM/CONF/2020/13 para 94, and whether
# the page names the States in each (the short lists, not the hundred who reported).
INITIAL_REPORT_BUCKETS = [
    ("due", gettext_lazy("Due (the due date has passed)"), False),
    ("submitted", gettext_lazy("Submitted"), False),
    ("overdue", gettext_lazy("Overdue"), True),
    (
        "not_yet_due",
        gettext_lazy("Not yet due (including States for which it is not yet in force)"),
        True,
    ),
    ("not_known", gettext_lazy("Not known"), True),
]


def _names(summary: Summary, codes: Iterable[str]) -> list[StateResult]:
    by_iso = {s.iso3: s for s in summary.states}
    return [by_iso[code] for code in codes]


def dashboard(request: HttpRequest) -> HttpResponse:
    form = AsOfForm.bind(request.GET)
    context = page_context(request, form, "dashboard")
    if not form.is_valid():
        return invalid(request, "web/dashboard.html", context)
    version, everything = selectors.snapshot()
    summary = everything.summary(form.cleaned_data["as_of"])
    by_iso = {s.iso3: s for s in summary.states}
    signatories = _names(summary, summary.signatories)
    buckets = summary.initial_reports()
    context.update(
        # The rendered figures are cached per record version, date, links and language.
        record_version=version,
        cache_for=cache_seconds(version),
        as_of=summary.as_of,
        counts=[
            (_("States Parties"), len(summary.states_parties), "states_parties"),
            (_("Signatories"), len(summary.signatories), "signatories"),
            (_("Convention in force for"), len(summary.in_force_for), "in_force_for"),
            (_("Withdrawn"), len(summary.withdrawn), "withdrawn"),
        ],
        states_parties=_names(summary, summary.states_parties),
        withdrawn=_names(summary, summary.withdrawn),
        signatories=signatories,
        signatories_by_region=[
            (text, [s for s in signatories if s.region == region])
            for region, text in labels.REGION.items()
            if any(s.region == region for s in signatories)
        ],
        initial_reports=[
            (key, text, len(buckets[key]), _names(summary, buckets[key]) if named else None)
            for key, text, named in INITIAL_REPORT_BUCKETS
        ],
        article3=[(by_iso[o.state], o) for o in summary.obligations("3")],
        article4=[(by_iso[o.state], o) for o in summary.obligations("4")],
        article5=_names(summary, summary.victim_assistance),
        articles=treaty().articles,
    )
    return render(request, "web/dashboard.html", context)


def state_list(request: HttpRequest) -> HttpResponse:
    form = StateFilterForm.bind(request.GET)
    context = page_context(request, form, "states")
    if not form.is_valid():
        return invalid(request, "web/state_list.html", context)
    data = form.cleaned_data
    summary = register().summary(data["as_of"])
    rows = [
        (state, state.articles)
        for state in summary.select(
            statuses=form.statuses(),
            region=data["region"] or None,
            article=data["obligation"] or None,
        )
    ]
    if data["format"]:
        table = [
            {
                "iso3": s.iso3,
                "name": s.name,
                "region": s.region,
                "status": s.status.value,
                "entry_into_force": serialize.fuzzy(s.entry_into_force),
                "obligations": " ".join(articles),
            }
            for s, articles in rows
        ]
        return download(
            table, STATE_COLUMNS, name=f"states-{summary.as_of}", fmt=data["format"], key="states"
        )
    context.update(as_of=summary.as_of, rows=rows, **download_links(request))
    return render(request, "web/state_list.html", context)


STATE_COLUMNS = ("iso3", "name", "region", "status", "entry_into_force", "obligations")
DEADLINE_COLUMNS = ("due", "state", "name", "kind", "status", "article", "sources")


def _timeline(result: StateResult) -> list[dict[str, Any]]:
    """The State's treaty actions as recorded, with the dates the engine computed from them
    (entry into force, and withdrawal's effect when only the notice is dated)."""
    record = result.record
    articles = treaty().articles
    rows: list[dict[str, Any]] = []

    def add(event: str, when: Any, sources: Iterable[str] = (), note: str = "") -> None:
        if when is not None:
            rows.append({"event": event, "date": when, "sources": tuple(sources), "note": note})

    add(_("Signature"), record.signature, record.sources.get("signature", ()))
    add(
        _("Provisional application (%(article)s)")
        % {"article": articles["provisional_application"]},
        record.provisional_application,
        record.sources.get("provisional_application", ()),
    )
    consent = _("Consent to be bound")
    if record.consent_kind is not None:
        kind = labels.label("consent", record.consent_kind)
        consent = _("Consent to be bound: %(kind)s") % {"kind": kind}
    add(consent, record.consent, record.sources.get("consent", ()))
    add(
        _("Entry into force for the State"),
        result.entry_into_force,
        record.sources.get("consent", ()),
        _("computed: %(article)s") % {"article": articles["entry_into_force"]},
    )
    add(
        _("Withdrawal notice received"),
        record.withdrawal_received,
        record.sources.get("withdrawal", ()),
    )
    add(
        _("Withdrawal takes effect"),
        result.withdrawal_effective,
        record.sources.get("withdrawal", ()),
        ""
        if record.withdrawal_effective is not None
        else _("computed: %(article)s") % {"article": articles["withdrawal"]},
    )
    return rows


def state_profile(request: HttpRequest, iso3: str) -> HttpResponse:
    if iso3 != iso3.upper():
        target = reverse("web:state", args=[iso3.upper()])
        query = request.GET.urlencode()
        return redirect(target + (f"?{query}" if query else ""), permanent=True)
    form = AsOfForm.bind(request.GET)
    version, record = selectors.snapshot()
    if iso3 not in record:
        return render(
            request,
            "404.html",
            {"message": _("The record holds no State with the code %(code)s.") % {"code": iso3}},
            status=404,
        )
    context = page_context(request, form, "states", iso3=iso3)
    if not form.is_valid():
        return invalid(request, "web/state_profile.html", context)
    result = record.state(iso3, form.cleaned_data["as_of"])
    articles = treaty().articles
    victim_assistance = [
        o for o in result.record.obligations if o.article == treaty().victim_assistance_article
    ]
    context.update(
        as_of=result.as_of,
        state=result,
        timeline=_timeline(result),
        articles=articles,
        victim_assistance=victim_assistance,
        lists=selectors.lists_including(iso3),  # a lazy query: read only on a cache miss
        party=result.status is Status.STATE_PARTY,
        # Each extension request links to its page (drafts are not shown on profiles).
        extension_pages=SimpleLazyObject(
            lambda: {
                f"{article}:{meeting}": reverse("web:extension", args=[pk])
                for pk, article, meeting in ExtensionRequest.objects.filter(
                    obligation__state__iso3=iso3
                )
                .exclude(stage=ExtensionRequest.StageChoice.DRAFT)
                .values_list("pk", "obligation__article", "meeting__code")
            }
        ),
        # Computed only when the rendered sections are not cached for this record version
        # (they read the record only: the same for every reader).
        record_version=version,
        cache_for=cache_seconds(version),
        sections=SimpleLazyObject(
            lambda: [
                section
                # The obligations in depth, one section per theme that has one, in the
                # order of the review's sections; each in a fixed number of queries.
                for build in registry.parts("profile")
                if (section := build(iso3, result.as_of)) is not None
            ]
        ),
    )
    return render(request, "web/state_profile.html", context)


def themes(request: HttpRequest) -> HttpResponse:
    form = AsOfForm.bind(request.GET)
    context = page_context(request, form, "themes")
    # Every theme's pages, in the order of the review's sections (``themes.registry``).
    context["themes"] = [(reverse(page.url), page.title, page.summary) for page in registry.pages()]
    return render(request, "web/themes.html", context)


def deadlines(request: HttpRequest) -> HttpResponse:
    form = DeadlinesForm.bind(request.GET)
    context = page_context(request, form, "deadlines")
    if not form.is_valid():
        return invalid(request, "web/deadlines.html", context)
    data = form.cleaned_data
    items = register().deadlines(data["as_of"], data["within"])
    if data["kind"]:
        items = [i for i in items if i.kind == data["kind"]]
    if data["format"]:
        table = [serialize.deadline(i) | {"sources": "; ".join(i.sources)} for i in items]
        return download(
            table,
            DEADLINE_COLUMNS,
            name=f"deadlines-{data['as_of']}",
            fmt=data["format"],
            key="deadlines",
        )
    context.update(
        **download_links(request),
        as_of=data["as_of"],
        within=data["within"],
        items=items,
        overdue=sum(1 for i in items if i.status == "overdue"),
    )
    return render(request, "web/deadlines.html", context)
