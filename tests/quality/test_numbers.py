"""The quality tables' numbers: `measured` writes what Django's floatformat(value, "-2") writes, in every language."""

from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from quality.templatetags.quality_numbers import measured, two_decimals

LANGUAGES = ["he", "ar", "en"]
VALUES = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.decimals(min_value=-10_000, max_value=10_000, places=3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**12), max_value=10**12),
)


@pytest.mark.parametrize("language", LANGUAGES)
@given(value=VALUES)
def test_two_decimals_is_floatformat_minus_two(language, value):
    with translation.override(language):
        assert two_decimals(value) == floatformat(value, "-2")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("34"), "34"),
        (Decimal("34.000"), "34"),
        (Decimal("34.5"), "34.50"),
        (Decimal("2.005"), "2.01"),  # half up
        (Decimal("2.001"), "2.00"),  # not integral, so two decimals
        (Decimal("-0.001"), "0.00"),  # no sign on a zero
        (12.25, "12.25"),
        (7, "7"),
    ],
)
def test_measured_values(value, shown):
    with translation.override("en"):
        assert two_decimals(value) == shown
        assert measured(value) == f"<bdi>{shown}</bdi>"


def test_no_value_is_a_dash():
    assert measured(None) == "—"


def test_the_decimal_separator_is_the_languages(settings):
    settings.FORMAT_MODULE_PATH = []  # Django's own Arabic formats, whose decimal separator is a comma
    from django.utils import formats

    formats.reset_format_cache()
    try:
        with translation.override("ar"):
            assert two_decimals(Decimal("1.5")) == floatformat(Decimal("1.5"), "-2") == "1,50"
    finally:
        formats.reset_format_cache()
