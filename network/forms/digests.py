from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import StyledFormMixin
from advisors.forms import NeedChoiceField
from advisors.models import Need
from clusters.reference import ServiceDomain


class DigestPreferenceForm(StyledFormMixin, forms.Form):
    is_subscribed = forms.BooleanField(label=_("Send me the weekly digest"), required=False, initial=True)
    needs = NeedChoiceField(
        label=_("Needs I follow"),
        queryset=Need.objects.select_related("group"),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
        required=False,
    )
    domains = forms.MultipleChoiceField(
        label=_("Domains I follow"),
        choices=ServiceDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
