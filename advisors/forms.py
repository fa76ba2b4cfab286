from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.fields import BoundedIntegerField, DomainDateField, bounded_formfield
from accounts.forms import StyledFormMixin
from clusters.reference import Region, ServiceDomain

from .models import (
    AdvisorOrganisation,
    AdvisorProfile,
    Need,
    Orientation,
    Outcome,
    SpokenLanguage,
    VettingState,
)

# An advisor's day rate in ₪: up to ₪100,000.
MAX_DAY_RATE = 100_000


class NeedChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class ProfileForm(StyledFormMixin, forms.Form):
    """The fields an advisor fills in; the view passes `cleaned_data` to `services.save_profile`."""

    headline = forms.CharField(label=_("Headline"), max_length=200, required=False)
    bio_he = forms.CharField(
        label=_("Bio in Hebrew"), widget=forms.Textarea(attrs={"rows": 4, "lang": "he", "dir": "rtl"}), required=False
    )
    bio_ar = forms.CharField(
        label=_("Bio in Arabic"), widget=forms.Textarea(attrs={"rows": 4, "lang": "ar", "dir": "rtl"}), required=False
    )
    bio_en = forms.CharField(
        label=_("Bio in English"), widget=forms.Textarea(attrs={"rows": 4, "lang": "en", "dir": "ltr"}), required=False
    )
    needs = NeedChoiceField(
        label=_("Needs you cover"),
        queryset=Need.objects.select_related("group"),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    domains = forms.MultipleChoiceField(
        label=_("Core-service domains"),
        choices=ServiceDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions you serve"), choices=Region.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"), choices=SpokenLanguage.choices, widget=forms.CheckboxSelectMultiple
    )
    orientation = forms.ChoiceField(label=_("Orientation"), choices=Orientation.choices)
    day_rate = BoundedIntegerField(label=_("Day rate (₪)"), min_value=0, max_value=MAX_DAY_RATE)
    available_from = DomainDateField(
        label=_("Available from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    days_per_month = BoundedIntegerField(label=_("Days available per month"), min_value=0, max_value=31, initial=0)
    is_published = forms.BooleanField(label=_("Show my profile in the catalogue"), required=False, initial=True)

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(name) or "").strip() for name in ("bio_he", "bio_ar", "bio_en")):
            raise forms.ValidationError(_("Write a bio in at least one language."))
        return cleaned

    @classmethod
    def initial_for(cls, profile: AdvisorProfile) -> dict:
        return {
            "headline": profile.headline,
            "bio_he": profile.bio_he,
            "bio_ar": profile.bio_ar,
            "bio_en": profile.bio_en,
            "needs": [need.code for need in profile.needs.all()],
            "domains": profile.domain_codes,
            "regions": profile.region_codes,
            "languages": profile.language_codes,
            "orientation": profile.orientation,
            "day_rate": profile.day_rate,
            "available_from": profile.available_from,
            "days_per_month": profile.days_per_month,
            "is_published": profile.is_published,
        }


class OrganisationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = AdvisorOrganisation
        fields = ["name", "kind", "relationship_model", "contact_email", "contact_phone", "website"]
        formfield_callback = bounded_formfield


class ApplicationOrganisationForm(OrganisationForm):
    prefix = "organisation"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Organisation name")
        self.fields["contact_email"].required = True


# The vetting states a curator's decision puts an organisation in, in the order the curation pages list them.
DECIDED_STATES = [VettingState.VETTED, VettingState.SUSPENDED, VettingState.REJECTED]


class OrganisationListForm(StyledFormMixin, forms.Form):
    """The curator's list of organisations: one vetting state, and a part of the name."""

    state = forms.ChoiceField(
        label=_("State"), choices=[(state, VettingState(state).label) for state in DECIDED_STATES], required=False
    )
    q = forms.CharField(label=_("Name contains"), max_length=100, required=False)


class DecisionForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ShortlistForm(StyledFormMixin, forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=None)
    need = forms.ModelChoiceField(label=_("Need"), queryset=Need.objects.select_related("group"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        if len(clusters) == 1:
            self.fields["cluster"].initial = clusters[0].pk
            self.fields["cluster"].widget = forms.HiddenInput()


class ShortlistEntryForm(StyledFormMixin, forms.Form):
    shortlist = forms.ModelChoiceField(label=_("Shortlist"), queryset=None)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, shortlists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shortlist"].queryset = shortlists


class OutcomeForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    reason = forms.CharField(label=_("Why"), max_length=1000, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Outcome.NOT_SUITABLE and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why this advisor is not suitable."))
        return cleaned


class RecommendationForm(StyledFormMixin, forms.Form):
    open_needs = NeedChoiceField(
        label=_("Your open needs"),
        queryset=Need.objects.select_related("group"),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    lagging_domains = forms.MultipleChoiceField(
        label=_("Domains of lagging goals"),
        choices=ServiceDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    region = forms.ChoiceField(label=_("Your region"), choices=[("", "—"), *Region.choices], required=False)
    languages = forms.MultipleChoiceField(
        label=_("Preferred languages"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
