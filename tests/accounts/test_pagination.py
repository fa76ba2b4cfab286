"""A page whose count comes with its keys: the same pages, counts and numbers as Django's Paginator, the filter
run once."""

import pytest
from django.core.paginator import Paginator
from django.db.models import F, Value

from accounts.models import User
from accounts.pagination import CountedWithPagePaginator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    UserFactory.create_batch(7, full_name="Counted person")
    UserFactory.create_batch(2, full_name="Someone else")
    return User.objects.filter(full_name="Counted person").order_by("pk")


def _shown(page):
    return (
        [person.pk for person in page.object_list],
        page.number,
        page.paginator.count,
        page.paginator.num_pages,
        page.has_next(),
        page.has_previous(),
        page.start_index(),
        page.end_index(),
    )


@pytest.mark.parametrize("asked", [None, "1", "2", "3", "x", "0", "-1", "4", "99", str(10**30), "1e3"])
def test_every_page_is_django_s_own(people, asked):
    assert _shown(CountedWithPagePaginator(people, 3).get_page(asked)) == _shown(Paginator(people, 3).get_page(asked))


def test_a_page_is_its_keys_with_the_count_then_its_rows_and_past_the_end_as_django_does(
    people, django_assert_num_queries
):
    with django_assert_num_queries(2):
        page = CountedWithPagePaginator(people, 3).get_page("2")
        assert (page.paginator.count, page.paginator.num_pages, len(page)) == (7, 3, 3)
    with django_assert_num_queries(3):  # nothing on page 9: then counted, and the last page read
        page = CountedWithPagePaginator(people, 3).get_page("9")
        assert (page.number, len(page)) == (3, 1)


def test_nothing_found_is_one_empty_page_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        page = CountedWithPagePaginator(User.objects.filter(full_name="Nobody at all").order_by("pk"), 3).get_page(1)
        assert (page.paginator.count, page.paginator.num_pages, list(page)) == (0, 1, [])


def test_the_rows_keep_the_order_of_the_page_and_their_related_rows(people, django_assert_num_queries):
    ordered = people.order_by("-pk").select_related(None).prefetch_related("role_assignments")
    expected = list(ordered[3:6])
    page = CountedWithPagePaginator(ordered, 3).get_page(2)
    assert list(page) == expected
    with django_assert_num_queries(0):  # prefetched with the page's rows
        assert [len(person.role_assignments.all()) for person in page] == [0, 0, 0]


@pytest.mark.parametrize("order", [("-weight", "pk"), (F("weight").desc(), "-pk")])
def test_an_order_by_a_constant_annotation_is_read(people, order):
    """A search of no word orders by a relevance of 0.0 for every row: the keys' query still orders by it."""
    weighed = people.annotate(weight=Value(0.0)).order_by(*order)
    page = CountedWithPagePaginator(weighed, 3).get_page(2)
    assert list(page) == list(weighed[3:6]) and page.paginator.count == 7
