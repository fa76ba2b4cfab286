"""Counts read inside another query, so a page's few numbers do not each cost a round trip to the database."""

from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def count_of(queryset: QuerySet) -> Subquery:
    """The number of rows of `queryset` as an expression (a correlated subquery when it refers to `OuterRef`):
    `COUNT` without grouping, so there is always one row, 0 when nothing matches. For querysets that filter
    (no slicing or `distinct()`), as `queryset.count()` would count them."""
    return Subquery(
        queryset.order_by().annotate(rows=Func(F("pk"), function="COUNT")).values("rows"),
        output_field=IntegerField(),
    )
