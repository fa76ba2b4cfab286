"""Forty Hebrew and Arabic queries with the profiles they must find, run on SQLite and on PostgreSQL alike.

The embedded default (SQLite) computes pg_trgm's word similarity in Python (advisors.trigrams), so it finds what
PostgreSQL finds: full and short spelling, singular and plural, prefixes, final letters, points, diacritics, typos.
Short words match only close words.
"""

import random

import pytest
from django.db import connection
from django.urls import reverse

from advisors.search import normalise, search_document
from advisors.selectors import listed_profiles, search_profiles
from advisors.trigrams import word_similarity, word_trigrams
from tests.factories.advisors import VettedOrganisationFactory, make_profile

BIOS = {
    "welfare": ("he", "ייעוץ ארגוני למחלקות רווחה ברשויות, ליווי ועדות ושכונות בהתחדשות."),
    "education": ("he", "תכנון מערכת החינוך האזורית ובניית תקציבים רב־שנתיים לבתי הספר."),
    "waste": ("he", "מכרזים לפינוי פסולת ומחזור, ניהול תחנת מעבר משותפת לאשכול."),
    "transport": ("he", "תחבורה ציבורית בין יישובים, קווי שירות ותחנות אוטובוס."),
    "law": ("he", "חוקה, חוקי עזר עירוניים ותקנות לתאגידי מים."),
    "sand": ("he", "חול ים, חופים ונופש בקהילה."),
    "economy": ("he", "פיתוח כלכלי, אזורי תעשייה ופרויקטים מחוללי הכנסות."),
    "arab_planning": ("ar", "التخطيط الاستراتيجي للسلطات المحلية وإعداد الميزانيات السنوية."),
    "arab_education": ("ar", "تطوير التعليم والمدارس في القرى العربية وتدريب المعلمين."),
    "arab_waste": ("ar", "إدارة النفايات والمشتريات المشتركة بين البلديات."),
    "arab_health": ("ar", "الصحة العامة والعيادات المجتمعية ومراكز الأمومة."),
}

TABLE = [
    # full and short spelling
    ("יעוץ", ["welfare"]),
    ("ייעוץ", ["welfare"]),
    ("אירגוני", ["welfare"]),
    ("תכנון", ["education"]),
    # singular and plural, with and without the added ו
    ("ועדה", ["welfare"]),
    ("שכונה", ["welfare"]),
    ("תקציב", ["education"]),
    ("מכרז", ["waste"]),
    ("פרויקט", ["economy"]),
    ("תחנה", ["transport", "waste"]),
    ("אוטובוסים", ["transport"]),
    # prefixes
    ("ברווחה", ["welfare"]),
    ("והחינוך", ["education"]),
    ("לפסולת", ["waste"]),
    ("מהתחבורה", ["transport"]),
    ("כשהכלכלה", ["economy"]),  # "כלכלי" in the bio
    # final letters and points
    ("תַּקְצִיבִים", ["education"]),
    ("מכרזימ", ["waste"]),
    # typos
    ("פסולט", ["waste"]),
    ("תחבורא", ["transport"]),
    ("מחזוק", ["waste"]),
    # short words: close words only
    ("חוק", ["law"]),
    ("חול", ["sand", "economy"]),  # not "חוק" (two letters shared); "מחוללי" begins with it after its prefix
    ("ים", ["sand"]),
    ("מים", ["law"]),
    # several words: every one must match
    ("פינוי פסולת", ["waste"]),
    ("פסולת תחבורה", []),
    # Arabic: the article and attached prepositions
    ("تخطيط", ["arab_planning"]),
    ("والتخطيط", ["arab_planning"]),
    ("للتعليم", ["arab_education"]),
    ("بالنفايات", ["arab_waste"]),
    ("الميزانية", ["arab_planning"]),
    ("ميزانيات", ["arab_planning"]),
    # Arabic: diacritics, hamza and ta marbuta
    ("النُّفَايَات", ["arab_waste"]),
    ("اداره", ["arab_waste"]),
    ("الصحه", ["arab_health"]),
    ("مدرسة", []),
    ("المدارس", ["arab_education"]),
    # Arabic typos
    ("المشتريت", ["arab_waste"]),
    # nothing
    ("רכבת", []),
]


@pytest.fixture
def corpus(db):
    organisation = VettedOrganisationFactory()
    profiles = {}
    for name, (language, bio) in BIOS.items():
        profiles[name] = make_profile(
            organisation=organisation,
            bio_he=bio if language == "he" else "",
            bio_ar=bio if language == "ar" else "",
            full_name="Alex Example",
        )
    return profiles


def found(client, query) -> list[int]:
    response = client.get(reverse("advisors:catalogue"), {"q": query})
    assert response.status_code == 200
    return [profile.pk for profile in response.context["page"].object_list]


def test_the_table_has_forty_queries():
    assert len(TABLE) == 40


def test_each_query_finds_exactly_its_profiles(corpus):
    names = {profile.pk: name for name, profile in corpus.items()}
    results = {}
    for query, _expected in TABLE:
        matched = search_profiles(listed_profiles(), query)
        results[query] = sorted(names[pk] for pk in matched.values_list("pk", flat=True))
    assert results == {query: sorted(expected) for query, expected in TABLE}


def test_the_catalogue_page_searches_the_same_way(corpus, world, client_as):
    client = client_as(world.ceo)
    assert found(client, "יעוץ") == [corpus["welfare"].pk]
    assert found(client, "והחינוך") == [corpus["education"].pk]
    assert found(client, "بالنفايات") == [corpus["arab_waste"].pk]


def test_trigrams_are_those_of_padded_lower_case_words():
    assert word_trigrams("Ab, c") == ["  a", " ab", "ab ", "  c", " c "]


def test_word_similarity_of_a_short_word_and_a_longer_one():
    # "חוק" has 4 trigrams; "חוקה" shares 3 of them in an extent of 3: 3 / (4 + 3 - 3)
    assert word_similarity("חוק", " חוקה ") == 0.75
    # "חול" shares only its first two letters' trigrams: 2 / (4 + 2 - 2)
    assert word_similarity("חוק", " חול ") == 0.5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's pg_trgm")
def test_the_python_word_similarity_equals_pg_trgm(db):
    words = [search_document(bio) for _, bio in BIOS.values()]
    # queries reach word_similarity normalised (points and diacritics removed), as search_profiles passes them
    queries = sorted({normalise(query) for query, _ in TABLE} | {"יעוץ", "חוק", "תקציבים", "שכונות"})
    randomness = random.Random(5)
    pairs = [(query, randomness.choice(words)) for query in queries for _ in range(3)]
    with connection.cursor() as cursor:
        for query, document in pairs:
            cursor.execute("SELECT word_similarity(%s, %s)", [query, document])
            (expected,) = cursor.fetchone()
            assert word_similarity(query, document) == pytest.approx(expected, abs=1e-6), (query, document)
