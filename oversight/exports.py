"""The dashboard table as CSV and XLSX, with the page's headers in the user's language."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value):
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def headers() -> list[str]:
    return [
        _("Cluster"),
        _("Region"),
        _("Stage"),
        _("Members"),
        _("Operating core services"),
        _("Goals"),
        _("Status"),
        _("Rules that fired"),
        _("Latest report"),
        _("Report completeness"),
        _("Reports on time"),
    ]


def row_values(row) -> list:
    cluster = row.cluster
    goals = "; ".join(
        f"{item.goal.name}: {item.progress.status_label}"
        + (f" ({item.progress.percent}%)" if item.progress.percent is not None else "")
        for item in row.goals
    )
    return [
        str(cluster.name),
        str(cluster.get_region_display()),
        str(cluster.get_stage_display()),
        row.members,
        row.operating_core_services,
        goals,
        str(row.assessment.label),
        row.assessment.explanation,
        row.reports.latest_text,
        row.reports.completeness_text,
        row.reports.on_time_text,
    ]


def table(rows) -> list[list]:
    return [headers(), *[[safe_cell(value) for value in row_values(row)] for row in rows]]


def to_csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table(rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Clusters")[:31]
    for values in table(rows):
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
