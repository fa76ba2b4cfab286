"""A page whose count comes with its rows: the same pages, counts and numbers as Django's Paginator, in one query."""

import pytest
from django.core.paginator import Paginator

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


def test_a_page_with_rows_is_read_in_one_query_and_past_the_end_as_django_does(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = CountedWithPagePaginator(people, 3).get_page("2")
        assert (page.paginator.count, page.paginator.num_pages, len(page)) == (7, 3, 3)
    with django_assert_num_queries(3):  # nothing on page 9: then counted, and the last page read
        page = CountedWithPagePaginator(people, 3).get_page("9")
        assert (page.number, len(page)) == (3, 1)


def test_nothing_found_is_one_empty_page_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        page = CountedWithPagePaginator(User.objects.filter(full_name="Nobody at all").order_by("pk"), 3).get_page(1)
        assert (page.paginator.count, page.paginator.num_pages, list(page)) == (0, 1, [])
