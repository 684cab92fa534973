"""Forms of the extension-request workflow (ISU staff). They parse and check the shape of
what was typed; the rules (periods, timing, stages) are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.obligations.models import (
    ExtensionAssessment,
    ExtensionDecision,
    ExtensionMilestone,
    ExtensionRequest,
    Obligation,
)
from treaty_tracker.obligations.services import Citation
from treaty_tracker.rules.extensions import Assessment, Requirement
from treaty_tracker.sources.fields import FuzzyDateFormField
from treaty_tracker.sources.forms import CleanTextMixin
from treaty_tracker.sources.models import Source


class CitationForm(CleanTextMixin, forms.Form):
    """Where the step is documented; left empty, it is attributed to the user."""

    source = forms.ModelChoiceField(
        label=_("Source document"), queryset=Source.objects.all(), required=False
    )
    paragraph = forms.CharField(label=_("Paragraph"), max_length=32, required=False)
    quote = forms.CharField(
        label=_("Quote"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def citation(self) -> Citation:
        data = self.cleaned_data
        return Citation(source=data.get("source"), paragraph=data["paragraph"], quote=data["quote"])


class DraftForm(CitationForm):
    obligation = forms.ModelChoiceField(
        label=_("Obligation"),
        queryset=Obligation.objects.filter(article__in=("3", "4")).select_related("state"),
        help_text=_("The State and the article whose deadline the request would extend."),
    )
    months_requested = forms.IntegerField(
        label=_("Months requested"),
        required=False,
        help_text=_("Art. 3(3): at most 48 months per request; Art. 4(5): at most 60."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting that will consider it"),
        queryset=Meeting.objects.all(),
        required=False,
    )
    summary = forms.CharField(
        label=_("Summary of the request"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    document_url = forms.URLField(
        label=_("Request document (link)"), required=False, assume_scheme="https"
    )

    field_order = ["obligation", "months_requested", "meeting", "summary", "document_url"]

    def __init__(self, *args: Any, request: ExtensionRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["obligation"].label_from_instance = (  # type: ignore[attr-defined]
            lambda o: f"{o.state.name} — {o.get_article_display()}"
        )
        if request is not None:  # changing a draft: its obligation stays
            del self.fields["obligation"]
            self.initial.update(
                months_requested=request.months_requested,
                meeting=request.meeting_id,
                summary=request.summary,
                document_url=request.document_url,
                source=request.source_id,
                paragraph=request.paragraph,
                quote=request.quote,
            )


class SubmitForm(CitationForm):
    submitted = forms.DateField(
        label=_("Submitted on"),
        help_text=_("The day the request reached the ISU (YYYY-MM-DD)."),
    )


class AnalysisForm(CleanTextMixin, forms.Form):
    """One assessment and comment per requirement of the article."""

    def __init__(
        self,
        *args: Any,
        requirements: tuple[Requirement, ...],
        current: dict[str, tuple[Assessment, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.requirements = requirements
        choices = ExtensionAssessment.AssessmentChoice.choices
        for requirement in requirements:
            assessment, comment = current.get(requirement.code, (Assessment.NOT_ASSESSED, ""))
            self.fields[requirement.code] = forms.ChoiceField(
                label=f"{requirement.provision}: {requirement.text}",
                choices=choices,
                initial=assessment.value,
            )
            self.fields[f"{requirement.code}__comment"] = forms.CharField(
                label=_("Comment on %(provision)s") % {"provision": requirement.provision},
                required=False,
                initial=comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Requirement, Any, Any]]:
        return [(r, self[r.code], self[f"{r.code}__comment"]) for r in self.requirements]

    def assessments(self) -> dict[str, tuple[Assessment, str]]:
        return {
            r.code: (
                Assessment(self.cleaned_data[r.code]),
                self.cleaned_data[f"{r.code}__comment"],
            )
            for r in self.requirements
        }


class DecisionForm(CitationForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ExtensionDecision.Outcome.GRANTED, ExtensionDecision.Outcome.GRANTED.label),
            (ExtensionDecision.Outcome.REFUSED, ExtensionDecision.Outcome.REFUSED.label),
        ],
        widget=forms.RadioSelect,
    )
    months_granted = forms.IntegerField(
        label=_("Months granted"),
        required=False,
        help_text=_("May be shorter than requested, never longer than the treaty allows."),
    )
    decided = forms.DateField(label=_("Decided on"), help_text=_("YYYY-MM-DD"))
    stated_new_deadline = FuzzyDateFormField(
        label=_("New deadline as the decision states it"),
        required=False,
        help_text=_("Optional: kept beside the deadline the rules compute, to compare."),
    )

    field_order = ["outcome", "months_granted", "decided", "stated_new_deadline"]


class MilestoneForm(CleanTextMixin, forms.Form):
    origin = forms.ChoiceField(
        label=_("Origin"), choices=ExtensionMilestone.Origin.choices, widget=forms.RadioSelect
    )
    due = FuzzyDateFormField(label=_("Due"), help_text=_("e.g. 2026-12-31, 2026-12 or 2026"))
    description = forms.CharField(label=_("Milestone"), max_length=300)


class AchievedForm(CleanTextMixin, forms.Form):
    achieved = FuzzyDateFormField(
        label=_("Achieved"), required=False, help_text=_("Empty: not achieved.")
    )
