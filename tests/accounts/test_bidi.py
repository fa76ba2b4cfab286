from django.template import Context, Template
from django.utils import translation


def test_isolate_wraps_a_value_in_directional_isolates():
    with translation.override("en"):
        rendered = Template(
            "{% load i18n bidi %}"
            "{% blocktranslate with period=label|isolate %}Report for {{ period }}{% endblocktranslate %}"
        ).render(Context({"label": "2026 Q3"}))
    assert rendered == "Report for \u20682026 Q3\u2069"


def test_isolate_leaves_an_empty_value_empty():
    assert Template("{% load bidi %}[{{ value|isolate }}]").render(Context({"value": ""})) == "[]"
