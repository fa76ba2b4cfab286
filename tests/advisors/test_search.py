"""Free-text search in Hebrew and Arabic: prefixes, final letters, points and diacritics."""

import pytest
from django.urls import reverse

from advisors.search import normalise, query_terms, search_document, word_forms
from tests.factories.advisors import VettedOrganisationFactory, make_profile

HEBREW_BIO = (
    "מלווה אשכולות בגליל בהקמת שירות פסיכולוגי חינוכי משותף, בבניית תוכניות עבודה ותקציב "
    "ובחיזוק מחלקות הרווחה ברשויות הקטנות."
)
ARABIC_BIO = (
    "مستشار في التخطيط الاستراتيجي وتطوير التعليم في السلطات المحلية العربية، "
    "مع خبرة طويلة في إدارة النفايات والمشتريات المشتركة."
)
OTHER_BIO = "מומחה למכרזי רכש משותף ולאיסוף אשפה, עבד עם מועצות אזוריות בנגב."


def test_normalise_removes_points_and_diacritics_and_unifies_final_letters():
    assert normalise("תַּקְצִיבְךָ") == "תקציבכ"
    assert normalise("التَّعْلِيمُ") == "التعليم"
    assert normalise("מדרשה ומלון") == "מדרשה ומלונ"
    assert normalise("مدرسة إعدادية") == "مدرسه اعداديه"
    assert normalise('שפ"ע') == "שפע"


def test_word_forms_strip_hebrew_and_arabic_prefixes_but_keep_short_words():
    assert word_forms("והחינוכ") == ["והחינוכ", "החינוכ", "חינוכ"]
    assert word_forms("בגליל") == ["בגליל", "גליל"]
    assert word_forms("מימ") == ["מימ"]
    assert word_forms("والتعليم") == ["والتعليم", "تعليم", "التعليم"]
    assert word_forms("بالنفايات") == ["بالنفايات", "نفايات", "النفايات"]


def test_search_document_is_space_framed_and_holds_every_form():
    assert search_document("ובחינוך", "") == " ובחינוכ _בחינוכ _חינוכ "
    assert query_terms("ה") == []


@pytest.fixture
def bios(db):
    organisation = VettedOrganisationFactory()
    return {
        "hebrew": make_profile(organisation=organisation, bio_he=HEBREW_BIO, full_name="מיכל אברהם"),
        "arabic": make_profile(organisation=organisation, bio_he="", bio_ar=ARABIC_BIO, full_name="سامي خوري"),
        "other": make_profile(organisation=organisation, bio_he=OTHER_BIO, full_name="יוסי לוי"),
    }


def found(client, query) -> list[int]:
    response = client.get(reverse("advisors:catalogue"), {"q": query})
    assert response.status_code == 200
    return [profile.pk for profile in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("חינוך", ["hebrew"]),  # final ך in the query finds "חינוכי" in the bio
        ("הרווחה", ["hebrew"]),
        ("רווחה", ["hebrew"]),  # the bio says "הרווחה": prefix ה
        ("ברווחה", ["hebrew"]),  # prefix ב in the query, ה in the bio
        ("תקציב", ["hebrew"]),  # the bio says "ותקציב": prefix ו
        ("גליל", ["hebrew"]),  # the bio says "בגליל": prefix ב
        ("תַּקְצִיב", ["hebrew"]),  # with points
        ("אברהם", ["hebrew"]),  # the name, final ם
        ("תעשייה", []),
        ("تعليم", ["arabic"]),  # the bio says "التعليم": the article
        ("والتخطيط", ["arabic"]),  # prefix و+ال in the query
        ("بالنفايات", ["arabic"]),  # prefix ب+ال in the query
        ("النُّفَايَات", ["arabic"]),  # with diacritics
        ("خوري", ["arabic"]),
        ("אשפה", ["other"]),
        ("משותף", ["hebrew", "other"]),
        ("רכש משותף", ["other"]),  # every word must match
    ],
)
def test_text_search_finds_hebrew_and_arabic_words_whatever_their_prefixes(query, expected, bios, world, client_as):
    client = client_as(world.ceo)
    assert sorted(found(client, query)) == sorted(bios[name].pk for name in expected)


def test_text_search_ranks_exact_words_above_prefix_free_matches(world, client_as):
    organisation = VettedOrganisationFactory()
    prefixed = make_profile(organisation=organisation, bio_he="ייעוץ ברווחה לרשויות")
    exact = make_profile(organisation=organisation, bio_he="ייעוץ רווחה לרשויות")
    assert found(client_as(world.ceo), "רווחה") == [exact.pk, prefixed.pk]


def on_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("פסיכולוגית", ["hebrew"]),  # a longer form of a word in the bio
        ("התקציבים", ["hebrew"]),  # plural with the article
        ("التعليمية", ["arabic"]),
        ("اداره", ["arabic"]),  # إدارة without the hamza and with ه for ة
    ],
)
def test_trigram_word_similarity_forgives_inflections_on_every_database(query, expected, bios, world, client_as):
    assert sorted(found(client_as(world.ceo), query)) == sorted(bios[name].pk for name in expected)


@pytest.mark.skipif(not on_postgresql(), reason="pg_trgm runs on PostgreSQL only")
def test_the_trigram_index_and_extension_exist_on_postgresql(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchall() == [("pg_trgm",)]
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = 'advisors_profile_search_trgm'")
        assert cursor.fetchall() == [("advisors_profile_search_trgm",)]
