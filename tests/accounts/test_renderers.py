"""The form renderer keeps each widget's HTML by what it shows: the same context gives the kept HTML, any other
value, choice, language or escaping renders it again; forms and labels are rendered as usual."""

from pathlib import Path
from unittest import mock

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from accounts.memo import Memo
from accounts.renderers import KeptWidgets

CHOICES = [("north", gettext_lazy("North")), ("south", gettext_lazy("South"))]


class _Form(forms.Form):
    region = forms.ChoiceField(choices=CHOICES, label=gettext_lazy("Region"))
    word = forms.CharField(required=False)


def _fresh():
    renderer = KeptWidgets()
    renderer.memo = Memo(64)
    return renderer


def _count_renders():
    return mock.patch.object(DjangoTemplates, "render", autospec=True, side_effect=DjangoTemplates.render)


def test_the_default_renderer_is_the_kept_one():
    assert isinstance(get_default_renderer(), KeptWidgets)


def test_the_same_widget_is_rendered_once_and_any_change_renders_it_again():
    renderer = _fresh()
    with translation.override("en"), _count_renders() as rendered:
        first = _Form({"region": "north"}, renderer=renderer)["region"].as_widget()
        again = _Form({"region": "north"}, renderer=renderer)["region"].as_widget()
        assert again == first and rendered.call_count == 1
        assert '<option value="north" selected>North</option>' in first
        other = _Form({"region": "south"}, renderer=renderer)["region"].as_widget()
        assert '<option value="south" selected>South</option>' in other and 'north" selected' not in other
        assert rendered.call_count == 2
    with translation.override("he"):
        hebrew = _Form({"region": "north"}, renderer=renderer)["region"].as_widget()
    assert hebrew != first and ">צפון</option>" in hebrew
    assert len(renderer.memo.entries) == 3


def test_text_and_safe_text_are_different_keys():
    renderer = _fresh()
    widget = forms.TextInput()
    plain = widget.render("word", "<b>", attrs={"title": "<i>"}, renderer=renderer)
    safe = widget.render("word", "<b>", attrs={"title": mark_safe("<i>")}, renderer=renderer)  # noqa: S308
    assert 'title="&lt;i&gt;"' in plain and 'title="<i>"' in safe
    assert 'value="&lt;b&gt;"' in plain and len(renderer.memo.entries) == 2


def test_a_context_holding_an_object_is_rendered_and_not_kept():
    class Shown:
        def __str__(self):
            return "shown"

    renderer = _fresh()
    html = forms.TextInput().render("word", None, attrs={"title": Shown()}, renderer=renderer)
    assert 'title="shown"' in html and not renderer.memo.entries


def test_forms_and_labels_are_rendered_as_usual_and_only_widgets_kept():
    renderer = _fresh()
    with translation.override("en"):
        form = _Form({"region": "south", "word": "a&b"}, renderer=renderer)
        html = str(form)
        assert '<label for="id_region">Region:</label>' in html
        assert 'value="a&amp;b"' in html and '<option value="south" selected>South</option>' in html
        form = _Form({"region": "north", "word": "c"}, renderer=renderer)
        html = str(form)
    assert 'value="c"' in html and '<option value="north" selected>North</option>' in html
    assert len(renderer.memo.entries) == 4  # two widgets of each form; the forms and labels not kept


def test_a_changed_template_clears_what_was_kept():
    renderer = _fresh()
    forms.TextInput().render("word", "x", renderer=renderer)
    assert renderer.memo.entries
    file_changed.send(sender=None, file_path=Path("templates/django/forms/widgets/input.html"))
    assert not renderer.memo.entries


def test_a_widget_longer_than_the_largest_kept_is_rendered_each_time_and_not_kept():
    renderer = _fresh()
    renderer.largest_kept = 200
    many = forms.Select(choices=[(number, f"Choice {number}") for number in range(20)])
    html = many.render("choice", 3, renderer=renderer)
    assert len(html) > 200 and '<option value="3" selected>Choice 3</option>' in html
    assert not renderer.memo.entries
    forms.TextInput().render("word", "short", renderer=renderer)
    assert len(renderer.memo.entries) == 1
