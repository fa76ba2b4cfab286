"""The CSV and XLSX downloads of every table a referent sees: one way to build them, record them and name them."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone

from . import services
from .exports import table_to_csv, table_to_xlsx
from .permissions import is_referent

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(request, *, table, title, name, extension, page, cluster=None) -> HttpResponse:
    """A table (headers first, cells escaped) as a dated CSV or XLSX attachment; the access log records it."""
    services.record_access(user=request.user, page=page, cluster=cluster)
    if extension == "csv":
        response = HttpResponse(table_to_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(table_to_xlsx(table, str(title)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.{extension}"'
    return response


def export_views(*, rows, table, title, name, csv_page, xlsx_page):
    """The CSV and XLSX views of a referent's table.

    `rows(request, **url_kwargs)` gives the page's rows with its filters and the cluster they are about (or None),
    which the access log records with the export; `table(rows)` turns them into the exported table.
    """

    def view(extension, page):
        def export(request, **kwargs):
            if not is_referent(request.user):
                raise PermissionDenied
            values, cluster = rows(request, **kwargs)
            return download(
                request, table=table(values), title=title, name=name, extension=extension, page=page, cluster=cluster
            )

        return export

    return view("csv", csv_page), view("xlsx", xlsx_page)
