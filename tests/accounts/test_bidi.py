import pytest
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "translated", "expected"),
    [
        ("en", "", '<bdi lang="he" dir="rtl">פינוי פסולת</bdi>'),  # no English name: the Hebrew, marked
        ("en", "Waste collection", "<bdi>Waste collection</bdi>"),
        ("ar", "", '<bdi lang="he" dir="rtl">פינוי פסולת</bdi>'),
        ("ar", "جمع النفايات", "<bdi>جمع النفايات</bdi>"),
        ("he", "Waste collection", "<bdi>פינוי פסולת</bdi>"),
    ],
)
def test_a_name_shown_in_hebrew_for_want_of_a_translation_is_marked_hebrew(language, translated, expected):
    from tests.factories.clusters import GoalFactory, ServiceFactory

    service = ServiceFactory(name_he="פינוי פסולת", **{f"name_{language}": translated} if language != "he" else {})
    goal = GoalFactory(
        service=service, name="פינוי פסולת", **{f"name_{language}": translated} if language != "he" else {}
    )
    with translation.override(language):
        for obj in (service, goal):
            assert Template("{% load bidi %}{{ obj|name }}").render(Context({"obj": obj})) == expected


@pytest.mark.django_db
def test_member_authorities_shown_in_hebrew_in_arabic_and_english_are_marked_hebrew(world, client_as):
    """The register has no Arabic names: in Arabic (and in English where none is entered) the Hebrew is marked."""
    from django.urls import reverse

    from tests.factories.clusters import cluster_with_members

    authority = cluster_with_members(world.cluster, 1, name_he="כפר ורדים", name_en="")[0]
    client = client_as(world.ceo)
    for language in ("ar", "en"):
        client.cookies["language"] = language
        page = client.get(reverse("clusters:overview", args=[world.cluster.pk])).content.decode()
        assert f'<th scope="row"><bdi lang="he" dir="rtl">{authority.name_he}</bdi></th>' in page
    client.cookies["language"] = "he"
    page = client.get(reverse("clusters:overview", args=[world.cluster.pk])).content.decode()
    assert f'<th scope="row"><bdi>{authority.name_he}</bdi></th>' in page
