from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.forms import StyledFormMixin
from clusters.models import Goal
from clusters.reference import ServiceDomain

from .models import Channel, Metric, QualityGoalSource, ServiceCode


class MetricForm(StyledFormMixin, forms.Form):
    """The measure a comparison shows; kept in the URL."""

    metric = forms.ChoiceField(label=_("Measure"), choices=Metric.choices, required=False, initial=Metric.CLOSE_MEDIAN)

    def chosen(self):
        if not self.is_valid():
            return Metric.CLOSE_MEDIAN, None
        return self.cleaned_data["metric"] or Metric.CLOSE_MEDIAN, self.chosen_month()

    def chosen_month(self):
        return None

    def chosen_channel(self) -> str:
        return ""


class ChooseForm(MetricForm):
    """A service's comparison: the measure, the month and the channel."""

    month = forms.ChoiceField(label=_("Month"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", _("All channels")), *Channel.choices])

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", _("Latest"))] + [(f"{m:%Y-%m}", f"{m:%Y-%m}") for m in months]
        self.months = {f"{m:%Y-%m}": m for m in months}

    def chosen_month(self):
        return self.months.get(self.cleaned_data.get("month"))

    def chosen_channel(self) -> str:
        return (self.cleaned_data.get("channel") or "") if self.is_valid() else ""


class NationalForm(MetricForm):
    domain = forms.ChoiceField(label=_("Service domain"), choices=ServiceDomain.choices, required=False)


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Inquiries file"),
        help_text=_(
            "CSV or XLSX with the Open311 columns service_request_id, service_code or service_name, "
            "authority_cbs_code, requested_datetime, updated_datetime, closed_datetime, status, channel, and "
            "optionally first_response_datetime, satisfaction and sla_hours."
        ),
    )
    encoding = forms.ChoiceField(
        label=_("Encoding (CSV)"),
        required=False,
        choices=[
            ("", _("Recognise it")),
            ("utf-8", "UTF-8"),
            ("windows-1255", _("Windows-1255 (Hebrew)")),
            ("windows-1256", _("Windows-1256 (Arabic)")),
        ],
    )
    dry_run = forms.BooleanField(label=_("Only check the file, save nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.QUALITY_UPLOAD_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MiB.") % {"size": settings.QUALITY_UPLOAD_MAX_MB}
            )
        return upload


class ServiceCodeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ServiceCode
        fields = ["service", "code", "name"]

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        self.instance.cluster = cluster
        self.fields["service"].queryset = cluster.services.all()

    def clean(self):
        data = super().clean()
        code, name = (data.get("code") or "").strip(), (data.get("name") or "").strip()
        if not code and not name:
            raise forms.ValidationError(_("Give a code, a name, or both."))
        taken = ServiceCode.objects.filter(cluster=self.cluster).exclude(pk=self.instance.pk)
        if code and taken.filter(code=code).exists():
            self.add_error("code", _("This code already belongs to a service of the cluster."))
        if name and taken.filter(name=name).exists():
            self.add_error("name", _("This name already belongs to a service of the cluster."))
        return data


class GoalSourceForm(StyledFormMixin, forms.Form):
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=Goal.objects.none())
    metric = forms.ChoiceField(label=_("Measure"), choices=Metric.choices)
    aggregate = forms.ChoiceField(label=_("Value taken"), choices=QualityGoalSource.Aggregate.choices)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(service=service, kind__in=[Goal.Kind.GAP, Goal.Kind.CUSTOM])

    def clean(self):
        data = super().clean()
        goal, aggregate = data.get("goal"), data.get("aggregate")
        if goal and aggregate:
            by_authority = aggregate == QualityGoalSource.Aggregate.AUTHORITIES
            if (goal.kind == Goal.Kind.GAP) != by_authority:
                raise forms.ValidationError(
                    _("A gap goal takes each authority's value; a custom indicator the worst value or the median.")
                )
        return data
