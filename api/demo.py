"""Demo publication: the CEO's demo cluster publishes its active goals, its strategic plan, its service-quality
measures and the summary of its accepted report."""

from accounts.demo import demo_user
from clusters import selectors as cluster_selectors
from clusters import services as cluster_services
from clusters.permissions import clusters_visible_to
from oversight import publication
from oversight import selectors as oversight_selectors


def seed(*, stdout) -> None:
    ceo = demo_user("ceo@demo.test")
    cluster = clusters_visible_to(ceo).order_by("cbs_code").first()
    if cluster is None:
        return
    goals = cluster_selectors.goals_for_publication(cluster=cluster)
    if any(goal.is_public for goal in goals):
        return
    published = [goal.pk for goal in goals if goal.is_active][:3] or [goal.pk for goal in goals][:3]
    cluster_services.publish_goals(cluster=cluster, public_goal_ids=published, published_by=ceo)
    # The strategic plan and the service-quality measures too; the budgets stay private.
    cluster_services.publish_cluster_parts(
        cluster=cluster,
        switches={"is_strategic_plan_public": True, "is_quality_public": True},
        published_by=ceo,
    )
    reports = oversight_selectors.accepted_reports_for_publication(cluster_id=cluster.pk)
    for report in reports[:1]:
        publication.publish_report_sections(report=report, sections=["narrative", "goals"], published_by=ceo)
    stdout.write(f"api: {len(published)} public goals and {len(reports[:1])} public report summary of the demo cluster")
