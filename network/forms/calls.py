from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import StyledFormMixin
from advisors.forms import NeedChoiceField
from advisors.models import Need
from clusters.models import Authority, Cluster, Goal
from clusters.reference import Region, ServiceDomain

from ..models import ApplicationStatus, Ministry

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MinistryField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.service.name})"


def _checkboxes(label, choices):
    return forms.MultipleChoiceField(label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False)


def _scale(label):
    return forms.IntegerField(label=label, min_value=1, max_value=10, required=False)


class CallForm(StyledFormMixin, forms.Form):
    """A call and who may apply; a criterion left empty admits every cluster."""

    title = forms.CharField(label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))
    funder = forms.CharField(label=_("Funder"), max_length=200)
    ministry = MinistryField(label=_("Ministry"), queryset=Ministry.objects.all(), required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )
    link = forms.URLField(label=_("Link"), required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    amount = forms.DecimalField(label=_("Amount (₪)"), min_value=0, max_digits=14, decimal_places=2, required=False)
    matching_share = forms.DecimalField(
        label=_("Matching share (%)"), min_value=0, max_value=100, max_digits=5, decimal_places=2, initial=0
    )
    regions = _checkboxes(_("Regions"), Region.choices)
    stages = _checkboxes(_("Cluster stages"), Cluster.Stage.choices)
    authority_kinds = _checkboxes(_("Authority kinds"), Authority.Kind.choices)
    socioeconomic_min = _scale(_("Socio-economic cluster from"))
    socioeconomic_max = _scale(_("Socio-economic cluster to"))
    peripherality_min = _scale(_("Peripherality cluster from"))
    peripherality_max = _scale(_("Peripherality cluster to"))
    domains = _checkboxes(_("Service domains"), ServiceDomain.choices)
    needs = NeedChoiceField(
        label=_("Needs it helps with"),
        queryset=Need.objects.select_related("group"),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
        required=False,
    )
    is_posted = forms.BooleanField(label=_("Post it: clusters see it"), required=False)

    def clean(self):
        data = super().clean()
        for low, high in (("socioeconomic_min", "socioeconomic_max"), ("peripherality_min", "peripherality_max")):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, _("The end of the range must not be below its start."))
        return data

    @staticmethod
    def initial_from(call) -> dict:
        return {
            "title": call.title,
            "funder": call.funder,
            "ministry": call.ministry_id,
            "description": call.description,
            "link": call.link,
            "deadline": call.deadline,
            "amount": call.amount,
            "matching_share": call.matching_share,
            "regions": call.region_codes,
            "stages": call.stage_codes,
            "authority_kinds": call.kind_codes,
            "socioeconomic_min": call.socioeconomic_min,
            "socioeconomic_max": call.socioeconomic_max,
            "peripherality_min": call.peripherality_min,
            "peripherality_max": call.peripherality_max,
            "domains": call.domain_codes,
            "needs": [need.code for need in call.needs.all()],
            "is_posted": call.is_posted,
        }


class ApplicationForm(StyledFormMixin, forms.Form):
    amount_requested = forms.DecimalField(
        label=_("Amount requested (₪)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    goals = GoalChoiceField(
        label=_("Goals this application serves"),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.filter(service__cluster=cluster).select_related("service")


class ApplicationUpdateForm(ApplicationForm):
    status = forms.ChoiceField(label=_("Status"))
    amount_won = forms.DecimalField(
        label=_("Amount won (₪)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, cluster=application.cluster, **kwargs)
        self.fields["status"].choices = [(code, ApplicationStatus(code).label) for code in application.next_statuses]
        self.fields["status"].widget.attrs["class"] = "form-select"
        self.fields["amount_won"].widget.attrs["class"] = "form-control"
        self.order_fields(["status", "amount_requested", "amount_won", "goals", "note"])

    def clean(self):
        data = super().clean()
        if data.get("status") == ApplicationStatus.WON and data.get("amount_won") is None:
            self.add_error("amount_won", _("Enter the amount won."))
        return data
