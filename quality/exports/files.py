"""A quality table as a CSV or XLSX download, written by the platform's one spreadsheet writer."""

from django.http import HttpResponse
from django.utils import timezone

from accounts.spreadsheets import table_to_csv, table_to_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(table, *, title: str, name: str, extension: str) -> HttpResponse:
    if extension == "csv":
        response = HttpResponse(table_to_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(table_to_xlsx(table, title), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.{extension}"'
    return response
