"""The findings list and the review queues as tables for CSV and XLSX, headers in the user's language.

Each function returns the same rows as its page shows (the views pass the page's filtered rows), headers first,
every cell escaped against formulas.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from .exports import number, safe_cell


def _date(value):
    """A date cell (a date-time as its local day); the writer makes it a real date in XLSX and ISO text in CSV."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return value


def _percent(value) -> str:
    return "" if value is None else str(value)


def _escaped(header: list, rows: list[list]) -> list[list]:
    return [header, *[[safe_cell(value) for value in row] for row in rows]]


def findings_table(findings) -> list[list]:
    header = [
        _("Cluster"),
        _("Severity"),
        _("State"),
        _("Due date"),
        _("Overdue"),
        _("Finding"),
        _("Answer"),
        _("Raised in"),
    ]
    rows = []
    for finding in findings:
        if finding.work_plan_review_id:
            origin = _("Work plan review %(year)s") % {"year": finding.work_plan_review.year}
        elif finding.rebaseline_review_id:
            origin = _("Re-baselining query")
        else:
            origin = ""
        rows.append(
            [
                str(finding.cluster.name),
                str(finding.get_severity_display()),
                str(finding.get_state_display()),
                _date(finding.due_on),
                _("Yes") if finding.is_overdue else _("No"),
                finding.text,
                finding.answer,
                origin,
            ]
        )
    return _escaped(header, rows)


def plan_queue_table(rows) -> list[list]:
    header = [
        _("Cluster"),
        _("Year"),
        _("Approved by the board on"),
        _("Items"),
        _("Budget (₪)"),
        _("State"),
        _("Decided by"),
        _("Decided on"),
    ]
    values = []
    for row in rows:
        values.append(
            [
                str(row.cluster.name),
                row.year,
                _date(row.plan.approved_at) if row.plan else "",
                row.item_count if row.plan else "",
                number(row.budget) if row.plan else "",
                str(row.state_label),
                str(row.review.decided_by) if row.review else "",
                _date(row.review.decided_at) if row.review else "",
            ]
        )
    return _escaped(header, values)


def rebaseline_table(rows) -> list[list]:
    header = [
        _("Cluster"),
        _("Service"),
        _("Goal"),
        _("Old baseline"),
        _("New baseline"),
        _("Old baseline date"),
        _("New baseline date"),
        _("Progress before (%)"),
        _("Progress after (%)"),
        _("Reason"),
        _("Changed by"),
        _("Changed on"),
        _("State"),
    ]
    values = [
        [
            str(row.cluster.name),
            str(row.rebaseline.goal.service.name),
            row.rebaseline.goal.display_name,
            number(row.rebaseline.old_value),
            number(row.rebaseline.new_value),
            _date(row.rebaseline.old_on),
            _date(row.rebaseline.new_on),
            _percent(row.rebaseline.percent_before),
            _percent(row.rebaseline.percent_after),
            row.rebaseline.reason,
            str(row.rebaseline.changed_by),
            _date(row.rebaseline.changed_at),
            str(row.state_label),
        ]
        for row in rows
    ]
    return _escaped(header, values)


def strategy_queue_table(rows) -> list[list]:
    """The strategic plan versions the boards approved, with the referent's decision: the queue's rows."""
    header = [
        _("Cluster"),
        _("Plan"),
        _("Version"),
        _("First year"),
        _("Last year"),
        _("Approved by the board on"),
        _("State"),
        _("Decided by"),
        _("Decided on"),
    ]
    values = [
        [
            str(row.cluster.name),
            row.plan.title,
            row.plan.version,
            row.plan.starts_year,
            row.plan.ends_year,
            _date(row.plan.approved_at),
            str(row.state_label),
            str(row.review.decided_by) if row.review else "",
            _date(row.review.decided_at) if row.review else "",
        ]
        for row in rows
    ]
    return _escaped(header, values)


def engagement_summaries_table(summaries) -> list[list]:
    """The drill-down's engagements of the year: what clusters report, never the content of the advice."""
    header = [
        _("Advisor organisation"),
        _("Model"),
        _("Needs"),
        _("Goals served"),
        _("Approved hours"),
        _("Cost (₪)"),
        _("State"),
    ]
    rows = [
        [
            summary.organisation,
            summary.model,
            ", ".join(summary.needs),
            ", ".join(summary.goals_served),
            number(summary.approved_hours),
            number(summary.approved_cost),
            summary.state,
        ]
        for summary in summaries
    ]
    return _escaped(header, rows)
