"""The referents' reports table as CSV and XLSX, with the page's columns and headers in the user's language."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .exports import safe_cell


def headers() -> list[str]:
    return [_("Cluster"), _("Period"), _("Due date"), _("Version"), _("State"), _("First submitted"), _("On time")]


def row_values(row) -> list:
    report, latest, period = row
    submitted = report.first_submitted_at
    on_time = {None: "", True: _("Yes"), False: _("No")}[report.is_submitted_on_time]
    return [
        str(report.cluster.name),
        period.label,
        period.due_on,
        latest.number,
        str(latest.get_state_display()),
        timezone.localtime(submitted).date() if submitted else "",
        str(on_time),
    ]


def table(rows) -> list[list]:
    return [headers(), *[[safe_cell(value) for value in row_values(row)] for row in rows]]
