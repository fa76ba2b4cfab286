"""Bidirectional text helpers for templates.

`isolate` wraps a value in Unicode first-strong-isolate / pop-directional-isolate marks, for values passed into a
translated sentence (`{% blocktranslate with period=label|isolate %}`), where a <bdi> element cannot go: a Latin
label inside a Hebrew sentence, or a Hebrew name inside an English one, then keeps its own direction and does not
move the punctuation around it.
"""

from django import template

register = template.Library()

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@register.filter
def isolate(value) -> str:
    text = str(value)
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text
