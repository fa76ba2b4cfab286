"""Django admin's lists of tables that grow with the programme (people, events, work logs, measurements): a page of
50 rows and one count, taken from PostgreSQL's statistics when the list is unfiltered and large."""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


class EstimatedCountPaginator(Paginator):
    """Counts an unfiltered changelist of a large table from PostgreSQL's statistics instead of reading every row
    (the audit log holds millions); a filtered or small list is counted exactly."""

    EXACT_BELOW = 100_000

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        connection = connections[self.object_list.db] if query is not None else None
        if query is not None and not query.where and not query.distinct and connection.vendor == "postgresql":
            # One query at any size: the estimate, or the exact count (evaluated only then) below EXACT_BELOW.
            table = connection.ops.quote_name(query.model._meta.db_table)
            sql = (
                "SELECT CASE WHEN reltuples >= %s THEN reltuples::bigint"  # noqa: S608 (the table's own name)
                f" ELSE (SELECT count(*) FROM {table}) END FROM pg_class WHERE oid = %s::regclass"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [self.EXACT_BELOW, query.model._meta.db_table])
                row = cursor.fetchone()
            if row is not None:
                return row[0]
        return super().count


class LargeListAdmin:
    """Mixed into a ModelAdmin ahead of its base: 50 rows a page (Django's default is 100, and rendering is most of a
    changelist's time), no second count of the whole table beside the filtered one, and the estimated count above."""

    list_per_page = 50
    show_full_result_count = False
    paginator = EstimatedCountPaginator
