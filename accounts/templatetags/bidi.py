"""Bidirectional text helpers for templates.

`isolate` wraps a value in Unicode first-strong-isolate / pop-directional-isolate marks, for values passed into a
translated sentence (`{% blocktranslate with period=label|isolate %}`), where a <bdi> element cannot go: a Latin
label inside a Hebrew sentence, or a Hebrew name inside an English one, then keeps its own direction and does not
move the punctuation around it.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@register.filter
def isolate(value) -> str:
    text = str(value)
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text


LEFT_TO_RIGHT_ISOLATE = "\u2066"


@register.filter
def ltr(value) -> str:
    """A number with its sign, a range or a code kept left to right inside right-to-left text: "-37%" would otherwise
    show as "37%-" in Hebrew and Arabic, the minus taking the paragraph's direction."""
    text = str(value)
    return f"{LEFT_TO_RIGHT_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text


@register.simple_tag(takes_context=True)
def arrow(context) -> str:
    """An arrow from an old value to a new one in the reading direction: → in English, ← in Hebrew and Arabic."""
    return "←" if translation.get_language_bidi() else "→"


@register.filter
def percent(value) -> str:
    """A percentage with its sign, kept left to right with its % inside the isolate ("-37%", never "%-37")."""
    return ltr(f"{value}%") if value is not None and str(value) != "" else ""


@register.filter
def name(obj) -> str:
    """An authority's, cluster's, service's or goal's name in the active language, isolated (<bdi>); a Hebrew name
    shown because no translation was entered is marked as Hebrew (lang, dir), so screen readers read it as Hebrew
    and it keeps its own direction in an English page."""
    language = getattr(obj, "name_language", None)
    if language and language != (translation.get_language() or "he")[:2]:
        return format_html('<bdi lang="{}" dir="rtl">{}</bdi>', language, obj.display_name)
    return format_html("<bdi>{}</bdi>", obj.display_name)
