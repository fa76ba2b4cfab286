"""The form renderer: Django's own templates, with each widget's HTML kept once per process by its content."""

import datetime
import hashlib
from decimal import Decimal

from django.forms.models import ModelChoiceIteratorValue
from django.forms.renderers import DjangoTemplates
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from .memo import Memo

# Types whose repr is their content and that a template shows as it is (escaped, localised by the language).
_PLAIN = frozenset({str, int, float, bool, type(None), Decimal, datetime.date, datetime.datetime, datetime.time})


class _NotPlain(Exception):
    """A context holding something other than plain values: rendered as usual, not kept."""


def _plain(value):
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is SafeString:  # shown unescaped: not the same as the same text in a str
        return ("safe", str(value))
    if isinstance(value, Promise):  # a lazy translation, in the language of the key
        return ("lazy", str(value))
    if kind is ModelChoiceIteratorValue:  # Django's option templates show its str()
        return ("choice", str(value))
    if kind is dict:
        return ("dict", tuple((key, _plain(item)) for key, item in value.items()))
    if kind is list or kind is tuple:
        return (kind.__name__, tuple(_plain(item) for item in value))
    raise _NotPlain


class KeptWidgets(DjangoTemplates):
    """Renders widgets (`django/forms/widgets/…`) once per process for the same context, language and time zone:
    a filter form's selects of dozens of options are otherwise rendered option by option on every request.
    Forms, fields and labels, whose contexts hold the form itself, are rendered as usual."""

    memo = Memo(1024)
    # A widget longer than this (an admin select of every person) is rendered each time rather than kept: at most
    # about 32 MB kept per process.
    largest_kept = 32_768

    def render(self, template_name, context, request=None):
        if request is not None or not template_name.startswith("django/forms/widgets/"):
            return super().render(template_name, context, request)
        try:
            shown = repr(
                (
                    template_name,
                    translation.get_language(),
                    timezone.get_current_timezone_name(),
                    _plain(context),
                )
            )
        except _NotPlain:
            return super().render(template_name, context, request)
        key = hashlib.blake2b(shown.encode(), digest_size=16).digest()
        html = self.memo.get(key)
        if html is None:
            html = super().render(template_name, context, request)
            if len(html) <= self.largest_kept:
                self.memo.put(key, html)
        return html
