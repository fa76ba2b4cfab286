"""The red / amber / green status of a cluster: a pure function over plain facts, no database.

Rules (thresholds are settings, see config/settings/base.py `# oversight`):

- ``no_core_service`` (red): no core service is operating although the cluster was incorporated at least
  OVERSIGHT_CORE_SERVICE_GRACE_MONTHS months ago.
- ``core_service_count`` (amber): the programme's rule of CLUSTERS_MIN_CORE_SERVICES to CLUSTERS_MAX_CORE_SERVICES
  operating core services is broken: none operates (when ``no_core_service`` has not fired already and the cluster is
  past the forming stage: a warning ahead of the red rule, and the only one while the incorporation date is unknown)
  or more than the maximum operate.
- ``goals_off_track`` (red): at least one core-service goal is off track.
- ``goals_at_risk`` (amber): at least one core-service goal is at risk.
- ``no_recent_measurement`` (amber): the cluster has goals but none was measured for the last complete quarter
  or later.
- ``ceo_vacant`` (amber): the CEO seat has been vacant for more than OVERSIGHT_CEO_VACANCY_DAYS days.
- ``work_plan_late`` (amber): this year's work plan is not approved by the board although the due date
  (OVERSIGHT_WORK_PLAN_DUE_MONTH / OVERSIGHT_WORK_PLAN_DUE_DAY of the plan year) has passed.
- ``findings_overdue`` (amber): open findings of a referent are past their due date.
- ``report_overdue`` (amber; red when the oldest overdue report is more than OVERSIGHT_REPORT_OVERDUE_RED_DAYS
  days late): a reporting period's due date has passed without a submitted periodic report (see
  oversight/reports.py for periods and due dates).
- ``response_worsening`` (amber): a service's cluster-wide median time to first response rose in each of the last
  OVERSIGHT_RESPONSE_WORSENING_MONTHS complete months, each time by at least OVERSIGHT_RESPONSE_WORSENING_PERCENT
  percent (computed from the residents' inquiries, see quality.selectors.worsening_response_by_cluster).

- ``budget_burn_off_plan`` (amber): this year's work plan has spent far more or far less of its budget than the
  time elapsed on its lines calls for: more than OVERSIGHT_BURN_OVER_MARGIN above, or more than
  OVERSIGHT_BURN_UNDER_MARGIN below (shares of the budget; see oversight/spending.py).
- ``pilot_review_missed`` (amber): a pilot's decision review (CLUSTERS_PILOT_REVIEW_MONTHS after its start) has
  passed without a decision to continue, scale up or stop it.

The status is red when a red rule fires, amber when only amber rules fire, green otherwise.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clusters.progress import AT_RISK, OFF_TRACK

GREEN, AMBER, RED = "green", "amber", "red"
STATUS_LABELS = {GREEN: _("Green"), AMBER: _("Amber"), RED: _("Red")}
STATUS_ORDER = {RED: 0, AMBER: 1, GREEN: 2}


@dataclass(frozen=True)
class Thresholds:
    core_service_grace_months: int = 12
    ceo_vacancy_days: int = 60
    work_plan_due_month: int = 3
    work_plan_due_day: int = 31
    report_overdue_red_days: int = 30
    response_worsening_months: int = 2
    min_core_services: int = 1
    max_core_services: int = 2
    burn_over_margin: Decimal = Decimal("0.15")
    burn_under_margin: Decimal = Decimal("0.30")


@dataclass(frozen=True)
class ClusterFacts:
    """What the rules read about one cluster."""

    today: date
    incorporated_on: date | None = None
    is_forming: bool = False
    operating_core_services: int = 0
    goal_statuses: list = field(default_factory=list)  # clusters.progress statuses of core-service goals
    latest_measurement_on: date | None = None  # period start of the latest measurement of any goal
    ceo_vacant_since: date | None = None
    work_plan_status: str | None = None  # this year's plan: None, "draft", "board_review" or "approved"
    overdue_findings: int = 0
    overdue_reports: int = 0  # due periods without a submitted periodic report
    oldest_overdue_report_due_on: date | None = None
    worsening_services: list = field(default_factory=list)  # names of services whose response time rose
    missed_pilot_reviews: list = field(default_factory=list)  # review due dates of undecided pilots now past
    burn_share: Decimal | None = None  # this year's work plan: spent as a share of its budget
    expected_burn_share: Decimal | None = None  # ... and the share the time elapsed calls for


@dataclass(frozen=True)
class Fired:
    code: str
    level: str
    message: str


@dataclass(frozen=True)
class Assessment:
    status: str
    fired: list

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def explanation(self) -> str:
        return "; ".join(str(rule.message) for rule in self.fired)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))


def last_quarter_start(today: date) -> date:
    """The first day of the last complete quarter before `today`'s quarter."""
    quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    return _add_months(quarter_start, -3)


def _day(day: date) -> str:
    """A date as the reader's language writes it (the messages are built in the active language)."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _percent(share: Decimal) -> str:
    return f"{int((share * 100).to_integral_value())}%"


def assess(facts: ClusterFacts, thresholds: Thresholds | None = None) -> Assessment:
    """Apply every rule to the facts; returns the status and the rules that fired with their numbers."""
    thresholds = thresholds or Thresholds()
    today = facts.today
    fired = []

    if facts.incorporated_on and facts.operating_core_services == 0:
        months = (today.year - facts.incorporated_on.year) * 12 + today.month - facts.incorporated_on.month
        if today.day < facts.incorporated_on.day:
            months -= 1
        if months >= thresholds.core_service_grace_months:
            message = ngettext(
                "No core service is operating, %(months)d month after incorporation (limit %(limit)d).",
                "No core service is operating, %(months)d months after incorporation (limit %(limit)d).",
                months,
            ) % {"months": months, "limit": thresholds.core_service_grace_months}
            fired.append(Fired("no_core_service", RED, message))

    if (
        facts.operating_core_services < thresholds.min_core_services
        and not facts.is_forming
        and not any(rule.code == "no_core_service" for rule in fired)
    ):
        message = _("No core service is operating; the programme expects %(low)d to %(high)d.") % {
            "low": thresholds.min_core_services,
            "high": thresholds.max_core_services,
        }
        fired.append(Fired("core_service_count", AMBER, message))
    elif facts.operating_core_services > thresholds.max_core_services:
        message = _("%(count)d core services are operating; the programme expects %(low)d to %(high)d.") % {
            "count": facts.operating_core_services,
            "low": thresholds.min_core_services,
            "high": thresholds.max_core_services,
        }
        fired.append(Fired("core_service_count", AMBER, message))

    off_track = sum(1 for status in facts.goal_statuses if status == OFF_TRACK)
    if off_track:
        message = ngettext(
            "%(count)d of %(total)d goals is off track.", "%(count)d of %(total)d goals are off track.", off_track
        ) % {"count": off_track, "total": len(facts.goal_statuses)}
        fired.append(Fired("goals_off_track", RED, message))
    at_risk = sum(1 for status in facts.goal_statuses if status == AT_RISK)
    if at_risk:
        message = ngettext(
            "%(count)d of %(total)d goals is at risk.", "%(count)d of %(total)d goals are at risk.", at_risk
        ) % {"count": at_risk, "total": len(facts.goal_statuses)}
        fired.append(Fired("goals_at_risk", AMBER, message))

    period_start = last_quarter_start(today)
    if facts.goal_statuses and (facts.latest_measurement_on is None or facts.latest_measurement_on < period_start):
        if facts.latest_measurement_on is None:
            message = _("No goal has any measurement (expected one from %(start)s).") % {"start": _day(period_start)}
        else:
            message = _("The latest measurement is for %(latest)s; expected one from %(start)s.") % {
                "latest": _day(facts.latest_measurement_on),
                "start": _day(period_start),
            }
        fired.append(Fired("no_recent_measurement", AMBER, message))

    if facts.ceo_vacant_since:
        days = (today - facts.ceo_vacant_since).days
        if days > thresholds.ceo_vacancy_days:
            message = _("The CEO seat has been vacant for %(days)d days (limit %(limit)d).") % {
                "days": days,
                "limit": thresholds.ceo_vacancy_days,
            }
            fired.append(Fired("ceo_vacant", AMBER, message))

    due = date(today.year, thresholds.work_plan_due_month, thresholds.work_plan_due_day)
    if today > due and facts.work_plan_status != "approved":
        message = _("The %(year)d work plan is not approved; it was due on %(due)s (%(days)d days ago).") % {
            "year": today.year,
            "due": _day(due),
            "days": (today - due).days,
        }
        fired.append(Fired("work_plan_late", AMBER, message))

    if facts.overdue_findings:
        message = ngettext(
            "%(count)d open finding is past its due date.",
            "%(count)d open findings are past their due date.",
            facts.overdue_findings,
        ) % {"count": facts.overdue_findings}
        fired.append(Fired("findings_overdue", AMBER, message))

    if facts.overdue_reports and facts.oldest_overdue_report_due_on:
        days = (today - facts.oldest_overdue_report_due_on).days
        message = ngettext(
            "%(count)d periodic report is overdue; the oldest was due on %(due)s (%(days)d days ago).",
            "%(count)d periodic reports are overdue; the oldest was due on %(due)s (%(days)d days ago).",
            facts.overdue_reports,
        ) % {"count": facts.overdue_reports, "due": _day(facts.oldest_overdue_report_due_on), "days": days}
        level = RED if days > thresholds.report_overdue_red_days else AMBER
        fired.append(Fired("report_overdue", level, message))

    if facts.worsening_services:
        message = ngettext(
            "The response time of %(services)s worsened %(months)d months running.",
            "The response times of %(services)s worsened %(months)d months running.",
            len(facts.worsening_services),
        ) % {"services": ", ".join(facts.worsening_services), "months": thresholds.response_worsening_months}
        fired.append(Fired("response_worsening", AMBER, message))
    if facts.burn_share is not None and facts.expected_burn_share is not None:
        values = {"spent": _percent(facts.burn_share), "expected": _percent(facts.expected_burn_share)}
        if facts.burn_share - facts.expected_burn_share > thresholds.burn_over_margin:
            message = (
                _(
                    "The work plan has spent %(spent)s of its budget; the time elapsed calls for %(expected)s "
                    "(overspending)."
                )
                % values
            )
            fired.append(Fired("budget_burn_off_plan", AMBER, message))
        elif facts.expected_burn_share - facts.burn_share > thresholds.burn_under_margin:
            message = (
                _(
                    "The work plan has spent %(spent)s of its budget; the time elapsed calls for %(expected)s "
                    "(underspending)."
                )
                % values
            )
            fired.append(Fired("budget_burn_off_plan", AMBER, message))

    if facts.missed_pilot_reviews:
        oldest = min(facts.missed_pilot_reviews)
        message = ngettext(
            "%(count)d pilot's decision review is overdue; the oldest was due on %(due)s.",
            "%(count)d pilots' decision reviews are overdue; the oldest was due on %(due)s.",
            len(facts.missed_pilot_reviews),
        ) % {"count": len(facts.missed_pilot_reviews), "due": _day(oldest)}
        fired.append(Fired("pilot_review_missed", AMBER, message))

    levels = {rule.level for rule in fired}
    status = RED if RED in levels else AMBER if AMBER in levels else GREEN
    return Assessment(status, fired)
