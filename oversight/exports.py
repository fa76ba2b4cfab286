"""The dashboard table as CSV and XLSX, with the page's headers in the user's language."""

from django.utils.translation import gettext as _

from accounts.spreadsheets import safe_cell, table_to_csv, table_to_xlsx

from .kept import exported_cells

__all__ = ["headers", "number", "row_values", "safe_cell", "table", "table_to_csv", "table_to_xlsx"]


def number(value):
    """A decimal as a spreadsheet number: whole numbers as int, others as float (CSV and XLSX read alike)."""
    return int(value) if value == int(value) else float(value)


def headers() -> list[str]:
    return [
        _("Cluster"),
        _("Region"),
        _("Stage"),
        _("Members"),
        _("Operating core services"),
        _("Goals"),
        _("Engagement hours"),
        _("Engagement cost (₪)"),
        _("Effort by need group"),
        _("Status"),
        _("Rules that fired"),
        _("Latest report"),
        _("Report completeness"),
        _("Reports on time"),
    ]


def row_values(row) -> list:
    cluster = row.cluster
    goals = "; ".join(
        f"{item.goal.display_name}: {item.progress.status_label}"
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
        number(row.effort.hours),
        number(row.effort.cost),
        row.effort.groups_text,
        str(row.assessment.label),
        row.assessment.explanation,
        row.reports.latest_text,
        row.reports.completeness_text,
        row.reports.on_time_text,
    ]


def table(rows) -> list:
    """The headers and each row's safe cells (a kept row's cells are built once per process: oversight/kept.py)."""
    return [headers(), *exported_cells(rows, lambda row: tuple(safe_cell(value) for value in row_values(row)))]
