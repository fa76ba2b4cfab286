from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.fields import DomainDateField
from accounts.forms import StyledFormMixin
from accounts.models import User
from clusters.models import Authority
from clusters.reference import Region
from quality.models import Metric

from .models import DecisionStatus, MemberRole, Reply, ScopeKind, Theme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXT = {"dir": "auto"}


class ClusterField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.name)


class ForumForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    description = forms.CharField(
        label=_("What the forum is for"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )
    scope_kind = forms.ChoiceField(label=_("Scope"), choices=ScopeKind.choices)
    cluster = ClusterField(label=_("Cluster"), queryset=None, required=False, help_text=_("For a cluster's forum."))
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "—"), *Region.choices], required=False, help_text=_("For a regional forum.")
    )
    meets_every_weeks = forms.IntegerField(label=_("Meets every (weeks)"), min_value=1, max_value=52, required=False)
    represents = forms.CharField(
        label=_("You represent"),
        max_length=200,
        required=False,
        help_text=_("Your authority, office or unit, as the members will see it."),
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters

    def clean(self):
        data = super().clean()
        scope = data.get("scope_kind")
        if scope == ScopeKind.CLUSTER and not data.get("cluster"):
            self.add_error("cluster", _("Choose the forum's cluster."))
        if scope == ScopeKind.REGION and not data.get("region"):
            self.add_error("region", _("Choose the forum's region."))
        return data


class MemberForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"), help_text=_("The person must have an account on the platform."))
    role = forms.ChoiceField(label=_("Role in the forum"), choices=MemberRole.choices)
    represents = forms.CharField(
        label=_("Represents"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    since = DomainDateField(label=_("From"), widget=DATE, required=False)
    until = DomainDateField(label=_("Until"), widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if email:
            person = User.objects.filter(email__iexact=email, is_active=True).first()
            if person is None:
                self.add_error("email", _("No one with this email address has an account."))
            else:
                data["person"] = person
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date is before the start date."))
        return data


class EngagementField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.cluster.name} · {obj.starts_on:%d/%m/%Y}–{obj.ends_on:%d/%m/%Y}"


class EngagementForm(StyledFormMixin, forms.Form):
    engagement = EngagementField(label=_("Facilitating engagement"), queryset=None, required=False)

    def __init__(self, *args, engagements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = engagements


class AuthorityField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.name)


class HostForm(StyledFormMixin, forms.Form):
    authority = AuthorityField(
        label=_("Member authority"), queryset=Authority.objects.order_by("name_he"), required=False
    )
    office = forms.CharField(
        label=_("Or an office"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args, authorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if authorities is not None:
            self.fields["authority"].queryset = authorities

    def clean(self):
        data = super().clean()
        if bool(data.get("authority")) == bool(data.get("office")):
            raise forms.ValidationError(_("Choose an authority or name an office, not both."))
        return data


class HostField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class MeetingForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT))
    day = DomainDateField(label=_("Date"), widget=DATE)
    starts = forms.TimeField(label=_("Starts at"), widget=TIME)
    ends = forms.TimeField(label=_("Ends at"), widget=TIME)
    is_national = forms.BooleanField(label=_("A national meeting (outside the rotation)"), required=False)
    host = HostField(label=_("Host"), queryset=None, required=False)
    location = forms.CharField(label=_("Place"), max_length=300, required=False, widget=forms.TextInput(attrs=TEXT))

    def __init__(self, *args, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("The meeting must end after it starts."))
        return data


class AgendaItemForm(StyledFormMixin, forms.Form):
    starts_at = forms.TimeField(label=_("Time"), widget=TIME)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=480)
    title = forms.CharField(label=_("Topic"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    presenter = forms.CharField(
        label=_("Presented by"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )


class ReplyForm(StyledFormMixin, forms.Form):
    reply = forms.ChoiceField(
        label=_("Your reply"), choices=[c for c in Reply.choices if c[0] != Reply.PENDING], widget=forms.RadioSelect
    )


class AttendanceForm(StyledFormMixin, forms.Form):
    attended = forms.MultipleChoiceField(label=_("Who attended"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, invitees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(person.pk), person.get_full_name()) for person in invitees]


class CloseMeetingForm(StyledFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=50000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 10}),
        help_text=_("A meeting is closed with its minutes; they cannot be left empty."),
    )


class AttachmentForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    file = forms.FileField(label=_("File"))


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class GoalField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.service.cluster.name} · {obj.service.name} · {obj.name} ({obj.get_kind_display()})"


class DecisionForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=5000, widget=forms.Textarea(attrs={**TEXT, "rows": 3}))
    owner = PersonField(label=_("Owner"), queryset=None)
    due_on = DomainDateField(label=_("Due on"), widget=DATE)
    goals = GoalField(
        label=_("Goals and KPIs it is meant to move"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = forms.MultipleChoiceField(
        label=_("Service-quality measures it is meant to move"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, owners, goals, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["goals"].queryset = goals
        self.services = {service.pk: service for service in services}
        self.fields["measures"].choices = [
            (f"{service.pk}:{metric}", f"{service.cluster.name} · {service.name} · {label}")
            for service in self.services.values()
            for metric, label in (
                (Metric.CLOSE_MEDIAN, Metric.CLOSE_MEDIAN.label),
                (Metric.WITHIN_SLA, Metric.WITHIN_SLA.label),
            )
        ]

    def clean_measures(self):
        pairs = []
        for value in self.cleaned_data["measures"]:
            service_id, _sep, metric = value.partition(":")
            pairs.append((self.services[int(service_id)], metric))
        return pairs


class FollowUpForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("Follow-up"), max_length=5000, widget=forms.Textarea(attrs={**TEXT, "rows": 3}))
    status = forms.ChoiceField(label=_("Status"), choices=DecisionStatus.choices)
    meeting = forms.ModelChoiceField(label=_("At the meeting"), queryset=None, required=False)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
