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


def _ordering_annotations(query) -> list[str]:
    """The names of the query's annotations that its ordering refers to."""
    named = set()
    for item in query.order_by:
        if isinstance(item, str):
            named.add(item.lstrip("-"))
        else:
            named.update(getattr(part, "name", None) for part in item.flatten())
    return [name for name in query.annotations if name in named]


class CountedWithPagePaginator(Paginator):
    """Django's Paginator for a queryset of models, whose count is read with the page's keys: one query gives the
    page's primary keys, each with the number of rows in all (`COUNT(*) OVER ()`), a second the page's rows by those
    keys. The filter runs once over every row (not once for the COUNT and again for the page), and only keys and
    sort columns go through the count and the sort, not wide rows (a profile's bios in three languages). For a filter
    that reads many rows to find a page (a word search, an anti-join); a list cut from an index (newest first) is
    faster with Django's own, which stops after a page. Not for `distinct()` querysets, whose rows are counted before
    they are made distinct. With nothing on the page asked for past the first, it counts and pages as Django does
    (the last page)."""

    # a page number past this is not sent to the database as an offset: Django's way (count, then the last page)
    FAST_PAGES = 1_000_000

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if 1 <= number <= self.FAST_PAGES and "count" not in self.__dict__ and not self.orphans:
            start = (number - 1) * self.per_page
            # the annotations the order refers to stay selected: ordered by an expression it does not select,
            # PostgreSQL refuses a constant (`ORDER BY 0.0`, a search of no word)
            keys = list(
                self.object_list.annotate(rows_in_all=Window(Count("pk"))).values_list(
                    "pk", "rows_in_all", *_ordering_annotations(self.object_list.query)
                )[start : start + self.per_page]
            )
            if keys or number == 1:
                self.count = keys[0][1] if keys else 0  # Paginator.count is a cached_property
                by_key = {row.pk: row for row in self.object_list.filter(pk__in=[key[0] for key in keys])}
                # (a row deleted between the two queries is left out)
                rows = [by_key[key[0]] for key in keys if key[0] in by_key]
                return self._get_page(rows, number, self)
        return super().get_page(number)
