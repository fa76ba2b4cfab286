from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.fields import bounded_formfield
from accounts.forms import StyledFormMixin
from clusters.models import Cluster
from clusters.reference import Region, ServiceDomain

from .models import Finding
from .rules import STATUS_LABELS
from .validators import validate_due_date_not_past

SORT_CHOICES = [
    ("name", _("Name")),
    ("stage", _("Stage")),
    ("members", _("Members")),
    ("services", _("Operating core services")),
    ("status", _("Status (red first)")),
]


class DashboardFilterForm(StyledFormMixin, forms.Form):
    region = forms.ChoiceField(label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("All stages")), *Cluster.Stage.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *STATUS_LABELS.items()], required=False
    )
    domain = forms.ChoiceField(
        label=_("Service domain"), choices=[("", _("All domains")), *ServiceDomain.choices], required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)


class FindingForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["severity", "text", "due_on"]
        formfield_callback = bounded_formfield
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].validators.append(validate_due_date_not_past)


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
