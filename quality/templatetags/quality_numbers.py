"""A measure's value as the quality pages show it: two decimals at most, a dash where there is none."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html

register = template.Library()


@register.filter
def measured(value):
    """`{{ value|measured }}`: the number, isolated from the text's direction, or — where there is no value (a
    filter, not an include: the national table shows four a cluster)."""
    if value is None:
        return "—"
    return format_html("<bdi>{}</bdi>", floatformat(value, "-2"))
