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


def test_ltr_keeps_a_signed_number_left_to_right():
    assert Template("{% load bidi %}{{ value|ltr }}").render(Context({"value": "-37%"})) == "\u2066-37%\u2069"


def test_a_negative_progress_keeps_its_minus_before_the_number_in_hebrew():
    with translation.override("he"):
        rendered = Template("{% include 'clusters/includes/progress.html' %}").render(
            Context({"progress": {"status": "off_track", "status_label": "x", "percent": -37}})
        )
    assert "\u2066-37%\u2069" in rendered


def test_the_arrow_points_from_old_to_new_in_the_reading_direction():
    template = Template("{% load bidi %}old {% arrow %} new")
    with translation.override("he"):
        assert template.render(Context()) == "old ← new"
    with translation.override("ar"):
        assert template.render(Context()) == "old ← new"
    with translation.override("en"):
        assert template.render(Context()) == "old → new"
