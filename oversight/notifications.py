"""Who hears about each step of a review, by email in their own language, after the step is committed.

- A report submitted or resubmitted: the cluster's Interior referents (the head referents when it has none).
- A report returned with findings, accepted or confirmed: the cluster's CEO; an accepted report also goes to the
  cluster's Treasury referents where their confirmation is configured.
- A work plan approved or returned with findings: the cluster's CEO.
- A strategic plan version approved or returned with findings: the cluster's CEO.
- A finding raised on its own: the cluster's CEO.

Tasks take ids and read the current state; each email is owed to the outbox once per step and recipient, so running
a task twice sends nothing twice; a missing row sends nothing.
"""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from clusters.models import Cluster
from clusters.selectors import leadership
from outbox.services import send_email

from .models import Finding, ReportStep, ReportVersion, StrategicPlanReview, WorkPlanReview

REPORT_SUBJECTS = {
    ReportStep.Action.SUBMIT: _("A periodic report was submitted for your review"),
    ReportStep.Action.RESUBMIT: _("A returned periodic report was submitted again"),
    ReportStep.Action.RETURN: _("Your periodic report was returned with findings"),
    ReportStep.Action.ACCEPT: _("A periodic report was accepted"),
    ReportStep.Action.CONFIRM: _("Your periodic report was confirmed by the Treasury"),
}


def referents_of(cluster: Cluster, role: str) -> list[User]:
    """People holding `role` for the cluster today; for the Interior role, the head referents when there is none."""
    ids = RoleAssignment.objects.active().of_roles([role]).for_scope(cluster).values("user_id")
    people = list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    if not people and role == Role.REFERENT_INTERIOR:
        ids = RoleAssignment.objects.active().of_roles([Role.HEAD_REFERENT]).values("user_id")
        people = list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    return people


@transaction.atomic
def _send(people, subject, *, cluster: Cluster, message: str, path: str, cause: str) -> int:
    sent = 0
    for person in people:
        if person is None or not person.email:
            continue
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            context = {
                "person": person,
                "cluster": cluster,
                "message": str(message),
                "link": f"{settings.PLATFORM_URL}{path}",
            }
            body = render_to_string("emails/oversight/notice_body.txt", context)
            send_email(key=f"{cause}:{person.pk}", to=person.email, subject=str(subject), body=body)
        sent += 1
    return sent


@shared_task
def notify_report_step(version_id: int, action: str) -> int:
    version = ReportVersion.objects.select_related("report__cluster").filter(pk=version_id).first()
    if version is None or action not in REPORT_SUBJECTS:
        return 0
    cluster = version.report.cluster
    path = reverse("oversight:report", args=[version.report_id])
    if action in (ReportStep.Action.SUBMIT, ReportStep.Action.RESUBMIT):
        people = referents_of(cluster, Role.REFERENT_INTERIOR)
    else:
        people = [leadership(cluster=cluster).ceo]
        if action == ReportStep.Action.ACCEPT and settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION:
            people += referents_of(cluster, Role.REFERENT_TREASURY)
    subject = REPORT_SUBJECTS[action]
    cause = f"report-step:{version.pk}:{action}"
    return _send(people, subject, cluster=cluster, message=subject, path=path, cause=cause)


@shared_task
def notify_work_plan_decision(review_id: int) -> int:
    review = WorkPlanReview.objects.select_related("cluster").filter(pk=review_id).first()
    if review is None:
        return 0
    if review.decision == WorkPlanReview.Decision.APPROVED:
        subject = _("Your work plan was approved by oversight")
    else:
        subject = _("Your work plan was returned with findings")
    path = reverse("oversight:review_outcome", args=[review.pk])
    ceo = leadership(cluster=review.cluster).ceo
    cause = f"work-plan-decision:{review.pk}"
    return _send([ceo], subject, cluster=review.cluster, message=subject, path=path, cause=cause)


@shared_task
def notify_strategic_plan_decision(review_id: int) -> int:
    """The cluster's CEO hears of the referent's decision on a strategic plan version: approved (a link to the
    version) or returned (a link to the findings to answer)."""
    review = StrategicPlanReview.objects.select_related("cluster").filter(pk=review_id).first()
    if review is None:
        return 0
    if review.decision == StrategicPlanReview.Decision.APPROVED:
        subject = _("Your strategic plan was approved by oversight")
        path = reverse("clusters:strategic_plan_version", args=[review.plan_id])
    else:
        subject = _("Your strategic plan was returned with findings")
        path = reverse("oversight:findings")
    ceo = leadership(cluster=review.cluster).ceo
    cause = f"strategic-plan-decision:{review.pk}"
    return _send([ceo], subject, cluster=review.cluster, message=subject, path=path, cause=cause)


@shared_task
def notify_finding_raised(finding_id: int) -> int:
    finding = Finding.objects.select_related("cluster").filter(pk=finding_id).first()
    if finding is None:
        return 0
    subject = _("A referent raised a finding on your cluster")
    return _send(
        [leadership(cluster=finding.cluster).ceo],
        subject,
        cluster=finding.cluster,
        message=finding.text,
        path=reverse("oversight:findings"),
        cause=f"finding-raised:{finding.pk}",
    )
