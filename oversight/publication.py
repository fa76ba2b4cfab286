"""What of an accepted periodic report the cluster's CEO publishes: each section of its summary has a public
switch, off until the CEO turns it on. Nothing of the review (findings, steps, referents' notes) is ever public."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import record_event

from .models import PeriodicReport, ReportVersion
from .report_permissions import is_ceo_of

# section -> (field on PeriodicReport, label)
SECTIONS = {
    "narrative": ("is_narrative_public", _("Narrative")),
    "goals": ("is_goals_public", _("Goal figures")),
    "risks": ("is_risks_public", _("Risks")),
    "requests": ("is_requests_public", _("Requests to the ministry")),
}
ACCEPTED_STATES = (ReportVersion.State.ACCEPTED, ReportVersion.State.CONFIRMED)


class PublicationError(Exception):
    """Publishing refused; the message is translated."""


@dataclass(frozen=True)
class PublishedReport:
    """The public summary of a cluster's accepted report: only the sections the CEO published (None otherwise)."""

    report_id: int
    cluster_id: int
    period_start: date
    period_end: date
    version: int
    accepted_on: date | None
    narrative: str | None
    goals: list | None  # [{"service", "goal", "status", "percent", "current", "target"}] of published goals
    risks: str | None
    requests: str | None


def public_sections_of(report: PeriodicReport) -> set[str]:
    return {name for name, (field, _label) in SECTIONS.items() if getattr(report, field)}


@transaction.atomic
def publish_report_sections(*, report: PeriodicReport, sections, published_by: User, request=None) -> bool:
    """The cluster's CEO chooses the public sections of an accepted report's summary; audited when they change."""
    report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    if not is_ceo_of(published_by, report.cluster_id):
        raise PublicationError(_("Only the cluster's CEO publishes its reports."))
    if not report.versions.filter(state__in=ACCEPTED_STATES).exists():
        raise PublicationError(_("Only an accepted report can be published."))
    wanted = set(sections) & set(SECTIONS)
    if wanted == public_sections_of(report):
        return False
    for name, (field, _label) in SECTIONS.items():
        setattr(report, field, name in wanted)
    report.save(update_fields=[field for field, _label in SECTIONS.values()])
    record_event(
        action="report_published", actor=published_by, target=report, request=request, data={"sections": sorted(wanted)}
    )
    return True
