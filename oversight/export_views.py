"""The CSV and XLSX downloads of every table a referent sees: one way to build them, record them and name them."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone, translation

from accounts.memo import Memo

from . import services
from .exports import table_to_csv, table_to_xlsx
from .permissions import is_referent

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The files made today from content that has a key (`export_views(content=...)`): the national table's downloads,
# some hundreds of kB each at the largest, are not written again while their rows are unchanged.
_FILES = Memo(16)


def _file(table, title, extension) -> bytes:
    table = table() if callable(table) else table
    return table_to_csv(table) if extension == "csv" else table_to_xlsx(table, str(title))


def download(request, *, table, title, name, extension, page, cluster=None, content=None) -> HttpResponse:
    """A table (headers first, cells escaped) as a dated CSV or XLSX attachment; the access log records it.

    `table` is the table or a function giving it, called only when the file is made: with `content` (a key of
    everything the table holds, which stands for it) a file of the same content, name, title and language made
    today is sent as it was made."""
    services.record_access(user=request.user, page=page, cluster=cluster)
    if content is None:
        data = _file(table, title, extension)
    else:
        key = (name, extension, str(title), translation.get_language(), timezone.localdate(), content)
        data = _FILES.get(key)
        if data is None:
            data = _file(table, title, extension)
            _FILES.put(key, data)
    if extension == "csv":
        response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.{extension}"'
    return response


def export_views(*, rows, table, title, name, csv_page, xlsx_page, content=None):
    """The CSV and XLSX views of a referent's table.

    `rows(request, **url_kwargs)` gives the page's rows with its filters and the cluster they are about (or None),
    which the access log records with the export; `table(rows)` turns them into the exported table. `content(rows)`,
    if given, is a key of all the rows show (or None where there is none): the file is then made once a day for it.
    """

    def view(extension, page):
        def export(request, **kwargs):
            if not is_referent(request.user):
                raise PermissionDenied
            values, cluster = rows(request, **kwargs)
            return download(
                request,
                table=lambda: table(values),
                title=title,
                name=name,
                extension=extension,
                page=page,
                cluster=cluster,
                content=content(values) if content else None,
            )

        return export

    return view("csv", csv_page), view("xlsx", xlsx_page)
