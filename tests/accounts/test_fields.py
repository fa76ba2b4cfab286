"""The bounded fields and URL-parameter readers every app's forms and views use."""

from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404
from django.test import override_settings
from django.utils import translation

from accounts.fields import (
    BoundedDecimalField,
    BoundedIntegerField,
    DomainDateField,
    column_limit,
    date_param,
    id_param,
)


def errors_of(field, value) -> list[str]:
    from django.core.exceptions import ValidationError

    try:
        field.clean(value)
    except ValidationError as error:
        return error.messages
    return []


def test_column_limit_is_the_largest_value_the_column_holds():
    assert (column_limit(12, 2), column_limit(4, 2), column_limit(5, 0)) == (
        Decimal("9999999999.99"),
        Decimal("99.99"),
        Decimal(99999),
    )


def test_a_decimal_narrower_than_its_column_keeps_the_domain_range():
    field = BoundedDecimalField(max_digits=8, decimal_places=2, max_value=10_000)
    assert (field.min_value, field.max_value) == (0, 10_000)


def test_a_decimal_wider_than_its_column_is_narrowed_to_it():
    field = BoundedDecimalField(max_digits=4, decimal_places=2, max_value=1_000_000)
    assert field.max_value == Decimal("99.99")


@pytest.mark.parametrize(
    ("value", "messages"),
    [
        ("1e309", ["Enter a number from 0 to 99.99."]),
        ("NaN", ["Enter a number."]),
        ("sNaN", ["Enter a number."]),
        ("Infinity", ["Enter a number."]),
        ("-inf", ["Enter a number."]),
        ("9" * 100_000, ["Enter a number from 0 to 99.99."]),
        ("1.001", ["Enter at most 2 digits after the decimal point."]),
        ("99.99", []),
    ],
)
def test_decimal_refuses_what_its_column_cannot_hold(value, messages):
    with translation.override("en"):
        assert errors_of(BoundedDecimalField(max_digits=4, decimal_places=2), value) == messages


@pytest.mark.parametrize(
    ("value", "messages"),
    [("1e309", ["Enter a whole number."]), ("32", ["Enter a number from 0 to 31."]), ("31", [])],
)
def test_integer_refuses_what_its_range_excludes(value, messages):
    with translation.override("en"):
        assert errors_of(BoundedIntegerField(min_value=0, max_value=31), value) == messages


@pytest.mark.parametrize(
    ("value", "messages"),
    [
        ("0001-01-01", ["Enter a date between 2000 and 2100."]),
        ("9999-12-31", ["Enter a date between 2000 and 2100."]),
        ("0000-01-01", ["Enter a valid date."]),
        ("2000-01-01", []),
        ("2100-12-31", []),
    ],
)
def test_date_outside_the_domain_years_is_refused(value, messages):
    with translation.override("en"):
        assert errors_of(DomainDateField(), value) == messages


@override_settings(DOMAIN_FIRST_YEAR=2020, DOMAIN_LAST_YEAR=2030)
def test_the_domain_years_come_from_settings():
    with translation.override("en"):
        assert errors_of(DomainDateField(), "2019-12-31") == ["Enter a date between 2020 and 2030."]


def test_bound_errors_are_written_in_hebrew():
    with translation.override("he"):
        assert errors_of(DomainDateField(), "9999-12-31") == ["הזינו תאריך בין 2000 ל־2100."]
        assert errors_of(BoundedDecimalField(max_digits=8, decimal_places=2, max_value=10_000), "1e309") == [
            "הזינו מספר מ־0 עד 10,000."
        ]
        assert errors_of(BoundedDecimalField(max_digits=4, decimal_places=2), "1.001") == [
            "הזינו לכל היותר 2 ספרות אחרי הנקודה העשרונית."
        ]


def test_the_date_picker_gets_the_domain_bounds():
    from django import forms

    field = DomainDateField(widget=forms.DateInput(attrs={"type": "date"}))
    assert (field.widget.attrs["min"], field.widget.attrs["max"]) == ("2000-01-01", "2100-12-31")
    assert "min" not in DomainDateField().widget.attrs  # a plain text input carries no bounds


@pytest.mark.parametrize("raw", ["12", "9223372036854775807"])
def test_id_param_reads_an_id(raw):
    assert id_param(raw) == int(raw)


@pytest.mark.parametrize("raw", [None, "", "abc", "-1", "1.0", "²", "٣", " 1", "9223372036854775808", "1" * 30])
def test_id_param_refuses_anything_else_with_a_404(raw):
    with pytest.raises(Http404):
        id_param(raw)


def test_date_param_reads_a_domain_date():
    assert date_param("2026-03-02") == date(2026, 3, 2)


@pytest.mark.parametrize("raw", [None, "", "9999-12-31", "0001-01-01", "2026-02-30", "x" * 100_000])
def test_date_param_refuses_anything_else_with_a_404(raw):
    with pytest.raises(Http404):
        date_param(raw)
