"""Pages of a list too long to count on every request (the audit log): one row more than a page is read to know
whether a next page exists, and no COUNT runs. Templates use it like Django's Page (includes/pagination.html)."""


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
