import re
from datetime import date
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import BoundedDecimalField, DomainDateField, bounded_formfield, is_domain_date
from accounts.forms import StyledFormMixin

from .models import Goal, Measurement, Service, WorkPlanItem

PERIOD_PATTERNS = {
    Measurement.PeriodKind.MONTH: re.compile(r"^(\d{4})-(\d{1,2})$"),
    Measurement.PeriodKind.QUARTER: re.compile(r"^(\d{4})-[Qq]([1-4])$"),
}
AUTHORITY_FIELD = re.compile(r"^authority_(\d+)$")


def parse_period(kind: str, text: str) -> date | None:
    """The first day of the month (YYYY-MM) or quarter (YYYY-Qn) written, or None."""
    match = PERIOD_PATTERNS.get(kind, re.compile("$^")).match((text or "").strip())
    if not match:
        return None
    year, number = int(match.group(1)), int(match.group(2))
    month = number if kind == Measurement.PeriodKind.MONTH else (number - 1) * 3 + 1
    if not 1 <= month <= 12:
        return None
    # Year 0 does not exist; it is as far outside the domain's years as year 1, which the form refuses.
    return date(max(year, 1), month, 1)


class MeasurementForm(StyledFormMixin, forms.Form):
    """A goal's value(s) for one period. Gap goals take a value per participating authority; coverage goals
    a tick per authority that receives the service at the standard level."""

    period_kind = forms.ChoiceField(label=_("Period"), choices=Measurement.PeriodKind.choices)
    period = forms.CharField(
        label=_("Month or quarter"),
        max_length=7,
        help_text=_("A month as 2026-03, or a quarter as 2026-Q1."),
    )
    value = BoundedDecimalField(label=_("Value"), max_digits=14, decimal_places=2, min_value=None, required=False)
    source = forms.CharField(label=_("Source"), max_length=300, help_text=_("Where the figure comes from."))

    def __init__(self, *args, goal: Goal, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.participants = {a.pk: a for a in participants}
        if goal.kind == Goal.Kind.COST_SAVING:
            self.fields["value"].label = _("Annual cost of the participating authorities (₪)")
            self.fields["value"].required = True
        elif goal.kind == Goal.Kind.CUSTOM:
            self.fields["value"].label = _("Value (%(unit)s)") % {"unit": goal.unit}
            self.fields["value"].required = True
        else:
            del self.fields["value"]
            for authority in self.participants.values():
                name = f"authority_{authority.pk}"
                if goal.kind == Goal.Kind.GAP:
                    self.fields[name] = BoundedDecimalField(
                        label=f"{authority.name} ({goal.unit})" if goal.unit else authority.name,
                        min_value=None,
                        max_digits=14,
                        decimal_places=2,
                        required=False,
                    )
                else:
                    self.fields[name] = forms.BooleanField(
                        label=_("%(authority)s receives the service at the standard level")
                        % {"authority": authority.name},
                        required=False,
                    )
        for name, field in self.fields.items():
            if name.startswith("authority_"):
                css = "form-check-input" if isinstance(field, forms.BooleanField) else "form-control"
                field.widget.attrs["class"] = css

    def authority_fields(self):
        return [self[name] for name in self.fields if name.startswith("authority_")]

    def clean_value(self):
        value = self.cleaned_data.get("value")
        if value is not None and value < 0:
            if self.goal.kind == Goal.Kind.COST_SAVING:
                raise forms.ValidationError(_("A cost cannot be negative."), code="negative")
            raise forms.ValidationError(_("The value cannot be negative."), code="negative")
        return value

    def clean(self):
        cleaned = super().clean()
        kind, text = cleaned.get("period_kind"), cleaned.get("period")
        if kind and text:
            start = parse_period(kind, text)
            if start is None:
                if kind == Measurement.PeriodKind.MONTH:
                    message = _("“%(text)s” is not a month; write it as %(example)s.")
                    example = "2026-03"
                else:
                    message = _("“%(text)s” is not a quarter; write it as %(example)s.")
                    example = "2026-Q1"
                self.add_error(
                    "period",
                    forms.ValidationError(message % {"text": text, "example": example}, code="wrong_period"),
                )
            elif start > timezone.localdate():
                self.add_error("period", forms.ValidationError(_("The period has not started yet."), code="future"))
            elif not is_domain_date(start):
                self.add_error(
                    "period",
                    forms.ValidationError(
                        _("Enter a period between %(first)s and %(last)s.")
                        % {"first": settings.DOMAIN_FIRST_YEAR, "last": settings.DOMAIN_LAST_YEAR},
                        code="date_out_of_range",
                    ),
                )
            elif Measurement.objects.filter(goal=self.goal, period_start=start).exists():
                self.add_error(
                    "period",
                    forms.ValidationError(
                        _("There is already a measurement for %(period)s; correct that one instead.")
                        % {"period": text},
                        code="duplicate_period",
                    ),
                )
            else:
                cleaned["period_start"] = start
        # Values for authorities that do not take part in the service (a stale form, a crafted request).
        strangers = sorted(
            int(m.group(1))
            for key in self.data
            if (m := AUTHORITY_FIELD.match(key)) and int(m.group(1)) not in self.participants
        )
        if strangers:
            raise forms.ValidationError(
                _("Values were sent for an authority that does not take part in this service."),
                code="not_participating",
            )
        if self.goal.kind == Goal.Kind.GAP:
            values = {a: cleaned.get(f"authority_{pk}") for pk, a in self.participants.items()}
            if any(v is not None and v < 0 for v in values.values()):
                raise forms.ValidationError(_("The values cannot be negative."), code="negative")
            if sum(1 for v in values.values() if v is not None) < 2:
                raise forms.ValidationError(
                    _("Enter the values of at least two authorities, so the gap between them can be computed."),
                    code="too_few_values",
                )
            cleaned["authority_values"] = {a: v for a, v in values.items() if v is not None}
        elif self.goal.kind == Goal.Kind.COVERAGE:
            cleaned["authority_values"] = {
                a: (1 if cleaned.get(f"authority_{pk}") else 0) for pk, a in self.participants.items()
            }
        else:
            cleaned["authority_values"] = {}
        return cleaned


class MeasurementCorrectionForm(MeasurementForm):
    """Correct a recorded measurement: the same value fields, the period fixed, and a reason required."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=300,
        help_text=_("Kept with the old values in the measurement's history."),
    )

    def __init__(self, *args, measurement: Measurement, **kwargs):
        initial = {"source": measurement.source, "value": measurement.value}
        is_coverage = measurement.goal.kind == Goal.Kind.COVERAGE
        for row in measurement.authority_values.all():
            initial[f"authority_{row.authority_id}"] = bool(row.value) if is_coverage else row.value
        super().__init__(*args, goal=measurement.goal, initial=initial, **kwargs)
        self.measurement = measurement
        del self.fields["period_kind"]
        del self.fields["period"]


class WorkPlanItemForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = WorkPlanItem
        fields = ["title", "budget_line", "budget_amount", "owner", "starts_on", "ends_on", "goals", "outcome"]
        formfield_callback = bounded_formfield
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "goals": forms.CheckboxSelectMultiple,
        }

    pilot_starts_on = forms.DateField(
        label=_("Run as a pilot from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A pilot is measured six months after this date and reviewed at nine months."),
    )

    def __init__(self, *args, goals, outcomes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals
        self.fields["outcome"].queryset = outcomes if outcomes is not None else self.fields["outcome"].queryset.none()
        self.fields["outcome"].help_text = _("The strategic plan's outcome this item serves.")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The item cannot end before it starts."))
        amount = cleaned.get("budget_amount")
        if amount is not None and amount < 0:
            self.add_error("budget_amount", _("A budget cannot be negative."))
        return cleaned


class GoalForm(StyledFormMixin, forms.ModelForm):
    """A new goal; each kind asks for its own fields and checks them."""

    class Meta:
        model = Goal
        fields = [
            "kind",
            "name",
            "name_ar",
            "name_en",
            "unit",
            "direction",
            "baseline_value",
            "baseline_on",
            "target_value",
            "target_percent",
            "target_on",
        ]
        formfield_callback = bounded_formfield
        widgets = {
            "baseline_on": forms.DateInput(attrs={"type": "date"}),
            "target_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "name_ar": _("Optional. Shown in Arabic; the name above is shown where it is left empty."),
            "name_en": _("Optional. Shown in English; the name above is shown where it is left empty."),
            "baseline_value": _(
                "Cost saving: the participating authorities' annual cost (₪). Coverage: authorities served at the "
                "standard level. Gap: the gap between the best and the worst authority. Custom: the indicator's value."
            ),
            "target_value": _("Coverage and custom indicators: the value to reach."),
            "target_percent": _(
                "Cost saving: the saving to reach (15% by default). Gap: how much the gap must narrow."
            ),
        }

    def __init__(self, *args, participants: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = participants
        self.fields["direction"].required = False
        self.fields["target_percent"].initial = 15

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        baseline, target, percent = (
            cleaned.get("baseline_value"),
            cleaned.get("target_value"),
            cleaned.get("target_percent"),
        )
        if cleaned.get("baseline_on") and cleaned.get("target_on") and cleaned["target_on"] <= cleaned["baseline_on"]:
            self.add_error("target_on", _("The target date must come after the baseline date."))
        if baseline is not None and baseline < 0:
            self.add_error("baseline_value", _("The baseline cannot be negative."))
            return cleaned
        if kind in (Goal.Kind.COST_SAVING, Goal.Kind.GAP):
            cleaned["direction"], cleaned["target_value"] = "lower", None
            if percent is None:
                percent = cleaned["target_percent"] = Decimal(15) if kind == Goal.Kind.COST_SAVING else None
            if percent is None or not 0 < percent < 100:
                self.add_error("target_percent", _("Enter a percentage above 0 and below 100."))
            if baseline is not None and baseline <= 0:
                self.add_error("baseline_value", _("The baseline must be above zero."))
        elif kind == Goal.Kind.COVERAGE:
            cleaned["direction"], cleaned["target_percent"] = "higher", None
            if target is None:
                self.add_error("target_value", _("Enter how many authorities should receive the service."))
            elif baseline is not None and target <= baseline:
                self.add_error("target_value", _("The target must be above the baseline."))
            elif target > self.participants:
                self.add_error(
                    "target_value",
                    _("The service has %(count)d participating authorities; the target cannot exceed that.")
                    % {"count": self.participants},
                )
        elif kind == Goal.Kind.CUSTOM:
            cleaned["target_percent"] = None
            if not cleaned.get("unit"):
                self.add_error("unit", _("Name the unit of the indicator."))
            direction = cleaned.get("direction")
            if not direction:
                self.add_error("direction", _("Say whether higher or lower values are better."))
            elif target is None:
                self.add_error("target_value", _("Enter the target value."))
            elif baseline is not None and (
                (direction == "higher" and target <= baseline) or (direction == "lower" and target >= baseline)
            ):
                self.add_error(
                    "target_value", _("The target must be better than the baseline in the chosen direction.")
                )
        return cleaned

    def _post_clean(self):
        # The model's constraints are checked after clean() has set the kind's fixed fields.
        for name in ("direction", "target_value", "target_percent"):
            if name in self.cleaned_data:
                setattr(self.instance, name, self.cleaned_data[name])
        super()._post_clean()


class RebaselineForm(StyledFormMixin, forms.Form):
    baseline_value = BoundedDecimalField(label=_("New baseline"), max_digits=14, decimal_places=2, min_value=0)
    baseline_on = DomainDateField(label=_("Baseline date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal

    def clean(self):
        cleaned = super().clean()
        baseline, on = cleaned.get("baseline_value"), cleaned.get("baseline_on")
        if baseline is not None and on is not None:
            if baseline == self.goal.baseline_value and on == self.goal.baseline_on:
                raise forms.ValidationError(_("The new baseline is the same as the current one."))
            if on >= self.goal.target_on:
                self.add_error("baseline_on", _("The baseline date must come before the target date."))
            goal = self.goal
            if goal.kind in (Goal.Kind.COST_SAVING, Goal.Kind.GAP) and baseline <= 0:
                self.add_error("baseline_value", _("The baseline must be above zero."))
            if goal.kind in (Goal.Kind.COVERAGE, Goal.Kind.CUSTOM):
                better = goal.target_value > baseline if goal.direction == "higher" else goal.target_value < baseline
                if not better:
                    self.add_error(
                        "baseline_value", _("The target must be better than the baseline in the chosen direction.")
                    )
        return cleaned


class ServiceForm(StyledFormMixin, forms.ModelForm):
    """A service's description and participating authorities, chosen among the cluster's current members."""

    class Meta:
        model = Service
        fields = [
            "name_he",
            "name_ar",
            "name_en",
            "level",
            "domain",
            "started_on",
            "description",
            "source",
            "participants",
        ]
        formfield_callback = bounded_formfield
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "participants": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = members
        self.fields["participants"].required = False


class ServiceStatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Service.Status.choices)
    changed_on = DomainDateField(label=_("Date of the change"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == self.service.status:
            self.add_error("status", _("The service already has this status."))
        changed_on = cleaned.get("changed_on")
        if changed_on and changed_on > timezone.localdate():
            self.add_error("changed_on", _("The date cannot be in the future."))
        if changed_on and self.service.status_since and changed_on < self.service.status_since:
            self.add_error("changed_on", _("The date cannot come before the current status began."))
        return cleaned


class IncorporationForm(StyledFormMixin, forms.Form):
    """The exact date the cluster was incorporated, entered by its CEO where the reference data has none."""

    incorporated_on = forms.DateField(label=_("Incorporated on"), widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("Where the date comes from, e.g. the statutory order.")
    )

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.cluster = cluster

    def clean_incorporated_on(self):
        day = self.cleaned_data["incorporated_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if self.cluster.operating_since and day > self.cluster.operating_since:
            raise forms.ValidationError(
                _("The cluster operates since %(since)s; it was incorporated before that.")
                % {"since": self.cluster.operating_since.isoformat()}
            )
        return day


class SpendingForm(StyledFormMixin, forms.Form):
    """Money spent on a work-plan line other than approved engagement work."""

    item = forms.ModelChoiceField(label=_("Work-plan line"), queryset=WorkPlanItem.objects.none())
    amount = forms.DecimalField(label=_("Amount (₪)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    spent_on = forms.DateField(label=_("Spent on"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("Description"), max_length=300)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items

    def clean_spent_on(self):
        day = self.cleaned_data["spent_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Spending is recorded once it happened, not ahead."))
        return day
