from django.db import migrations


def push_decisions(apps, schema_editor):
    """Each work plan learns the ministry's latest decision on it, as reviews now tell it when they are made."""
    WorkPlan = apps.get_model("clusters", "WorkPlan")
    WorkPlanReview = apps.get_model("oversight", "WorkPlanReview")
    Finding = apps.get_model("oversight", "Finding")
    seen = set()
    for review in WorkPlanReview.objects.order_by("-decided_at", "-pk"):
        if review.plan_id in seen:
            continue
        seen.add(review.plan_id)
        WorkPlan.objects.filter(pk=review.plan_id).update(
            ministry_decision=review.decision,
            ministry_decided_at=review.decided_at,
            ministry_reviewed_approval_at=review.plan_approved_at,
            ministry_findings=Finding.objects.filter(work_plan_review_id=review.pk).count(),
            ministry_review_id=review.pk,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0009_merge_20261206_2242"),
        ("clusters", "0007_work_plan_ministry_decision"),
    ]

    operations = [migrations.RunPython(push_decisions, migrations.RunPython.noop)]
