"""A table as CSV or XLSX, with cells a spreadsheet would run as a formula made harmless."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Text starting like a formula is prefixed with an apostrophe; decimals become numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == int(value) else float(value)
    if value is None:
        return ""
    if not isinstance(value, (int, float)):
        value = str(value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def to_csv(table) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[safe_cell(v) for v in row] for row in table])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or "table"
    for row in table:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(table, *, title: str, name: str, extension: str) -> HttpResponse:
    if extension == "csv":
        response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(to_xlsx(table, title), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.{extension}"'
    return response
