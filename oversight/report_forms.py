from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.fields import bounded_formfield
from accounts.forms import StyledFormMixin
from clusters.reference import Region

from .models import Finding, ReportVersion
from .validators import validate_due_date_not_past


class ReportTextsForm(StyledFormMixin, forms.Form):
    """The CEO's texts; the narrative is required when the report is submitted."""

    narrative = forms.CharField(
        label=_("Narrative"),
        help_text=_("What the cluster did this period and how its goals moved."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        required=False,
    )
    risks = forms.CharField(
        label=_("Risks"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000, required=False
    )
    requests = forms.CharField(
        label=_("Requests to the ministry"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000, required=False
    )

    def __init__(self, *args, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting

    def clean_narrative(self):
        narrative = self.cleaned_data["narrative"].strip()
        if self.submitting and not narrative:
            raise ValidationError(_("Write the narrative before submitting the report."))
        return narrative


class ReturnFindingForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["severity", "text", "due_on"]
        formfield_callback = bounded_formfield
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].validators.append(validate_due_date_not_past)


class BaseReturnFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not self.findings():
            raise ValidationError(_("Raise at least one finding to return the report."))

    def findings(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.has_changed() and form.cleaned_data]


ReturnFindingFormSet = forms.formset_factory(ReturnFindingForm, formset=BaseReturnFormSet, extra=3, max_num=3)

AWAITING = "awaiting"


class QueueFilterForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        choices=[(AWAITING, _("Awaiting my review")), ("", _("All states")), *ReportVersion.State.choices],
        required=False,
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False)
