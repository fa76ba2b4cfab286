from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import StyledFormMixin

from .models import Milestone, Outcome, Pilot, StrategicPlan


class StrategicPlanForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = StrategicPlan
        fields = ["title", "vision", "strategic_goals", "starts_year", "ends_year"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 3}), "strategic_goals": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_year"), cleaned.get("ends_year")
        for name in ("starts_year", "ends_year"):
            year = cleaned.get(name)
            if year is not None and not 2000 <= year <= 2100:
                self.add_error(name, _("Give a year between 2000 and 2100."))
        if starts and ends and ends < starts:
            self.add_error("ends_year", _("The plan cannot end before it starts."))
        return cleaned


class OutcomeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["horizon", "channel", "title", "measured_by"]
        widgets = {"measured_by": forms.CheckboxSelectMultiple}

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measured_by"].queryset = goals
        self.fields["measured_by"].help_text = _("The core-service goals and indicators that measure this outcome.")


class MilestoneForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "channel"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}


class PilotDecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Pilot.Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Explain the decision."))
        return reason


def default_plan_years() -> tuple[int, int]:
    year = timezone.localdate().year
    return year, year + 4
