from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.fields import DomainDateField
from accounts.forms import StyledFormMixin

from .models import Finding, StrategicPlanReview, WorkPlanReview
from .reviews import PLAN_STATES, REBASELINE_STATES, FindingInput
from .validators import validate_due_date_not_past


class WorkPlanDecisionForm(StyledFormMixin, forms.Form):
    """Approve a board-approved plan, or return it: a return needs a finding the cluster must act on."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[("", "—"), *WorkPlanReview.Decision.choices])
    note = forms.CharField(
        label=_("Note to the cluster"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    text = forms.CharField(
        label=_("Finding"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the cluster must fix. Required to return the plan; optional when approving."),
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Finding.Severity.choices, initial=Finding.Severity.MEDIUM, required=False
    )
    due_on = DomainDateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_due_date_not_past],
    )

    def clean(self):
        data = super().clean()
        text = (data.get("text") or "").strip()
        if data.get("decision") == WorkPlanReview.Decision.RETURNED and not text:
            self.add_error("text", _("To return the work plan, write at least one finding the cluster must fix."))
        if text and not data.get("due_on"):
            self.add_error("due_on", _("Give the finding a due date."))
        data["text"] = text
        return data

    def findings(self) -> list[FindingInput]:
        data = self.cleaned_data
        if not data["text"]:
            return []
        severity = data["severity"] or Finding.Severity.MEDIUM
        return [FindingInput(severity=severity, text=data["text"], due_on=data["due_on"])]


class RebaselineQueryForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Question to the cluster"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Finding.Severity.choices, initial=Finding.Severity.LOW)
    due_on = DomainDateField(
        label=_("Answer due by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_due_date_not_past],
    )

    def finding(self) -> FindingInput:
        data = self.cleaned_data
        return FindingInput(severity=data["severity"], text=data["text"].strip(), due_on=data["due_on"])


class PlanQueueFilterForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=[("", _("All states")), *PLAN_STATES.items()], required=False)


class RebaselineFilterForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All states")), *REBASELINE_STATES.items()], required=False
    )


class FindingFilterForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=[("", _("All states")), *Finding.State.choices], required=False)


class StrategicPlanDecisionForm(WorkPlanDecisionForm):
    """Approve a board-approved strategic plan version, or return it with a finding."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[("", "—"), *StrategicPlanReview.Decision.choices])

    def clean(self):
        data = forms.Form.clean(self)
        text = (data.get("text") or "").strip()
        if data.get("decision") == StrategicPlanReview.Decision.RETURNED and not text:
            self.add_error("text", _("To return the plan, write at least one finding the cluster must fix."))
        if text and not data.get("due_on"):
            self.add_error("due_on", _("Give the finding a due date."))
        data["text"] = text
        return data
