"""Pages without a separate COUNT: lists too long to count on every request (the audit log), and lists whose filter
is costly to run twice (catalogue search). Templates use them like Django's Page (includes/pagination.html)."""

from django.core.paginator import Paginator
from django.db.models import Count, Window


class CountlessPage:
    def __init__(self, paginator: "CountlessPaginator", object_list: list, number: int, has_next: bool):
        self.paginator, self.object_list, self.number, self._has_next = paginator, object_list, number, has_next

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


class CountlessPaginator:
    """Like django.core.paginator.Paginator, without `count` and `num_pages` (both None)."""

    count = None
    num_pages = None

    def __init__(self, object_list, per_page: int):
        self.object_list, self.per_page = object_list, per_page

    def get_page(self, number) -> CountlessPage:
        """The page `number` (1 for anything that is not a positive whole number); past the end, an empty page."""
        try:
            number = max(1, int(number))
        except (TypeError, ValueError):
            number = 1
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        return CountlessPage(self, rows[: self.per_page], number, len(rows) > self.per_page)


class CountedWithPagePaginator(Paginator):
    """Django's Paginator for a queryset of models, whose count is read with the page: each row carries the number
    of rows in all (`COUNT(*) OVER ()`), so the filter runs once instead of once for the COUNT and once for the
    page. For a filter that reads many rows to find few (a word search, an anti-join); a list cut from an index
    (newest first) is faster with Django's own, which stops after a page. Not for `distinct()` querysets, whose
    rows are counted before they are made distinct. With nothing on the page asked for past the first, it counts
    and pages as Django does (the last page)."""

    # a page number past this is not sent to the database as an offset: Django's way (count, then the last page)
    FAST_PAGES = 1_000_000

    def __init__(self, object_list, per_page, **kwargs):
        super().__init__(object_list.annotate(rows_in_all=Window(Count("pk"))), per_page, **kwargs)

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if 1 <= number <= self.FAST_PAGES and "count" not in self.__dict__ and not self.orphans:
            start = (number - 1) * self.per_page
            rows = list(self.object_list[start : start + self.per_page])
            if rows or number == 1:
                self.count = rows[0].rows_in_all if rows else 0  # Paginator.count is a cached_property
                return self._get_page(rows, number, self)
        return super().get_page(number)
