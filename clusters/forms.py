import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import StyledFormMixin

from .models import Goal, Measurement, WorkPlanItem

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
    return date(year, month, 1)


class MeasurementForm(StyledFormMixin, forms.Form):
    """A goal's value(s) for one period. Gap goals take a value per participating authority; coverage goals
    a tick per authority that receives the service at the standard level."""

    period_kind = forms.ChoiceField(label=_("Period"), choices=Measurement.PeriodKind.choices)
    period = forms.CharField(
        label=_("Month or quarter"),
        max_length=7,
        help_text=_("A month as 2026-03, or a quarter as 2026-Q1."),
    )
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2, required=False)
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
                    self.fields[name] = forms.DecimalField(
                        label=f"{authority.name} ({goal.unit})" if goal.unit else authority.name,
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
                example = "2026-03" if kind == Measurement.PeriodKind.MONTH else "2026-Q1"
                self.add_error(
                    "period",
                    forms.ValidationError(
                        _("“%(text)s” is not a %(kind)s; write it as %(example)s.")
                        % {"text": text, "kind": Measurement.PeriodKind(kind).label.lower(), "example": example},
                        code="wrong_period",
                    ),
                )
            elif start > timezone.localdate():
                self.add_error("period", forms.ValidationError(_("The period has not started yet."), code="future"))
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


class WorkPlanItemForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = WorkPlanItem
        fields = ["title", "budget_line", "budget_amount", "owner", "starts_on", "ends_on", "goals"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "goals": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The item cannot end before it starts."))
        amount = cleaned.get("budget_amount")
        if amount is not None and amount < 0:
            self.add_error("budget_amount", _("A budget cannot be negative."))
        return cleaned
