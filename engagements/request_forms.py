from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.fields import BoundedDecimalField, DomainDateField
from accounts.forms import StyledFormMixin
from advisors.models import Need

from .forms import MAX_ENGAGEMENT_AMOUNT, MAX_ENGAGEMENT_HOURS, MAX_HOURLY_RATE, LabelledChoiceField
from .models import PROPOSAL_TEXT_MAX_LENGTH


class NeedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class RequestForm(StyledFormMixin, forms.Form):
    """A CEO's brief; `goals` is limited to the cluster's goals by the view."""

    need = NeedChoiceField(label=_("Need"), queryset=Need.objects.select_related("group"))
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Brief"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the cluster needs, the context and what a good result looks like."),
    )
    goals = LabelledChoiceField(
        label=_("Goals served"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    budget_hint = forms.CharField(
        label=_("Budget hint"), max_length=200, required=False, help_text=_("For example: about 60 hours.")
    )
    starts_on = DomainDateField(label=_("Wished start"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = DomainDateField(label=_("Wished end"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    answer_by = DomainDateField(label=_("Answer by"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals


class ProposalForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your proposal"),
        max_length=PROPOSAL_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A short answer: how you would approach the need and what the cluster would get."),
    )
    hours = BoundedDecimalField(
        label=_("Proposed hours"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=MAX_ENGAGEMENT_HOURS,
        required=False,
    )
    amount = BoundedDecimalField(
        label=_("Proposed amount (₪)"),
        max_digits=12,
        decimal_places=2,
        min_value=1,
        max_value=MAX_ENGAGEMENT_AMOUNT,
        required=False,
    )
    hourly_rate = BoundedDecimalField(
        label=_("Hourly rate (₪)"), max_digits=8, decimal_places=2, max_value=MAX_HOURLY_RATE, required=False
    )


class OpenRequestFilterForm(StyledFormMixin, forms.Form):
    need = NeedChoiceField(label=_("Need"), queryset=Need.objects.none(), required=False, empty_label=_("All my needs"))

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs
