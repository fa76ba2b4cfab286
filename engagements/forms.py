from decimal import Decimal

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.fields import BoundedDecimalField, DomainDateField
from accounts.forms import StyledFormMixin
from advisors.forms import RecommendationForm
from advisors.models import Need

from .models import ActivityKind

# The domain's ranges, within the columns' sizes: an engagement of up to 10,000 hours (five years full time),
# up to ₪100 million, at up to ₪10,000 an hour.
MAX_ENGAGEMENT_HOURS = 10_000
MAX_ENGAGEMENT_AMOUNT = 100_000_000
MAX_HOURLY_RATE = 10_000


class LabelledChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return getattr(obj, "label", None) or str(obj)


class EngagementForm(StyledFormMixin, forms.Form):
    """A CEO's draft of an engagement; `goals` is limited to the cluster's goals by the view."""

    needs = LabelledChoiceField(
        label=_("Needs addressed"), queryset=Need.objects.select_related("group"), widget=forms.CheckboxSelectMultiple
    )
    goals = LabelledChoiceField(
        label=_("Goals served"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 4}))
    starts_on = DomainDateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = DomainDateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    budget_hours = BoundedDecimalField(
        label=_("Budget (hours)"), max_digits=8, decimal_places=2, max_value=MAX_ENGAGEMENT_HOURS, required=False
    )
    budget_amount = BoundedDecimalField(
        label=_("Budget (₪)"), max_digits=12, decimal_places=2, max_value=MAX_ENGAGEMENT_AMOUNT, required=False
    )
    hourly_rate = BoundedDecimalField(
        label=_("Hourly rate (₪)"), max_digits=8, decimal_places=2, max_value=MAX_HOURLY_RATE
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class WorkLogDecisionForm(StyledFormMixin, forms.Form):
    """An entry's decision on the approval queue: approving takes nothing, returning takes a reason (one line there).

    The browser asks for the reason; the service refuses an empty one, on this field."""

    reason = forms.CharField(
        label=_("Reason for return"),
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control-sm", "required": True, "placeholder": _("Reason for return")}
        ),
    )

    # An empty reason box differs from entry to entry only by its id: rendered once a language and process, then given
    # each entry's id (rendering the widget anew on every row was a fifth of a 50-entry page's time).
    _EMPTY_ID = "id_reason___entry__"
    _empty_boxes: dict[str, str] = {}

    def reason_box(self) -> str:
        """The reason field's widget: the shared empty box for an unbound form, rendered for a refused one."""
        field = self["reason"]
        if self.is_bound:
            return str(field)
        language = get_language()
        empty = self._empty_boxes.get(language)
        if empty is None:
            empty = self._empty_boxes[language] = str(type(self)(auto_id="id_%s___entry__")["reason"])
        return mark_safe(empty.replace(self._EMPTY_ID, field.auto_id))  # noqa: S308 (our own widget, our own id)


class DeclarationForm(StyledFormMixin, forms.Form):
    declaration = forms.CharField(label=_("Declaration"), widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(
        label=_("I confirm this declaration"),
        error_messages={"required": _("Accepting requires the declaration of no oversight or control function.")},
    )


class TransitionForm(forms.Form):
    """What a state change may carry: a reason (withdraw, decline, terminate) or the confirmed declaration (accept).

    Which of them an action needs is the service's rule; the form only keeps out what no text field takes."""

    reason = forms.CharField(label=_("Reason"), required=False)
    declaration = forms.CharField(label=_("Declaration"), required=False)
    confirm = forms.BooleanField(required=False)


class WorkLogForm(StyledFormMixin, forms.Form):
    worked_on = DomainDateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = BoundedDecimalField(
        label=_("Hours"),
        min_value=Decimal("0.25"),
        max_value=24,
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25"}),
    )
    activity = forms.ChoiceField(label=_("Activity"), choices=ActivityKind.choices)
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    goals = LabelledChoiceField(
        label=_("Goals served"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals


class PeriodForm(StyledFormMixin, forms.Form):
    """The period of an engagement's entries approved at once, from the approval queue."""

    start = DomainDateField(
        label=pgettext_lazy("start of a date range", "From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the first day of the period.")},
    )
    end = DomainDateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the last day of the period.")},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day is before the first."))
        return cleaned


class BudgetExtensionForm(StyledFormMixin, forms.Form):
    added_hours = BoundedDecimalField(
        label=_("Added hours"), max_digits=8, decimal_places=2, max_value=MAX_ENGAGEMENT_HOURS, initial=0
    )
    added_amount = BoundedDecimalField(
        label=_("Added amount (₪)"), max_digits=12, decimal_places=2, max_value=MAX_ENGAGEMENT_AMOUNT, initial=0
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DeliverableForm(StyledFormMixin, forms.Form):
    milestone = forms.CharField(label=_("Milestone"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), required=False)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")


class ReviewForm(StyledFormMixin, forms.Form):
    SCORES = [(value, str(value)) for value in range(1, 6)]
    expertise = forms.TypedChoiceField(label=_("Expertise"), choices=SCORES, coerce=int, required=False)
    responsiveness = forms.TypedChoiceField(label=_("Responsiveness"), choices=SCORES, coerce=int, required=False)
    goals = forms.TypedChoiceField(label=_("Contribution to goals"), choices=SCORES, coerce=int, required=False)
    value = forms.TypedChoiceField(label=_("Value for money"), choices=SCORES, coerce=int, required=False)
    text = forms.CharField(label=_("Review"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReplyForm(StyledFormMixin, forms.Form):
    reply = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 2}))


class OpenNeedsForm(RecommendationForm):
    """The recommendations form of a cluster: prefilled with its open needs, which the CEO may change.

    Open needs are optional here: without any, advisors are still ranked by the lagging goals' domains.
    """

    chosen = forms.CharField(widget=forms.HiddenInput, initial="1", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["open_needs"].required = False
