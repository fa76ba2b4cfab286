"""Counts read inside another query, so a page's few numbers do not each cost a round trip to the database."""

from django.db.models import F, Func, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet) -> Coalesce:
    """The number of rows of `queryset` as an expression (a correlated subquery when it refers to `OuterRef`):
    `COUNT` without grouping, so there is always one row, and 0 when the queryset can match nothing at all (a
    filter on an empty list, which Django compiles to no subquery). For querysets that filter (no slicing or
    `distinct()`), as `queryset.count()` would count them."""
    return Coalesce(
        Subquery(queryset.order_by().annotate(rows=Func(F("pk"), function="COUNT")).values("rows")),
        Value(0),
        output_field=IntegerField(),
    )
