"""Bounded input: the form fields and URL-parameter readers every app uses for numbers, dates and ids.

A number must fit its column (max_digits / decimal_places, the integer range) and the range its meaning allows
(hours, ₪ amounts, percentages, counts); NaN and infinity are refused. A date must fall in the years the platform
deals with (`DOMAIN_FIRST_YEAR` to `DOMAIN_LAST_YEAR` in settings). A bad form value is an error on its field;
a bad URL parameter is a 404 (`Http404`), never an exception the database or `datetime` raises later.
"""

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# The largest id a URL may name: a signed 64-bit integer, the widest primary key column of every backend.
MAX_ID = 2**63 - 1
ID_PATTERN = re.compile(r"^[0-9]{1,19}$")


def first_day() -> date:
    return date(settings.DOMAIN_FIRST_YEAR, 1, 1)


def last_day() -> date:
    return date(settings.DOMAIN_LAST_YEAR, 12, 31)


def is_domain_date(day: date) -> bool:
    return first_day() <= day <= last_day()


def validate_domain_date(day: date) -> None:
    """A date the platform deals with: between the first and last domain years (see settings)."""
    if day is not None and not is_domain_date(day):
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": settings.DOMAIN_FIRST_YEAR, "last": settings.DOMAIN_LAST_YEAR},
        )


def column_limit(max_digits: int, decimal_places: int) -> Decimal:
    """The largest value a DECIMAL(max_digits, decimal_places) column holds: 999…9.99."""
    return Decimal(10) ** (max_digits - decimal_places) - Decimal(10) ** -decimal_places


class DomainDateField(forms.DateField):
    """A date within the domain's years; the browser's date picker gets the same bounds."""

    default_validators = [validate_domain_date]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if widget.input_type == "date":
            attrs.setdefault("min", first_day().isoformat())
            attrs.setdefault("max", last_day().isoformat())
        return attrs


class BoundedDecimalField(forms.DecimalField):
    """A decimal that fits its column and the domain's range; NaN, infinity and `1e309` are field errors.

    `max_value` defaults to the column's largest value and can only narrow it; `min_value` defaults to 0.
    """

    default_error_messages = {
        "out_of_range": _("Enter a number from %(min)s to %(max)s."),
        "max_decimal_places": _("Enter at most %(max)s digits after the decimal point."),
    }

    def __init__(self, *, max_digits: int, decimal_places: int, min_value=0, max_value=None, **kwargs):
        limit = column_limit(max_digits, decimal_places)
        max_value = limit if max_value is None else min(Decimal(str(max_value)), limit)
        min_value = max(Decimal(str(min_value)), -limit) if min_value is not None else -limit
        super().__init__(
            max_digits=max_digits, decimal_places=decimal_places, min_value=min_value, max_value=max_value, **kwargs
        )

    def run_validators(self, value):
        # One clear message for a value out of range, instead of the range and digit counts all at once.
        if value not in self.empty_values and not self.min_value <= value <= self.max_value:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"min": _number(self.min_value), "max": _number(self.max_value)},
            )
        super().run_validators(value)


class BoundedIntegerField(forms.IntegerField):
    """A whole number within a range (counts, days, scores); the range is required."""

    default_error_messages = {"out_of_range": BoundedDecimalField.default_error_messages["out_of_range"]}

    def __init__(self, *, min_value: int, max_value: int, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def run_validators(self, value):
        if value not in self.empty_values and not self.min_value <= value <= self.max_value:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"min": _number(self.min_value), "max": _number(self.max_value)},
            )
        super().run_validators(value)


def _number(value) -> str:
    return number_format(value, use_l10n=True, force_grouping=True)


def bounded_formfield(model_field, **kwargs):
    """`Meta.formfield_callback` of model forms: their dates and decimals get the bounded fields above."""
    from django.db import models

    if isinstance(model_field, models.DecimalField):
        return model_field.formfield(
            form_class=BoundedDecimalField,
            **{"min_value": None, **kwargs},
        )
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        return model_field.formfield(form_class=DomainDateField, **kwargs)
    return model_field.formfield(**kwargs)


def id_param(value: str | None) -> int:
    """An id from the URL's query string (`?profile=12`): digits only and within the id range, else a 404."""
    text = value or ""
    if not ID_PATTERN.match(text) or int(text) > MAX_ID:
        raise Http404
    return int(text)


def date_param(value: str | None) -> date:
    """An ISO date from the URL (`?week=2026-03-02`, a period in the path) within the domain's years, else a 404."""
    try:
        day = date.fromisoformat(value or "")
    except ValueError as error:
        raise Http404 from error
    if not is_domain_date(day):
        raise Http404
    return day
