"""A measure's value as the quality pages show it: two decimals at most, a dash where there is none."""

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.html import format_html

register = template.Library()

CENTS = Decimal("0.01")
DEFAULT = Context()


@register.filter
def measured(value):
    """`{{ value|measured }}`: the number, isolated from the text's direction, or — where there is no value (a
    filter, not an include: the national table shows four a cluster)."""
    if value is None:
        return "—"
    return format_html("<bdi>{}</bdi>", two_decimals(value))


def two_decimals(value) -> str:
    """What `floatformat(value, "-2")` gives (an integral value without decimals, any other with two, rounded half
    up, in the language's decimal separator), for a third of its cost: the quality tables show four a row. Values
    floatformat handles in other ways (text, infinity, NaN, thousands grouping on) go to floatformat itself."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    except (InvalidOperation, TypeError, ValueError):
        return floatformat(value, "-2")
    if not number.is_finite() or settings.USE_THOUSAND_SEPARATOR:
        return floatformat(value, "-2")
    _sign, digits, exponent = number.as_tuple()
    size = len(digits) + abs(exponent)
    if size > 200:  # floatformat returns these as they are (it will not expand them)
        return floatformat(value, "-2")
    if number == number.to_integral_value():
        return str(int(number))
    # enough precision for every digit, as floatformat sets it (the default 28 holds any measure)
    precision = DEFAULT if size < 25 else Context(prec=size + 3)
    rounded = number.quantize(CENTS, rounding=ROUND_HALF_UP, context=precision)
    text = str(abs(rounded) if rounded.is_zero() else rounded)  # as floatformat, no sign on a zero
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))
